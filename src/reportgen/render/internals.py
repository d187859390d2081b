"""The one place that relies on WeasyPrint's and pypdf's internals.

Each function here uses something that is not part of those libraries' public API; its
docstring says what, RELIED_ON lists every such internal by the test in
tests/test_internals.py that fails loudly when an upgrade changes it. WeasyPrint is
pinned (70.0), and pypdf too (7.1.0): after upgrading either, run those tests first, and
look nowhere else.

Sections: the laid-out document; the tag tree; pypdf.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pydyf
from pypdf import PdfWriter
from pypdf.generic import IndirectObject, PdfObject
from weasyprint import Document
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.pdf import tags
from weasyprint.text.ffi import ffi

# Every internal relied on, by the name of its test in tests/test_internals.py.
RELIED_ON = {
    "test_fontconfig_address": "FontConfiguration._config, the FcConfig pointer",
    "test_laid_out_text": "Page._page_box and the box tree: TextBox.text, .style, "
                          ".descendants(placeholders=True)",
    "test_build_box_tree": "weasyprint.pdf.tags._build_box_tree(box, parent, pdf, "
                           "page_number, nums, annotations, tags): a recursive generator "
                           "looking itself up by name, yielding each box's element last",
    "test_struct_elements": "the structure elements _build_box_tree makes: pydyf "
                            "Dictionaries with S, K (references and MCIDs), P, and A for "
                            "table cells; TH IDs set on the table's elements before it is "
                            "yielded, TD Headers naming them",
    "test_box_classes": "boxes.PageBox, MarginBox, FootnoteAreaBox; box.element, "
                        ".element_tag ('span::footnote-call', 'span::footnote-marker'), "
                        "footnotes as children of the FootnoteAreaBox",
    "test_add_object": "PdfWriter._add_object",
    "test_split_around_last_object": "pypdf writes objects in the order added, then a "
                                     "classic cross-reference table",
}


# The laid-out document.

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


# The tag tree: what WeasyPrint 70's tagger leaves out or splits.

# Roles whose elements hold marked content or annotations of their own page directly.
_OWN_PAGE_ROLES = {"/Link", "/Figure", "/Form"}
_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
_REPEATED_GROUPS = {"thead", "tfoot"}


@dataclass
class _Tree:
    """What the tagger's wrapper remembers from page to page of one PDF."""

    last: dict[tuple, tuple[Any, int]] = field(default_factory=dict)  # -> (element, page)
    depth: int = 0  # of the element being tagged (anonymous boxes share their element)
    groups: dict[Any, Any] = field(default_factory=dict)  # <thead>/<tfoot> -> first element
    repeated: list[tuple[Any, Any]] = field(default_factory=list)  # (first, repeat)
    calls: dict[Any, Any] = field(default_factory=dict)  # footnote -> its /Reference
    notes: int = 0
    headers: int = 0  # depth of <thead> being tagged


@contextmanager
def structure_tags() -> Iterator[None]:
    """While WeasyPrint writes the PDF, complete the tag tree it builds.

    Each element whose HTML declares lang gets /Lang; each /TH its /Scope (WeasyPrint 70
    drops the HTML's scope); footnotes become /Note elements with an /ID, placed right
    after their call, a /Reference whose /Ref names the note; an element continued from
    an earlier page (a section, a paragraph, a table) is one element, not one per page;
    a table's header rows repeated on later pages are left out of the tree (the
    finisher makes them artifacts, with the running heads). Relies on
    weasyprint.pdf.tags._build_box_tree, a recursive generator that looks itself up by
    name on each call, so wrapping that name reaches every element, on the structure
    elements it makes (see RELIED_ON) and on boxes' .element and .element_tag.
    """
    original = tags._build_box_tree
    tree = _Tree()

    def build(box, parent, pdf, page, *rest):  # noqa: ANN001, ANN202 - WeasyPrint's own
        if isinstance(box, boxes.FootnoteAreaBox):
            yield from _footnotes(tree, box, parent, pdf, page, rest)
            return
        tag = getattr(box, "element_tag", None) if getattr(box, "element", None) is not None \
            else None
        if tag in ("html", "body") or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
            yield from original(box, parent, pdf, page, *rest)
            return
        if tag in _REPEATED_GROUPS and box.element in tree.groups:
            tree.repeated += [(tree.groups[box.element], repeat)
                              for repeat in original(box, parent, pdf, page, *rest)]
            return
        tree.headers += tag == "thead"
        tree.depth += 1
        try:
            for element in original(box, parent, pdf, page, *rest):
                _describe(tree, pdf, element, box)
                if not _continues(tree, pdf, element, box, page):
                    yield element
        finally:
            tree.headers -= tag == "thead"
            tree.depth -= 1

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def _describe(tree: _Tree, pdf: Any, element: Any, box: Any) -> None:
    """Add what WeasyPrint leaves out to a new element: /Lang, /Scope, note roles."""
    lang = _declared_language(box)
    if lang and "Lang" not in element:
        element["Lang"] = pydyf.String(lang)
    role, tag = element["S"], getattr(box, "element_tag", "") or ""
    if role == "/TH":
        scope = (box.element.get("scope") or "").lower()
        element["A"]["Scope"] = _SCOPES.get(scope, "/Column" if tree.headers else "/Row")
    elif role == "/Table" and tree.repeated:
        _renamed_headers(pdf, element, tree.repeated)
        tree.repeated = []
    elif tag.endswith("::footnote-call"):
        element["S"] = "/Reference"
        tree.calls.setdefault(box.element, element)
    elif tag.endswith("::footnote-marker"):
        element["S"] = "/Lbl"
    if tag in _REPEATED_GROUPS:
        tree.groups.setdefault(box.element, element)


def _declared_language(box: Any) -> str:
    """The lang attribute of the box's HTML element, if it is not the root's."""
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) == "html":
        return ""
    return element.get("lang") or ""


def _continues(tree: _Tree, pdf: Any, element: Any, box: Any, page: int) -> bool:
    """Whether element continues one made for the same HTML element on an earlier page
    (or line): then its kids move there, and it is left out."""
    html = getattr(box, "element", None)
    if html is None or element["S"] in _OWN_PAGE_ROLES:
        return False
    key = (html, box.element_tag, element["S"], tree.depth)
    first, first_page = tree.last.get(key, (None, page))
    # On one page, only an inline element broken across lines is continued: anonymous
    # blocks share their element, and may have other blocks between them.
    if first is None or (first_page == page and not isinstance(box, boxes.InlineBox)) or \
            any(isinstance(kid, int) for kid in element["K"]):
        tree.last[key] = (element, page)
        return False
    for kid in element["K"]:
        _object(pdf, kid)["P"] = first.reference
    first["K"].extend(element["K"])
    # WeasyPrint added the object before yielding it, and pydyf cannot remove one.
    element.clear()
    tree.last[key] = (first, page)
    return True


def _renamed_headers(pdf: Any, table: Any, repeated: list[tuple[Any, Any]]) -> None:
    """Make a table's cells name the first header rows, not the repeated ones."""
    names = {}
    for first, repeat in repeated:
        names.update(zip(_header_ids(pdf, repeat), _header_ids(pdf, first)))
    for cell in _descendants(pdf, table):
        if "Headers" in cell.get("A", {}):
            cell["A"]["Headers"] = pydyf.Array(names.get(name, name)
                                               for name in cell["A"]["Headers"])


def _header_ids(pdf: Any, group: Any) -> list:
    """The /ID of each header cell of a row group, in reading order."""
    return [cell["ID"] for cell in _descendants(pdf, group) if cell["S"] == "/TH"]


def _descendants(pdf: Any, element: Any) -> Iterator[Any]:
    """The structure elements under element, depth first."""
    for kid in element["K"]:
        if not isinstance(kid, int):
            kid = _object(pdf, kid)
            if kid.get("Type") == "/StructElem":
                yield kid
                yield from _descendants(pdf, kid)


def _object(pdf: Any, reference: bytes) -> Any:
    """The pydyf object a reference (b'12 0 R') names."""
    return pdf.objects[int(reference.split()[0])]


def _footnotes(tree: _Tree, area: Any, parent: Any, pdf: Any, page: int,
               rest: tuple) -> Iterator[Any]:
    """Tag a page's footnotes as /Note, each placed right after its call.

    The footnote area itself gets no element; a note whose call is not in the tree stays
    where WeasyPrint puts it, at the end of the page.
    """
    for box in area.children:
        for note in tags._build_box_tree(box, parent, pdf, page, *rest):
            tree.notes += 1
            note["S"] = "/Note"
            note["ID"] = pydyf.String(box.element.get("id") or f"note-{tree.notes}")
            call = tree.calls.get(box.element)
            if call is None:
                yield note
                continue
            call["Ref"] = pydyf.Array([note.reference])
            holder = _object(pdf, call["P"])
            holder["K"].insert(holder["K"].index(call.reference) + 1, note.reference)
            note["P"] = call["P"]


# pypdf.

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
