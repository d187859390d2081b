"""The bibliography: every source, with the text used and the reasoning for what is inferred."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..content.folders import SEEDS
from ..render import citation_style
from ..render.assemble import Assembly, source_anchor
from ..render.context import Chapter
from .base import Section


@dataclass
class BibEntry:
    """A bibliography entry with its anchor, link and inference notes."""

    anchor: str
    text: str
    url: str
    seed: str
    inferred: list[str]


@dataclass
class BibliographyChapter(Chapter):
    """The entries, by first author then title."""

    entries: list[BibEntry]


@dataclass
class Bibliography(Section):
    """The bibliography."""

    kind: ClassVar[str] = "bibliography"
    title: ClassVar[str] = "Bibliography"
    template: ClassVar[str] = "bibliography.html.j2"

    def chapter(self, assembly: Assembly) -> BibliographyChapter:
        sources = sorted(assembly.project.sources, key=citation_style.sort_key)
        entries = [BibEntry(source_anchor(source.id), citation_style.bibliography_text(source),
                            source.URL, (SEEDS / source.file).as_posix(),
                            [f"{name}: {reason}" for name, reason in source.inferred.items()])
                   for source in sources]
        return BibliographyChapter(self.template, self.kind, assembly.project.heading(self),
                                   entries)
