"""Entries added to report/sources.yaml by add-source and import-sources, as an editor would.

The file is appended to, never rewritten: its entries, comments and layout stay as they
are. A new entry holds the CSL fields the model takes that were found (in the document's
metadata, or in a reference library), each with where it was found under 'metadata';
the fields not found are left as commented lines for the editor to fill in.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_atomically
from ..content.files import DOCUMENT_LIMIT, MEGABYTE, read_bytes
from ..content.folders import SOURCES_FILE
from ..content.model import Source, SourcesFile
from ..content.schema import read_record
from ..content.yamlfile import read_yaml
from ..errors import Collector, ContentError, Position, UsageError

# The CSL fields a source takes, in the order an entry lists them.
FIELDS = ("type", "title", "author", "container-title", "collection-title", "number",
          "publisher", "issued", "URL", "genre", "language")
# Fields left as a commented line when nothing states them, with what belongs there.
GAPS = {"type": "CSL type: report, article-newspaper, webpage…",
        "title": "the title as the document gives it (required)",
        "author": "authors the document names",
        "publisher": "who published it, as the document says",
        "issued": "the publication date the document gives: YYYY-MM-DD, YYYY-MM or YYYY",
        "genre": "report, briefing, op-ed…"}
# English words an id leaves out: "Ceasefire talks stall in the north" is ceasefire-talks-
# stall-north.
SMALL_WORDS = frozenset("a an and at by for from in into of on or the to with".split())
_LIST_ITEM = re.compile(r"^( *)- ", re.M)
_EMPTY_LIST = re.compile(r"^sources:\s*\[\]\s*$", re.M)


@dataclass
class Entry:
    """A new source: its id and file, the CSL fields found, and where each was found."""

    id: str
    file: str
    fields: dict[str, Any]
    origins: dict[str, str] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)
    sha256: str = ""
    comments: list[str] = field(default_factory=list)


def read_sources(root: Path) -> list[Source]:
    """The sources report/sources.yaml lists now (none if it is missing)."""
    if not (root / SOURCES_FILE).exists():
        return []
    data = read_yaml(root / SOURCES_FILE, root)
    if data is None:
        return []
    problems = Collector()
    record = read_record(SourcesFile, data, Position(SOURCES_FILE, 1), problems)
    problems.raise_if_any()
    return record.sources if record else []


def record_hash(root: Path, source: Source, digest: str) -> None:
    """Write a source's new 'sha256' into its entry, changing no other line of the file."""
    lines = read_bytes(root, SOURCES_FILE).decode("utf-8").splitlines(keepends=True)
    first = source.position.line - 1
    indent = len(lines[first]) - len(lines[first].lstrip(" -"))
    end = next((number for number in range(first + 1, len(lines))
                if lines[number].strip() and not lines[number].lstrip().startswith("#")
                and len(lines[number]) - len(lines[number].lstrip()) < indent), len(lines))
    line = f"{' ' * indent}sha256: {digest}\n"
    block = range(first, end)
    known = next((n for n in block if re.match(r"\s*(- )?sha256:", lines[n])), None)
    if known is not None:
        lines[known] = line
    else:
        after = next((n for n in block if re.match(r"\s*(- )?file:", lines[n])), first)
        lines.insert(after + 1, line)
    write_atomically(root / SOURCES_FILE, "".join(lines).encode("utf-8"))


def unique_id(wanted: str, taken: set[str]) -> str:
    """A short id from a title or file name: its first four words that say something, in
    plain letters, not yet taken."""
    ascii_text = unicodedata.normalize("NFKD", wanted).encode("ascii", "ignore").decode()
    words = [word for word in re.findall(r"[a-z0-9]+", ascii_text.lower())
             if word not in SMALL_WORDS]
    stem = "-".join(words[:4])[:40].strip("-") or "source"
    candidate, number = stem, 2
    while candidate in taken:
        candidate, number = f"{stem}-{number}", number + 1
    taken.add(candidate)
    return candidate


def append_entries(root: Path, entries: list[Entry]) -> None:
    """Append entries to report/sources.yaml, keeping its text as it is."""
    path = root / SOURCES_FILE
    try:
        text = read_bytes(root, SOURCES_FILE).decode("utf-8")
    except ContentError:
        if path.exists():
            raise
        text = ""
    if _EMPTY_LIST.search(text):
        text = _EMPTY_LIST.sub("sources:", text, count=1)
    elif not re.search(r"^sources:", text, re.M):
        text = text + ("" if not text or text.endswith("\n") else "\n") + "sources:\n"
    found = _LIST_ITEM.search(text)
    indent = found.group(1) if found else "  "
    blocks = ["\n".join(entry_lines(entry, indent)) for entry in entries]
    text = text.rstrip("\n") + "\n\n" + "\n\n".join(blocks) + "\n"
    write_atomically(path, text.encode("utf-8"))


def entry_lines(entry: Entry, indent: str) -> list[str]:
    """The YAML lines of an entry, its first line at `indent`."""
    inner = indent + "  "
    lines = [f"{indent}- id: {scalar(entry.id)}", f"{inner}file: {scalar(entry.file)}"]
    lines += [f"{inner}# {comment}" for comment in entry.comments]
    for name in FIELDS:
        if name in entry.fields:
            lines += field_lines(name, entry.fields[name], inner)
        elif name in GAPS:
            lines.append(f"{inner}# {name}: {GAPS[name]}")
    for key, values in (("metadata", entry.origins), ("inferred", entry.inferred)):
        if values:
            lines.append(f"{inner}{key}:")
            lines += [f"{inner}  {name}: {scalar(value)}" for name, value in values.items()]
    if entry.sha256:
        lines.append(f"{inner}sha256: {entry.sha256}")
    return lines


def field_lines(name: str, value: Any, indent: str) -> list[str]:
    """A field as YAML lines: names one per line, a date as written, text as a scalar."""
    if name == "author":
        return [f"{indent}author:"] + [f"{indent}  - {name_text(person)}" for person in value]
    if name == "issued":
        return [f"{indent}issued: {value}"]  # YYYY-MM-DD, YYYY-MM or YYYY, as hand-written
    return [f"{indent}{name}: {scalar(value)}"]


def name_text(person: dict[str, str]) -> str:
    """A CSL name as the model takes it: the literal name, or {family: …, given: …}."""
    if "literal" in person:
        return scalar(person["literal"])
    family = " ".join(filter(None, (person.get("non-dropping-particle"), person["family"])))
    given = " ".join(filter(None, (person.get("given"), person.get("dropping-particle"))))
    parts = [f"family: {scalar(family)}"] + ([f"given: {scalar(given)}"] if given else [])
    return "{" + ", ".join(parts) + "}"


def scalar(value: Any) -> str:
    """A value as one YAML scalar, quoted only where YAML needs it."""
    text = yaml.safe_dump(str(value), allow_unicode=True, default_flow_style=True,
                          width=1_000_000)
    return text.removesuffix("\n...\n").removesuffix("\n")


def csl_date_text(date: Any) -> str | None:
    """A CSL date's first date as YYYY-MM-DD, YYYY-MM or YYYY; None for a raw date."""
    parts = date.get("date-parts") if isinstance(date, dict) else None
    if not parts or not parts[0]:
        return None
    year, *rest = parts[0]
    return "-".join([f"{int(year):04d}", *(f"{int(part):02d}" for part in rest[:2])])


def given_bytes(given: Path) -> bytes:
    """A file the user names on the command line, wherever it is: regular, not too large."""
    try:
        mode = os.stat(given).st_mode
    except OSError:
        raise UsageError(f"{given} does not exist: give its path") \
            from None
    if not stat.S_ISREG(mode):
        raise UsageError(f"{given} is not a regular file: give the path of a document")
    with given.open("rb") as stream:
        data = stream.read(DOCUMENT_LIMIT + 1)
    if len(data) > DOCUMENT_LIMIT:
        raise UsageError(f"{given} is larger than {DOCUMENT_LIMIT // MEGABYTE} MB, the most "
                         "reportgen reads")
    return data
