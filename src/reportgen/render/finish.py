"""Finish stage: what WeasyPrint's options cannot set, added as it writes the PDF; outputs
written together, all or none (atomic.Replacement)."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path

import pydyf

from ..atomic import Replacement
from ..errors import Position, Problem, RenderError


@dataclass
class RenderedPdf:
    """The PDF as WeasyPrint wrote it (in memory), with what writing it out needs to know.

    Defined here, not with the PDF stage, so that a build that rendered in a forked copy
    receives it without importing WeasyPrint."""

    data: bytes
    page_count: int
    warnings: list[str] = field(default_factory=list)


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


def finish(rendered: RenderedPdf, html: str, pdf_path: Path, html_path: Path,
           also: dict[Path, bytes] | None = None) -> Outputs:
    """Write the PDF, the HTML it was rendered from and `also`, replacing all or none."""
    replacement = Replacement(pdf_path.parent)
    files = {html_path: html.encode("utf-8"), pdf_path: rendered.data, **(also or {})}
    try:
        for path, data in files.items():
            replacement.stage(path, data)
        replacement.commit()
    except OSError as error:
        replacement.abandon()
        raise output_error(error, pdf_path) from None
    return Outputs(pdf_path, html_path, rendered.page_count)


def output_error(error: OSError, path: Path) -> RenderError:
    """An error writing the outputs, in an editor's words: a full disk said as such."""
    where = Position(Path(path.parent.name) / path.name)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return RenderError(Problem(where, "the disk is full: the new briefing could not be "
                                          "written, and the previous one is as it was",
                                   "Free some space on the disk, then build again."))
    return RenderError(Problem(where, f"cannot write the output: {error.strerror}",
                               "Check that the build/ folder is writable."))
