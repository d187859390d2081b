"""Finish stage: what WeasyPrint's options cannot set, added as it writes the PDF; outputs
written atomically."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pydyf

from ..atomic import write_atomically
from ..errors import Position, Problem, RenderError

if TYPE_CHECKING:
    from .pdf import RenderedPdf


@dataclass
class Outputs:
    """The files a build wrote."""

    pdf: Path
    html: Path
    pages: int


# The template marks the first element of the body with this id; pages before it are
# front matter (cover, contents), labelled i, ii…; the body's pages are labelled 1, 2….
BODY_ANCHOR = "body-start"


def complete_catalog(document, pdf) -> None:  # noqa: ANN001 - WeasyPrint's Document, pydyf.PDF
    """WeasyPrint's finisher: add page labels, and list each embedded file once.

    Set here, while WeasyPrint writes the PDF, rather than by rewriting its output with
    pypdf, which cost a tenth of the build and re-serialised the structure tree.
    """
    front = front_pages(document)
    labels = [front, pydyf.Dictionary({"S": "/D", "St": 1})] if front < len(document.pages) else []
    if front:
        labels = [0, pydyf.Dictionary({"S": "/r"}), *labels]
    pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": pydyf.Array(labels)})
    if "AF" in pdf.catalog:
        # WeasyPrint 70 lists each embedded file of a PDF/A-3 twice in the catalog's /AF.
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))


def front_pages(document) -> int:  # noqa: ANN001 - weasyprint.document.Document
    """How many pages come before the body."""
    for index, page in enumerate(document.pages):
        if BODY_ANCHOR in page.anchors:
            return index
    return 0


def finish(rendered: RenderedPdf, html: str, pdf_path: Path, html_path: Path) -> Outputs:
    """Write the PDF and the HTML it was rendered from, each replaced in one step."""
    data = rendered.data
    try:
        write_atomically(html_path, html.encode("utf-8"))
        write_atomically(pdf_path, data)
    except OSError as error:
        raise RenderError(Problem(Position(pdf_path), f"cannot write the output: {error.strerror}",
                                  "Check that the build/ folder is writable.")) from None
    return Outputs(pdf_path, html_path, rendered.page_count)
