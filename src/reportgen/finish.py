"""Finish stage: pypdf adds what WeasyPrint cannot set; outputs are written atomically."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pypdf import PdfReader, PdfWriter

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
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    last = len(writer.pages) - 1
    if front_pages:
        writer.set_page_label(0, front_pages - 1, style="/r")
    if front_pages <= last:
        writer.set_page_label(front_pages, last, style="/D", start=1)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def check_structure_kept(before: bytes, after: bytes) -> None:
    """Fail if post-processing lost the tagged structure, outline or language."""
    old = PdfReader(io.BytesIO(before)).trailer["/Root"]
    new = PdfReader(io.BytesIO(after)).trailer["/Root"]
    lost = [key for key in ("/StructTreeRoot", "/Outlines", "/Lang", "/MarkInfo")
            if key in old and key not in new]
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
