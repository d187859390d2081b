"""CSL-JSON libraries (Zotero's and Better BibTeX's export) as plain dicts, matched to documents.

`load_items(data, file)` reads an export (a JSON array of items, or an object with "items"),
checks each item and returns it with CSL field names: names as {family, given} or
{literal}, dates as {"date-parts": [[2022, 7, 3]]} (a "raw" date that is ISO 8601 or a
range of two is turned into date-parts, any other kept as raw), and the attachments a
Better BibTeX "file" field or a Zotero "attachments" list names, as `file`: [paths].
`match_items(items, openings)` pairs items with documents: first by an attachment's file
name, then by the item's title (or the part before its colon) found, normalised, in the
document's opening text; a title found in several documents is left unmatched.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath
from typing import Any

from .unusable import unusable

NAME_FIELDS = frozenset(
    "author editor translator container-author collection-editor composer director "
    "interviewer recipient reviewed-author editorial-director illustrator original-author".split())
DATE_FIELDS = frozenset("issued accessed event-date original-date submitted available-date".split())
NAME_PARTS = ("family", "given", "literal", "suffix", "dropping-particle",
              "non-dropping-particle")
MIN_TITLE_KEY = 10
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Match:
    """An item paired with its document, and how: 'file name' or 'title'."""

    item: dict[str, Any]
    path: Path
    how: str


@dataclass(frozen=True)
class Matching:
    """The pairs found, the items left without a document, and the documents left over."""

    matched: list[Match]
    unmatched_items: list[dict[str, Any]]
    unmatched_documents: list[Path]


def load_items(data: bytes, file: Path) -> list[dict[str, Any]]:
    """The items of a CSL-JSON export; ContentError naming the item at fault."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise unusable(file, f"the file is not valid JSON ({error})",
                       "Export the library again as CSL JSON (Zotero: Export Collection…, "
                       "format CSL JSON or Better CSL JSON).") from error
    if isinstance(parsed, dict) and isinstance(parsed.get("items"), list):
        parsed = parsed["items"]
    if not isinstance(parsed, list):
        raise unusable(file, "the file is not a CSL-JSON export: it should be a list of items",
                       "Export the library again as CSL JSON.")
    items = []
    for number, raw in enumerate(parsed, 1):
        try:
            items.append(csl_item(raw))
        except ValueError as error:
            raise unusable(file, f"item {number}{item_name(raw)}: {error}",
                           "Correct the item in Zotero and export it again.") from error
    return items


def item_name(raw: Any) -> str:
    """' (id …)' for an item that has an id, for error messages."""
    return f" (id {raw['id']!r})" if isinstance(raw, dict) and "id" in raw else ""


def csl_item(raw: Any) -> dict[str, Any]:
    """One item with its names, dates and attachments in plain CSL form."""
    if not isinstance(raw, dict):
        raise ValueError("is not an object with CSL fields")
    if not isinstance(raw.get("id"), (str, int)) or raw.get("id") == "":
        raise ValueError("has no id")
    item: dict[str, Any] = {}
    for key, value in raw.items():
        if key in NAME_FIELDS:
            item[key] = [csl_name(name, key) for name in as_list(value)]
        elif key in DATE_FIELDS:
            item[key] = csl_date(value, key)
        elif key not in ("file", "attachments"):
            item[key] = value.strip() if isinstance(value, str) else value
    item["id"] = str(raw["id"])
    files = attachment_paths(raw)
    if files:
        item["file"] = files
    return item


def as_list(value: Any) -> list[Any]:
    """A value that should be a list, as one."""
    return value if isinstance(value, list) else [value]


def csl_name(name: Any, field: str) -> dict[str, str]:
    """A CSL name: its parts as strings, or a string taken as a literal name."""
    if isinstance(name, str) and name.strip():
        return {"literal": name.strip()}
    if not isinstance(name, dict):
        raise ValueError(f"{field} has a name that is neither text nor an object")
    parts = {part: str(name[part]).strip() for part in NAME_PARTS
             if str(name.get(part, "")).strip()}
    if "family" not in parts and "literal" not in parts:
        raise ValueError(f"{field} has a name without family or literal part: {name}")
    return parts


def csl_date(value: Any, field: str) -> dict[str, Any]:
    """A CSL date with integer date-parts; an ISO raw date (or range) turned into them."""
    if isinstance(value, str):
        value = {"raw": value}
    if not isinstance(value, dict):
        raise ValueError(f"{field} is not a CSL date")
    date = {key: part for key, part in value.items() if key != "date-parts"}
    if "date-parts" in value:
        date["date-parts"] = [date_parts(parts, field) for parts in value["date-parts"]]
    elif isinstance(value.get("raw"), str) and raw_date_parts(value["raw"]):
        date = {"date-parts": raw_date_parts(value["raw"])}
    return date


def date_parts(parts: Any, field: str) -> list[int]:
    """One [year, month, day] list as integers (exports sometimes give strings)."""
    try:
        numbers = [int(part) for part in parts if str(part).strip()]
    except (TypeError, ValueError) as error:
        raise ValueError(f"{field} has date-parts that are not numbers: {parts}") from error
    if not numbers or len(numbers) > 3:
        raise ValueError(f"{field} has date-parts that are not [year, month, day]: {parts}")
    return numbers


def raw_date_parts(raw: str) -> list[list[int]] | None:
    """The date-parts of an ISO 8601 date or a range of two ('2022-07-03/2022-07-05')."""
    parts = raw.split("/")
    matches = [match for part in parts if (match := _ISO.match(part.strip()))]
    if not 1 <= len(parts) <= 2 or len(matches) != len(parts):
        return None
    return [[int(group) for group in match.groups() if group] for match in matches]


def attachment_paths(raw: dict[str, Any]) -> list[str]:
    """The files an item names: Better BibTeX's 'file' field, Zotero's 'attachments'."""
    paths = []
    if isinstance(raw.get("file"), str):
        paths += [file_entry_path(entry) for entry in re.split(r"(?<!\\);", raw["file"])]
    for attachment in as_list(raw.get("attachments") or []):
        if isinstance(attachment, dict):
            attachment = attachment.get("path") or attachment.get("localPath")
        if isinstance(attachment, str):
            paths.append(attachment)
    return [path.strip() for path in paths if path and path.strip()]


def file_entry_path(entry: str) -> str:
    """The path of a 'file' entry, plain or 'description:path:mime/type' with \\: escapes."""
    parts = re.split(r"(?<!\\):", entry.strip())
    if len(parts) >= 3 and "/" in parts[-1]:
        entry = ":".join(parts[1:-1])
    return entry.replace("\\:", ":").replace("\\;", ";")


def title_key(text: str) -> str:
    """Text without accents, case or punctuation, single-spaced: how titles are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def title_keys(item: dict[str, Any]) -> list[str]:
    """The forms of an item's title to look for: whole, then the part before a colon."""
    title = str(item.get("title", ""))
    keys = [title_key(title), title_key(re.split(r":|\s[–—-]\s", title)[0])]
    return [key for n, key in enumerate(keys) if len(key) >= MIN_TITLE_KEY and key not in keys[:n]]


def file_name(path: str) -> str:
    """The last part of a path written on any system, casefolded."""
    return PureWindowsPath(path).name.casefold() if "\\" in path else Path(path).name.casefold()


def match_items(items: list[dict[str, Any]], openings: Mapping[Path, str]) -> Matching:
    """Pair items with documents by attachment file name, then by title in the opening text."""
    free = dict(openings)
    matched: list[Match] = []
    waiting = []
    for item in items:
        names = {file_name(path) for path in item.get("file", [])}
        found = next((path for path in free if path.name.casefold() in names), None)
        if found is None:
            waiting.append(item)
        else:
            matched.append(Match(item, found, "file name"))
            del free[found]
    return match_by_title(waiting, free, matched)


def match_by_title(items: list[dict[str, Any]], free: dict[Path, str],
                   matched: list[Match]) -> Matching:
    """Add the items whose title is in exactly one remaining document's opening text."""
    keys = {path: title_key(opening) for path, opening in free.items()}
    unmatched = []
    for item in items:
        found = next((hits for key in title_keys(item)
                      if (hits := [path for path in keys if f" {key} " in f" {keys[path]} "])), [])
        if len(found) == 1:
            matched.append(Match(item, found[0], "title"))
            del keys[found[0]]
        else:
            unmatched.append(item)
    return Matching(matched, unmatched, list(keys))
