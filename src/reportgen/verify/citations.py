"""Citation stage: find every quoted passage in its source and derive ¶ locators."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..content.model import Citation, Project, Quote, Reference, Seed
from ..errors import CitationError, Collector, shorten

# Only these differences are tolerated between a quote and its source: typographic and
# straight quote marks, and any run of spaces or line breaks.
_QUOTE_MARKS = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                              "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
_SPACE = re.compile(r"\s+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class NormalText:
    """Text with quote marks and spaces normalised, mapped back to the original offsets."""

    text: str
    offsets: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> NormalText:
        # Quote marks map one character to one, so offsets only shift where spaces fold.
        translated = original.translate(_QUOTE_MARKS)
        pieces: list[str] = []
        offsets: list[int] = []
        position = 0
        for space in _SPACE.finditer(translated):
            pieces += [translated[position:space.start()], " "]
            offsets += [*range(position, space.start()), space.start()]
            position = space.end()
        pieces.append(translated[position:])
        offsets += [*range(position, len(translated)), len(original)]
        return cls("".join(pieces), tuple(offsets))


def normalise(text: str) -> str:
    """The form in which quotes and sources are compared."""
    return _SPACE.sub(" ", text.translate(_QUOTE_MARKS)).strip()


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


def _comparable_words(text: str) -> list[str]:
    """Words without case or surrounding punctuation, for judging how alike passages are."""
    return [word.strip(".,;:!?\"'()[]“”‘’").casefold() for word in text.split()]


@dataclass(frozen=True)
class Locator:
    """Where a citation's passages are: paragraph numbers, first to last."""

    paragraphs: tuple[tuple[int, int], ...]

    def __str__(self) -> str:
        return ", ".join(f"¶{a}" if a == b else f"¶{a}–{b}" for a, b in self.paragraphs)


class SourceText:
    """A seed prepared for searching: normalised text and its paragraphs."""

    def __init__(self, seed: Seed) -> None:
        self.seed = seed
        self.normal = NormalText.of(seed.text)
        self.spans = paragraph_spans(seed.text)
        self.starts = [start for start, _ in self.spans]

    def find(self, passage: str) -> tuple[int, int] | None:
        """The paragraph numbers (first, last) where the passage stands, or None."""
        wanted = normalise(passage)
        index = self.normal.text.find(wanted) if wanted else -1
        if index < 0:
            return None
        start = self.normal.offsets[index]
        end = self.normal.offsets[index + len(wanted)]
        return self.paragraph_at(start), self.paragraph_at(max(start, end - 1))

    def paragraph_at(self, offset: int) -> int:
        """The number of the paragraph holding an offset of the original text."""
        return max(1, bisect_right(self.starts, offset))

    def closest(self, passage: str) -> tuple[int, str]:
        """The paragraph number and words of the passage most like the given one."""
        wanted = _comparable_words(normalise(passage))
        words = [(m.start(), m.end()) for m in re.finditer(r"\S+", self.normal.text)]
        comparable = _comparable_words(self.normal.text)
        size = max(1, min(len(wanted), len(words)))
        best, best_at = -1.0, 0
        matcher = SequenceMatcher(autojunk=False)
        matcher.set_seq2(wanted)
        for at in range(max(1, len(words) - size + 1)):
            matcher.set_seq1(comparable[at:at + size])
            if matcher.real_quick_ratio() > best and matcher.ratio() > best:
                best, best_at = matcher.ratio(), at
        start, end = words[best_at][0], words[min(best_at + size, len(words)) - 1][1]
        text = self.normal.text[start:end]
        return self.paragraph_at(self.normal.offsets[start]), text


@dataclass(frozen=True)
class VerifiedCitations:
    """Locators for every citation and reference link of a project, all checked."""

    locators: dict[tuple[str, tuple[str, ...]], Locator]

    def locate(self, citation: Citation) -> Locator:
        return self.locators[_key(citation)]


def _key(citation: Citation) -> tuple[str, tuple[str, ...]]:
    return citation.source, tuple(quote.text for quote in citation.quote)


def verify_citations(project: Project) -> VerifiedCitations:
    """Check that every quote and reference link is in its source; locate each citation."""
    texts = {source_id: SourceText(seed) for source_id, seed in project.seeds.items()}
    problems = Collector()
    locators: dict[tuple[str, tuple[str, ...]], Locator] = {}
    for citation in project.citations():
        found = [_verify_quote(quote, citation.source, texts, problems)
                 for quote in citation.quote]
        if None not in found:
            locators[_key(citation)] = Locator(tuple(sorted(set(found))))
    for reference in project.references():
        _verify_reference(reference, texts, problems)
    problems.raise_if_any(CitationError)
    return VerifiedCitations(locators)


def _verify_quote(quote: Quote, source_id: str, texts: dict[str, SourceText],
                  problems: Collector) -> tuple[int, int] | None:
    source = texts[source_id]
    found = source.find(quote.text)
    if found:
        return found
    elsewhere = [other for other, text in texts.items()
                 if other != source_id and text.find(quote.text)]
    if elsewhere:
        hint = f"These words are in source '{elsewhere[0]}': did you mean 'source: {elsewhere[0]}'?"
    else:
        number, passage = source.closest(quote.text)
        hint = (f"Closest passage in seeds/{source.seed.name} (¶{number}): “{passage}”\n    "
                "Copy the words exactly; only line breaks, spaces and the style of quote "
                "marks may differ.")
    problems.add(quote.position, f"the quote is not in source '{source_id}': "
                                 f"“{shorten(normalise(quote.text), 90)}”", hint)
    return None


def _verify_reference(reference: Reference, texts: dict[str, SourceText],
                      problems: Collector) -> None:
    source = texts[reference.source]
    if reference.url.strip() and source.find(reference.url):
        return
    problems.add(reference.position,
                 f"the link {reference.url} is not in source '{reference.source}'",
                 f"Copy the address exactly as seeds/{source.seed.name} prints it.")
