"""The recommendations, each attributed to whoever makes it in the sources, if anyone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content.catalogs import Translatable
from ..content.messages import N_
from ..content.model import NOWHERE, Citation, Project, part, spec
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
from .summary import EXECUTIVE_FILE


@dataclass
class Recommendation:
    """A recommendation, attributed to whoever makes it in the sources, if anyone."""

    what: ClassVar[str] = "recommendation"

    text: str = spec("what is recommended")
    cite: list[Citation] = spec("where the sources recommend it")
    by: str = spec("who recommends it, as the source names them (left out when the briefing "
                   "recommends it itself)", default="")
    position: Position = NOWHERE


@dataclass
class RecommendationsChapter(Chapter):
    """The recommendations as printed, each with its notes and who makes it."""

    items: list[Cited]


@dataclass
class Recommendations(Section):
    """The recommendations."""

    kind: ClassVar[str] = "recommendations"
    title: ClassVar[str] = N_("Recommendations")
    template: ClassVar[str] = "recommendations.html.j2"
    example: ClassVar[str] = """\
# The recommendations, each attributed to whoever makes it in the sources.
recommendations: []
#  - text: What is recommended.
#    cite:
#      - source: first-source
#        quote: the exact words in which the source recommends it
#    by: who recommends it, as the source names them (leave out for your own)
"""

    recommendations: list[Recommendation] = part(EXECUTIVE_FILE, "the recommendations")

    def chapter(self, assembly: Assembly) -> RecommendationsChapter:
        items = [Cited(item.text, assembly.notes.cite(item.cite), item.by)
                 for item in self.recommendations]
        return RecommendationsChapter(self.template, self.anchor,
                                      assembly.project.heading(self), items)

    def translatables(self, heading: str) -> list[Translatable]:
        return [Translatable("recommendations/title", heading,
                             "heading of the recommendations"),
                *(Translatable(f"recommendations/{number}", item.text,
                               f"recommendation {number}")
                  for number, item in enumerate(self.recommendations, 1))]

    def insert_part(self, heading: str, translate: Translate) -> InsertPart:
        return InsertPart(translate(heading), [],
                          [translate(item.text, item.by) for item in self.recommendations], [])

    def snapshot(self, project: Project) -> list[dict[str, Any]]:
        return content_records(self)

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        words = Comparison(project.messages)
        return ordered_changes(before or [], now, lambda number, _: words.messages.gettext(
            "Recommendation %(number)s", number=number), words)
