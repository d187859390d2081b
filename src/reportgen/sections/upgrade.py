"""Snapshots written by the first version of `release` (format 1), read as format 2.

Format 1 kept what the page printed: key points by the source's displayed title,
countries by name, events with their dates worded ('c. 2017', '6 November [2023]').
They are converted when read, against the current content, so that a project released
with that version keeps its "Changes since edition N" page. Format 2 is the sections'
own snapshot() data, by kind of section.
"""

from __future__ import annotations

import calendar
import re
from typing import Any

from ..content.catalogs import translatables
from ..content.dates import PartialDate
from ..content.model import EditionSnapshot, Project
from ..render import citation_style

MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}
WORDED_DATE = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]+) )?(\d{4})$")


def upgraded(previous: EditionSnapshot, project: Project) -> dict[str, Any]:
    """The snapshot's content in the current format, whatever format it was written in."""
    if previous.format >= 2:
        return previous.content
    old = previous.content
    return {"summary": old.get("summary", []),
            "recommendations": old.get("recommendations", []),
            "sources": _key_points(old.get("key points", {}), project),
            "chronology": {key: _event(event) for key, event in old.get("chronology", {}).items()},
            "actors": _countries(old.get("countries", {}), project),
            "translations": _translations(old.get("translations", {}), project)}


def _key_points(points: dict[str, list], project: Project) -> dict[str, list]:
    ids = {citation_style.display_title(source): source.id for source in project.sources}
    return {ids.get(title, title): items for title, items in points.items()}


def _event(event: dict[str, str]) -> dict[str, Any]:
    worded = event.get("date", "")
    approximate = worded.startswith("c. ")
    date = _date(worded)
    return {"date": date, "approximate": approximate,
            "inferred": "from an earlier edition" if "[" in worded else "",
            "title": event.get("title", ""), "description": event.get("description", ""),
            "places": _items(event.get("places", "")), "actors": _items(event.get("actors", ""))}


def _countries(rows: dict[str, dict], project: Project) -> dict[str, dict]:
    section = project.section("actors")
    language = project.report.language
    keys = ({section.name_of(row, language): row.key for row in section.actors}
            if section else {})
    ids = {category.label: category.id for category in section.categories} if section else {}
    return {keys.get(name, name): {
        "actor": name, "categories": [ids.get(label, label) for label in _items(
            row.get("cooperation", ""))],
        "details": row.get("details", ""), "since": _date(row.get("since", "")),
        "status": row.get("status", ""), "as-of": _date(row.get("as of", ""))}
        for name, row in rows.items()}


def _translations(languages: dict[str, dict], project: Project) -> dict[str, dict]:
    ids = {item.what: item.id for item in translatables(project)}
    return {language: {ids.get(label, label): entry for label, entry in entries.items()}
            for language, entries in languages.items()}


def _date(worded: str) -> str:
    """'c. 6 November [2023]' -> '2023-11-06'; '' when it is not a worded date."""
    match = WORDED_DATE.match(worded.removeprefix("c. ").replace("[", "").replace("]", ""))
    if not match or (match.group(2) and match.group(2) not in MONTHS):
        return ""
    day, month, year = match.groups()
    return PartialDate(int(year), MONTHS.get(month or "", 0), int(day or 0)).iso()


def _items(joined: str) -> list[str]:
    return [item for item in joined.split(", ") if item]
