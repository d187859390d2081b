"""The bibliography: every source, with the text used and the reasoning for what is inferred.

It is printed whenever the briefing cites anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..content.folders import SEEDS
from ..content.messages import N_
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
    title: ClassVar[str] = N_("Bibliography")
    template: ClassVar[str] = "bibliography.html.j2"

    def chapter(self, assembly: Assembly) -> BibliographyChapter | None:
        project, messages = assembly.project, assembly.messages
        if not project.citations():
            return None
        entries = [BibEntry(source_anchor(source.id),
                            citation_style.bibliography_text(source, messages), source.URL,
                            messages.gettext("Text used: %(file)s",
                                             file=(SEEDS / source.file).as_posix()),
                            [messages.gettext("Inferred %(field)s: %(reason)s", field=name,
                                              reason=reason)
                             for name, reason in source.inferred.items()])
                   for source in sorted(project.sources, key=citation_style.sort_key)]
        return BibliographyChapter(self.template, self.anchor, project.heading(self), entries)
