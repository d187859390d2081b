"""Assemble stage: the validated project becomes the templates' context.

Everything the templates print is decided here or by the sections' units: order,
footnote numbers (in the order the briefing prints the sections), date wording, the
font of each language and the state of each translation. Each section makes its own
Chapter; the contents, which list every other section, are made last.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from markupsafe import Markup

from ..content.messages import Messages
from ..content.model import Citation, Project
from ..content.theme import Stylesheet, Theme
from ..verify.citations import VerifiedCitations
from . import citation_style
from .context import Chapter, Context, Meta, Note, Sheet, TocEntry


class Notes:
    """Numbers footnotes in the order the briefing prints them."""

    def __init__(self, project: Project, citations: VerifiedCitations) -> None:
        self.project = project
        self.citations = citations
        self.count = 0
        self.cited: set[str] = set()  # sources cited so far: later notes are short

    def cite(self, cited: list[Citation]) -> list[Note]:
        """A note for each citation: the source's full note the first time, then short."""
        return [self.note(self._text(citation), source_anchor(citation.source))
                for citation in cited]

    def _text(self, citation: Citation) -> str:
        source = self.project.source(citation.source)
        form = (citation_style.short_note_text if source.id in self.cited else
                citation_style.note_text)
        self.cited.add(source.id)
        messages = self.project.messages
        return form(source, citation_style.locator_text(self.citations.locate(citation),
                                                        messages), messages)

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

    @property
    def messages(self) -> Messages:
        """reportgen's words, dates and names in the briefing's language."""
        return self.project.messages

    def font_properties(self, language: str, prefix: str = "", then: str = "") -> str:
        """CSS custom properties with the font-family lists the theme sets for a language,
        followed by those of the language `then` if given.

        The stylesheets set text in var(--text) and headings in var(--headings); the
        briefing's own language's are also --original-text and --original-headings, for its
        words inside a translated insert. An insert's lists end with the briefing's
        families, for the names and words it prints untranslated.
        """
        choices = [self.theme.font_for(code) for code in (language, then) if code]
        text = _families(family for choice in choices for family in choice.families)
        headings = _families(family for choice in choices
                             for family in choice.headings or choice.families)
        return f"--{prefix}text: {text}; --{prefix}headings: {headings}"


def _families(names: Iterable[str]) -> str:
    return ", ".join(f'"{family}"' for family in dict.fromkeys(names))


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
    report, messages = project.report, project.messages
    return Context(
        meta=Meta(report.title, report.authors, report.subject, ", ".join(report.keywords),
                  report.language, messages.direction, report.date.iso()),
        fonts=Markup(f"{assembly.font_properties(report.language)}; "
                     f"{assembly.font_properties(report.language, 'original-')}"),
        stylesheets=[_sheet(sheet) for sheet in theme.stylesheets],
        folio=folio(messages.gettext("page %(page)s of %(pages)s")),
        front=[chapter for section, chapter in printed if section.front],
        body=[chapter for section, chapter in printed if not section.front])


def _sheet(sheet: Stylesheet) -> Sheet:
    if sheet.project_file:
        # Linked, so that its url()s resolve against the project's templates/ folder.
        return Sheet(f"../{sheet.project_file.as_posix()}", Markup(""))
    return Sheet("", Markup(sheet.text()))


def folio(words: str) -> Markup:
    """'page %(page)s of %(pages)s' as CSS content: strings, the page and the page count."""
    counters = {"page": "counter(page)", "pages": "target-counter(url(#end), page)"}
    tokens = []
    for piece in re.split(r"(%\((?:page|pages)\)s)", words):
        name = piece[2:-2] if piece.startswith("%(") else ""
        if name:
            tokens.append(counters[name])
        elif piece:
            escaped = piece.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            tokens.append(f'"{escaped}"')
    return Markup(" ".join(tokens))
