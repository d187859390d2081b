"""Places in a source as the editor's messages name them: ¶3, ¶3–4, p. 12, pp. 12–13.

A place is the first and last division a passage stands in: paragraph numbers, or, in a
PDF, the positions of its pages in the file, named by their printed labels. A label that
several pages share (parts that each start again at 1) is completed by the page's
position: 'p. 2 (PDF p. 45)'.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..documents.pdfclean import Page

Place = tuple[int, int]  # the first and last division of a passage, from 1


def place_name(place: Place, pages: Sequence[Page] = ()) -> str:
    """'¶3', '¶3–4', 'p. 12', 'pp. 12–13' or 'p. 2 (PDF p. 45)'."""
    first, last = place
    if not pages:
        return f"¶{first}" if first == last else f"¶{first}–{last}"
    return pages_named([(pages[first - 1], pages[last - 1])], pages)


def places_named(places: list[Place], pages: Sequence[Page] = ()) -> str:
    """Several places in one: '¶3, ¶6', or 'pp. 3, 6–7'."""
    if not pages:
        return ", ".join(place_name(place) for place in places)
    return pages_named([(pages[first - 1], pages[last - 1]) for first, last in places], pages)


def pages_named(spans: list[tuple[Page, Page]], pages: Sequence[Page]) -> str:
    """'p. 12', 'pp. 12–13, 15': the spans' labels, with positions where labels repeat."""
    several = len(spans) > 1 or spans[0][0] is not spans[0][1]
    printed = ("pp. " if several else "p. ") + ", ".join(
        first.label if first is last else f"{first.label}–{last.label}" for first, last in spans)
    if not repeated_labels(pages) & {page.label for span in spans for page in span}:
        return printed
    positions = ", ".join(str(first.number) if first is last else
                          f"{first.number}–{last.number}" for first, last in spans)
    return f"{printed} (PDF {'pp.' if several else 'p.'} {positions})"


def repeated_labels(pages: Sequence[Page]) -> frozenset[str]:
    """The labels that more than one page has."""
    counts = Counter(page.label for page in pages)
    return frozenset(label for label, count in counts.items() if count > 1)
