"""PDF sources: the text of each printed page, read by poppler's pdftotext, cleaned.

`extract_pdf(data, file)` checks that the document is a readable PDF without a password,
runs `pdftotext -raw` on its bytes (it keeps each line-end hyphen for the cleaning to
judge, and gives columns in the order they were drawn), reads the printed page labels
(/PageLabels, with pypdf) and cleans the text (pdfclean.py).
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pypdf
from pypdf.errors import PdfReadError

from ..errors import ContentError
from .pdfclean import PdfText, build_text
from .unusable import unusable


def extract_pdf(data: bytes, file: Path) -> PdfText:
    """The cleaned, located text of a PDF (file: its path in the project, for messages)."""
    reader = open_pdf(data, file)
    pages = run_pdftotext(data, file)
    if not any(page.strip() for page in pages):
        raise unusable(file, "the PDF has no text layer, so it is probably a scan",
                       "A copy with recognised text (OCR) is needed to quote it: ask for one, "
                       "or run it through OCR (ocrmypdf, for example).")
    return build_text(pages, page_labels(reader, len(pages)))


def open_pdf(data: bytes, file: Path) -> pypdf.PdfReader:
    """A pypdf reader of the document, after checking that it is a readable, unlocked PDF."""
    if b"%PDF-" not in data[:1024]:
        raise unusable(file, f"the document is not a PDF: {describe_start(data[:1024])}",
                       "Give the file the extension of what it is (.html for a web page), "
                       "or save the PDF again.")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise unusable(file, "the PDF is protected by a password",
                           "Ask for a copy without one: reportgen cannot read its text.")
        len(reader.pages)
    except ContentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as error:
        raise unusable(file, f"the PDF is damaged and cannot be read ({error})",
                       "Download or export it again.") from error
    return reader


def describe_start(head: bytes) -> str:
    """What a file that is not a PDF seems to be, from its first bytes."""
    text = head.lstrip().lower()
    if text.startswith((b"<!doctype html", b"<html")) or b"<html" in text:
        return "it is a web page saved with a .pdf name"
    if not head.strip():
        return "the file is empty"
    return "it does not start with %PDF-"


def run_pdftotext(data: bytes, file: Path) -> list[str]:
    """The raw text of each page, in content-stream order, from poppler's pdftotext."""
    try:
        result = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data,
                                capture_output=True, check=True)
    except FileNotFoundError:
        raise unusable(file, "poppler's pdftotext, which reads the text of PDF sources, is "
                             "not installed", "Install the Debian package poppler-utils "
                                              "(make pdf installs it).") from None
    except subprocess.CalledProcessError as error:
        message = error.stderr.decode(errors="replace").strip().splitlines() or ["no message"]
        raise unusable(file, f"the PDF cannot be read: {message[-1]}",
                       "Download or export it again.") from None
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def page_labels(reader: pypdf.PdfReader, count: int) -> list[str]:
    """The printed label of each page (/PageLabels), or its number when there are none."""
    try:
        labels = list(reader.page_labels)
    except (PdfReadError, KeyError, ValueError, TypeError, AttributeError):
        labels = []
    if len(labels) != count or not all(label.strip() for label in labels):
        return [str(number) for number in range(1, count + 1)]
    return [label.strip() for label in labels]
