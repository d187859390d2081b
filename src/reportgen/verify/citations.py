"""Citation stage: find every quoted passage in its source and derive its locator.

A quote must say enough to be checked (words.py), must stand in its source word for word
after normalisation (normalise.py, matching.py), and must stand in one place: a passage
found in several paragraphs (or pages of a PDF) is located by a longer quote or by the
paragraph (or printed page) the editor gives. A passage is located by the paragraphs it
stands in (¶N), or in a PDF by the printed labels of its pages (p. 12, pp. 12–13).
Every problem is worded for the editor in misquotes.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..content.model import Citation, Project, Quote, Reference, Seed
from ..documents.pdfclean import Page
from ..errors import CitationError, Collector, Problem
from . import misquotes
from .matching import SearchableText, Span
from .normalise import normalise
from .places import Place, place_name, places_named

_BLANK_LINE = re.compile(r"\n[ \t]*\n")

CitationKey = tuple[str, tuple[tuple[str, int | None, str | None], ...]]  # source, quotes


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each paragraph, numbered from 1 in reading order.

    Paragraphs are separated by blank lines; a document with no blank line at all (as
    some copied web pages are) has one paragraph per line.
    """
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else re.compile(r"\n")
    spans, start = [], 0
    for match in [*separator.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end() if match else end
    return spans


@dataclass(frozen=True)
class Locator:
    """Where a citation's passages are: the first and last paragraph (or PDF page) of each.

    A PDF's passages are numbered by the pages' positions in the file; `pages` gives
    their printed labels.
    """

    places: tuple[Place, ...]
    pages: tuple[Page, ...] = ()

    def __str__(self) -> str:
        return places_named(list(self.places), self.pages)


class SourceText:
    """A seed prepared for searching: its text and its divisions (paragraphs or pages)."""

    def __init__(self, seed: Seed) -> None:
        self.seed = seed
        self.searchable = SearchableText(seed.text)
        self.pages = seed.pages
        self.starts = ([page.start for page in seed.pages] if seed.pages else
                       [start for start, _ in paragraph_spans(seed.text)])

    def find_all(self, passage: str) -> list[Place]:
        """The divisions (first, last) of every occurrence of the passage, in text order."""
        return [self.place_of(span) for span in self.searchable.find_all(passage)]

    def place_of(self, span: Span) -> Place:
        """The first and last divisions (paragraph numbers, or page positions) of a span."""
        return self.division_at(span.start), self.division_at(max(span.start, span.end - 1))

    def division_at(self, offset: int) -> int:
        """The number of the paragraph, or position of the page, holding a text offset."""
        return max(1, bisect_right(self.starts, offset))

    def name(self, place: Place) -> str:
        """'¶3', 'p. 12' or 'pp. 12–13': a place as the editor's messages name it."""
        return place_name(place, self.pages)

    def closest(self, passage: str) -> tuple[str, str] | None:
        """Where the source's passage most like the given one is, and its text, if any."""
        span = self.searchable.closest(passage)
        if span is None:
            return None
        place = self.division_at(span.start)
        return self.name((place, place)), self.seed.text[span.start:span.end]


@dataclass(frozen=True)
class VerifiedCitations:
    """Locators for every citation and reference link of a project, all checked."""

    locators: dict[CitationKey, Locator]

    def locate(self, citation: Citation) -> Locator:
        return self.locators[_key(citation)]


def _key(citation: Citation) -> CitationKey:
    return citation.source, tuple((quote.text, quote.paragraph, quote.page)
                                  for quote in citation.quote)


def verify_citations(project: Project) -> VerifiedCitations:
    """Check that every quote and reference link is in its source; locate each citation."""
    texts = {source_id: SourceText(seed) for source_id, seed in project.seeds.items()}
    problems = Collector()
    locators: dict[CitationKey, Locator] = {}
    for citation in project.citations():
        found = [_locate_quote(quote, citation.source, texts, problems)
                 for quote in citation.quote]
        if None not in found:
            pages = texts[citation.source].pages
            locators[_key(citation)] = Locator(tuple(sorted(set(found))), pages)
    for reference in project.references():
        _verify_reference(reference, texts, problems)
    problems.raise_if_any(CitationError)
    return VerifiedCitations(locators)


def _locate_quote(quote: Quote, source_id: str, texts: dict[str, SourceText],
                  problems: Collector) -> Place | None:
    """The divisions of the one place the quote stands in its source, or None (a problem)."""
    source = texts[source_id]
    problem = misquotes.insubstantial(quote, source_id) or _wrong_locator(quote, source_id,
                                                                           source)
    if problem is None:
        found = source.find_all(quote.text)
        chosen = _chosen(found, quote, source)
        if len(set(chosen)) == 1:  # twice in the same paragraph is still one locator
            return chosen[0]
        problem = _unlocated(quote, source_id, found, chosen, texts)
    problems.extend([problem])
    return None


def _wrong_locator(quote: Quote, source_id: str, source: SourceText) -> Problem | None:
    """A 'paragraph' given for a PDF, a 'page' for another document, or a page it lacks."""
    if quote.page is not None and not source.pages:
        return misquotes.wrong_locator(quote, source_id, "page", "paragraph")
    if quote.paragraph is not None and source.pages:
        return misquotes.wrong_locator(quote, source_id, "paragraph", "page")
    labels = [page.label for page in source.pages]
    if quote.page is not None and quote.page not in labels:
        return misquotes.no_such_page(quote, source_id, labels)
    return None


def _unlocated(quote: Quote, source_id: str, found: list[Place], chosen: list[Place],
               texts: dict[str, SourceText]) -> Problem:
    """Why a quote has no one place in its source."""
    source = texts[source_id]
    if len(chosen) > 1:
        return misquotes.ambiguous(quote, source_id, [source.name(place) for place in chosen],
                                   _example_locator(source, chosen[0]))
    if found:
        given = (f"¶{quote.paragraph}" if quote.page is None else
                 f"p. {quote.page}")
        return misquotes.not_in_place(quote, source_id, given, [
            source.name(place) for place in dict.fromkeys(found)])
    return _not_found(quote, source_id, texts)


def _example_locator(source: SourceText, place: Place) -> str:
    """The locator line that would pick a place: 'paragraph: 3' or 'page: xii'."""
    if source.pages:
        return f"page: {source.pages[place[0] - 1].label}"
    return f"paragraph: {place[0]}"


def _chosen(found: list[Place], quote: Quote, source: SourceText) -> list[Place]:
    """The occurrences that stand where the quote's locator says, if it gives one."""
    if quote.page is not None:
        return [(first, last) for first, last in found
                if any(page.label == quote.page for page in source.pages[first - 1:last])]
    if quote.paragraph is None:
        return found
    return [(first, last) for first, last in found if first <= quote.paragraph <= last]


def _not_found(quote: Quote, source_id: str, texts: dict[str, SourceText]) -> Problem:
    """The problem of a quote that is nowhere in its source."""
    others = [other for other, text in texts.items()
              if other != source_id and text.find_all(quote.text)]
    if others:
        return misquotes.in_another_source(quote, source_id, others[0])
    source = texts[source_id]
    seed = f"seeds/{source.seed.name}"
    wanted = normalise(quote.text)
    running = next((line for line in source.seed.running if wanted in normalise(line)), None)
    if running is not None:
        return misquotes.in_running_line(quote, source_id, seed, running)
    return misquotes.not_in_source(quote, source_id, seed, source.closest(quote.text))


def _verify_reference(reference: Reference, texts: dict[str, SourceText],
                      problems: Collector) -> None:
    source = texts[reference.source]
    if reference.url.strip() and source.find_all(reference.url):
        return
    problems.add(reference.position,
                 f"the link {reference.url} is not in source '{reference.source}'",
                 f"Copy the address exactly as seeds/{source.seed.name} prints it.")
