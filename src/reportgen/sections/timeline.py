"""The chronology's timeline: its events on a time axis, drawn as SVG.

Years run down the left, one label line per event on the right; runs of years without
events are shortened, and approximate or inferred dates are drawn as open dots.
"""

from __future__ import annotations

import calendar
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from ..content.dates import PartialDate
from ..render import figures
from ..render.context import Figure
from ..render.figures import ACCENT, MUTED, RULE, WIDTH, fits

LABEL_SIZE = 2.75  # mm, about 7.8 pt
PITCH = 4.3  # mm between label lines
AXIS_X, DATE_X = 19.0, 36.0
# Average advance of a bold Noto Sans character, in ems (see figures.EM_ADVANCE).
BOLD_ADVANCE = 0.62
YEAR_ROOM = 3.0  # mm added to each year, so its label never crowds the first event
GAP = 6.0  # mm standing for a run of years without events


@dataclass(frozen=True)
class TimelineEntry:
    """An event as the timeline draws it: when, how it is printed, what, how sure."""

    date: PartialDate
    printed_date: str
    title: str
    uncertain: bool  # approximate or inferred: drawn as an open dot


def year_fraction(date: PartialDate) -> float:
    """How far into its year a date is, 0 to 1; a coarse date stands at its start."""
    if not date.month:
        return 0.0
    days = calendar.monthrange(date.year, date.month)[1]
    return (date.month - 1 + (date.day - 1 if date.day else 0) / days) / 12


def _year_bands(entries: list[TimelineEntry]) -> tuple[dict[int, tuple[float, float]], list]:
    """Top and height of each year with events; the gaps between non-consecutive years."""
    counts = Counter(entry.date.year for entry in entries)
    bands: dict[int, tuple[float, float]] = {}
    gaps: list[tuple[float, int, int]] = []
    y, previous = 2.0, None
    for year in sorted(counts):
        if previous is not None and year > previous + 1:
            gaps.append((y, previous + 1, year - 1))
            y += GAP
        height = YEAR_ROOM + counts[year] * PITCH
        bands[year] = (y, height)
        y += height
        previous = year
    return bands, gaps


def _label_positions(wanted: list[float], lines: list[int], bottom: float) -> list[float]:
    """Label baselines as near the wanted ones as possible, none overlapping, none below."""
    placed: list[float] = []
    for at, y in enumerate(wanted):
        floor = placed[-1] + lines[at - 1] * PITCH if placed else y
        placed.append(max(y, floor))
    ceiling = bottom
    for at in range(len(placed) - 1, -1, -1):
        ceiling -= (lines[at] - 1) * PITCH
        placed[at] = min(placed[at], ceiling)
        ceiling = placed[at] - PITCH
    return placed


def timeline(entries: list[TimelineEntry]) -> Figure:
    """The chronology's events on a time axis, years without events shortened."""
    bands, gaps = _year_bands(entries)
    last_top, last_height = bands[max(bands)]
    height = last_top + last_height + 2.0
    dots = [bands[e.date.year][0] + YEAR_ROOM / 2 + year_fraction(e.date) * (
        bands[e.date.year][1] - YEAR_ROOM) + LABEL_SIZE / 2 for e in entries]
    title_x = DATE_X + 2.5 + max(len(e.printed_date) for e in entries) * LABEL_SIZE * BOLD_ADVANCE
    titles = [fits(e.title, LABEL_SIZE, WIDTH - title_x) for e in entries]
    labels = _label_positions(dots, [len(t) for t in titles], height - 2.5)
    root = figures.svg(WIDTH, height, timeline_alt(entries))
    for year, (top, band) in bands.items():
        figures.line(root, AXIS_X, top, AXIS_X, top + band, ACCENT, 0.6)
        figures.line(root, AXIS_X - 1.5, top, AXIS_X, top, ACCENT, 0.4)
        figures.text(root, AXIS_X - 2.5, top + 3.2, str(year), font_size="3.2",
                     font_weight="700", text_anchor="end", fill=ACCENT)
    for top, first, last in gaps:
        figures.line(root, AXIS_X, top, AXIS_X, top + GAP, ACCENT, 0.6, dashed=True)
        skipped = str(first) if first == last else f"{first}–{last}"
        figures.text(root, AXIS_X - 2.5, top + GAP / 2 + 0.9, skipped, font_size="2.3",
                     text_anchor="end", fill=MUTED)
    for entry, dot, label, lines in zip(entries, dots, labels, titles):
        _draw_entry(root, entry, dot, (title_x, label), lines)
    caption = (f"The {len(entries)} events of the chronology on a time axis, from "
               f"{min(bands)} to {max(bands)}. Runs of years without events are shortened "
               "(dashed). Open dots mark dates that are approximate or inferred.")
    return figures.figure(root, timeline_alt(entries), caption)


def _draw_entry(root: ET.Element, entry: TimelineEntry, dot: float,
                label_at: tuple[float, float], lines: list[str]) -> None:
    title_x, label = label_at
    middle = label - LABEL_SIZE * 0.35
    points = f"{AXIS_X:.2f},{dot:.2f} {AXIS_X + 5:.2f},{dot:.2f} " \
             f"{DATE_X - 4:.2f},{middle:.2f} {DATE_X - 1:.2f},{middle:.2f}"
    ET.SubElement(root, "polyline", {"points": points, "fill": "none", "stroke": RULE,
                                     "stroke-width": "0.3"})
    ET.SubElement(root, "circle", {
        "cx": f"{AXIS_X:.2f}", "cy": f"{dot:.2f}", "r": "1.1", "stroke": ACCENT,
        "stroke-width": "0.4", "fill": "#ffffff" if entry.uncertain else ACCENT})
    figures.text(root, DATE_X, label, entry.printed_date, font_size=f"{LABEL_SIZE:g}",
                 font_weight="700", fill=ACCENT if not entry.uncertain else MUTED)
    for number, line in enumerate(lines):
        figures.text(root, title_x, label + number * PITCH, line, font_size=f"{LABEL_SIZE:g}")


def timeline_alt(entries: list[TimelineEntry]) -> str:
    """The timeline in words: how many events fall in each year."""
    counts = Counter(entry.date.year for entry in entries)
    per_year = "; ".join(f"{year}: {count} {'event' if count == 1 else 'events'}"
                         for year, count in sorted(counts.items()))
    return (f"Timeline of the {len(entries)} events of the chronology, from "
            f"{min(counts)} to {max(counts)} ({per_year}). Each event is listed with its "
            "date and sources in the chronology that follows.")
