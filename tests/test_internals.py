"""What render/internals.py relies on in WeasyPrint and pypdf: one test per internal.

When one of these fails after an upgrade, the internal it names has changed: adapt the
function of the same name in render/internals.py, nowhere else.
"""

from __future__ import annotations

import inspect
import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, IndirectObject
from weasyprint import HTML
from weasyprint.pdf import tags

from reportgen.render import internals
from reportgen.render.fonts import Fontconfig

PAGE = """<html lang="en"><head><style>
@page { size: 100mm 60mm; @top-center { content: "Running head" } }
.note { float: footnote }
</style></head><body><p>Body text<span class="note">A footnote</span></p>
<p lang="th">ภาษาไทย</p></body></html>"""


def document():
    return HTML(string=PAGE).render(pdf_tags=True)


def test_fontconfig_address_is_the_config_weasyprint_laid_out_with():
    # FontConfiguration._config: the FcConfig pointer, usable by our own binding.
    face = Fontconfig(internals.fontconfig_address(document())).match("Noto Sans")
    assert face.installed and face.file.endswith(".ttf")


def test_laid_out_text_reaches_the_body_margin_boxes_and_footnotes():
    # Page._page_box and the box tree: TextBox.text, .style, descendants(placeholders=True).
    found = list(internals.laid_out_text(document()))
    texts = {text for _, text, _ in found}
    assert {"Body text", "Running head", "A footnote", "ภาษาไทย"} <= texts
    assert {page for page, _, _ in found} == {1, 2}  # numbered from 1, the page is small
    style = next(style for _, text, style in found if text == "ภาษาไทย")
    assert style["lang"] == "th" and "font_family" in style.keys()


def test_structure_languages_wraps_the_tag_builder():
    # tags._build_box_tree: a generator taking (box, parent, ...) that looks itself up by name.
    assert inspect.isgeneratorfunction(tags._build_box_tree)
    assert list(inspect.signature(tags._build_box_tree).parameters)[:2] == ["box", "parent"]
    with internals.structure_languages():
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


def test_add_object_returns_a_reference_to_the_new_object():
    # PdfWriter._add_object.
    writer = PdfWriter()
    stream = DecodedStreamObject()
    reference = internals.add_object(writer, stream)
    assert isinstance(reference, IndirectObject) and reference.get_object() is stream


def test_pypdf_writes_the_last_object_added_last_then_the_xref_table():
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
