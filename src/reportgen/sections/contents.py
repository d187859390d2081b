"""The contents: a line per section (and per named part), with the page it starts on."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..content.messages import N_
from ..render.assemble import Assembly
from ..render.context import Chapter, TocEntry
from .base import Section


@dataclass
class ContentsChapter(Chapter):
    """The lines of the contents; the page numbers are read from where each lands."""

    entries: list[TocEntry]


@dataclass
class Contents(Section):
    """The table of contents."""

    kind: ClassVar[str] = "contents"
    title: ClassVar[str] = N_("Contents")
    template: ClassVar[str] = "contents.html.j2"
    front: ClassVar[bool] = True
    lists_contents: ClassVar[bool] = True

    def chapter(self, assembly: Assembly) -> ContentsChapter:
        return ContentsChapter(self.template, self.anchor, assembly.project.heading(self),
                               assembly.contents)

    def contents(self, chapter: Chapter) -> list[TocEntry]:
        return []
