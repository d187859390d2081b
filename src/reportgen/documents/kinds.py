"""The kinds of document a source may be, known by the file's extension, and their text.

A PDF is read by its printed pages (pdftext.py), a web page saved from a browser by its
block elements (htmltext.py), and anything else as UTF-8 text, as it stands.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path, PurePath

from .pdfclean import Page
from .unusable import unusable

PDF, WEB_PAGE, TEXT = "pdf", "web page", "text"
KINDS = {".pdf": PDF, ".html": WEB_PAGE, ".htm": WEB_PAGE, ".mhtml": WEB_PAGE,
         ".mht": WEB_PAGE}
MIME_TYPES = {".pdf": "application/pdf", ".html": "text/html", ".htm": "text/html",
              ".mhtml": "multipart/related", ".mht": "multipart/related"}


@dataclass(frozen=True)
class Document:
    """A document's text as quotes are found in it; a PDF's pages, with where each starts,
    and the running heads and feet left out of its text."""

    text: str
    pages: tuple[Page, ...] = ()
    running: tuple[str, ...] = ()


def kind_of(name: str | PurePath) -> str:
    """'pdf', 'web page' or 'text', by the file's extension."""
    return KINDS.get(PurePath(name).suffix.lower(), TEXT)


def mime_type(name: str | PurePath) -> str:
    """The document's MIME type, by its extension: application/pdf, text/html, text/plain."""
    return MIME_TYPES.get(PurePath(name).suffix.lower(), "text/plain")


def read_document(data: bytes, file: Path) -> Document:
    """The text (and pages) of a document; ContentError naming the file if it has none."""
    kind = kind_of(file)
    if kind == PDF:
        from .pdftext import extract_pdf

        extracted = extract_pdf(data, file)
        return Document(extracted.text, extracted.pages, extracted.running)
    if kind == WEB_PAGE:
        from .htmltext import extract_html

        return Document(extract_html(data, file).text)
    return Document(plain_text(data, file))


def plain_text(data: bytes, file: Path) -> str:
    """A text document's UTF-8 text, line ends made '\\n'."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise unusable(file, f"the document is not UTF-8 text (byte {error.start} cannot be "
                             "read)", _encoding_hint(data)) from None
    if not text.strip():
        raise unusable(file, "the document is empty", "Copy the document's full text into it.")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _encoding_hint(data: bytes) -> str:
    """How to convert a document that is not UTF-8, by what its first bytes say it is."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ("It is UTF-16 text: convert it to UTF-8, for example with: "
                "iconv -f UTF-16 -t UTF-8")
    return "Convert it to UTF-8, for example with: iconv -f WINDOWS-1252 -t UTF-8"
