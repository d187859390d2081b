"""The executive summary: a page of cited paragraphs, translated in the inserts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content.catalogs import Translatable
from ..content.folders import REPORT
from ..content.messages import N_
from ..content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from ..errors import Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Cited
from .base import (
    Comparison,
    InsertPart,
    Section,
    Translate,
    content_records,
    ordered_changes,
)

EXECUTIVE_FILE = ContentFile(REPORT / "executive-summary.yaml", "executive summary file")


@dataclass
class Paragraph:
    """A cited paragraph of the executive summary."""

    what: ClassVar[str] = "paragraph"

    text: str = spec("the paragraph")
    cite: list[Citation] = spec("the passages it rests on")
    position: Position = NOWHERE


@dataclass
class SummaryChapter(Chapter):
    """The executive summary as printed: paragraphs with their notes."""

    paragraphs: list[Cited]


@dataclass
class ExecutiveSummary(Section):
    """The executive summary."""

    kind: ClassVar[str] = "summary"
    title: ClassVar[str] = N_("Executive summary")
    template: ClassVar[str] = "summary.html.j2"
    example: ClassVar[str] = """\
# The executive summary: a page at most, each paragraph citing the passages of the
# sources it rests on (copied verbatim: the build checks they are there).
summary: []
#  - text: What the briefing finds, in its own words.
#    cite:
#      - source: first-source         # a source's id, from report/sources.yaml
#        quote: the exact words of the source, copied from it
"""

    summary: list[Paragraph] = part(EXECUTIVE_FILE, "the executive summary's paragraphs")

    def chapter(self, assembly: Assembly) -> SummaryChapter:
        return SummaryChapter(self.template, self.anchor, assembly.project.heading(self),
                              [Cited(p.text, assembly.notes.cite(p.cite)) for p in self.summary])

    def translatables(self, heading: str) -> list[Translatable]:
        return [Translatable("summary/title", heading, "heading of the executive summary"),
                *(Translatable(f"summary/{number}", paragraph.text,
                               f"executive summary, paragraph {number}")
                  for number, paragraph in enumerate(self.summary, 1))]

    def insert_part(self, heading: str, translate: Translate) -> InsertPart:
        return InsertPart(translate(heading), [translate(p.text) for p in self.summary],
                          [], [])

    def snapshot(self, project: Project) -> list[dict[str, Any]]:
        return content_records(self)

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        words = Comparison(project.messages)
        return ordered_changes(before or [], now, lambda number, _: words.messages.gettext(
            "Paragraph %(number)s", number=number), words)
