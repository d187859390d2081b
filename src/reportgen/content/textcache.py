"""Extracted text kept between runs, by the document's SHA-256: PDF and web-page sources.

Reading a PDF's text takes about a second per hundred pages, so each extraction is kept
in build/.cache/text/SHA256.json. An entry is used only for a document with that very
hash, read by the same extractor (reportgen's document readers and poppler's version);
anything else, or an entry that cannot be read or does not carry this user's seal (see
seal.py: a project received with its build/ folder cannot plant text), is extracted again
and written anew.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from functools import cache
from pathlib import Path

from ..atomic import write_atomically
from ..documents import kinds
from ..documents.pdfclean import Page
from ..errors import ContentError
from ..seal import is_sealed, seal
from .files import DOCUMENT_LIMIT, read_bytes
from .folders import OUTPUT

TEXT_CACHE = OUTPUT / ".cache" / "text"
READERS = Path(kinds.__file__).parent


def document_text(root: Path, relative: Path, data: bytes) -> kinds.Document:
    """The document's text and pages, from the cache when its hash has an entry."""
    kind = kinds.kind_of(relative)
    if kind == kinds.TEXT:
        return kinds.read_document(data, relative)
    digest = hashlib.sha256(data).hexdigest()
    entry = TEXT_CACHE / f"{digest}.json"
    stamp = {"sha256": digest, "reader": reader_version(kind)}
    found = _cached(root, entry, stamp)
    if found is not None:
        return found
    document = kinds.read_document(data, relative)
    record = {**stamp, "text": document.text,
              "pages": [[page.number, page.label, page.start] for page in document.pages],
              "running": list(document.running)}
    body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    try:
        write_atomically(root / entry, json.dumps({"seal": seal(body), "record": record},
                                                  ensure_ascii=False).encode("utf-8"))
    except OSError:
        pass  # a read-only project still builds, extracting again next time
    return document


def _cached(root: Path, entry: Path, stamp: dict[str, str]) -> kinds.Document | None:
    try:
        kept = json.loads(read_bytes(root, entry, 4 * DOCUMENT_LIMIT))
        record = kept["record"]
        body = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        if not is_sealed(body, kept["seal"]) or {key: record.get(key) for key in stamp} != stamp:
            return None
        pages = tuple(Page(int(number), str(label), int(start))
                      for number, label, start in record["pages"])
        return kinds.Document(str(record["text"]), pages,
                              tuple(str(line) for line in record["running"]))
    except (ContentError, ValueError, KeyError, TypeError, AttributeError):
        return None


@cache
def reader_version(kind: str) -> str:
    """What the extraction of a kind of document depends on: the readers' code, poppler's."""
    code = hashlib.sha256()
    for path in sorted(READERS.glob("*.py")):
        code.update(path.read_bytes())
    version = code.hexdigest()[:16]
    if kind == kinds.PDF:
        version += " " + _poppler_version()
    return version


def _poppler_version() -> str:
    try:
        result = subprocess.run(["pdftotext", "-v"], capture_output=True, check=False)
    except OSError:
        return "no pdftotext"
    lines = (result.stderr or result.stdout).decode(errors="replace").splitlines()
    return lines[0].strip() if lines else "pdftotext"
