"""What the templates receive: ready-made, sorted, numbered values and nothing to compute.

The main template prints the briefing's sections in order, each through its own
template with its Chapter (the section's context) as `section`. What each kind of
section adds to its Chapter is declared with its unit in sections/.
"""

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
class Chapter:
    """A section as the main template prints it: its template, anchor and heading."""

    template: str
    anchor: str
    title: str


@dataclass
class Meta:
    """Document metadata, written into the HTML head and from there into the PDF."""

    title: str
    authors: list[str]
    subject: str
    keywords: str
    lang: str
    dir: str  # the briefing language's direction: ltr or rtl
    created: str


@dataclass
class Sheet:
    """A stylesheet: a link to the project's own file, or the built-in one's text."""

    href: str
    css: str  # markupsafe.Markup: a built-in stylesheet, printed as it is


@dataclass
class Context:
    """Everything the main template prints: metadata, then the sections, in order."""

    meta: Meta
    fonts: str  # CSS custom properties: the briefing language's fonts (Markup)
    stylesheets: list[Sheet]
    folio: str  # CSS content of the body's page numbers, in the briefing's words (Markup)
    front: list[Chapter]  # before the body: cover, contents
    body: list[Chapter]
