"""What render/internals.py relies on in WeasyPrint and pypdf: one test per internal.

Each test is named after an entry of internals.RELIED_ON. When one fails after an
upgrade, the internal it names has changed: adapt render/internals.py, nowhere else.
"""

from __future__ import annotations

import inspect
import io

import pydyf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, IndirectObject
from weasyprint import HTML
from weasyprint.formatting_structure import boxes
from weasyprint.pdf import tags

from reportgen.render import internals
from reportgen.render.fonts import Fontconfig

PAGE = """<html lang="en"><head><style>
@page { size: 100mm 60mm; @top-center { content: "Running head" } }
.note { float: footnote }
</style></head><body><p>Body text<span class="note">A footnote</span></p>
<p lang="th">ภาษาไทย</p></body></html>"""


def document(html: str = PAGE):
    return HTML(string=html).render(pdf_tags=True)


def test_relied_on_is_listed():
    """Each internal in RELIED_ON has its test here, and each test here its internal."""
    tests = {name for name in globals() if name.startswith("test_")} - {
        "test_relied_on_is_listed"}
    assert tests == set(internals.RELIED_ON)


# The laid-out document.

def test_fontconfig_address():
    # FontConfiguration._config: the FcConfig pointer, usable by our own binding.
    face = Fontconfig(internals.fontconfig_address(document())).match("Noto Sans")
    assert face.installed and face.file.endswith(".ttf")


def test_laid_out_text():
    # Page._page_box and the box tree: TextBox.text, .style, descendants(placeholders=True).
    found = list(internals.laid_out_text(document()))
    texts = {text for _, text, _ in found}
    assert {"Body text", "Running head", "A footnote", "ภาษาไทย"} <= texts
    assert {page for page, _, _ in found} == {1, 2}  # numbered from 1, the page is small
    style = next(style for _, text, style in found if text == "ภาษาไทย")
    assert style["lang"] == "th" and "font_family" in style.keys()


# The tag tree.

TABLE = """<html lang="en"><body><table><thead><tr><th scope="col">A</th><th>B</th></tr>
</thead><tbody><tr><th scope="row">r</th><td>1</td></tr></tbody></table></body></html>"""


def spied_elements(html: str) -> list[tuple]:
    """(box, element) for each element _build_box_tree yields for its own box."""
    original, seen = tags._build_box_tree, []

    def spy(box, parent, *rest):
        for element in original(box, parent, *rest):
            seen.append((box, element))
            yield element

    tags._build_box_tree = spy
    try:
        document(html).write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    finally:
        tags._build_box_tree = original
    return seen


def test_build_box_tree():
    # A generator taking (box, parent, pdf, page_number, nums, annotations, tags) that
    # looks itself up by name, so that wrapping the name reaches every element.
    assert inspect.isgeneratorfunction(tags._build_box_tree)
    assert list(inspect.signature(tags._build_box_tree).parameters) == [
        "box", "parent", "pdf", "page_number", "nums", "annotations", "tags"]
    assert "_build_box_tree" in tags._build_box_tree.__code__.co_names
    with internals.structure_tags():
        data = document().write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1")
    assert tags._build_box_tree.__name__ == "_build_box_tree"  # put back afterwards
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]["/StructTreeRoot"].get_object()
    languages = set()

    def walk(node):
        kids = node.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict):
                languages.add(str(kid.get("/Lang", "")))
                walk(kid)

    walk(root)
    assert "th" in languages


def test_struct_elements():
    # pydyf Dictionaries with S, K (references b'N 0 R' and MCIDs), P; table cells with an
    # A dictionary; TH IDs set (as pydyf Strings) before the table is yielded, and TD
    # Headers holding those very objects; each element yielded after its kids.
    seen = spied_elements(TABLE)
    roles = [str(element["S"]) for _, element in seen]
    assert roles.index("/TH") < roles.index("/Table")
    table = next(element for _, element in seen if element["S"] == "/Table")
    assert all(isinstance(kid, bytes) and kid.endswith(b" 0 R") for kid in table["K"])
    assert all(isinstance(element["P"], bytes) for _, element in seen)
    headers = [element for _, element in seen if element["S"] == "/TH"]
    cell = next(element for _, element in seen if element["S"] == "/TD")
    assert all(isinstance(header["ID"], pydyf.String) and "A" in header for header in headers)
    assert {id(name) for name in cell["A"]["Headers"]} <= {id(h["ID"]) for h in headers}


def test_box_classes():
    # PageBox, MarginBox and FootnoteAreaBox; footnotes are the FootnoteAreaBox's
    # children, boxes of the footnote's element, whose call and marker are boxes of the
    # same element tagged 'span::footnote-call' and 'span::footnote-marker'.
    pages = [page._page_box for page in document().pages]
    assert isinstance(pages[0], boxes.PageBox)
    assert any(isinstance(child, boxes.MarginBox) for child in pages[0].children)
    area = next(child for page_box in pages for child in page_box.children
                if isinstance(child, boxes.FootnoteAreaBox))
    note = area.children[0]
    assert note.element_tag == "span" and note.element.get("class") == "note"
    tags_of_element = {box.element_tag for page_box in pages
                       for box in page_box.descendants()
                       if getattr(box, "element", None) is note.element}
    assert {"span", "span::footnote-call", "span::footnote-marker"} <= tags_of_element
    call = next(box for page_box in pages for box in page_box.descendants()
                if getattr(box, "element_tag", "") == "span::footnote-call")
    assert isinstance(call, boxes.InlineBox)  # broken across lines like any inline box


# pypdf.

def test_add_object():
    # PdfWriter._add_object.
    writer = PdfWriter()
    stream = DecodedStreamObject()
    reference = internals.add_object(writer, stream)
    assert isinstance(reference, IndirectObject) and reference.get_object() is stream


def test_split_around_last_object():
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    stream = DecodedStreamObject()
    stream.set_data(b"placeholder")
    reference = internals.add_object(writer, stream)
    object_bytes = io.BytesIO()
    object_bytes.write(f"{reference.idnum} 0 obj\n".encode())
    stream.write_to_stream(object_bytes)
    object_bytes.write(b"\nendobj\n")
    buffer = io.BytesIO()
    writer.write(buffer)
    head, tail = internals.split_around_last_object(buffer.getvalue(), object_bytes.getvalue())
    assert head.startswith(b"%PDF-") and tail.startswith(b"xref\n")
