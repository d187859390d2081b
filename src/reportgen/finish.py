"""Finish stage: pypdf adds what WeasyPrint cannot set; outputs are written atomically."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject

from .atomic import write_atomically
from .errors import Position, Problem, RenderError

if TYPE_CHECKING:
    from .pdf import RenderedPdf


@dataclass
class Outputs:
    """The files a build wrote."""

    pdf: Path
    html: Path
    pages: int


def label_pages(data: bytes, front_pages: int) -> bytes:
    """Label front matter i, ii… and the body 1, 2…, keeping outline, links and tags."""
    # Without keep_initial_header pypdf would call a PDF 1.7 (as PDF/UA-1 and PDF/A-3
    # require) a PDF 1.3.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)), keep_initial_header=True)
    _drop_repeated_associated_files(writer)
    last = len(writer.pages) - 1
    if front_pages:
        writer.set_page_label(0, front_pages - 1, style="/r")
    if front_pages <= last:
        writer.set_page_label(front_pages, last, style="/D", start=1)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _drop_repeated_associated_files(writer: PdfWriter) -> None:
    # WeasyPrint 70 lists each embedded file of a PDF/A-3 twice in the catalog's /AF.
    root = writer.root_object
    if "/AF" in root:
        unique = {reference.idnum: reference for reference in root["/AF"]}
        root[NameObject("/AF")] = ArrayObject(unique.values())


def check_structure_kept(before: bytes, after: bytes) -> None:
    """Fail if post-processing lost the tagged structure, outline, language or archive."""
    old_reader, new_reader = PdfReader(io.BytesIO(before)), PdfReader(io.BytesIO(after))
    old, new = old_reader.trailer["/Root"], new_reader.trailer["/Root"]
    lost = [key for key in ("/StructTreeRoot", "/Outlines", "/Lang", "/MarkInfo", "/Metadata",
                            "/OutputIntents", "/AF") if key in old and key not in new]
    if "/AF" in old and sorted(old_reader.attachments) != sorted(new_reader.attachments):
        lost.append("embedded files")
    if lost:
        raise RenderError(f"post-processing lost {', '.join(lost)} from the PDF")


def finish(rendered: RenderedPdf, html: str, pdf_path: Path, html_path: Path) -> Outputs:
    """Post-process the PDF, then write it and the HTML it was rendered from."""
    data = label_pages(rendered.data, rendered.front_pages)
    check_structure_kept(rendered.data, data)
    try:
        write_atomically(html_path, html.encode("utf-8"))
        write_atomically(pdf_path, data)
    except OSError as error:
        raise RenderError(Problem(Position(pdf_path), f"cannot write the output: {error.strerror}",
                                  "Check that the build/ folder is writable.")) from None
    return Outputs(pdf_path, html_path, rendered.page_count)
