"""Finding a quote in a source: every exact occurrence, or else the closest passage.

Occurrences are found in the normal form (normalise.py) on word boundaries (words.py) and
reported as offsets into the source's own text; they never overlap.

The closest passage to a quote that is not found is chosen by runs of the quote's words
that the source has exactly (at most 16 runs, each searched once), then aligned word by
word, ignoring case, the punctuation around words and invisible characters, so it covers
every word the quote changes. A quote sharing no word with the source has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from .normalise import NormalForm, normalise, without_invisible
from .words import UNIT, inside_word

# Anchor sizes tried in turn: (fewest units, fewest characters) of an exact run.
_ANCHOR_LEVELS = ((3, 10), (2, 6), (1, 1))
_MAX_ANCHORS = 16
_MAX_HITS = 64
_MAX_REGIONS = 3
_GAP = 100  # cost of a word missing on either side; a changed word costs 50 to 100

Units = list[tuple[int, int]]
Cluster = tuple[int, int, set[tuple[int, int]], float]


@dataclass(frozen=True, order=True)
class Span:
    """Offsets into the source's own text, end exclusive."""

    start: int
    end: int


class SearchableText:
    """A source text prepared for finding quotes."""

    def __init__(self, text: str) -> None:
        self.form = NormalForm.of(text)
        self.normal = self.form.text

    def find_all(self, quote: str) -> list[Span]:
        """Every occurrence of the quote on word boundaries, in the order of the text."""
        wanted, found = normalise(quote), []
        at = self.normal.find(wanted) if wanted else -1
        while at >= 0:
            if self._on_boundaries(at, at + len(wanted)):
                found.append(self._span(at, at + len(wanted)))
                at = self.normal.find(wanted, at + len(wanted))
            else:
                at = self.normal.find(wanted, at + 1)
        return found

    def closest(self, quote: str) -> Span | None:
        """The passage most like the quote, covering the words that differ; None if none is."""
        wanted = normalise(without_invisible(quote))
        units = [(m.start(), m.end()) for m in UNIT.finditer(wanted)]
        best: tuple[int, int, int] | None = None
        for region in self._regions(wanted, units):
            aligned = self._align(wanted, units, region)
            if aligned and (best is None or aligned[0] < best[0]):
                best = aligned
        if best is None:
            return None
        start, end = best[1], best[2]
        while inside_word(self.normal, start):
            start -= 1
        while inside_word(self.normal, end):
            end += 1
        return self._span(start, end)

    def _span(self, start: int, end: int) -> Span:
        """The source's own offsets of normal[start:end]."""
        return Span(*self.form.original_span(start, end))

    def _on_boundaries(self, start: int, end: int) -> bool:
        """Whether normal[start:end] neither starts nor ends inside a word."""
        return not inside_word(self.normal, start) and not inside_word(self.normal, end)

    def _occurrences(self, needle: str) -> list[int]:
        """Up to _MAX_HITS starts of needle in the normal text, on word boundaries."""
        hits: list[int] = []
        at = self.normal.find(needle)
        while at >= 0 and len(hits) < _MAX_HITS:
            if self._on_boundaries(at, at + len(needle)):
                hits.append(at)
            at = self.normal.find(needle, at + 1)
        return hits

    def _regions(self, wanted: str, units: Units) -> list[tuple[int, int]]:
        """Stretches of the normal text where the quote's anchors cluster, the likeliest first."""
        estimates: list[tuple[int, tuple[int, int], float]] = []
        clusters: list[Cluster] = []
        for level, (fewest, shortest) in enumerate(_ANCHOR_LEVELS):
            for number, (offset, anchor) in enumerate(_anchors(wanted, units, fewest, shortest)):
                hits = self._occurrences(anchor)
                estimates += [(hit - offset, (level, number), 1 / len(hits)) for hit in hits]
            clusters = _likeliest(_clusters(estimates, len(wanted)))
            if clusters and len(clusters[0][2]) > 1:
                break
        margin = len(wanted) // 2 + 20
        return [(max(0, low - margin), min(len(self.normal), high + len(wanted) + margin))
                for low, high, _, _ in clusters]

    def _align(self, wanted: str, units: Units,
               region: tuple[int, int]) -> tuple[int, int, int] | None:
        """(cost, start, end) of the best alignment of the quote's units inside a region."""
        start = region[0]
        while start > max(0, region[0] - 64) and not self.normal[start - 1].isspace():
            start -= 1
        found = [(m.start(), m.end()) for m in UNIT.finditer(self.normal, start, region[1])]
        if not found:
            return None
        cost, first, last = _semi_global(
            [_comparable(wanted[a:b]) for a, b in units],
            [_comparable(self.normal[a:b]) for a, b in found])
        return (cost, found[first][0], found[last - 1][1]) if last > first else None


def _anchors(wanted: str, units: Units, fewest: int, shortest: int) -> list[tuple[int, str]]:
    """Runs of whole quote units to search for exactly, as (offset in quote, text)."""
    runs: dict[str, int] = {}
    for first in range(len(units)):
        last = first + fewest - 1
        while last < len(units) and units[last][1] - units[first][0] < shortest:
            last += 1
        if last < len(units):
            runs.setdefault(wanted[units[first][0]:units[last][1]], units[first][0])
    chosen = list(runs.items())
    if fewest == 1:  # single units: the longest are the rarest
        chosen.sort(key=lambda run: -len(run[0]))
        chosen = chosen[:_MAX_ANCHORS]
    step = max(1, len(chosen) / _MAX_ANCHORS)
    return [(offset, text) for text, offset in
            (chosen[int(i * step)] for i in range(min(len(chosen), _MAX_ANCHORS)))]


def _clusters(estimates: list[tuple[int, tuple[int, int], float]], size: int) -> list[Cluster]:
    """Groups of nearby estimated quote starts: (lowest, highest, anchors, weight)."""
    groups: list[Cluster] = []
    tolerance = size // 2 + 10
    for estimate, anchor, weight in sorted(estimates):
        # Measured from the group's first estimate, so that common words met every few
        # lines cannot chain a group, and the region aligned, across a whole document.
        if groups and estimate - groups[-1][0] <= tolerance:
            low, _, anchors, total = groups[-1]
            groups[-1] = (low, estimate, anchors | {anchor}, total + weight)
        else:
            groups.append((estimate, estimate, {anchor}, weight))
    return groups


def _likeliest(clusters: list[Cluster]) -> list[Cluster]:
    """The clusters worth aligning: those with the most anchors, and those with the rarest.

    A run the source repeats is searched for only in its first _MAX_HITS places, so in a
    source of many like paragraphs the most anchors may gather early on, while the few
    rare runs of the quote point to where it really is; the alignment decides.
    """
    by_count = sorted(clusters, key=lambda group: (-len(group[2]), -group[3], group[0]))
    by_weight = sorted(clusters, key=lambda group: (-group[3], -len(group[2]), group[0]))
    chosen = {id(group): group for group in [*by_count[:_MAX_REGIONS], *by_weight[:_MAX_REGIONS]]}
    return list(chosen.values())


def _comparable(unit: str) -> str:
    """A unit as compared for closeness: case, edge punctuation and invisibles ignored."""
    folded = without_invisible(unit).casefold()
    return folded.strip(".,;:!?\"'()[]{}«»‹›—–-…") or folded


def _change_cost(quoted: str, source: str) -> int:
    """Cost of aligning two units: 0 if alike, 50 to 100 as they differ more."""
    if quoted == source:
        return 0
    return _GAP - round(_GAP / 2 * Indel.normalized_similarity(quoted, source))


def _semi_global(quoted: list[str], source: list[str]) -> tuple[int, int, int]:
    """(cost, first, end) of the cheapest alignment of all of quoted to source[first:end]."""
    costs, starts = [0] * (len(source) + 1), list(range(len(source) + 1))
    for word in quoted:
        row, row_starts = [costs[0] + _GAP], [0]
        for j, other in enumerate(source, 1):
            # Ties favour pairing a changed word over skipping it, so it is covered.
            best, start = costs[j - 1] + _change_cost(word, other), starts[j - 1]
            if costs[j] + _GAP < best:
                best, start = costs[j] + _GAP, starts[j]
            if row[j - 1] + _GAP < best:
                best, start = row[j - 1] + _GAP, row_starts[j - 1]
            row.append(best)
            row_starts.append(start)
        costs, starts = row, row_starts
    end = min(range(1, len(costs)), key=lambda j: (costs[j], starts[j] - j, j))
    return costs[end], starts[end], end
