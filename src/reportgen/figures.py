"""Figures drawn from the content as SVG: the chronology's timeline and the country matrix.

Both are vector drawings sized in millimetres for the A4 text block, embedded as data:
URIs so the sandboxed renderer reads nothing from disk. Each comes with a text
alternative, which the tagged PDF carries as the figure's alternate text, and a caption.
SVG text is set glyph by glyph, without shaping, so labels stay in Latin script.
"""

from __future__ import annotations

import base64
import calendar
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass

from .context import Figure
from .dates import PartialDate
from .model import CooperationKind, CountryRow

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 170.0  # mm: the text block of an A4 page with 20 mm side margins
FONT = "Noto Sans"
INK, ACCENT, MUTED, RULE = "#1a1a1a", "#7a1f1f", "#555555", "#cccccc"
# Average advance of a Noto Sans character, in ems: generous, so estimated widths are
# never shorter than the real ones and labels are wrapped before they can collide.
EM_ADVANCE = 0.56

# The timeline: years down the left, one label line per event on the right.
LABEL_SIZE = 2.75  # mm, about 7.8 pt
PITCH = 4.3  # mm between label lines
AXIS_X, DATE_X = 19.0, 36.0
BOLD_ADVANCE = 0.62  # the same for the bold dates
YEAR_ROOM = 3.0  # mm added to each year, so its label never crowds the first event
GAP = 6.0  # mm standing for a run of years without events

# The matrix: one row per country, one column per kind.
ROW = 4.6
NAME_WIDTH = 38.0
HEAD_SIZE = 2.5
CELL_SIZE = 2.8


@dataclass(frozen=True)
class TimelineEntry:
    """An event as the timeline draws it: when, how it is printed, what, how sure."""

    date: PartialDate
    printed_date: str
    title: str
    uncertain: bool  # approximate or inferred: drawn as an open dot


def fits(text: str, size: float, width: float) -> list[str]:
    """Text wrapped into lines whose estimated width stays within `width` mm."""
    per_line = max(1, int(width / (size * EM_ADVANCE)))
    return textwrap.wrap(text, per_line) or [""]


def _svg(width: float, height: float, alt: str) -> ET.Element:
    root = ET.Element("svg", {
        "xmlns": SVG_NS, "width": f"{width:g}mm", "height": f"{height:.1f}mm",
        "viewBox": f"0 0 {width:g} {height:.1f}", "font-family": FONT, "fill": INK})
    ET.SubElement(root, "title").text = alt
    return root


def _text(parent: ET.Element, x: float, y: float, text: str, **style: str) -> None:
    attributes = {"x": f"{x:.2f}", "y": f"{y:.2f}"}
    attributes.update({key.replace("_", "-"): value for key, value in style.items()})
    ET.SubElement(parent, "text", attributes).text = text


def _line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, colour: str,
          width: float, dashed: bool = False) -> None:
    attributes = {"x1": f"{x1:.2f}", "y1": f"{y1:.2f}", "x2": f"{x2:.2f}", "y2": f"{y2:.2f}",
                  "stroke": colour, "stroke-width": f"{width:g}"}
    if dashed:
        attributes["stroke-dasharray"] = "0.8 0.8"
    ET.SubElement(parent, "line", attributes)


def _figure(root: ET.Element, alt: str, caption: str) -> Figure:
    data = base64.b64encode(ET.tostring(root, encoding="utf-8")).decode("ascii")
    return Figure(f"data:image/svg+xml;base64,{data}", alt, caption)


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
    root = _svg(WIDTH, height, timeline_alt(entries))
    for year, (top, band) in bands.items():
        _line(root, AXIS_X, top, AXIS_X, top + band, ACCENT, 0.6)
        _line(root, AXIS_X - 1.5, top, AXIS_X, top, ACCENT, 0.4)
        _text(root, AXIS_X - 2.5, top + 3.2, str(year), font_size="3.2", font_weight="700",
              text_anchor="end", fill=ACCENT)
    for top, first, last in gaps:
        _line(root, AXIS_X, top, AXIS_X, top + GAP, ACCENT, 0.6, dashed=True)
        skipped = str(first) if first == last else f"{first}–{last}"
        _text(root, AXIS_X - 2.5, top + GAP / 2 + 0.9, skipped, font_size="2.3",
              text_anchor="end", fill=MUTED)
    for entry, dot, label, lines in zip(entries, dots, labels, titles):
        _draw_entry(root, entry, dot, (title_x, label), lines)
    caption = (f"The {len(entries)} events of the chronology on a time axis, from "
               f"{min(bands)} to {max(bands)}. Runs of years without events are shortened "
               "(dashed). Open dots mark dates that are approximate or inferred.")
    return _figure(root, timeline_alt(entries), caption)


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
    _text(root, DATE_X, label, entry.printed_date, font_size=f"{LABEL_SIZE:g}",
          font_weight="700", fill=ACCENT if not entry.uncertain else MUTED)
    for number, line in enumerate(lines):
        _text(root, title_x, label + number * PITCH, line, font_size=f"{LABEL_SIZE:g}")


def timeline_alt(entries: list[TimelineEntry]) -> str:
    """The timeline in words: how many events fall in each year."""
    counts = Counter(entry.date.year for entry in entries)
    per_year = "; ".join(f"{year}: {count} {'event' if count == 1 else 'events'}"
                         for year, count in sorted(counts.items()))
    return (f"Timeline of the {len(entries)} events of the chronology, from "
            f"{min(counts)} to {max(counts)} ({per_year}). Each event is listed with its "
            "date and sources in the chronology that follows.")


def matrix(kinds: list[CooperationKind], rows: list[CountryRow]) -> Figure:
    """Countries down, kinds of cooperation across, a dot where a country is of that kind."""
    column = (WIDTH - NAME_WIDTH) / len(kinds)
    heads = [fits(kind.label, HEAD_SIZE, column - 1.5) for kind in kinds]
    head_height = max(len(lines) for lines in heads) * HEAD_SIZE * 1.25 + 2.0
    height = head_height + len(rows) * ROW + 1.0
    root = _svg(WIDTH, height, matrix_alt(kinds, rows))
    for number, lines in enumerate(heads):
        centre = NAME_WIDTH + (number + 0.5) * column
        top = head_height - 1.5 - (len(lines) - 1) * HEAD_SIZE * 1.25
        for at, line in enumerate(lines):
            _text(root, centre, top + at * HEAD_SIZE * 1.25, line, font_size=f"{HEAD_SIZE:g}",
                  font_weight="700", text_anchor="middle")
    _line(root, 0, head_height, WIDTH, head_height, ACCENT, 0.5)
    for number, row in enumerate(rows):
        _draw_row(root, row, kinds, head_height + number * ROW, column, shaded=number % 2 == 1)
    caption = (f"{len(rows)} countries and what the sources report them doing. Each row is "
               "detailed, with its sources, in the table that follows.")
    return _figure(root, matrix_alt(kinds, rows), caption)


def _draw_row(root: ET.Element, row: CountryRow, kinds: list[CooperationKind], top: float,
              column: float, shaded: bool) -> None:
    if shaded:
        ET.SubElement(root, "rect", {"x": "0", "y": f"{top:.2f}", "width": f"{WIDTH:g}",
                                     "height": f"{ROW:g}", "fill": "#f4eded"})
    middle = top + ROW / 2
    _text(root, 1.0, middle + CELL_SIZE * 0.35, row.country, font_size=f"{CELL_SIZE:g}")
    for number, kind in enumerate(kinds):
        centre = NAME_WIDTH + (number + 0.5) * column
        marked = kind.id in row.kinds
        ET.SubElement(root, "circle", {
            "cx": f"{centre:.2f}", "cy": f"{middle:.2f}", "r": "1.3" if marked else "0.35",
            "fill": ACCENT if marked else RULE})


def matrix_alt(kinds: list[CooperationKind], rows: list[CountryRow]) -> str:
    """The matrix in words: each country with its kinds."""
    labels = {kind.id: kind.label for kind in kinds}
    described = "; ".join(f"{row.country}: {', '.join(labels[k] for k in row.kinds)}"
                          for row in rows)
    return (f"Matrix of {len(rows)} countries by {len(kinds)} kinds of cooperation or "
            f"stance. {described}.")
