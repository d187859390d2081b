"""The content model: what an editor writes in report/, as typed dataclasses.

Each field's metadata carries its YAML key (where it differs from the attribute name, as
with CSL's hyphenated names) and a one-line description used in error messages. The
schema module reads YAML into these classes and checks them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from .dates import PartialDate
from .errors import Position


def spec(doc: str, key: str | None = None, **kwargs: Any) -> Any:
    """Declare a model field with its description and, optionally, its YAML key."""
    metadata = {"doc": doc, "key": key}
    return field(metadata=metadata, **kwargs)


NOWHERE = Position(Path("."))


@dataclass
class Quote:
    """A passage copied verbatim from a source."""

    what: ClassVar[str] = "quote"
    scalar_field: ClassVar[str] = "text"

    text: str = spec("the exact words, copied from the source")
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
    note: str = spec("anything an editor should know about the document", default="")
    position: Position = NOWHERE


@dataclass
class KeyPoint:
    """One point of a source's structured summary."""

    what: ClassVar[str] = "key point"

    text: str = spec("the point, in the briefing's words")
    cite: list[Citation] = spec("where the source says it")
    position: Position = NOWHERE


@dataclass
class SourceSummary:
    """The structured summary of one source."""

    what: ClassVar[str] = "source summary"

    source: str = spec("the id of the source summarised")
    points: list[KeyPoint] = spec("its key points, each cited")
    position: Position = NOWHERE


@dataclass
class Paragraph:
    """A cited paragraph of the executive summary."""

    what: ClassVar[str] = "paragraph"

    text: str = spec("the paragraph")
    cite: list[Citation] = spec("the passages it rests on")
    position: Position = NOWHERE


@dataclass
class Recommendation:
    """A recommendation, attributed to whoever makes it."""

    what: ClassVar[str] = "recommendation"

    text: str = spec("what is recommended")
    by: str = spec("who recommends it, as the source names them")
    cite: list[Citation] = spec("where they recommend it")
    position: Position = NOWHERE


@dataclass
class ChronologyEvent:
    """A dated event; the build sorts them."""

    what: ClassVar[str] = "chronology event"

    date: PartialDate = spec("when: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source is")
    title: str = spec("a short headline")
    cite: list[Citation] = spec("where the sources date and describe it")
    description: str = spec("what happened", default="")
    approximate: bool = spec("true when the source gives the date only roughly", default=False)
    inferred: str = spec("why the date is inferred, when the source does not state it fully",
                         default="")
    places: list[str] = spec("where it happened", default_factory=list)
    actors: list[str] = spec("who took part", default_factory=list)
    position: Position = NOWHERE


@dataclass
class CooperationKind:
    """A kind of cooperation, a column of the country matrix."""

    what: ClassVar[str] = "kind of cooperation"

    id: str = spec("a short id that country rows use")
    label: str = spec("how the briefing names it")
    position: Position = NOWHERE


@dataclass
class CountryRow:
    """A country's cooperation with, or stance towards, the subject of the briefing."""

    what: ClassVar[str] = "country row"

    country: str = spec("the country's English name")
    code: str = spec("ISO 3166 two-letter code, for names in other languages")
    kinds: list[str] = spec("ids of the kinds of cooperation, from 'kinds' above")
    details: str = spec("what the cooperation or stance is")
    status: str = spec("where it stands, as of the source")
    as_of: PartialDate = spec("the date the status is reported for", key="as-of")
    cite: list[Citation] = spec("where the sources say it")
    since: PartialDate | None = spec("when it began, if a source says", default=None)
    references: list[Reference] = spec("links the sources give for this country",
                                       default_factory=list)
    position: Position = NOWHERE


@dataclass
class SectionTitles:
    """Headings of the briefing's sections, in the report's language."""

    what: ClassVar[str] = "section titles"

    contents: str = spec("table of contents", default="Contents")
    summary: str = spec("executive summary", default="Executive summary")
    recommendations: str = spec("recommendations", default="Recommendations")
    sources: str = spec("source summaries", default="The sources in brief")
    chronology: str = spec("chronology", default="Chronology")
    countries: str = spec("country table", default="Country cooperation")
    translations: str = spec("translated inserts", default="Translated summaries")
    bibliography: str = spec("bibliography", default="Bibliography")
    method: str = spec("notes on method", default="How this briefing was made")
    changes: str = spec("the page listing changes; the edition number follows",
                        default="Changes since edition")
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
    language: str = spec("language of the briefing, as a BCP 47 code", default="en")
    distribution: str = spec("who may receive it, printed on the cover", default="")
    subject: str = spec("one sentence for the PDF's subject field", default="")
    keywords: list[str] = spec("keywords for the PDF", default_factory=list)
    translations: list[str] = spec("languages of the translated inserts, in order",
                                   default_factory=list)
    method: list[str] = spec("paragraphs on how the briefing was made", default_factory=list)
    sections: SectionTitles = spec("section headings", default_factory=SectionTitles)
    position: Position = NOWHERE


@dataclass
class SourcesFile:
    """report/sources.yaml."""

    what: ClassVar[str] = "sources file"

    sources: list[Source] = spec("every document in seeds/ that the briefing uses")
    position: Position = NOWHERE


@dataclass
class SummariesFile:
    """report/summaries.yaml."""

    what: ClassVar[str] = "summaries file"

    summaries: list[SourceSummary] = spec("one structured summary per source")
    position: Position = NOWHERE


@dataclass
class ExecutiveFile:
    """report/executive-summary.yaml."""

    what: ClassVar[str] = "executive summary file"

    summary: list[Paragraph] = spec("the executive summary's paragraphs")
    recommendations: list[Recommendation] = spec("the recommendations")
    position: Position = NOWHERE


@dataclass
class ChronologyFile:
    """report/chronology.yaml."""

    what: ClassVar[str] = "chronology file"

    events: list[ChronologyEvent] = spec("the dated events, in any order")
    position: Position = NOWHERE


@dataclass
class CountriesFile:
    """report/countries.yaml."""

    what: ClassVar[str] = "countries file"

    kinds: list[CooperationKind] = spec("the kinds of cooperation the table distinguishes")
    countries: list[CountryRow] = spec("one row per country")
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
    """The text of a document in seeds/."""

    name: str
    text: str


@dataclass
class EditionSnapshot:
    """A released edition's content as plain data, from report/editions/N.yaml."""

    number: int
    date: str
    content: dict


@dataclass
class Project:
    """Everything loaded from a project folder, validated."""

    root: Path
    report: Report
    sources: list[Source]
    seeds: dict[str, Seed]
    summaries: list[SourceSummary]
    summary: list[Paragraph]
    recommendations: list[Recommendation]
    events: list[ChronologyEvent]
    kinds: list[CooperationKind]
    countries: list[CountryRow]
    catalogs: list[Catalog]
    previous_edition: EditionSnapshot | None = None

    def source(self, source_id: str) -> Source:
        return next(source for source in self.sources if source.id == source_id)

    def citations(self) -> list[Citation]:
        """Every citation of the content, in the order the briefing prints them."""
        cited: list = [*self.summary, *self.recommendations]
        cited += [point for summary in self.summaries for point in summary.points]
        cited += [*self.events, *self.countries]
        return [citation for item in cited for citation in item.cite]
