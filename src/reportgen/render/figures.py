"""Drawing figures as SVG: what the sections' figures (the timeline, the matrix) share.

Figures are vector drawings sized in millimetres for the A4 text block, embedded as
data: URIs so the sandboxed renderer reads nothing from disk. Each comes with a text
alternative, which the tagged PDF carries as the figure's alternate text, and a caption.
SVG text is set glyph by glyph, without shaping, so labels stay in Latin script.
"""

from __future__ import annotations

import base64
import textwrap
import xml.etree.ElementTree as ET

from .context import Figure

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 170.0  # mm: the text block of an A4 page with 20 mm side margins
FONT = "Noto Sans"
INK, ACCENT, MUTED, RULE = "#1a1a1a", "#7a1f1f", "#555555", "#cccccc"
# Average advance of a Noto Sans character, in ems: generous, so estimated widths are
# never shorter than the real ones and labels are wrapped before they can collide.
EM_ADVANCE = 0.56


def fits(text: str, size: float, width: float) -> list[str]:
    """Text wrapped into lines whose estimated width stays within `width` mm."""
    per_line = max(1, int(width / (size * EM_ADVANCE)))
    return textwrap.wrap(text, per_line) or [""]


def svg(width: float, height: float, alt: str) -> ET.Element:
    """An empty drawing of that size in mm, its alternative text as its <title>."""
    root = ET.Element("svg", {
        "xmlns": SVG_NS, "width": f"{width:g}mm", "height": f"{height:.1f}mm",
        "viewBox": f"0 0 {width:g} {height:.1f}", "font-family": FONT, "fill": INK})
    ET.SubElement(root, "title").text = alt
    return root


def text(parent: ET.Element, x: float, y: float, words: str, **style: str) -> None:
    """A line of text at (x, y); style keywords are SVG attributes, '_' for '-'."""
    attributes = {"x": f"{x:.2f}", "y": f"{y:.2f}"}
    attributes.update({key.replace("_", "-"): value for key, value in style.items()})
    ET.SubElement(parent, "text", attributes).text = words


def line(parent: ET.Element, x1: float, y1: float, x2: float, y2: float, colour: str,
         width: float, dashed: bool = False) -> None:
    """A straight line from (x1, y1) to (x2, y2)."""
    attributes = {"x1": f"{x1:.2f}", "y1": f"{y1:.2f}", "x2": f"{x2:.2f}", "y2": f"{y2:.2f}",
                  "stroke": colour, "stroke-width": f"{width:g}"}
    if dashed:
        attributes["stroke-dasharray"] = "0.8 0.8"
    ET.SubElement(parent, "line", attributes)


def figure(root: ET.Element, alt: str, caption: str) -> Figure:
    """The drawing as a data: URI, with its alternative text and caption."""
    data = base64.b64encode(ET.tostring(root, encoding="utf-8")).decode("ascii")
    return Figure(f"data:image/svg+xml;base64,{data}", alt, caption)
