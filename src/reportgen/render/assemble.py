"""Assemble stage: the validated project becomes the templates' context.

Everything the templates print is decided here or by the sections' units: order,
footnote numbers (in the order the briefing prints the sections), date wording, the
font of each language and the state of each translation. Each section makes its own
Chapter; the contents, which list every other section, are made last.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from ..content.model import Citation, Project
from ..content.theme import Theme
from ..verify.citations import VerifiedCitations
from . import citation_style
from .context import Chapter, Context, Meta, Note, TocEntry


class Notes:
    """Numbers footnotes in the order the briefing prints them."""

    def __init__(self, project: Project, citations: VerifiedCitations) -> None:
        self.project = project
        self.citations = citations
        self.count = 0

    def cite(self, cited: list[Citation]) -> list[Note]:
        """A note for each citation: the source's note form at the verified locator."""
        return [self.note(citation_style.note_text(self.project.source(c.source),
                                                   str(self.citations.locate(c))),
                          source_anchor(c.source)) for c in cited]

    def note(self, text: str, target: str = "") -> Note:
        """The next note, with its text and the anchor it links to."""
        self.count += 1
        return Note(self.count, text, target)


def source_anchor(source_id: str) -> str:
    """The id of a source's bibliography entry."""
    return f"bib-{source_id}"


@dataclass
class Assembly:
    """What a section needs to make its Chapter: the content, the notes so far, the theme."""

    project: Project
    citations: VerifiedCitations
    theme: Theme
    notes: Notes
    contents: list[TocEntry] = field(default_factory=list)  # known once the others are made

    def families(self, language: str) -> str:
        """The CSS font-family list the theme sets for a language."""
        return ", ".join(f'"{family}"' for family in self.theme.font_for(language).families)


class Printed(Protocol):
    """What assembling needs of a section unit (sections/base.py)."""

    front: ClassVar[bool]
    lists_contents: ClassVar[bool]

    def chapter(self, assembly: Assembly) -> Chapter | None: ...

    def contents(self, chapter: Any) -> list[TocEntry]: ...


def assemble(project: Project, citations: VerifiedCitations, theme: Theme) -> Context:
    """Turn the project into the context the main template prints."""
    assembly = Assembly(project, citations, theme, Notes(project, citations))
    sections: list[Printed] = project.sections
    chapters = {id(s): s.chapter(assembly) for s in sections if not s.lists_contents}
    assembly.contents = [entry for section in sections if chapters.get(id(section))
                         for entry in section.contents(chapters[id(section)])]
    chapters.update({id(s): s.chapter(assembly) for s in sections if s.lists_contents})
    printed = [(section, chapter) for section in sections
               if (chapter := chapters[id(section)]) is not None]
    report = project.report
    return Context(
        meta=Meta(report.title, report.authors, report.subject, ", ".join(report.keywords),
                  report.language, report.date.iso()),
        font_family=assembly.families(report.language), stylesheets=theme.stylesheets,
        front=[chapter for section, chapter in printed if section.front],
        body=[chapter for section, chapter in printed if not section.front])
