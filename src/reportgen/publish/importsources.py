"""`reportgen import-sources LIBRARY`: sources described from a reference manager's export.

The export is CSL-JSON, as Zotero and Better BibTeX write it. Each item is matched to a
document of seeds/ (by the file name of its attachment, then by its title found in the
document's stated title or opening text); an item matched to a document that no source
lists yet becomes an entry of report/sources.yaml, with the item's own CSL fields (those
the model takes), each marked as read from the library, and the document's SHA-256. The
items without a document and the documents without an item are listed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.files import DOCUMENT_LIMIT, is_readable, read_bytes
from ..content.folders import SEEDS, SEEDS_NOTE
from ..content.load import check_project_folder
from ..content.textcache import document_text
from ..documents import csljson, kinds
from ..documents.metadata import html_metadata, pdf_metadata
from ..errors import ContentError
from ..progress import Progress
from .addsource import ACCEPTED, WEB
from .sourcefile import (
    FIELDS,
    Entry,
    append_entries,
    csl_date_text,
    given_bytes,
    read_sources,
    unique_id,
)

READ, MATCH, RECORD = ("Reading {}", "Matching {} items to the documents of seeds/",
                       "Recording {} new sources in report/sources.yaml")
STEPS = (READ, MATCH, RECORD)
OPENING_CHARACTERS = 2000
_CITATION_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,59}$")


@dataclass
class Imported:
    """What import-sources did, item by item."""

    items: int
    added: list[tuple[str, str, str]] = field(default_factory=list)  # id, file, matched by
    listed: list[tuple[str, str]] = field(default_factory=list)  # item, source listing it
    unmatched_items: list[str] = field(default_factory=list)
    unmatched_documents: list[str] = field(default_factory=list)


def import_sources(root: Path, library: Path, progress: Progress) -> Imported:
    """Add an entry for each item of the library matched to a document not yet listed."""
    check_project_folder(root)
    with progress.step(READ, library):
        items = csljson.load_items(given_bytes(library), library)
    with progress.step(MATCH, len(items)):
        documents = document_openings(root)
        matching = csljson.match_items(items, {path: text for path, (text, _) in
                                               documents.items()})
    sources = read_sources(root)
    by_file = {source.file: source.id for source in sources}
    taken = {source.id for source in sources}
    imported = Imported(len(items))
    entries = []
    for match in matching.matched:
        name = match.path.relative_to(SEEDS).as_posix()
        if name in by_file:
            imported.listed.append((_item_name(match.item), by_file[name]))
            continue
        entries.append(item_entry(match.item, name, documents[match.path][1], library.name,
                                  taken))
        imported.added.append((entries[-1].id, name, match.how))
    with progress.step(RECORD, len(entries)):
        if entries:
            append_entries(root, entries)
    imported.unmatched_items = [_item_name(item) for item in matching.unmatched_items]
    imported.unmatched_documents = [path.as_posix() for path in matching.unmatched_documents
                                    if path.relative_to(SEEDS).as_posix() not in by_file]
    return imported


def document_openings(root: Path) -> dict[Path, tuple[str, str]]:
    """Each document of seeds/ (by its path in the project): its stated title and opening
    text, and its SHA-256. A document that cannot be read has no opening."""
    found = {}
    for path in sorted((root / SEEDS).rglob("*")):
        relative = path.relative_to(root)
        if (relative == SEEDS_NOTE or path.suffix.lower() not in ACCEPTED
                or not is_readable(root, path)):
            continue
        try:
            data = read_bytes(root, relative, DOCUMENT_LIMIT)
        except ContentError:
            continue
        found[relative] = (_opening(root, relative, data), hashlib.sha256(data).hexdigest())
    return found


def _opening(root: Path, relative: Path, data: bytes) -> str:
    """A document's stated title and first lines; '' when its text cannot be read."""
    kind = kinds.kind_of(relative)
    try:
        text = document_text(root, relative, data).text
        metadata = (pdf_metadata(data, relative) if kind == kinds.PDF else
                    html_metadata(data, relative) if kind == kinds.WEB_PAGE else None)
    except ContentError:
        return ""
    title = metadata.fields.get("title", "") if metadata else ""
    return f"{title}\n{text[:OPENING_CHARACTERS]}"


def item_entry(item: dict[str, Any], name: str, digest: str, library: str,
               taken: set[str]) -> Entry:
    """The entry of an item: its CSL fields the model takes, as the library gives them."""
    fields: dict[str, Any] = {}
    for key in FIELDS:
        value = _usable(key, item.get(key))
        if value not in (None, "", []):
            fields[key] = value
    left = sorted(key for key in item if key not in FIELDS and key not in ("id", "file"))
    comments = [f"the library also gives: {', '.join(left)}"] if left else []
    raw = item.get("issued")
    if raw and "issued" not in fields:
        comments.append(f"the library gives the date {raw!r}, which is not YYYY-MM-DD")
    key = str(item["id"])
    if _CITATION_KEY.match(key) and key not in taken:
        ident = key  # a Better BibTeX citation key
        taken.add(key)
    else:
        ident = unique_id(str(fields.get("title") or Path(name).stem), taken)
    origins = {field_name: f"CSL-JSON {library}, item {key}" for field_name in fields}
    return Entry(ident, name, fields, origins, {}, digest, comments)


def _usable(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key == "issued":
        return csl_date_text(value)
    if key == "author":
        return value if isinstance(value, list) else None
    if key == "URL":
        return value if str(value).lower().startswith(WEB) else None
    return value if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


def _item_name(item: dict[str, Any]) -> str:
    title = str(item.get("title", ""))
    return f"{item['id']} ({title[:60]}{'…' if len(title) > 60 else ''})" if title else \
        str(item["id"])


def describe(imported: Imported) -> list[str]:
    """The lines import-sources prints: what was added, what has no match."""
    lines = [f"Added source '{ident}' for {SEEDS / name} (matched by {how})"
             for ident, name, how in imported.added]
    lines += [f"Already listed: item {item} is source '{source}'"
              for item, source in imported.listed]
    lines += [f"No document in {SEEDS}/ for item {item}" for item in imported.unmatched_items]
    lines += [f"No item of the library for {document}"
              for document in imported.unmatched_documents]
    return lines
