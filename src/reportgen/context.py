"""What the templates receive: ready-made, sorted, numbered values and nothing to compute."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Note:
    """A footnote: its number, its text and the bibliography entry it links to."""

    number: int
    text: str
    target: str = ""


@dataclass
class Cited:
    """A statement followed by its footnotes."""

    text: str
    notes: list[Note]
    by: str = ""


@dataclass
class SourceBrief:
    """A source's structured summary."""

    anchor: str
    title: str
    byline: str
    points: list[Cited]


@dataclass
class Event:
    """A chronology entry, its date already written out."""

    date: str
    precision: str
    title: str
    description: str
    places: str
    actors: str
    notes: list[Note]
    inferred: bool


@dataclass
class Figure:
    """A drawing (an SVG data: URI) with its text alternative and caption."""

    uri: str
    alt: str
    caption: str


@dataclass
class Year:
    """The chronology's events of one year."""

    year: int
    events: list[Event]


@dataclass
class Country:
    """A row of the country table."""

    name: str
    kinds: str
    details: str
    since: str
    status: str
    as_of: str
    notes: list[Note]
    links: list[str]


@dataclass
class InsertText:
    """A paragraph of a translated insert; `mark` says when it is not a current translation."""

    text: str
    lang: str
    mark: str = ""
    by: str = ""


@dataclass
class InsertGroup:
    """A kind of cooperation and the countries of that kind, named in the insert's language."""

    label: InsertText
    names: str


@dataclass
class Insert:
    """The executive summary and recommendations in one other language."""

    anchor: str
    lang: str
    english_name: str
    native_name: str
    running: str
    font_family: str
    summary_title: str
    recommendations_title: str
    status: str
    date: str
    summary: list[InsertText]
    recommendations: list[InsertText]
    countries_title: str
    countries: list[InsertGroup]


@dataclass
class BibEntry:
    """A bibliography entry with its anchor, link and inference notes."""

    anchor: str
    text: str
    url: str
    seed: str
    inferred: list[str]


@dataclass
class TocEntry:
    """A line of the table of contents (and a PDF bookmark, from its heading)."""

    anchor: str
    title: str
    level: int


@dataclass
class Change:
    """One difference from the previous edition: added, removed or changed, and what."""

    kind: str
    label: str
    details: list[str]


@dataclass
class ChangeGroup:
    """The changes of one part of the briefing."""

    title: str
    changes: list[Change]


@dataclass
class Changes:
    """The "Changes since edition N" page."""

    title: str
    intro: str
    groups: list[ChangeGroup]


@dataclass
class Meta:
    """Document metadata, written into the HTML head and from there into the PDF."""

    title: str
    authors: list[str]
    subject: str
    keywords: str
    lang: str
    created: str


@dataclass
class Context:
    """Everything the main template prints."""

    meta: Meta
    title: str
    subtitle: str
    edition: str
    date: str
    publisher: str
    distribution: str
    font_family: str
    stylesheets: list[str]
    sections: dict[str, str]
    toc: list[TocEntry]
    summary: list[Cited]
    recommendations: list[Cited]
    sources: list[SourceBrief]
    chronology: list[Year]
    kinds: list[str]
    countries: list[Country]
    timeline: Figure
    matrix: Figure
    inserts: list[Insert]
    bibliography: list[BibEntry]
    method: list[str]
    changes: Changes | None = None
