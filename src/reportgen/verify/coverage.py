"""Coverage: which paragraphs (or PDF pages) of each source the briefing cites, and which not.

A paragraph counts as cited when a verified quote, or a reference link the content takes
from the source, stands in it; a quote running over several paragraphs covers them
all. Paragraphs are numbered as in the footnotes (citations.paragraph_spans); a PDF's
pages are named by their printed labels, and its blank pages are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Project, Seed
from ..documents.pdfclean import Page
from .citations import SourceText, VerifiedCitations, paragraph_spans
from .normalise import normalise
from .places import place_name

OPENING_LENGTH = 70


@dataclass(frozen=True)
class SourceCoverage:
    """The divisions of one source (paragraphs, or a PDF's pages), and those the briefing cites.

    Divisions are numbered from 1: paragraph numbers, or the pages' positions in the file.
    """

    source: str
    seed: str
    divisions: tuple[str, ...]
    cited: frozenset[int]
    pages: tuple[Page, ...] = ()

    @property
    def unit(self) -> str:
        return "page" if self.pages else "paragraph"

    @property
    def citable(self) -> list[int]:
        """The divisions that have text (a PDF's blank pages have none)."""
        return [number for number, text in enumerate(self.divisions, 1) if text.strip()]

    @property
    def uncited(self) -> list[int]:
        return [number for number in self.citable if number not in self.cited]


def measure_coverage(project: Project, citations: VerifiedCitations) -> list[SourceCoverage]:
    """Each source's divisions and the ones cited, in the order of report/sources.yaml."""
    cited: dict[str, set[int]] = {source.id: set() for source in project.sources}
    for citation in project.citations():
        for first, last in citations.locate(citation).places:
            cited[citation.source].update(range(first, last + 1))
    texts: dict[str, SourceText] = {}  # prepared once per source: a large one takes a while
    for reference in project.references():
        text = texts.get(reference.source) or SourceText(project.seeds[reference.source])
        texts[reference.source] = text
        for first, last in text.find_all(reference.url):
            cited[reference.source].update(range(first, last + 1))
    result = []
    for source in project.sources:
        seed = project.seeds[source.id]
        result.append(SourceCoverage(source.id, f"seeds/{source.file}", _divisions(seed),
                                     frozenset(cited[source.id]), seed.pages))
    return result


def _divisions(seed: Seed) -> tuple[str, ...]:
    """The text of each paragraph of a seed, or of each of its pages."""
    if not seed.pages:
        return tuple(seed.text[start:end] for start, end in paragraph_spans(seed.text))
    ends = [page.start for page in seed.pages[1:]] + [len(seed.text)]
    return tuple(seed.text[page.start:end] for page, end in zip(seed.pages, ends, strict=True))


def paragraph_list(numbers: list[int], pages: tuple[Page, ...] = ()) -> str:
    """'¶1, ¶2, ¶5–9' or 'pp. 1, 2, 5–9': runs of three or more are joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    places = []
    for run in runs:
        if len(run) >= 3:
            places.append((run[0], run[-1]))
        else:
            places.extend((number, number) for number in run)
    if not pages:
        return ", ".join(place_name(place) for place in places)
    labels = [pages[a - 1].label if a == b else f"{pages[a - 1].label}–{pages[b - 1].label}"
              for a, b in places]
    return ("pp. " if len(numbers) > 1 else "p. ") + ", ".join(labels)


def _opening(paragraph: str) -> str:
    text = normalise(paragraph)
    return text if len(text) <= OPENING_LENGTH else text[:OPENING_LENGTH - 1].rstrip() + "…"


def format_coverage(coverage: list[SourceCoverage]) -> str:
    """The report `reportgen check --coverage` prints: a line per source, then what it omits."""
    lines = []
    for source in coverage:
        total, uncited = len(source.citable), source.uncited
        line = (f"{source.source} ({source.seed}): {total - len(uncited)} of {total} "
                f"{source.unit}s cited")
        lines.append(line + (f"; not cited: {paragraph_list(uncited, source.pages)}"
                             if uncited else ""))
        lines += [f"    {place_name((number, number), source.pages)} "
                  f"{_opening(source.divisions[number - 1])}" for number in uncited]
    counts = []
    for unit in ("paragraph", "page"):
        of_unit = [s for s in coverage if s.unit == unit]
        if of_unit or (unit == "paragraph" and not coverage):
            total = sum(len(s.citable) for s in of_unit)
            cited = total - sum(len(s.uncited) for s in of_unit)
            counts.append(f"{cited} of {total} {unit}s")
    sources = f"{len(coverage)} source" + ("" if len(coverage) == 1 else "s")
    lines.append(f"In all: {' and '.join(counts)} of {sources} cited")
    return "\n".join(lines)
