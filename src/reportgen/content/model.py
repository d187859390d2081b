"""The content model: what an editor writes in report/, as typed dataclasses.

Each field's metadata carries its YAML key (where it differs from the attribute name, as
with CSL's hyphenated names) and a one-line description used in error messages. The
schema module reads YAML into these classes and checks them. The records of each kind
of section live with its unit in sections/; those every briefing has are here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar, Protocol

from ..documents.pdfclean import Page
from ..errors import Collector, Position
from .dates import PartialDate
from .messages import Messages
from .walk import records_in


def spec(doc: str, key: str | None = None, **kwargs: Any) -> Any:
    """Declare a model field with its description and, optionally, its YAML key."""
    metadata = {"doc": doc, "key": key}
    return field(metadata=metadata, **kwargs)


@dataclass(frozen=True)
class ContentFile:
    """A YAML file of report/ that sections read parts of, and what it is called.

    A path of None stands for the section's own file: the one report.yaml names for it,
    else report/DEFAULT_NAME.
    """

    path: Path | None
    what: str  # "chronology file": named so in messages
    default_name: str = ""


def part(file: ContentFile, doc: str, key: str | None = None, **kwargs: Any) -> Any:
    """Declare a section's field as a top-level key of a content file.

    With a default (or default_factory), the key may be left out of the file.
    """
    return field(metadata={"file": file, "doc": doc, "key": key}, **kwargs)


NOWHERE = Position(Path("."))


@dataclass
class Quote:
    """A passage copied verbatim from a source."""

    what: ClassVar[str] = "quote"
    scalar_field: ClassVar[str] = "text"

    text: str = spec("the exact words, copied from the source")
    # Where the editor says the passage stands, for words found in more than one place.
    paragraph: int | None = spec("the paragraph number (¶) of the passage meant, where the "
                                 "words stand in more than one paragraph", default=None)
    page: str | None = spec("in a PDF source, the page of the passage meant, as printed on it "
                            "(its label: 12, xiv…), where the words stand on more than one page",
                            default=None)
    position: Position = NOWHERE


@dataclass
class Citation:
    """A source and one or more verbatim passages of it that support a statement."""

    what: ClassVar[str] = "citation"

    source: str = spec("the id of a source in report/sources.yaml")
    quote: list[Quote] = spec("the exact words from the source (one passage or a list)")
    position: Position = NOWHERE


@dataclass
class Reference:
    """A link that a source gives for a claim, shown as a live link."""

    what: ClassVar[str] = "reference link"

    source: str = spec("the id of the source that gives the link")
    url: str = spec("the address exactly as the source prints it")
    position: Position = NOWHERE


@dataclass
class Name:
    """A person or organisation, as CSL names them."""

    what: ClassVar[str] = "name"
    scalar_field: ClassVar[str] = "literal"

    literal: str = spec("the name written as one piece (organisations, single names)", default="")
    given: str = spec("given name(s)", default="")
    family: str = spec("family name", default="")
    position: Position = NOWHERE


@dataclass
class Source:
    """A document in seeds/ with its bibliographic record (CSL field names)."""

    what: ClassVar[str] = "source"

    id: str = spec("a short unique id that citations use")
    file: str = spec("the document's file name in seeds/")
    title: str = spec("the title as the document gives it")
    type: str = spec("CSL item type (article, report, webpage…)", default="document")
    author: list[Name] = spec("authors the document names", default_factory=list)
    container_title: str = spec("website, journal or series it appeared in",
                                key="container-title", default="")
    collection_title: str = spec("series name", key="collection-title", default="")
    number: str = spec("number within the series", default="")
    publisher: str = spec("who published it", default="")
    issued: PartialDate | None = spec("publication date, YYYY-MM-DD, YYYY-MM or YYYY", default=None)
    URL: str = spec("the document's own address, only if the document states it", default="")
    genre: str = spec("kind of document (report, op-ed, briefing…)", default="")
    language: str = spec("language of the text, as a BCP 47 code", default="en")
    inferred: dict[str, str] = spec(
        "fields not stated by the document, each with the reasoning", default_factory=dict)
    metadata: dict[str, str] = spec(
        "where fields were read, each with its origin: the document's own metadata (XMP "
        "dc:title, HTML citation_publication_date…) or a reference library; 'reportgen "
        "add-source' and 'import-sources' write them",
        default_factory=dict)
    sha256: str = spec("the SHA-256 of the document as added; build and check warn when the "
                       "file no longer has it", default="")
    note: str = spec("anything an editor should know about the document", default="")
    position: Position = NOWHERE


@dataclass
class SectionEntry:
    """A section of the briefing as report.yaml lists it: its kind, and its file if it has one."""

    what: ClassVar[str] = "section"
    scalar_field: ClassVar[str] = "kind"

    kind: str = spec("its kind (the kinds of section are listed in the README)")
    file: str = spec("its content file in report/, for a kind that may appear more than once "
                     "(narrative) or whose file is named otherwise", default="")
    insert: bool = spec("true to print a narrative section in the translated inserts too",
                        default=False)
    position: Position = NOWHERE


@dataclass
class Report:
    """report/report.yaml: the briefing's identity."""

    what: ClassVar[str] = "report"

    title: str = spec("the briefing's title")
    date: PartialDate = spec("the edition's date, YYYY-MM-DD")
    edition: int = spec("edition number, 1 for the first")
    publisher: str = spec("who issues the briefing")
    subtitle: str = spec("a line under the title", default="")
    authors: list[str] = spec("who wrote or compiled it", default_factory=list)
    language: str = spec("language of the briefing, as a BCP 47 code (en-GB, fr, ar…): its "
                         "fixed words, dates and direction follow it", default="en")
    distribution: str = spec("who may receive it, printed on the cover", default="")
    subject: str = spec("one sentence for the PDF's subject field", default="")
    keywords: list[str] = spec("keywords for the PDF", default_factory=list)
    translations: list[str] = spec("languages of the translated inserts, in order",
                                   default_factory=list)
    method: list[str] = spec("paragraphs on how the briefing was made", default_factory=list)
    sections: list[SectionEntry] = spec(
        "the sections of the briefing, in order (the cover, the bibliography when anything is "
        "cited and the notes on method need not be listed)", default_factory=list)
    headings: dict[str, str] = spec("headings that replace the default ones, by kind of "
                                    "section", default_factory=dict)
    strings: dict[str, str] = spec("words of reportgen's that replace its own, by their "
                                   "English form", default_factory=dict)
    position: Position = NOWHERE


@dataclass
class SourcesFile:
    """report/sources.yaml."""

    what: ClassVar[str] = "sources file"

    sources: list[Source] = spec("every document in seeds/ that the briefing uses",
                                 default_factory=list)
    position: Position = NOWHERE






@dataclass
class TranslatedText:
    """One English paragraph and its translation from a PO catalog."""

    english: str
    text: str
    state: str  # "current", "fuzzy" (English changed since) or "missing"
    line: int = 0  # where the entry starts in its catalog, for error messages


@dataclass
class Catalog:
    """A language's PO catalog: translations of the summary and recommendations."""

    language: str
    path: Path
    entries: dict[str, TranslatedText]
    status: str


@dataclass
class Seed:
    """The text of a document in seeds/: in paragraphs, or a PDF's printed pages."""

    name: str
    text: str
    pages: tuple[Page, ...] = ()  # a PDF's pages, each with where its text starts
    sha256: str = ""
    running: tuple[str, ...] = ()  # a PDF's running heads and feet, left out of its text


@dataclass
class EditionSnapshot:
    """A released edition's content as plain data, from report/editions/N.yaml."""

    number: int
    date: str
    content: dict
    format: int  # the layout of `content`: see content/editions.py
    path: Path


class Section(Protocol):
    """What loading and verifying need of a section unit (sections/base.py has the rest)."""

    kind: ClassVar[str]
    title: ClassVar[str]

    def check(self, project: Project, problems: Collector) -> None: ...

    def default_heading(self, messages: Messages) -> str: ...


class SectionKinds(Protocol):
    """The kinds of section there are, and the briefing's sections as report.yaml lists them."""

    units: tuple[type, ...]

    def plan(self, entries: list[SectionEntry], problems: Collector
             ) -> list[tuple[type, SectionEntry]]: ...


@dataclass
class Project:
    """Everything loaded from a project folder, validated."""

    root: Path
    report: Report
    sources: list[Source]
    seeds: dict[str, Seed]
    sections: list[Any]  # the briefing's Section units with their content, in print order
    catalogs: list[Catalog]
    files: list[Path] = field(default_factory=list)  # the content files read, in order
    previous_edition: EditionSnapshot | None = None

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)

    def section(self, kind: str) -> Any:
        """The briefing's section of that kind, or None."""
        return next((section for section in self.sections if section.kind == kind), None)

    @cached_property
    def messages(self) -> Messages:
        """reportgen's own words in the briefing's language."""
        return Messages(self.report.language, dict(self.report.strings))

    def heading(self, section: Section) -> str:
        """A section's heading: report.yaml's 'headings' may rename it."""
        return (self.report.headings.get(section.kind) or
                section.default_heading(self.messages))

    def citations(self) -> list[Citation]:
        """Every citation of the content, in the order the briefing prints them."""
        return [citation for section in self.sections
                for citation in records_in(section, Citation)]

    def references(self) -> list[Reference]:
        """Every reference link of the content, in print order."""
        return [reference for section in self.sections
                for reference in records_in(section, Reference)]
