"""Web-page sources: the text of a page saved from a browser, one paragraph per block.

`extract_html(data, file)` reads a saved page (.html in any encoding it declares, or a browser's
single-file .mhtml), parses it as browsers do (tinyhtml5, which WeasyPrint already uses) and
returns its paragraphs: each block element (p, li, h1–h6, blockquote, td, pre, …) is one
paragraph, with its spaces collapsed as a browser shows them and <br> kept as a line
break. Scripts, styles, forms' controls, hidden elements, nav, aside, and a header or footer
outside <article>/<main> (the site's, not the article's) are left out. The joined text has
a blank line between paragraphs, so its ¶ numbers are those reportgen gives a .txt source.
"""

from __future__ import annotations

import email
import email.policy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import tinyhtml5

from .unusable import unusable

PARAGRAPH_BREAK = "\n\n"
_LINE_BREAK = "\x00"
BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend "
    "li main menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split())
SKIPPED = frozenset("script style noscript template nav aside button select textarea "
                    "iframe object svg canvas head input option".split())
SKIPPED_ROLES = frozenset("navigation banner contentinfo complementary search".split())
CONTENT = frozenset({"article", "main"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


@dataclass(frozen=True)
class HtmlText:
    """The paragraphs of a web page, and their text joined by blank lines."""

    paragraphs: tuple[str, ...]
    text: str


def extract_html(data: bytes, file: Path) -> HtmlText:
    """The paragraphs of a saved web page (file: its path in the project, for messages)."""
    body = read_html(data, file).find("body")
    paragraphs = page_paragraphs(body) if body is not None else []
    if not paragraphs:
        raise unusable(file, "the web page has no text",
                       "If the site builds the page with JavaScript, save it again once it "
                       "has loaded (or print it to PDF).")
    return HtmlText(tuple(paragraphs), PARAGRAPH_BREAK.join(paragraphs))


def read_html(data: bytes, file: Path) -> ET.Element:
    """The parsed document of a saved page, decoded by its BOM, declared charset or UTF-8."""
    if not data.strip():
        raise unusable(file, "the document is empty", "Save the web page into it again.")
    if data.lstrip().startswith(b"%PDF-"):
        raise unusable(file, "the document is a PDF saved with a web page's name",
                       "Rename it to .pdf (and its 'file' in report/sources.yaml).")
    transport = None
    if is_mhtml(data):
        data, transport = mhtml_page(data, file)
    likely = "utf-8" if is_utf8(data) else None
    document: ET.Element = tinyhtml5.parse(data, namespace_html_elements=False,
                                           transport_encoding=transport, likely_encoding=likely)
    return document


def is_utf8(data: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (the likely encoding of an undeclared page)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def is_mhtml(data: bytes) -> bool:
    """Whether the bytes are a MIME archive (a browser's 'single file' page)."""
    head = data[:2048].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def mhtml_page(data: bytes, file: Path) -> tuple[bytes, str | None]:
    """The first HTML part of a MIME archive, and the charset its headers declare."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        payload = part.get_payload(decode=True)
        if part.get_content_type() == "text/html" and isinstance(payload, bytes):
            return payload, part.get_content_charset()
    raise unusable(file, "the web archive holds no HTML page",
                   "Save the page again, as 'Web page, complete' or 'HTML only'.")


@dataclass
class Paragraphs:
    """Paragraphs being collected from a walk through the document."""

    done: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    preformatted: bool = False

    def add(self, text: str | None) -> None:
        """Text that belongs to the current paragraph."""
        if text:
            self.pending.append(text)

    def close(self) -> None:
        """End the current paragraph, keeping it if it has any text."""
        raw, self.pending = "".join(self.pending), []
        if self.preformatted:
            lines = [line.rstrip() for line in raw.replace(_LINE_BREAK, "\n").splitlines()]
        else:
            lines = [" ".join(line.split()) for line in raw.split(_LINE_BREAK)]
        text = "\n".join(line for line in lines if line.strip())
        if text:
            self.done.append(text)


def local_name(element: ET.Element) -> str:
    """An element's tag, lowercase; empty for comments and processing instructions."""
    return element.tag.lower() if isinstance(element.tag, str) else ""


def is_left_out(element: ET.Element, in_content: bool) -> bool:
    """Whether an element holds no reading text: code, controls, hidden or site chrome."""
    tag = local_name(element)
    if not tag or tag in SKIPPED or element.get("hidden") is not None:
        return True
    if element.get("aria-hidden") == "true" or element.get("role") in SKIPPED_ROLES:
        return True
    if tag in ("header", "footer") and not in_content:
        return True
    return bool(_HIDDEN_STYLE.search(element.get("style", "")))


def walk(element: ET.Element, found: Paragraphs, in_content: bool = False) -> None:
    """Collect the paragraphs of an element and its descendants."""
    tag = local_name(element)
    block = tag in BLOCKS or tag == "pre"
    if block:
        found.close()
    found.preformatted = tag == "pre" or found.preformatted
    found.add(_LINE_BREAK if tag == "br" else element.text)
    for child in element:
        if not is_left_out(child, in_content or tag in CONTENT):
            walk(child, found, in_content or tag in CONTENT)
        found.add(child.tail)
    if block:
        found.close()
    if tag == "pre":
        found.preformatted = False


def page_paragraphs(body: ET.Element) -> list[str]:
    """The paragraphs of a page's body, in document order."""
    found = Paragraphs()
    walk(body, found)
    found.close()
    return found.done
