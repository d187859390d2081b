"""Reading a built PDF back the way its readers do: pypdf, poppler and qpdf."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, as pdftotext reads it."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table: one dict per font with its name and whether it is embedded."""
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    return [{"name": line.split()[0], "embedded": line.split()[-5]} for line in lines]


@dataclass
class Notes:
    """Footnote calls and footnote markers found on one page."""

    calls: list[int]
    markers: list[int]


def notes_per_page(pdf: Path) -> list[Notes]:
    """Calls are the small raised numbers in the text; markers begin the notes ('7. ')."""
    result = []
    for page in PdfReader(pdf).pages:
        calls: list[int] = []
        markers: list[int] = []

        def visit(text, cm, tm, font, size, calls=calls, markers=markers):
            scale = abs(tm[3] or 1) * abs(cm[3] or 1)
            if re.fullmatch(r",?\d+", text.strip()) and size * scale < 7:
                calls.append(int(text.strip(",")))
            elif re.fullmatch(r"\d+\. ", text) and size * scale < 9:
                markers.append(int(text[:-2]))

        page.extract_text(visitor_text=visit)
        result.append(Notes(calls, markers))
    return result


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    """(level, title, page index) of every bookmark, depth first."""
    reader = PdfReader(pdf)
    entries: list[tuple[int, str, int]] = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                entries.append((level, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 1)
    return entries


@dataclass
class StructureElement:
    """A tagged-PDF structure element: its type, language and alternative text."""

    role: str
    lang: str
    alt: str
    depth: int


def structure(pdf: Path | PdfReader) -> list[StructureElement]:
    """Every element of the structure tree, depth first, as a screen reader walks it."""
    reader = pdf if isinstance(pdf, PdfReader) else PdfReader(pdf)
    elements: list[StructureElement] = []

    def walk(node, depth):
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                elements.append(StructureElement(str(kid["/S"])[1:], str(kid.get("/Lang", "")),
                                                 str(kid.get("/Alt", "")), depth))
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"].get_object(), 0)
    return elements
