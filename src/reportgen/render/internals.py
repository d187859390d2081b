"""The one place that relies on WeasyPrint's and pypdf's internals.

Each function here uses something that is not part of those libraries' public API; its
docstring says what, and tests/test_internals.py has a test for each that fails loudly
when an upgrade changes it. WeasyPrint is pinned (70.0) and pypdf too (7.1.0): after
upgrading either, run those tests first, and look nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pydyf
from pypdf import PdfWriter
from pypdf.generic import IndirectObject, PdfObject
from weasyprint import Document
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.pdf import tags
from weasyprint.text.ffi import ffi


def fontconfig_address(document: Document) -> int:
    """The address of the FcConfig WeasyPrint laid the document out with.

    Relies on FontConfiguration._config, the FcConfig pointer holding the system fonts and
    those of @font-face rules.
    """
    return int(ffi.cast("uintptr_t", document.font_config._config))


def laid_out_text(document: Document) -> Iterator[tuple[int, str, Any]]:
    """(page number, text, computed style) of every text box of the laid-out pages.

    Relies on Page._page_box and the box tree (boxes.TextBox, .text, .style,
    .descendants(placeholders=True)): WeasyPrint's own tagger walks the same private
    tree, for lack of a public one. Margin boxes and footnote areas are included.
    """
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants(placeholders=True):
            if isinstance(box, TextBox) and box.text:
                yield number, box.text, box.style


@contextmanager
def structure_languages() -> Iterator[None]:
    """While WeasyPrint writes the PDF, give /Lang to elements whose HTML declares lang.

    WeasyPrint 70 writes only the document's language (the catalog's /Lang), so screen
    readers would read the Burmese and Thai inserts with an English voice. Relies on
    weasyprint.pdf.tags._build_box_tree, a recursive generator that looks itself up by
    name on each call, so wrapping that name reaches every element; and on boxes'
    .element and .element_tag.
    """
    original = tags._build_box_tree

    def with_language(box, parent, *rest):  # noqa: ANN001, ANN202 - WeasyPrint's own
        for element in original(box, parent, *rest):
            lang = _declared_language(box)
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    tags._build_box_tree = with_language
    try:
        yield
    finally:
        tags._build_box_tree = original


def _declared_language(box) -> str:  # noqa: ANN001 - a WeasyPrint box
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) == "html":
        return ""
    return element.get("lang") or ""


def add_object(writer: PdfWriter, pdf_object: PdfObject) -> IndirectObject:
    """Add an object to a PDF being written, returning its reference.

    Relies on PdfWriter._add_object: pypdf has no public name for it.
    """
    return writer._add_object(pdf_object)


def split_around_last_object(written: bytes, last: bytes) -> tuple[bytes, bytes]:
    """The bytes of a PDF pypdf wrote before and after its last object, `last`.

    Relies on pypdf writing objects in the order they were added, then a classic
    cross-reference table right after the last object; checked here, not trusted.
    Returns (everything before the object, the xref table and trailer up to startxref).
    """
    start = written.rfind(last)
    end = start + len(last)
    trailer = written.rfind(b"startxref\n")
    if start < 0 or not written.startswith(b"xref\n", end) or int(
            written[trailer + 10:].split()[0]) != end:
        raise ValueError("pypdf wrote the PDF in an unexpected layout")
    return written[:start], written[end:trailer]
