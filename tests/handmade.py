"""Documents made by the tests: PDFs written object by object, and saved web pages.

`handmade_pdf` writes a PDF the way a word processor lays out a report, without
WeasyPrint: each page is a content stream drawing a running head, lines of body text
(some with the kerning adjustments typesetters put between letters) and a numbered
foot, in the standard Helvetica font, with the document information and /PageLabels
it is given. Its text is read back by poppler as any PDF's is.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)


@dataclass
class Sheet:
    """One page: its running head, its lines of text and its foot (a page number)."""

    lines: list[str]
    head: str = ""
    foot: str = ""


@dataclass
class Labels:
    """Page label ranges: (first page index, style /r or /D, first number)."""

    ranges: list[tuple[int, str, int]] = field(default_factory=list)


def _string(text: str) -> str:
    raw = text.encode("cp1252")
    escaped = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return "(" + escaped.decode("latin-1") + ")"


def _kerned(text: str) -> str:
    """A line drawn as a TJ array, a small kerning adjustment inside each long word."""
    parts = []
    for word in text.split(" "):
        if len(word) > 6:
            parts += [_string(word[:3]), "-15", _string(word[3:] + " ")]
        else:
            parts.append(_string(word + " "))
    return "[" + " ".join(parts) + "] TJ"


def _content(sheet: Sheet) -> bytes:
    commands = []
    if sheet.head:
        commands.append(f"BT /F1 9 Tf 72 800 Td {_string(sheet.head)} Tj ET")
    commands.append("BT /F1 11 Tf 72 760 Td 15 TL")
    for number, line in enumerate(sheet.lines):
        commands.append(_kerned(line) if number % 2 else f"{_string(line)} Tj")
        commands.append("T*")
    commands.append("ET")
    if sheet.foot:
        commands.append(f"BT /F1 9 Tf 290 40 Td {_string(sheet.foot)} Tj ET")
    return "\n".join(commands).encode("latin-1")


def handmade_pdf(sheets: list[Sheet], labels: Labels | None = None,
                 info: dict[str, str] | None = None) -> bytes:
    """The bytes of a PDF with these pages, page labels and document information."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    for sheet in sheets:
        page = writer.add_blank_page(595, 842)
        stream = DecodedStreamObject()
        stream.set_data(_content(sheet))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
    if labels:
        nums = ArrayObject()
        for first, style, start in labels.ranges:
            nums += [NumberObject(first), DictionaryObject({
                NameObject("/S"): NameObject(style), NameObject("/St"): NumberObject(start)})]
        writer._root_object[NameObject("/PageLabels")] = DictionaryObject(
            {NameObject("/Nums"): nums})
    writer.add_metadata({"/Producer": "reportgen tests, by hand",
                         **{key: TextStringObject(value) for key, value in (info or {}).items()}})
    data = io.BytesIO()
    writer.write(data)
    return data.getvalue()
