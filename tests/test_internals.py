"""What render/internals.py relies on in WeasyPrint and pypdf: one test per internal.

Each test is named after an entry of internals.RELIED_ON. When one fails after an
upgrade, the internal it names has changed: adapt render/internals.py, nowhere else.
"""

from __future__ import annotations

import copy
import importlib
import inspect
import io
import re
import zlib
from typing import Any

import pydyf
from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, IndirectObject
from weasyprint import HTML
from weasyprint import pdf as weasyprint_pdf
from weasyprint.document import Page
from weasyprint.draw import text as draw_text
from weasyprint.formatting_structure import boxes
from weasyprint.layout import inline
from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.pdf import tags
from weasyprint.pdf.fonts import Font
from weasyprint.pdf.stream import Stream
from weasyprint.text.ffi import ffi, pango
from weasyprint.text.line_break import Layout

from reportgen.render import internals
from reportgen.render.fonts import Fontconfig

PAGE = """<html lang="en"><head><style>
@page { size: 100mm 60mm; @top-center { content: "Running head" } }
.note { float: footnote }
</style></head><body><p>Body text<span class="note">A footnote</span></p>
<p lang="th">ภาษาไทย</p></body></html>"""
MYANMAR = '<p lang="my" style="font-family: Noto Sans Myanmar">မြန်မာ မ တို့သည် မြောက်ကိုရီးယား</p>'


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
    assert all(box.mark is element for box, element in seen if element["S"] in ("/TD", "/TH"))


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
    # A table's wrapper box holds the table box, whose rows ('tr') hold the cells.
    wrapper = next(box for page in document(TABLE).pages
                   for box in page._page_box.descendants() if box.element_tag == "table")
    assert wrapper.is_table_wrapper
    rows = [row for group in wrapper.get_wrapped_table().children for row in group.children]
    assert [[cell.element_tag for cell in row.children] for row in rows] == [
        ["th", "th"], ["th", "td"]]


def test_split_text_box():
    # split_text_box(context, box, available_width, skip, is_line_start) -> (box, resume,
    # line break), looked up by name in layout.inline; a hyphenated line's text ends with
    # hyphenate_character; Box.copy copies the instance's attributes.
    assert list(inspect.signature(inline.split_text_box).parameters) == [
        "context", "box", "available_width", "skip", "is_line_start"]
    assert "split_text_box" in inline.split_inline_level.__code__.co_names
    lines = []
    original = inline.split_text_box

    def spy(context, box, *args, **options):
        result = original(context, box, *args, **options)
        lines.append((box.style["hyphenate_character"], result[0] and result[0].text))
        return result

    inline.split_text_box = spy
    try:
        document('<p lang="en" style="hyphens: auto; width: 2cm">Extraordinarily '
                 'characteristically</p>')
    finally:
        inline.split_text_box = original
    assert any(text and text.endswith(hyphen) for hyphen, text in lines)
    box = boxes.TextBox("p", document().pages[0]._page_box.style, None, "text")
    box.marked = True
    assert box.copy().marked and box.copy_with_text("other").marked


# The text layer.

def test_draw_first_line():
    # draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix), looked up
    # by name at call time by draw_text and by svg.text.text (imported in the function).
    svg_text = importlib.import_module("weasyprint.svg.text")
    assert list(inspect.signature(draw_text.draw_first_line).parameters) == [
        "stream", "textbox", "text_overflow", "block_ellipsis", "matrix"]
    assert "draw_first_line" in draw_text.draw_text.__code__.co_names
    assert "from ..draw.text import draw_emojis, draw_first_line" in inspect.getsource(
        svg_text.text)


def test_draw_first_line_maps_first_come():
    # The bug worked around (WeasyPrint #2841): each glyph keeps the text of its first
    # cluster. If this fails, WeasyPrint has changed its mapping: is the text layer still
    # needed?
    pdf = HTML(string='<p style="font-family: Noto Sans Myanmar">မြန်မာ</p>').write_pdf()
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split() == ["မြန်မြာ"]


def test_operator_format():
    # draw_first_line writes only Tm, Tf, Ts and TJ lines; TJ arrays hold 4-digit hex
    # glyph groups and numbers, one group per glyph id Pango gives (EMPTY glyphs: none).
    entries = []
    original = draw_text.draw_first_line

    def spy(stream, textbox, *args):
        start = len(stream.stream)
        result = original(stream, textbox, *args)
        entries.extend(stream.stream[start:])
        return result

    draw_text.draw_first_line = spy
    try:
        HTML(string=MYANMAR + '<p dir="rtl" lang="ar">العَرَبِيَّة لا</p>').write_pdf()
    finally:
        draw_text.draw_first_line = original
    number = rb"-?[0-9.]+(?:e-?[0-9]+)?"
    forms = (rb"(?:%s ){6}Tm" % number, rb"/[A-Z]+ %s Tf" % number, rb"%s Ts" % number,
             rb"\[(?:<(?:[0-9a-f]{4})*>|%s)*\] TJ" % number)
    assert any(entry.endswith(b"Ts") for entry in entries)
    for entry in entries:
        assert isinstance(entry, bytes)
        assert any(re.fullmatch(form, entry) for form in forms), entry


def test_font_attributes(monkeypatch):
    # Font has to_unicode, widths and missing dicts, glyph_count, bitmap, type, family,
    # filled while the pages are drawn; file_content and index, the font's data (whole
    # until Font.clean subsets it) and its index in a collection.
    whole = {}
    clean = Font.clean
    monkeypatch.setattr(Font, "clean", lambda self, *args: (
        whole.setdefault(self.family, (self.file_content, self.index)), clean(self, *args))[1])
    rendered = document(MYANMAR)
    rendered.write_pdf()
    font = next(font for font in rendered.fonts.values() if "Myanmar" in font.family)
    data, index = whole[font.family]
    assert isinstance(data, bytes) and isinstance(index, int)
    assert TTFont(io.BytesIO(data), fontNumber=index)["maxp"].numGlyphs == font.glyph_count
    assert isinstance(font.to_unicode, dict) and font.to_unicode
    assert set(font.widths) >= set(font.to_unicode)
    assert isinstance(font.missing, dict) and isinstance(font.glyph_count, int)
    assert font.bitmap is False and font.type == "ttf"
    assert all(isinstance(code, int) and isinstance(text, str)
               for code, text in font.to_unicode.items())


def test_font_clean(monkeypatch):
    # Font.clean(self, to_unicode, hinting) is called once per font file with the merged
    # to_unicode maps, whose keys it keeps as glyph ids (aliases are left out).
    assert list(inspect.signature(Font.clean).parameters) == ["self", "to_unicode", "hinting"]
    calls = []
    clean = Font.clean
    monkeypatch.setattr(Font, "clean", lambda self, to_unicode, hinting: (
        calls.append((self, dict(to_unicode))), clean(self, to_unicode, hinting))[1])
    with internals.text_layer():
        pdf = HTML(string=MYANMAR).write_pdf()
    (font, keys), = [(font, keys) for font, keys in calls if "Myanmar" in font.family]
    assert all(code < font.glyph_count for code in keys)
    assert len(font.to_unicode) > len(keys)  # An alias is in the map, not in the subset.
    # It leaves in file_content the program that is embedded (with the glyph copies
    # the text layer appends to it).
    embedded = [descriptor["/FontFile2"].get_data() for descriptor in font_descriptors(pdf)
                if "Myanmar" in descriptor["/FontName"]]
    assert embedded == [font.file_content]
    assert TTFont(io.BytesIO(font.file_content))["maxp"].numGlyphs > max(keys) + 1


def test_get_unused_glyph_id():
    # Font.get_unused_glyph_id(self, codepoint) gives missing glyphs glyph_count +
    # len(missing); draw_first_line calls it for PANGO_GLYPH_UNKNOWN_FLAG glyphs.
    assert list(inspect.signature(Font.get_unused_glyph_id).parameters) == [
        "self", "codepoint"]
    assert "get_unused_glyph_id" in draw_text.draw_first_line.__code__.co_names
    rendered = document('<p style="font-family: Noto Sans Myanmar">မ\ue000</p>')
    rendered.write_pdf()
    font = next(font for font in rendered.fonts.values() if font.missing)
    assert font.missing == {0xE000: font.glyph_count}
    assert font.get_unused_glyph_id(0xE001) == font.glyph_count + 1


class AddedObjects:
    """A pydyf PDF, recording the objects added to it."""

    def __init__(self, pdf):
        self.pdf, self.added = pdf, []

    def add_object(self, pdf_object):
        self.added.append(pdf_object)
        self.pdf.add_object(pdf_object)


def test_build_vector_font_dictionary(monkeypatch):
    # _build_vector_font_dictionary(font_dictionary, pdf, font, widths, compress,
    # reference, pdf_version), called by name by build_fonts_dictionary, adds the CIDFont
    # dictionary (CIDToGIDMap /Identity) with pdf.add_object and sets DescendantFonts.
    function = pdf_fonts._build_vector_font_dictionary
    assert list(inspect.signature(function).parameters) == [
        "font_dictionary", "pdf", "font", "widths", "compress", "reference", "pdf_version"]
    assert "_build_vector_font_dictionary" in pdf_fonts.build_fonts_dictionary.__code__.co_names
    seen = []

    def spy(font_dictionary, pdf, font, widths, compress, reference, pdf_version):
        recorder = AddedObjects(pdf)
        function(font_dictionary, recorder, font, widths, compress, reference, pdf_version)
        seen.append(([added for added in recorder.added if "CIDToGIDMap" in added],
                     font_dictionary, widths is font.widths))

    monkeypatch.setattr(pdf_fonts, "_build_vector_font_dictionary", spy)
    HTML(string=MYANMAR).write_pdf()
    assert seen
    for cid_fonts, font_dictionary, same_widths in seen:
        assert len(cid_fonts) == 1 and cid_fonts[0]["CIDToGIDMap"] == "/Identity"
        assert font_dictionary["DescendantFonts"] == pydyf.Array([cid_fonts[0].reference])
        assert font_dictionary["Encoding"] == "/Identity-H" and same_widths


def test_full_font_to_unicode(monkeypatch):
    # Fonts embedded whole get a ToUnicode stream, found from font_dictionary's reference
    # in pdf.objects, with bfchar lines between endcodespacerange and endcmap.
    seen = []
    function = pdf_fonts._build_vector_font_dictionary

    def spy(font_dictionary, pdf, font, widths, *args):
        function(font_dictionary, pdf, font, widths, *args)
        stream = pdf.objects[int(font_dictionary["ToUnicode"].split()[0])]
        seen.append((font_dictionary["ToUnicode"], stream, widths is font.widths))

    monkeypatch.setattr(pdf_fonts, "_build_vector_font_dictionary", spy)
    HTML(string=MYANMAR).write_pdf(full_fonts=True)
    assert seen
    for reference, stream, same_widths in seen:
        assert stream.reference == reference and not same_widths
        lines = stream.stream
        body = lines[lines.index(b"endcodespacerange") + 1:lines.index(b"endcmap")]
        assert body[0].endswith(b"beginbfchar") and body[-1] == b"endbfchar"
        assert all(re.fullmatch(rb"<[0-9a-f]{4}> <[0-9a-f]*>|\d+ beginbfchar|endbfchar", line)
                   for line in body)


def test_stream(monkeypatch):
    # Stream.stream is the list of operator lines, Stream.add_font(pango_font) gives
    # (Font, size) and the same Font for the same Pango font.
    assert list(inspect.signature(Stream.add_font).parameters) == ["self", "pango_font"]
    results = []
    add_font = Stream.add_font

    def spy(self, pango_font):
        result = add_font(self, pango_font)
        results.append((self, pango_font, result))
        return result

    monkeypatch.setattr(Stream, "add_font", spy)
    HTML(string='<p lang="th">ภาษาไทย</p>').write_pdf()
    assert results
    for stream, pango_font, (font, size) in results:
        assert isinstance(stream.stream, list) and isinstance(font, Font)
        assert isinstance(size, float) and add_font(stream, pango_font)[0] is font


def test_layout():
    # TextBox.pango_layout is a Layout with .text; draw_first_line asks it for the line it
    # draws with .get_first_line() -> (line, index), looked up on the instance, the last
    # call giving the line drawn.
    assert "text" in inspect.getsource(Layout.set_text)
    assert list(inspect.signature(Layout.get_first_line).parameters) == ["self"]
    assert "textbox.pango_layout.get_first_line()" in inspect.getsource(
        draw_text.draw_first_line)
    seen = []
    original = draw_text.draw_first_line

    def spy(stream, textbox, *args):
        layout, lines = textbox.pango_layout, []
        get_first_line = layout.get_first_line
        layout.get_first_line = lambda: lines.append(get_first_line()) or lines[-1]
        try:
            result = original(stream, textbox, *args)
        finally:
            del layout.get_first_line
        seen.append((layout.text, lines, layout.get_first_line()))
        return result

    draw_text.draw_first_line = spy
    try:
        HTML(string=MYANMAR).write_pdf()
    finally:
        draw_text.draw_first_line = original
    assert seen
    for text, lines, (line, _) in seen:
        assert isinstance(text, str) and lines and lines[-1][0] == line != ffi.NULL


def test_pango_structures():
    # The cffi declarations and constants of weasyprint.text.ffi the text layer reads;
    # PangoGlyphInfo starts with its 32-bit glyph id, then its geometry's 32-bit width,
    # x_offset and y_offset (read for a whole run at once).
    def fields(name: str) -> set[str]:
        return {field for field, _ in ffi.typeof(name).fields}
    assert "runs" in fields("PangoLayoutLine")
    assert {"item", "glyphs"} <= fields("PangoGlyphItem")
    assert {"offset", "length", "analysis"} <= fields("PangoItem")
    assert {"font", "level"} <= fields("PangoAnalysis")
    assert {"num_glyphs", "glyphs", "log_clusters"} <= fields("PangoGlyphString")
    assert ffi.typeof("PangoGlyphInfo").fields[0][0] == "glyph"
    assert ffi.offsetof("PangoGlyphInfo", "glyph") == 0
    assert ffi.sizeof("PangoGlyph") == 4 and ffi.sizeof("PangoGlyphInfo") % 4 == 0
    assert ffi.offsetof("PangoGlyphInfo", "geometry") == 4
    assert [(field, ffi.offsetof("PangoGlyphGeometry", field), ffi.sizeof(kind.type))
            for field, kind in ffi.typeof("PangoGlyphGeometry").fields] == [
        ("width", 0, 4), ("x_offset", 4, 4), ("y_offset", 8, 4)]
    assert {"data", "next"} <= fields("GSListRuns")
    assert (pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG) == (0x0FFFFFFF, 0x10000000)


def test_right_to_left_level():
    # analysis.level % 2 is 1 in right-to-left runs (the cdef reads the guint8 in a guint).
    levels = []
    original = draw_text.draw_first_line

    def spy(stream, textbox, *args):
        result = original(stream, textbox, *args)
        run = textbox.pango_layout.get_first_line()[0].runs
        while run != ffi.NULL:
            levels.append(run.data.item.analysis.level % 2)
            run = run.next
        return result

    draw_text.draw_first_line = spy
    try:
        HTML(string='<p dir="rtl" lang="ar">لا</p><p>a</p>').write_pdf()
    finally:
        draw_text.draw_first_line = original
    assert levels == [1, 0]


# pypdf.

PAGES = ("<html lang='en'><p>First page, in plain text.</p>"
         "<p style='break-before: page'>Second: <b>bold</b> and a new glyph, §.</p>"
         "<p style='break-before: page; color: rgba(0, 0, 0, .5)'>Third, see-through.</p>")
DOT = ("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42"
       "mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")


def test_page_paint():
    # Page.paint(stream, scale) is looked up on the class by generate_pdf, page after page,
    # each into a Stream of its own; painting changes the stream, the fonts (their
    # attributes and the text layer's state), the tags, ExtGState for transparency, and
    # XObject and the images for an image.
    assert list(inspect.signature(Page.paint).parameters) == ["self", "stream", "scale"]
    assert "page.paint(stream, scale)" in inspect.getsource(weasyprint_pdf.generate_pdf)
    assert {"_fonts", "_tags", "_resources", "_images"} <= set(
        inspect.signature(Stream.__init__).parameters).union(
        name for name in Stream.__init__.__code__.co_names if name.startswith("_"))
    with internals.text_layer():
        document = HTML(string=PAGES).render(pdf_tags=True)
        painted = internals.Painted()
        with internals.painting_again(painted, ("tagged",)):
            first = document.copy().write_pdf(pdf_tags=True)
        assert painted.reused == 0 and len(painted.pages) == 3
        assert all(page.reusable and page.drawn for page in painted.pages)
        assert [len(page.tags) > 0 for page in painted.pages] == [True] * 3
        assert [[key for key, _ in page.states] for page in painted.pages] == [
            ["a1.0"], [], ["a0.5"]]  # opaque, then a translucent colour
        assert len(painted.pages[1].fonts) > len(painted.pages[0].fonts)  # bold is new
        # Each write of the same pages begins with no fonts, as each build's document.
        with internals.painting_again(painted, ("tagged",)):
            assert document.copy().write_pdf(pdf_tags=True) == first
        assert painted.reused == 3
        with internals.painting_again(painted, ("other",)):
            assert document.copy().write_pdf(pdf_tags=True) == first
        assert painted.reused == 0
        image = HTML(string=f"<p>A dot: <img src='{DOT}'></p>").render()
        with internals.painting_again(painted, ("image",)):
            image.write_pdf()
        assert not painted.pages[0].reusable


def test_stream_compression(monkeypatch):
    calls = []
    real = zlib.compressobj
    monkeypatch.setattr(zlib, "compressobj",
                        lambda **options: calls.append(options) or real(**options))
    stream = pydyf.Stream([b"0 0 m 10 10 l S"] * 50, compress=True)
    written = stream.data
    assert calls == [{"level": 9}] and b"/FlateDecode" in written
    kept: dict = {}
    with internals.compressing_once(kept):
        assert stream.data == written and stream.data == written
    assert len(calls) == 2 and list(kept) == [(9, b"\n".join([b"0 0 m 10 10 l S"] * 50))]
    with internals.compressing_once(kept):
        assert stream.data == written
        assert pydyf.Stream([b"q Q"], compress=True).data.endswith(b"endstream")
    assert len(calls) == 3 and len(kept) == 2  # the kept stream reused, the new one made
    assert pydyf.zlib is zlib


def test_serializing_once(monkeypatch):
    # pydyf.PDF.write looked up on the class; each object serialized by its class's data.
    def document():
        pdf = pydyf.PDF()
        page = pydyf.Dictionary({"Type": "/Page", "Parent": pdf.pages.reference,
                                 "Annots": pydyf.Array([pydyf.String("note")])})
        content = pydyf.Stream([b"0 0 m 10 10 l S"] * 20, {"Nested": pydyf.Dictionary()},
                               compress=True)
        pdf.add_object(content)
        page["Contents"] = content.reference
        pdf.add_page(page)
        return pdf

    def written(pdf):
        output = io.BytesIO()
        pdf.write(output, b"1.7", b"an identifier", compress=True)
        return output.getvalue()

    serialized = []  # the objects, kept alive so that their ids stay theirs
    for kind in (pydyf.Dictionary, pydyf.Stream, pydyf.Array, pydyf.String):
        def counted(self, serialize=kind.data.fget):
            serialized.append(self)
            return serialize(self)
        monkeypatch.setattr(kind, "data", property(counted))
    original, dictionary_data = pydyf.PDF.write, pydyf.Dictionary.data
    expected = written(document())
    twice = len(serialized) - len({id(item) for item in serialized})
    serialized.clear()
    with internals.serializing_once():
        assert written(document()) == expected
    assert b"/ID [" in expected and twice >= 5  # page, contents, catalog, page tree…
    assert len(serialized) == len({id(item) for item in serialized}) >= 10
    assert pydyf.PDF.write is original and pydyf.Dictionary.data is dictionary_data


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


def font_descriptors(pdf: bytes) -> list:
    """The font descriptors of a PDF's Type 0 fonts."""
    reader = PdfReader(io.BytesIO(pdf))
    return [font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            for page in reader.pages for font in page["/Resources"]["/Font"].values()
            if font.get_object()["/Subtype"] == "/Type0"]


# Laying out in parts.

PARTS = """<html lang="en"><head><title>Parts</title><style>
@page { size: 120mm 90mm; margin: 10mm; @bottom-center { content: counter(page) " " string(head) } }
@page :first { margin-top: 20mm }
h1 { string-set: head content(); font-size: 12pt }
section { break-before: page; page: body }
a::after { content: target-counter(attr(href), page) }
</style></head><body><nav><a href="#two">Two</a></nav>
<section><h1>One</h1><p>Text</p></section><section id="two"><h1>Two</h1></section>
</body></html>"""


def spied_layout(monkeypatch) -> tuple[Any, dict]:
    """The document PARTS laid out, and what the spies on layout_document's calls saw."""
    from weasyprint import layout
    from weasyprint.layout import page as layout_page

    seen: dict = {"types": [], "margins": []}
    initialize, page_type = layout.initialize_page_maker, layout_page.PageType
    margin_boxes = layout.make_margin_boxes

    def spy_initialize(context, root_box):
        initialize(context, root_box)
        seen["context"], seen["root"] = context, root_box

    def spy_type(*fields):
        seen["types"].append(page_type(*fields))
        return seen["types"][-1]

    def spy_margins(context, page, state):
        seen["margins"].append((context.current_page, state))
        return margin_boxes(context, page, state)

    monkeypatch.setattr(layout, "initialize_page_maker", spy_initialize)
    monkeypatch.setattr(layout_page, "PageType", spy_type)
    monkeypatch.setattr(layout, "make_margin_boxes", spy_margins)
    return HTML(string=PARTS).render(), seen


def test_page_maker(monkeypatch):
    document, seen = spied_layout(monkeypatch)
    context = seen["context"]
    assert len(context.page_maker) == len(document.pages) + 1 == 4
    for _, next_page, right_page, state, remake_state in context.page_maker:
        assert set(next_page) == {"break", "page"} and isinstance(right_page, bool)
        quote_depth, counters, scopes, groups = state
        assert isinstance(quote_depth, list) and isinstance(scopes, list)
        assert isinstance(groups, list) and "content_changed" in remake_state
    assert context.page_maker[0][0] is None and context.page_maker[-1][1]["page"] == "body"
    assert [page_type.index for page_type in seen["types"][:3]] == [0, 1, 2]
    assert seen["types"][0]._fields == ("side", "blank", "name", "index", "groups")
    assert [(number, state[1]["page"]) for number, state in seen["margins"]] == [
        (1, [1]), (2, [2]), (3, [3])]
    assert context.current_page == 3
    assert context.string_set["head"][3] == ["Two"]
    page_box = document.pages[2]._page_box
    assert context.get_string_or_element_for(context.string_set, page_box, "head",
                                             "first") == ("Two",)


def test_page_rules(monkeypatch):
    from weasyprint.css import StyleFor
    from weasyprint.formatting_structure.build import update_counters
    from weasyprint.layout.block import block_level_page_break, block_level_page_name

    document, seen = spied_layout(monkeypatch)
    context, body = seen["context"], seen["root"].children[0]
    page_type = document.pages[1]._page_box.page_type
    matches = [StyleFor._page_type_match(selector[2], page_type)
               for sheet, _, _ in context.style_for._sheets
               for _, selectors, _ in sheet.page_rules for selector in selectors]
    assert True in matches and False in matches  # @page matches, @page :first does not
    state = copy.deepcopy(context.page_maker[1][3])
    update_counters(state, document.pages[1]._page_box.style)
    assert state[1]["page"] == [2]
    nav, section = [child for child in body.children
                    if child.is_in_normal_flow() or child.is_floated()][:2]
    assert block_level_page_break(nav, section) == "page"
    assert block_level_page_name(nav, section) == "body" == section.page_values()[0]


def test_target_collector(monkeypatch):
    from weasyprint import document as weasyprint_document
    from weasyprint.css.targets import TargetCollector, TargetLookupItem

    made = []

    def collector():
        made.append(TargetCollector())
        return made[-1]

    monkeypatch.setattr(weasyprint_document, "TargetCollector", collector)
    document = HTML(string=PARTS).render()
    targets = made[0]
    assert isinstance(targets.target_lookup_items, dict)
    item = targets.target_lookup_items.get("two")
    assert isinstance(item, TargetLookupItem) and item.state == "up-to-date"
    assert item.page_maker_index == 2 and item.cached_page_counter_values["page"] == [3]
    assert item.target_box.extract_text("content") == "Two"
    assert isinstance(item.target_box.cached_counter_values, dict)
    lookups = [lookup for (_, name), lookup in targets.counter_lookup_items.items()
               if name == "content"]
    assert lookups and all(isinstance(lookup.missing_counters, list) and
                           isinstance(lookup.missing_target_counters, dict)
                           for lookup in lookups)
    assert "anchor_token, source_box, css_token, parse_again" in str(
        inspect.signature(TargetCollector.lookup_target))
    assert TargetLookupItem("pending").state == "pending" and len(document.pages) == 3


def test_stylesheets_and_html(monkeypatch):
    from weasyprint import css

    found, original = [], css.find_stylesheets

    def spy(wrapper, *arguments):
        found.append(list(original(wrapper, *arguments)))
        return found[-1]

    monkeypatch.setattr(css, "find_stylesheets", spy)
    parsed = HTML(string=PARTS)
    first = parsed.render()
    assert len(found) == 1 and found[0]
    # Another document made of the same tree, its stylesheets those found before.
    monkeypatch.setattr(css, "find_stylesheets", lambda wrapper, *arguments: found[0])
    again = internals.html_of_tree(parsed.etree_element, parsed.base_url, parsed.url_fetcher)
    assert len(again.render().pages) == len(first.pages)
    assert internals.document_metadata(again).title == "Parts"


def test_margin_boxes_remade():
    from weasyprint.document import Page
    from weasyprint.layout.background import layout_box_backgrounds

    document = HTML(string=PARTS).render()
    page_box = document.pages[0]._page_box
    margins = [child for child in page_box.children if isinstance(child, boxes.MarginBox)]
    assert margins and page_box.style["size"]
    for margin in margins:
        layout_box_backgrounds(page_box, margin, lambda *_, **__: None)
    page = Page(page_box)
    assert (page.width, page.height) == (document.pages[0].width, document.pages[0].height)
    copied = document.copy([page])
    assert len(copied.pages) == 1 and copied.pages[0]._page_box is page_box
