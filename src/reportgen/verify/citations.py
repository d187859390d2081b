"""Citation stage: find every quoted passage in its source and derive ¶ locators.

A quote must say enough to be checked (words.py), must stand in its source word for word
after normalisation (normalise.py, matching.py), and must stand in one place: a passage
found in several paragraphs is located by a longer quote or by the paragraph the editor
gives. Every problem is worded for the editor in misquotes.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..content.model import Citation, Project, Quote, Reference, Seed
from ..errors import CitationError, Collector, Problem
from . import misquotes
from .matching import SearchableText, Span

_BLANK_LINE = re.compile(r"\n[ \t]*\n")

Paragraphs = tuple[int, int]  # the first and last paragraph numbers of a passage
CitationKey = tuple[str, tuple[tuple[str, int | None], ...]]  # source, quotes and locators


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
    """Where a citation's passages are: paragraph numbers, first to last."""

    paragraphs: tuple[Paragraphs, ...]

    def __str__(self) -> str:
        return ", ".join(f"¶{a}" if a == b else f"¶{a}–{b}" for a, b in self.paragraphs)


class SourceText:
    """A seed prepared for searching: its text and its paragraphs."""

    def __init__(self, seed: Seed) -> None:
        self.seed = seed
        self.searchable = SearchableText(seed.text)
        self.starts = [start for start, _ in paragraph_spans(seed.text)]

    def find_all(self, passage: str) -> list[Paragraphs]:
        """The paragraphs (first, last) of every occurrence of the passage, in text order."""
        return [self.paragraphs_of(span) for span in self.searchable.find_all(passage)]

    def paragraphs_of(self, span: Span) -> Paragraphs:
        """The numbers of the first and last paragraphs a span of the text stands in."""
        return self.paragraph_at(span.start), self.paragraph_at(max(span.start, span.end - 1))

    def paragraph_at(self, offset: int) -> int:
        """The number of the paragraph holding an offset of the original text."""
        return max(1, bisect_right(self.starts, offset))

    def closest(self, passage: str) -> tuple[int, str] | None:
        """The paragraph and text of the source's passage most like the given one, if any."""
        span = self.searchable.closest(passage)
        if span is None:
            return None
        return self.paragraph_at(span.start), self.seed.text[span.start:span.end]


@dataclass(frozen=True)
class VerifiedCitations:
    """Locators for every citation and reference link of a project, all checked."""

    locators: dict[CitationKey, Locator]

    def locate(self, citation: Citation) -> Locator:
        return self.locators[_key(citation)]


def _key(citation: Citation) -> CitationKey:
    return citation.source, tuple((quote.text, quote.paragraph) for quote in citation.quote)


def verify_citations(project: Project) -> VerifiedCitations:
    """Check that every quote and reference link is in its source; locate each citation."""
    texts = {source_id: SourceText(seed) for source_id, seed in project.seeds.items()}
    problems = Collector()
    locators: dict[CitationKey, Locator] = {}
    for citation in project.citations():
        found = [_locate_quote(quote, citation.source, texts, problems)
                 for quote in citation.quote]
        if None not in found:
            locators[_key(citation)] = Locator(tuple(sorted(set(found))))
    for reference in project.references():
        _verify_reference(reference, texts, problems)
    problems.raise_if_any(CitationError)
    return VerifiedCitations(locators)


def _locate_quote(quote: Quote, source_id: str, texts: dict[str, SourceText],
                  problems: Collector) -> Paragraphs | None:
    """The paragraphs of the one place the quote stands in its source, or None (a problem)."""
    problem = misquotes.insubstantial(quote, source_id)
    if problem is None:
        found = texts[source_id].find_all(quote.text)
        chosen = _chosen(found, quote)
        if len(set(chosen)) == 1:  # twice in the same paragraph is still one locator
            return chosen[0]
        problem = _unlocated(quote, source_id, found, chosen, texts)
    problems.extend([problem])
    return None


def _unlocated(quote: Quote, source_id: str, found: list[Paragraphs], chosen: list[Paragraphs],
               texts: dict[str, SourceText]) -> Problem:
    """Why a quote has no one place in its source."""
    if len(chosen) > 1:
        return misquotes.ambiguous(quote, source_id, chosen)
    if found:
        return misquotes.not_in_paragraph(quote, source_id, found)
    return _not_found(quote, source_id, texts)


def _chosen(found: list[Paragraphs], quote: Quote) -> list[Paragraphs]:
    """The occurrences that stand where the quote's locator says, if it gives one."""
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
    return misquotes.not_in_source(quote, source_id, f"seeds/{source.seed.name}",
                                   source.closest(quote.text))


def _verify_reference(reference: Reference, texts: dict[str, SourceText],
                      problems: Collector) -> None:
    source = texts[reference.source]
    if reference.url.strip() and source.find_all(reference.url):
        return
    problems.add(reference.position,
                 f"the link {reference.url} is not in source '{reference.source}'",
                 f"Copy the address exactly as seeds/{source.seed.name} prints it.")
