"""Reading a built PDF back the way its readers do: pypdf, poppler and qpdf."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
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
        # Text inside drawings (form XObjects, such as the figures' year labels) is not a
        # note: pypdf reports it between the 'Do' operator's two visits, after one last
        # report of the page's own pending text.
        state = {"depth": 0, "flush": False}

        def before(operator, *_, state=state):
            if operator == b"Do":
                state["flush"] = True

        def after(operator, *_, state=state):
            if operator == b"Do":
                state["depth"] -= 1

        def visit(text, cm, tm, font, size, calls=calls, markers=markers, state=state):
            inside = state["depth"] > 0
            if state["flush"]:
                state["flush"], state["depth"] = False, state["depth"] + 1
            scale = abs(tm[3] or 1) * abs(cm[3] or 1)
            if inside:
                return
            if re.fullmatch(r",?\d+", text.strip()) and size * scale < 7:
                calls.append(int(text.strip(",")))
            elif re.fullmatch(r"\d+\. ", text) and size * scale < 9:
                markers.append(int(text[:-2]))

        page.extract_text(visitor_operand_before=before, visitor_operand_after=after,
                          visitor_text=visit)
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


def figure_alternatives(pdf: Path) -> list[str]:
    """The alternate text of every Figure in the PDF's structure tree, in reading order."""
    return [element.alt for element in structure(pdf) if element.role == "Figure"]


@dataclass
class Element:
    """A structure element as a screen reader meets it, with what PDF/UA checks read."""

    role: str
    lang: str
    depth: int
    attributes: dict  # its /A dictionary
    id: str
    refs: list[int]  # object numbers of the elements its /Ref names
    number: int  # its object number
    mcids: set[tuple[int, int]]  # (page index, MCID) of the content it owns directly
    pages: set[int]  # the pages of all its content, its descendants' included


@dataclass
class Marked:
    """A marked-content sequence of a page's content stream, outside any other."""

    tag: str
    properties: dict
    shows_text: bool


@dataclass
class TagTree:
    """The structure tree, the parent tree and the marked content of every page."""

    elements: list[Element]
    owners: dict[tuple[int, int], int]  # (page, MCID) -> object number, from /ParentTree
    marked: list[list[Marked]]  # per page
    annotations: list[dict]  # every annotation, page by page


def tag_tree(pdf: Path) -> TagTree:
    """Read the structure tree and the pages' marked content with pypdf."""
    from pypdf.generic import ContentStream

    reader = PdfReader(pdf)
    pages = {page.indirect_reference.idnum: index for index, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    elements: list[Element] = []

    def walk(node, depth: int, page: int | None) -> set[int]:
        kids = node.get("/K", [])
        spread: set[int] = set()
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, int):
                current.mcids.add((page, kid))
                spread.add(page)
                continue
            number = getattr(kid, "idnum", None)
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if kid.get("/Type") == "/MCR":
                current.mcids.add((pages[kid.raw_get("/Pg").idnum], kid["/MCID"]))
                spread.add(pages[kid.raw_get("/Pg").idnum])
            elif "/S" in kid:
                spread |= visit(kid, number, depth)
        return spread

    def visit(node, number: int, depth: int) -> set[int]:
        nonlocal current
        attributes = node.get("/A", {})
        attributes = attributes.get_object() if hasattr(attributes, "get_object") else attributes
        element = Element(str(node["/S"])[1:], str(node.get("/Lang", "")), depth,
                          dict(attributes), str(node.get("/ID", "")),
                          [ref.idnum for ref in node.get("/Ref", [])], number, set(), set())
        elements.append(element)
        outer, current = current, element
        page = pages[node.raw_get("/Pg").idnum] if "/Pg" in node else None
        element.pages = walk(node, depth + 1, page)
        current = outer
        return element.pages

    current = Element("StructTreeRoot", "", -1, {}, "", [], 0, set(), set())
    walk(root, 0, None)
    owners = {}
    nums = root["/ParentTree"].get_object()["/Nums"]
    for key, value in zip(nums[0::2], nums[1::2], strict=False):
        value = value.get_object()
        if isinstance(value, list) and key < len(reader.pages):
            owners.update({(key, mcid): owner.idnum for mcid, owner in enumerate(value)
                           if hasattr(owner, "idnum")})
    marked = []
    for page in reader.pages:
        sequences: list[Marked] = []
        depth = 0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator in (b"BDC", b"BMC"):
                if depth == 0:
                    properties = operands[1] if operator == b"BDC" else {}
                    sequences.append(Marked(str(operands[0])[1:], dict(properties), False))
                depth += 1
            elif operator == b"EMC":
                depth -= 1
            elif operator in (b"TJ", b"Tj", b"'", b'"'):
                if depth == 0:
                    sequences.append(Marked("", {}, True))  # text marked as nothing
                else:
                    sequences[-1].shows_text = True
        marked.append(sequences)
    annotations = [annotation.get_object() for page in reader.pages
                   for annotation in page.get("/Annots", [])]
    return TagTree(elements, owners, marked, annotations)


def inconsistent_widths(pdf: Path | bytes) -> list[str]:
    """Each code whose width in a Type 0 font's /W differs from its glyph's advance in the
    embedded TrueType program by more than 1/1000 em (PDF/A-1 6.2.11.5, PDF/UA-1 7.21.5),
    as "font code: W width, font advance"; the glyph is found through the CIDToGIDMap."""
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    found, seen = [], set()
    for page in reader.pages:
        for reference in page["/Resources"].get("/Font", {}).values():
            font = reference.get_object()
            if font.get("/Subtype") != "/Type0" or font["/BaseFont"] in seen:
                continue
            seen.add(font["/BaseFont"])
            cid_font = font["/DescendantFonts"][0].get_object()
            program = cid_font["/FontDescriptor"].get_object().get("/FontFile2")
            if program is not None:
                found.extend(_inconsistent(font["/BaseFont"], cid_font,
                                           TTFont(io.BytesIO(program.get_object().get_data()))))
    return found


def _inconsistent(name: str, cid_font: dict, program: TTFont) -> list[str]:
    """The codes of one CID font whose /W width is not their glyph's advance."""
    cid_to_gid = cid_font.get("/CIDToGIDMap", "/Identity")
    gids = None if cid_to_gid == "/Identity" else cid_to_gid.get_object().get_data()
    order, metrics = program.getGlyphOrder(), program["hmtx"].metrics
    scale = 1000 / program["head"].unitsPerEm
    found = []
    for cid, width in _widths(cid_font.get("/W", [])).items():
        gid = cid if gids is None else int.from_bytes(gids[2 * cid:2 * cid + 2], "big")
        advance = metrics[order[gid]][0] * scale if gid < len(order) else None
        if advance is None or abs(advance - width) > 1:
            found.append(f"{name} {cid}: W {width}, font {advance}")
    return found


def _widths(array: list) -> dict[int, float]:
    """A /W array as widths by CID."""
    widths, index = {}, 0
    while index < len(array):
        first = int(array[index])
        if isinstance(array[index + 1], list):
            widths.update({first + k: float(w) for k, w in enumerate(array[index + 1])})
            index += 2
        else:
            widths.update(dict.fromkeys(range(first, int(array[index + 1]) + 1),
                                        float(array[index + 2])))
            index += 3
    return widths
