"""The text of a PDF's pages, as pdftotext gives it, cleaned for verbatim quoting:

* ligatures U+FB00–U+FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ) become their letters (NFKC of those code points only);
* running heads, running feet and page numbers are removed: a line among the first or last
  three non-blank lines of a page is running when, with its digits and roman numerals
  blanked, it is also among the first (or last) three lines of a page at most two pages
  away (so alternating left/right heads and per-chapter heads are caught), or when it starts
  or ends with the page's number and half of the pages (three at least) have one there (the
  number being the page's label, or its position plus the offset most of those pages share);
  lines are removed from the edge of the page inwards, stopping at the first that is not;
* a word broken across a line (or page) end is joined: see `Hyphenation` for the rule;
  soft hyphens (U+00AD) are removed, and one that ends a line always joins; a line broken
  at an unspaced dash (enemy—the, 1990–1995), or followed by a line that starts with
  closing punctuation, is joined without a space;
* the pages are joined into one text, with the offset where each page starts, so that a
  match in the joined text can be located by the PDF's own page labels (/PageLabels:
  roman front matter, offsets), falling back to 1, 2, 3….
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

PAGE_BREAK = "\n"
EDGE_LINES = 3
NEIGHBOURS = 2
MIN_NUMBERED_PAGES = 3
MIN_HYPHEN_EVIDENCE = 3
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_SOFT_HYPHEN = "\u00ad"
_BROKEN = re.compile(r"(\S*?)([^\W_]+)[-\u2010]$")
_NEXT_WORD = re.compile(r"[^\W_]+")
# pdftotext -raw starts a new line after a raised or lowered run (weak³, said): a line
# that starts with closing punctuation and a space continues the one before it.
_CLOSING = re.compile(r"[,.;:)\]}”’](\s|$)")
# A line broken before or after an unspaced dash: "enemy—\nthe", "enemy\n—the", "1990–\n1995".
_DASH_BREAK = re.compile(r"\S[–—]\n\S|\w\n[–—]\S")
_WORD_EDGES = "\"'“”‘’()[]{}.,;:!?*"
_ROMAN = re.compile(r"\b[ivxlcdm]+\b")
_NUMBER_EDGES = "-–—·.,:|()[]"


@dataclass(frozen=True)
class Page:
    """One page: its position in the file (from 1), its printed label, where its text starts."""

    number: int
    label: str
    start: int


@dataclass(frozen=True)
class PdfText:
    """The cleaned text of a PDF's pages joined in one, its pages, and the running lines
    removed from them (heads, feet, page numbers), each once."""

    pages: tuple[Page, ...]
    text: str
    running: tuple[str, ...] = ()


def build_text(raw_pages: list[str], labels: list[str]) -> PdfText:
    """Clean the raw text of each page and join the pages (any extractor's output)."""
    pages = [[clean_line(line) for line in raw.translate(_LIGATURES).splitlines()]
             for raw in raw_pages]
    removed: list[str] = []
    pages = strip_running_lines(pages, labels, removed)
    joined = join_pages(pages, labels)
    return PdfText(joined.pages, joined.text, tuple(dict.fromkeys(removed)))


def clean_line(line: str) -> str:
    """A line without trailing spaces, and without soft hyphens except one that ends it."""
    line = line.rstrip()
    return line[:-1].replace(_SOFT_HYPHEN, "") + line[-1:]


def signature(line: str) -> str:
    """A line with case, spaces, digits and roman numerals blanked, to compare repeated lines."""
    line = " ".join(line.casefold().split())
    return _ROMAN.sub("#", re.sub(r"\d+", "#", line))


def edge_lines(lines: list[str], from_bottom: bool) -> list[str]:
    """The first (or last) non-blank lines of a page, edge first."""
    filled = [line for line in lines if line.strip()]
    return (filled[::-1] if from_bottom else filled)[:EDGE_LINES]


def end_tokens(line: str) -> set[str]:
    """The first and last words of a line, without the dashes and dots around page numbers."""
    words = line.split()
    return {word.strip(_NUMBER_EDGES) for word in words[:1] + words[-1:]}


@dataclass(frozen=True)
class Numbering:
    """How a document prints page numbers in its heads or feet: its labels, or an offset."""

    labels: list[str]
    by_label: bool
    offset: int | None

    def carried_by(self, line: str, index: int) -> bool:
        """Whether the line starts or ends with the number of page `index` (from 0)."""
        tokens = end_tokens(line)
        if self.by_label and self.labels[index] in tokens:
            return True
        return self.offset is not None and str(index + self.offset) in tokens


def numbering(edges: list[list[str]], labels: list[str]) -> Numbering:
    """How the edge lines of half of the pages (three at least) carry their page numbers."""
    with_label = sum(any(labels[i] in end_tokens(line) for line in page)
                     for i, page in enumerate(edges))
    offsets = Counter(offset for i, page in enumerate(edges)
                      for offset in {int(t) - i for line in page for t in end_tokens(line)
                                     if t.isdigit() and len(t) < 5})
    offset, count = offsets.most_common(1)[0] if offsets else (None, 0)
    enough = max(MIN_NUMBERED_PAGES, len(edges) / 2)
    return Numbering(labels, with_label >= enough, offset if count >= enough else None)


def running_counts(edges: list[list[str]], labels: list[str]) -> list[int]:
    """How many edge lines of each page, from the edge in, are running heads or feet."""
    signatures = [[signature(line) for line in page] for page in edges]
    numbers = numbering(edges, labels)
    counts = []
    for index, page in enumerate(edges):
        nearby = {sig for other in range(index - NEIGHBOURS, index + NEIGHBOURS + 1)
                  if other != index and 0 <= other < len(edges) for sig in signatures[other]}
        count = 0
        while count < len(page) and (signatures[index][count] in nearby
                                     or numbers.carried_by(page[count], index)):
            count += 1
        counts.append(count)
    return counts


def strip_running_lines(pages: list[list[str]], labels: list[str],
                        removed: list[str]) -> list[list[str]]:
    """Pages without their running heads, running feet and page numbers (added to removed)."""
    for from_bottom in (False, True):
        counts = running_counts([edge_lines(lines, from_bottom) for lines in pages], labels)
        kept = []
        for lines, count in zip(pages, counts, strict=True):
            rest = drop_filled(lines[::-1] if from_bottom else lines, count)
            edge = (lines[::-1] if from_bottom else lines)[:len(lines) - len(rest)]
            removed.extend(line.strip() for line in edge if line.strip())
            kept.append(rest[::-1] if from_bottom else rest)
        pages = kept
    return pages


def drop_filled(lines: list[str], count: int) -> list[str]:
    """The lines after the first `count` non-blank ones (and the blank lines among them)."""
    for position, line in enumerate(lines):
        if count == 0:
            return lines[position:]
        count -= bool(line.strip())
    return []


def vocabulary(lines: list[str]) -> Counter[str]:
    """How often each word (casefolded, with its inner hyphens) occurs in the document."""
    return Counter(comparable(word) for line in lines for word in line.split())


def comparable(word: str) -> str:
    """A word without surrounding punctuation or case, its hyphens all U+002D."""
    return word.strip(_WORD_EDGES).casefold().replace("\u2010", "-")


def broken_word(line: str, following: str) -> tuple[str, str] | None:
    """The two parts of a word broken by a hyphen at the end of `line`, if it is one."""
    broken = _BROKEN.search(line)
    word = _NEXT_WORD.match(following.lstrip())
    if not broken or not word:
        return None
    return broken.group(1).lstrip(_WORD_EDGES) + broken.group(2), word.group()


def same_case(left: str, right: str) -> bool:
    """Whether both parts are lowercase letters, or both capitals, where they meet."""
    lower = left[-1:].islower() and right[:1].islower()
    return lower or (left[-1:].isupper() and right.isupper())


@dataclass(frozen=True)
class Hyphenation:
    """What a document's own words say about the hyphens that end its lines.

    A hyphen is real when the two parts differ in case (Anglo-Saxon, non-EU) or are not
    both letters (1990-1995, COVID-19). Otherwise the document decides: the hyphen is kept
    when the hyphenated form occurs elsewhere in it more often than the joined form
    (co-operation, well-known), and dropped when the joined form occurs more often; the
    whole word and its last part both count (Russia-My-anmar → Russia-Myanmar, as Myanmar
    occurs). A word found in neither form is joined (secur-ity → security), unless the
    breaks that the document's words do decide were mostly real hyphens, three at least (a
    producer that does not hyphenate, such as Apache FOP): then it keeps its hyphen. A
    word in capitals (AP-CEIU), or one that already had a hyphen before the break
    (state-of-the-art), keeps it too.
    """

    words: Counter[str]
    keeps_unattested: bool

    @classmethod
    def of(cls, lines: list[str]) -> Hyphenation:
        """The evidence of a document's lines."""
        words = vocabulary(lines)
        pairs = zip(lines, lines[1:], strict=False)
        verdicts = [attested(*parts, words) for line, following in pairs
                    if (parts := broken_word(line, following)) and same_case(*parts)]
        kept = verdicts.count(True)
        return cls(words, kept >= MIN_HYPHEN_EVIDENCE and kept > verdicts.count(False))

    def kept(self, left: str, right: str) -> bool:
        """Whether the hyphen between `left` (at a line end) and `right` is a real one."""
        if not same_case(left, right):
            return True
        verdict = attested(left, right, self.words)
        if verdict is None:
            return self.keeps_unattested or right.isupper() or "-" in comparable(left)
        return verdict


def attested(left: str, right: str, words: Counter[str]) -> bool | None:
    """True if the document has the hyphenated form more often, False if the joined one."""
    parts = {comparable(left), comparable(left).rsplit("-", 1)[-1]}
    hyphenated = sum(words[f"{part}-{right.casefold()}"] for part in parts)
    joined = sum(words[part + right.casefold()] for part in parts)
    return None if hyphenated == joined else hyphenated > joined


def join_pages(pages: list[list[str]], labels: list[str]) -> PdfText:
    """One text of all pages, joining words broken at line and page ends."""
    lines = [(index, line) for index, page in enumerate(pages) for line in page]
    hyphenation = Hyphenation.of([line for _, line in lines])
    texts: list[list[str]] = [[] for _ in pages]
    glue = [PAGE_BREAK] * len(pages)
    for position, (index, line) in enumerate(lines):
        following = lines[position + 1][1] if position + 1 < len(lines) else ""
        line, end = line_end(line, following.lstrip(), hyphenation)
        texts[index].append(line + end)
        if position + 1 == len(lines) or lines[position + 1][0] != index:
            glue[index] = "" if end == "" else PAGE_BREAK
    return assemble(texts, glue, labels)


def line_end(line: str, following: str, hyphenation: Hyphenation) -> tuple[str, str]:
    """The line, maybe without its final hyphen, and what separates it from the next one."""
    if line.endswith(_SOFT_HYPHEN) and _NEXT_WORD.match(following):
        return line[:-1], ""
    if _DASH_BREAK.search(line[-2:] + "\n" + following[:2]) or _CLOSING.match(following):
        return line, ""
    parts = broken_word(line, following)
    if parts is None:
        return line, "\n"
    return (line, "") if hyphenation.kept(*parts) else (line[:-1], "")


def assemble(texts: list[list[str]], glue: list[str], labels: list[str]) -> PdfText:
    """The PdfText of pages whose lines carry their own separators."""
    pages, parts, offset = [], [], 0
    for index, lines in enumerate(texts):
        body = "".join(lines)
        body = body[:-1] if body.endswith("\n") else body
        pages.append(Page(index + 1, labels[index], offset))
        separator = glue[index] if index + 1 < len(texts) else ""
        parts.append(body + separator)
        offset += len(body) + len(separator)
    return PdfText(tuple(pages), "".join(parts))
