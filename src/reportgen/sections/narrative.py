"""A narrative section: a heading and cited paragraphs, with sub-headings if wanted.

A briefing may have any number of them (background, analysis, the humanitarian
situation…), each in its own file, which report.yaml names:

    sections:
      - kind: narrative
        file: background.yaml

With `insert: true` the section is printed in the translated inserts too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from ..content.catalogs import Translatable
from ..content.messages import N_, Messages
from ..content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from ..errors import Collector, Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter
from .base import (
    Comparison,
    InsertPart,
    Section,
    Translate,
    ordered_changes,
)

NARRATIVE_FILE = ContentFile(None, "narrative file")
PARAGRAPH, SUB_HEADING = N_("Paragraph %(number)s"), N_("Sub-heading %(number)s")
BACKGROUND = N_("Background")  # the heading `reportgen init` suggests


@dataclass
class Block:
    """A paragraph with its citations, or a sub-heading."""

    what: ClassVar[str] = "narrative paragraph"

    text: str = spec("the paragraph", default="")
    cite: list[Citation] = spec("the passages it rests on", default_factory=list)
    heading: str = spec("a sub-heading, in place of a paragraph", default="")
    position: Position = NOWHERE


@dataclass
class Printed:
    """A paragraph with its notes, or a sub-heading, as printed."""

    text: str
    notes: list[Any]
    heading: str


@dataclass
class NarrativeChapter(Chapter):
    """The narrative's blocks, in order."""

    blocks: list[Printed]


@dataclass
class Narrative(Section):
    """A narrative section."""

    kind: ClassVar[str] = "narrative"
    title: ClassVar[str] = ""  # each narrative's heading is its file's 'title'
    template: ClassVar[str] = "narrative.html.j2"
    example: ClassVar[str] = """\
# A narrative section: a heading and paragraphs, each citing the passages it rests on,
# with sub-headings between them if wanted.
title: {title}
paragraphs: []
#  - text: A paragraph, in the briefing's words.
#    cite:
#      - source: first-source
#        quote: the exact words it rests on
#  - heading: A sub-heading
"""

    heading: str = part(NARRATIVE_FILE, "the section's heading", key="title")
    paragraphs: list[Block] = part(NARRATIVE_FILE, "its paragraphs, each cited, and any "
                                                   "sub-headings between them")

    @classmethod
    def example_for(cls, messages: Messages) -> str:
        return cls.example.format(title=messages.gettext(BACKGROUND))

    @property
    def anchor(self) -> str:
        return f"narrative-{Path(self.entry.file).stem}"

    def default_heading(self, messages: Messages) -> str:
        return self.heading

    def changes_heading(self, project: Project) -> str:
        return project.heading(self)

    def check(self, project: Project, problems: Collector) -> None:
        for block in self.paragraphs:
            if bool(block.text) == bool(block.heading):
                problems.add(block.position, "a paragraph has a 'text' or a 'heading', and "
                                             "only one", "Split it in two, or remove one.")
            elif block.text and not block.cite:
                problems.add(block.position, "this paragraph has no 'cite' (the passages it "
                                             "rests on)",
                             "Every statement of the briefing cites a verbatim passage of a "
                             "source: add a line 'cite: …'.")
            elif block.heading and block.cite:
                problems.add(block.position, "a sub-heading cites nothing",
                             "Move the 'cite' to the paragraph it supports.")

    def chapter(self, assembly: Assembly) -> NarrativeChapter:
        blocks = [Printed(block.text, assembly.notes.cite(block.cite), block.heading)
                  for block in self.paragraphs]
        return NarrativeChapter(self.template, self.anchor, assembly.project.heading(self),
                                blocks)

    def translatables(self, heading: str) -> list[Translatable]:
        if not self.entry.insert:
            return []
        return [Translatable(f"{self.anchor}/title", heading, f"heading of '{heading}'"),
                *(Translatable(f"{self.anchor}/{number}", block.text or block.heading,
                               f"'{heading}', {'sub-heading' if block.heading else 'paragraph'} "
                               f"{number}")
                  for number, block in enumerate(self.paragraphs, 1))]

    def insert_part(self, heading: str, translate: Translate) -> InsertPart | None:
        if not self.entry.insert:
            return None
        texts = [replace(translate(block.text or block.heading), heading=bool(block.heading))
                 for block in self.paragraphs]
        return InsertPart(translate(heading), texts, [], [])

    def snapshot(self, project: Project) -> list[dict[str, Any]]:
        """Each paragraph as its text, each sub-heading as its text marked a heading."""
        return [{"text": block.text} if block.text else {"text": block.heading, "heading": True}
                for block in self.paragraphs]

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        words = Comparison(project.messages)
        return ordered_changes(before or [], now, lambda number, item: words.messages.gettext(
            SUB_HEADING if item.get("heading") else PARAGRAPH, number=number), words)
