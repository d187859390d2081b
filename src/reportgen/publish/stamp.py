"""Stamping: one copy of the rendered briefing per recipient, their stamp on every page.

WeasyPrint renders every recipient's stamp in one small document, a page each, so names
in any script get real fonts. pypdf then draws the stamp page of copy k on every page of
copy k, as a Form XObject marked as a pagination artifact: the outline, links, page
labels and structure tree of the briefing stay as they were. Copies differ in that one
stream only, so the briefing is written once with a placeholder there, and each copy is
those bytes with its stamp swapped in. An encrypted copy is written whole by pypdf, as
encryption changes every stream.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
)

from ..content.localize import direction
from ..errors import RenderError
from ..render.fetcher import ProjectFetcher
from ..render.internals import add_object, split_around_last_object, text_layer

STAMP = NameObject("/ReportgenStamp")
STAMP_CSS = """
@page {{ size: {width}pt {height}pt; margin: 0; }}
body {{ margin: 0; font-family: {families}; font-size: 6.5pt; }}
.stamp {{ break-after: page; height: {inner}pt; position: relative; }}
.stamp p {{ position: absolute; bottom: 3.5mm; left: 0; right: 0; margin: 0;
           text-align: center; }}
.stamp span {{ background: white; color: #333; border: 0.4pt solid #999;
              padding: 0.4mm 2mm; }}
"""


def check_structure_kept(before: bytes, after: bytes) -> None:
    """Fail if stamping lost the tagged structure, outline, language or archive."""
    old_reader, new_reader = PdfReader(io.BytesIO(before)), PdfReader(io.BytesIO(after))
    old, new = old_reader.trailer["/Root"], new_reader.trailer["/Root"]
    lost = [key for key in ("/StructTreeRoot", "/Outlines", "/Lang", "/MarkInfo", "/Metadata",
                            "/OutputIntents", "/AF", "/PageLabels")
            if key in old and key not in new]
    if "/AF" in old and sorted(old_reader.attachments) != sorted(new_reader.attachments):
        lost.append("embedded files")
    if lost:
        raise RenderError(f"stamping lost {', '.join(lost)} from the PDF")


def page_size(briefing: bytes) -> tuple[float, float]:
    """Width and height in points of the briefing's first page."""
    box = PdfReader(io.BytesIO(briefing)).pages[0].mediabox
    return float(box.width), float(box.height)


def render_stamps(lines: list[str], families: list[str], size: tuple[float, float],
                  root: Path, language: str) -> bytes:
    """A PDF with one page per line, the line at the foot of the page in a small label,
    written in the briefing's language and its direction.

    Rendered in the project's sandbox, as the briefing is: nothing from the network or
    from outside the project is read, whatever the theme names.
    """
    from weasyprint import HTML

    width, height = size
    css = STAMP_CSS.format(width=width, height=height, inner=height - 1,
                           families=", ".join(f'"{family}"' for family in families))
    pages = "".join(f'<div class="stamp"><p><span>{html.escape(line)}</span></p></div>'
                    for line in lines)
    head = f'<html lang="{html.escape(language)}" dir="{direction(language)}">'
    # A recipient's name in Burmese or Thai must read back as printed, like the briefing.
    with text_layer():
        return HTML(string=f"{head}<head><style>{css}</style></head><body>{pages}</body>"
                           "</html>", url_fetcher=ProjectFetcher(root)).write_pdf()


class Stamper:
    """Makes copy k of a briefing: stamp page k drawn on each of its pages."""

    def __init__(self, briefing: bytes, stamps: bytes) -> None:
        self.writer = PdfWriter(clone_from=PdfReader(io.BytesIO(briefing)))
        overlay = PdfReader(io.BytesIO(stamps))
        self.stamps = [page.get_contents().get_data() for page in overlay.pages]
        self.form = self._form(overlay.pages[0])
        self._draw_on_every_page(overlay.pages[0])
        self.head, self.tail = self._template(briefing)

    @property
    def page_count(self) -> int:
        return len(self.writer.pages)

    def copy(self, index: int, password: str = "") -> bytes:
        """The briefing stamped with stamp page `index`, encrypted when a password is given."""
        if not password:
            body = self._form_bytes(self.stamps[index])
            return (self.head + body + self.tail + b"startxref\n" +
                    str(len(self.head) + len(body)).encode() + b"\n%%EOF\n")
        self.form.set_data(self.stamps[index])
        self.writer.encrypt(password, algorithm="AES-256")
        buffer = io.BytesIO()
        self.writer.write(buffer)
        return buffer.getvalue()

    def _form(self, stamp: PageObject) -> DecodedStreamObject:
        resources = stamp.raw_get("/Resources").get_object().clone(self.writer)
        form = DecodedStreamObject()
        form.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(FloatObject(v) for v in stamp.mediabox),
            NameObject("/Resources"): resources.indirect_reference or resources,
        })
        return form

    def _draw_on_every_page(self, stamp: PageObject) -> None:
        boxes = {tuple(float(v) for v in page.mediabox) for page in self.writer.pages}
        before = self._add(_stream(b"q\n"))
        after = {box: self._add(_stream(_draw_stamp(box, stamp))) for box in boxes}
        # Added last, so that pypdf writes it last of all objects (see _template).
        form = self._add(self.form)
        self.form_number = form.idnum
        for page in self.writer.pages:
            contents = page.raw_get("/Contents")
            streams = contents.get_object()
            original = list(streams) if isinstance(streams, ArrayObject) else [contents]
            box = tuple(float(v) for v in page.mediabox)
            page[NameObject("/Contents")] = ArrayObject([before, *original, after[box]])
            resources = page["/Resources"]
            if "/XObject" not in resources:
                resources[NameObject("/XObject")] = DictionaryObject()
            resources["/XObject"][STAMP] = form

    def _add(self, pdf_object: DecodedStreamObject) -> IndirectObject:
        return add_object(self.writer, pdf_object)

    def _form_bytes(self, data: bytes) -> bytes:
        self.form.set_data(data)
        buffer = io.BytesIO()
        buffer.write(f"{self.form_number} 0 obj\n".encode())
        self.form.write_to_stream(buffer)
        buffer.write(b"\nendobj\n")
        return buffer.getvalue()

    def _template(self, briefing: bytes) -> tuple[bytes, bytes]:
        """The bytes before and after the stamp object, written with an empty stamp."""
        placeholder = self._form_bytes(b"")
        buffer = io.BytesIO()
        self.writer.write(buffer)
        written = buffer.getvalue()
        check_structure_kept(briefing, written)
        try:
            return split_around_last_object(written, placeholder)
        except ValueError:
            raise RenderError("the briefing could not be prepared for stamping: pypdf wrote "
                              "it in an unexpected layout") from None


def _stream(data: bytes) -> DecodedStreamObject:
    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


def _draw_stamp(box: tuple[float, ...], stamp: PageObject) -> bytes:
    """Close the page's own graphics state, then draw the stamp centred at its foot."""
    left, bottom, right, _ = box
    width = float(stamp.mediabox.width)
    shift = left + (right - left - width) / 2
    return (f"\nQ\nq /Artifact <</Type /Pagination /Subtype /Footer>> BDC "
            f"1 0 0 1 {shift:.2f} {bottom:.2f} cm {STAMP} Do EMC Q\n").encode()
