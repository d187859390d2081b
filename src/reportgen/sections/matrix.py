"""The country matrix: countries down, kinds of cooperation across, drawn as SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..render import figures
from ..render.context import Figure
from ..render.figures import ACCENT, RULE, WIDTH, fits

ROW = 4.6
NAME_WIDTH = 38.0
HEAD_SIZE = 2.5
CELL_SIZE = 2.8


@dataclass(frozen=True)
class MatrixRow:
    """A row of the matrix: a name, and the labels of the columns it is marked in."""

    name: str
    marked: tuple[str, ...]


def matrix(columns: list[str], rows: list[MatrixRow]) -> Figure:
    """Rows down, columns across, a dot where a row is marked in a column."""
    column = (WIDTH - NAME_WIDTH) / len(columns)
    heads = [fits(label, HEAD_SIZE, column - 1.5) for label in columns]
    head_height = max(len(lines) for lines in heads) * HEAD_SIZE * 1.25 + 2.0
    height = head_height + len(rows) * ROW + 1.0
    root = figures.svg(WIDTH, height, matrix_alt(columns, rows))
    for number, lines in enumerate(heads):
        centre = NAME_WIDTH + (number + 0.5) * column
        top = head_height - 1.5 - (len(lines) - 1) * HEAD_SIZE * 1.25
        for at, line in enumerate(lines):
            figures.text(root, centre, top + at * HEAD_SIZE * 1.25, line,
                         font_size=f"{HEAD_SIZE:g}", font_weight="700", text_anchor="middle")
    figures.line(root, 0, head_height, WIDTH, head_height, ACCENT, 0.5)
    for number, row in enumerate(rows):
        _draw_row(root, row, columns, head_height + number * ROW, column, shaded=number % 2 == 1)
    caption = (f"{len(rows)} countries and what the sources report them doing. Each row is "
               "detailed, with its sources, in the table that follows.")
    return figures.figure(root, matrix_alt(columns, rows), caption)


def _draw_row(root: ET.Element, row: MatrixRow, columns: list[str], top: float,
              column: float, shaded: bool) -> None:
    if shaded:
        ET.SubElement(root, "rect", {"x": "0", "y": f"{top:.2f}", "width": f"{WIDTH:g}",
                                     "height": f"{ROW:g}", "fill": "#f4eded"})
    middle = top + ROW / 2
    figures.text(root, 1.0, middle + CELL_SIZE * 0.35, row.name, font_size=f"{CELL_SIZE:g}")
    for number, label in enumerate(columns):
        centre = NAME_WIDTH + (number + 0.5) * column
        marked = label in row.marked
        ET.SubElement(root, "circle", {
            "cx": f"{centre:.2f}", "cy": f"{middle:.2f}", "r": "1.3" if marked else "0.35",
            "fill": ACCENT if marked else RULE})


def matrix_alt(columns: list[str], rows: list[MatrixRow]) -> str:
    """The matrix in words: each row with its marked columns."""
    described = "; ".join(f"{row.name}: {', '.join(row.marked)}" for row in rows)
    return (f"Matrix of {len(rows)} countries by {len(columns)} kinds of cooperation or "
            f"stance. {described}.")
