"""Coverage: which paragraphs of each source the briefing cites, and which it leaves out.

A paragraph counts as cited when a verified quote, or a reference link the content takes
from the source, stands in it; a quote running over several paragraphs covers them
all. Paragraphs are numbered as in the footnotes (citations.paragraph_spans).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model import Project
from .citations import SourceText, VerifiedCitations, paragraph_spans
from .normalise import normalise

OPENING_LENGTH = 70


@dataclass(frozen=True)
class SourceCoverage:
    """The paragraphs of one source, and the numbers of those the briefing cites."""

    source: str
    seed: str
    paragraphs: tuple[str, ...]
    cited: frozenset[int]

    @property
    def uncited(self) -> list[int]:
        return [number for number in range(1, len(self.paragraphs) + 1)
                if number not in self.cited]


def measure_coverage(project: Project, citations: VerifiedCitations) -> list[SourceCoverage]:
    """Each source's paragraphs and the ones cited, in the order of report/sources.yaml."""
    cited: dict[str, set[int]] = {source.id: set() for source in project.sources}
    for citation in project.citations():
        for first, last in citations.locate(citation).paragraphs:
            cited[citation.source].update(range(first, last + 1))
    texts: dict[str, SourceText] = {}  # prepared once per source: a large one takes a while
    for reference in project.references():
        text = texts.get(reference.source) or SourceText(project.seeds[reference.source])
        texts[reference.source] = text
        for first, last in text.find_all(reference.url):
            cited[reference.source].update(range(first, last + 1))
    result = []
    for source in project.sources:
        text = project.seeds[source.id].text
        paragraphs = tuple(text[start:end] for start, end in paragraph_spans(text))
        result.append(SourceCoverage(source.id, f"seeds/{source.file}", paragraphs,
                                     frozenset(cited[source.id])))
    return result


def paragraph_list(numbers: list[int]) -> str:
    """'¶1, ¶2, ¶5–9': runs of three or more paragraphs are joined."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"¶{run[0]}–{run[-1]}")
        else:
            parts.extend(f"¶{number}" for number in run)
    return ", ".join(parts)


def _opening(paragraph: str) -> str:
    text = normalise(paragraph)
    return text if len(text) <= OPENING_LENGTH else text[:OPENING_LENGTH - 1].rstrip() + "…"


def format_coverage(coverage: list[SourceCoverage]) -> str:
    """The report `reportgen check --coverage` prints: a line per source, then what it omits."""
    lines = []
    for source in coverage:
        total, uncited = len(source.paragraphs), source.uncited
        line = (f"{source.source} ({source.seed}): {total - len(uncited)} of {total} "
                "paragraphs cited")
        lines.append(line + (f"; not cited: {paragraph_list(uncited)}" if uncited else ""))
        lines += [f"    ¶{number} {_opening(source.paragraphs[number - 1])}"
                  for number in uncited]
    cited = sum(len(s.paragraphs) - len(s.uncited) for s in coverage)
    total = sum(len(s.paragraphs) for s in coverage)
    sources = f"{len(coverage)} source" + ("" if len(coverage) == 1 else "s")
    lines.append(f"In all: {cited} of {total} paragraphs of {sources} cited")
    return "\n".join(lines)
