"""The cover: who issues the briefing, its title, edition and date, who may receive it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..render.assemble import Assembly
from ..render.context import Chapter, TocEntry
from .base import Section


@dataclass
class CoverChapter(Chapter):
    """The cover's lines; the title is the Chapter's."""

    publisher: str
    subtitle: str
    edition: str
    date: str
    distribution: str


@dataclass
class Cover(Section):
    """The cover."""

    kind: ClassVar[str] = "cover"
    title: ClassVar[str] = ""  # the briefing's own title is printed
    template: ClassVar[str] = "cover.html.j2"
    front: ClassVar[bool] = True

    def chapter(self, assembly: Assembly) -> CoverChapter:
        report = assembly.project.report
        messages = assembly.messages
        return CoverChapter(self.template, self.anchor, report.title, report.publisher,
                            report.subtitle,
                            messages.gettext("Edition %(number)s", number=report.edition),
                            messages.date(report.date), report.distribution)

    def contents(self, chapter: Chapter) -> list[TocEntry]:
        return []
