"""`reportgen add-source FILE`: a document put in seeds/ and described in report/sources.yaml.

The document (a PDF, a saved web page or a text file) is copied into seeds/ if it is not
there yet, never over another file; its text is extracted (and kept for the builds);
an entry is appended to report/sources.yaml with the fields the document's own metadata
states, each marked with where it was read, and its SHA-256. Adding a document already
listed records its hash again: nothing changes if it is the same, and a changed document
is reported, since its quotes were checked against other words.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import write_atomically
from ..content.files import DOCUMENT_LIMIT, read_bytes
from ..content.folders import SEEDS, SOURCES_FILE
from ..content.load import check_project_folder
from ..content.model import Source
from ..content.textcache import document_text
from ..documents import kinds
from ..documents.metadata import Metadata, html_metadata, pdf_metadata
from ..errors import ContentError, Position, Problem, UsageError
from ..progress import Progress
from ..verify.citations import paragraph_spans
from .sourcefile import (
    FIELDS,
    Entry,
    append_entries,
    csl_date_text,
    given_bytes,
    read_sources,
    record_hash,
    unique_id,
)

READ, EXTRACT, RECORD = ("Reading {}", "Extracting its text ({})",
                         "Recording it in report/sources.yaml")
STEPS = (READ, EXTRACT, RECORD)
ACCEPTED = (".pdf", ".html", ".htm", ".mhtml", ".mht", ".txt")
# Metadata that says when the file was made, which is not when it was published.
FILE_DATES = {"PDF /CreationDate", "XMP xmp:CreateDate"}
WEB = ("https://", "http://")


@dataclass(frozen=True)
class Added:
    """What add-source did: the source's id, its file in seeds/, and what happened."""

    id: str
    file: Path
    outcome: str  # "added", "unchanged", "changed" or "hash recorded"
    extent: str = ""  # "12 pages", "19 paragraphs"
    read: tuple[str, ...] = ()  # the fields read from the document's metadata
    inferred: tuple[str, ...] = ()  # those of them only inferred from it


def add_source(root: Path, given: Path, progress: Progress) -> Added:
    """Put the document in seeds/ and describe it in report/sources.yaml."""
    check_project_folder(root)
    if given.suffix.lower() not in ACCEPTED:
        raise UsageError(f"{given}: add-source reads PDF (.pdf), web pages saved from a "
                         "browser (.html, .htm) and text (.txt) documents")
    with progress.step(READ, given):
        name, data = _document(root, given)
    relative = SEEDS / name
    with progress.step(EXTRACT, kinds.kind_of(name)):
        document = document_text(root, relative, data)
        metadata = _metadata(data, relative)
    digest = hashlib.sha256(data).hexdigest()
    sources = read_sources(root)
    listed = next((source for source in sources if source.file == name), None)
    with progress.step(RECORD):
        if listed is not None:
            return _listed_again(root, listed, relative, digest)
        if not (root / relative).exists():
            write_atomically(root / relative, data)
        entry = new_entry(name, metadata, digest, {source.id for source in sources})
        append_entries(root, [entry])
    return Added(entry.id, relative, "added", _extent(document),
                 tuple(entry.origins) + tuple(entry.inferred), tuple(entry.inferred))


def _document(root: Path, given: Path) -> tuple[str, bytes]:
    """The document's name in seeds/ and its bytes, read where the user said."""
    seeds = (root / SEEDS).resolve()
    resolved = given.resolve()
    if resolved.is_relative_to(seeds) and resolved != seeds:
        inner = resolved.relative_to(seeds)
        return inner.as_posix(), read_bytes(root, SEEDS / inner, DOCUMENT_LIMIT)
    data = given_bytes(given)
    target = root / SEEDS / given.name
    if target.exists() and read_bytes(root, SEEDS / given.name, DOCUMENT_LIMIT) != data:
        raise ContentError(Problem(
            Position(SEEDS / given.name), "a different document already has this name in "
                                          f"{SEEDS}/, so {given} is not copied over it",
            f"Rename {given} before adding it; or, if it is a new version of the same "
            f"document, replace {SEEDS / given.name} yourself and run add-source on it."))
    return given.name, data


def _metadata(data: bytes, relative: Path) -> Metadata:
    kind = kinds.kind_of(relative)
    if kind == kinds.PDF:
        return pdf_metadata(data, relative)
    if kind == kinds.WEB_PAGE:
        return html_metadata(data, relative)
    return Metadata()


def _listed_again(root: Path, source: Source, relative: Path, digest: str) -> Added:
    """A document already listed: record its hash, saying whether it changed."""
    if source.sha256.lower() == digest:
        return Added(source.id, relative, "unchanged")
    record_hash(root, source, digest)
    return Added(source.id, relative, "changed" if source.sha256 else "hash recorded")


def new_entry(name: str, metadata: Metadata, digest: str, taken: set[str]) -> Entry:
    """The entry of a new source: the metadata's fields the model takes, marked as read."""
    fields: dict[str, Any] = {}
    origins: dict[str, str] = {}
    inferred: dict[str, str] = {}
    comments = []
    for key, value in metadata.fields.items():
        origin = metadata.origins[key]
        shown = _usable(key, value)
        if key not in FIELDS or shown is None:
            comments.append(f"the document's metadata also gives {key} {value!r} ({origin})")
            continue
        fields[key] = shown
        if key == "issued" and origin in FILE_DATES:
            inferred[key] = (f"The PDF's {origin.split()[-1]} says when the file was made "
                             f"({shown}); the document does not state when it was published.")
        else:
            origins[key] = origin
    if "title" not in fields:  # required: the file's name stands in, marked for the editor
        fields["title"] = Path(name).stem
        inferred["title"] = ("The document's metadata gives no title: this is its file name. "
                             "Replace it with the title the document prints, and remove this "
                             "line.")
    return Entry(unique_id(str(fields["title"]), taken), name, fields, origins, inferred,
                 digest, comments)


def _usable(key: str, value: Any) -> Any:
    """A metadata value as the source's field takes it, or None if it cannot take it."""
    if key == "issued":
        return csl_date_text(value)
    if key == "URL":
        return value if str(value).lower().startswith(WEB) else None
    return value


def _extent(document: kinds.Document) -> str:
    if document.pages:
        count = len(document.pages)
        return f"{count} page{'s' if count > 1 else ''}"
    count = len(paragraph_spans(document.text))
    return f"{count} paragraph{'s' if count > 1 else ''}"


def describe(added: Added) -> list[str]:
    """What add-source says: what it found, then its summary line."""
    if added.outcome == "unchanged":
        return [f"Nothing to do: {added.file} is source '{added.id}' already, unchanged since "
                "it was added"]
    if added.outcome == "changed":
        return [f"{added.file} has changed since it was added as source '{added.id}': quotes "
                "may no longer verify; run 'reportgen check' to verify them",
                f"Recorded the new SHA-256 of {added.file} in {SOURCES_FILE}"]
    if added.outcome == "hash recorded":
        return [f"Recorded the SHA-256 of {added.file} (source '{added.id}') in {SOURCES_FILE}"]
    read = [name for name in added.read if name not in added.inferred]
    lines = [f"Read from its metadata: {', '.join(read) or 'nothing the entry takes'}"]
    why = {"issued": "issued (the date the file was made is not a publication date)",
           "title": "title (none is stated: the file's name stands in)"}
    if added.inferred:
        lines.append(f"Inferred, and marked so: {', '.join(why[name] for name in added.inferred)}")
    lines.append(f"Fill in the commented lines of source '{added.id}' from the document "
                 "itself, and check what was read")
    return [*lines, f"Added source '{added.id}' ({added.file}, {added.extent}) to "
                    f"{SOURCES_FILE}"]
