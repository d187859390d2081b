"""PDF stage: WeasyPrint lays out the HTML, reading only what the sandbox allows."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from weasyprint import HTML

from .errors import Position, Problem, RenderError
from .fetcher import ProjectFetcher

# The template marks the first element of the body with this id; pages before it are
# front matter (cover, contents), numbered i, ii… in the PDF's page labels.
BODY_ANCHOR = "body-start"
PDF_VARIANT = "pdf/ua-1"


@dataclass
class RenderedPdf:
    """The PDF as WeasyPrint wrote it, with what post-processing needs to know."""

    data: bytes
    front_pages: int
    page_count: int
    warnings: list[str] = field(default_factory=list)


class _Recorder(logging.Handler):
    """Keeps WeasyPrint's warnings and errors so the build can report them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def render_pdf(html: str, root: Path, html_path: Path) -> RenderedPdf:
    """Lay out the HTML as if it were the file html_path, and write the PDF in memory."""
    fetcher = ProjectFetcher(root)
    recorder = _Recorder()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(recorder)
    try:
        document = HTML(string=html, base_url=html_path.resolve().as_uri(),
                        url_fetcher=fetcher).render(pdf_tags=True)
        front = _front_pages(document)
        data = document.write_pdf(
            pdf_variant=PDF_VARIANT, pdf_tags=True,
            pdf_identifier=hashlib.sha256(html.encode()).digest()[:16])
    finally:
        logger.removeHandler(recorder)
    if fetcher.refused:
        raise RenderError([Problem(Position(html_path.relative_to(root)),
                                   f"the briefing refers to {url}, which is outside the project",
                                   "Keep images, stylesheets and fonts inside the project folder.")
                           for url in fetcher.refused])
    return RenderedPdf(data, front, len(document.pages), recorder.messages)


def _front_pages(document) -> int:  # noqa: ANN001 - weasyprint.document.Document
    for index, page in enumerate(document.pages):
        if BODY_ANCHOR in page.anchors:
            return index
    return 0
