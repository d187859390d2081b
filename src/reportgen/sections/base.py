"""A kind of section of the briefing, declared in one place: its unit.

A unit is a dataclass. Its fields are its content, each read from a top-level key of a
content file (model.part): the loader reads them with file:line errors, and the checks
that walk all content (quotes verified, links, markup) reach them with nothing more to
declare. Its class attributes and methods say the rest: its heading, its template, the
Chapter it gives the template, its entries in the contents (and so the bookmarks), the
English it gives the translated inserts, and its edition snapshot and changes.

The sections a briefing has are listed in registry.py, and nowhere else.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from difflib import SequenceMatcher
from typing import Any, ClassVar, Protocol

from ..content.catalogs import Translatable
from ..content.model import Project
from ..content.yamlfile import plain
from ..errors import Collector
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, TocEntry


@dataclass
class InsertText:
    """A paragraph of a translated insert; `mark` says when it is not a current translation."""

    text: str
    lang: str
    mark: str = ""
    by: str = ""


@dataclass
class InsertGroup:
    """A category of a table and its members, named in the insert's language."""

    label: InsertText
    names: str


@dataclass
class InsertPart:
    """What a section contributes to a translated insert: a heading and its translations."""

    title: str
    paragraphs: list[InsertText]
    items: list[InsertText]
    groups: list[InsertGroup]


class Translate(Protocol):
    """An English text of the content in an insert's language (see inserts.py)."""

    language: str

    def __call__(self, english: str, by: str = "") -> InsertText: ...


@dataclass
class Section:
    """The base of every unit: a section with no content of its own, printed plainly."""

    kind: ClassVar[str]  # its name: in report.yaml's 'sections', its anchor, its snapshot
    title: ClassVar[str]  # its heading, unless report.yaml's 'sections' renames it
    template: ClassVar[str]  # its Jinja2 template, in templates/
    front: ClassVar[bool] = False  # printed before the body (the cover and the contents)
    lists_contents: ClassVar[bool] = False  # made last, when the contents are known
    changes_title: ClassVar[str] = ""  # its heading on the changes page, if it differs

    def check(self, project: Project, problems: Collector) -> None:
        """Record what is wrong with the content beyond its schema (unknown ids…)."""

    def chapter(self, assembly: Assembly) -> Chapter | None:
        """What its template prints, or None when the section has nothing to print."""
        raise NotImplementedError

    def contents(self, chapter: Chapter) -> list[TocEntry]:
        """Its lines in the contents; each is also a bookmark, from the heading printed."""
        return [TocEntry(chapter.anchor, chapter.title, 1)]

    def translatables(self, heading: str) -> list[Translatable]:
        """The English texts the translated inserts print in each language."""
        return []

    def insert_part(self, heading: str, translate: Translate) -> InsertPart | None:
        """What the section adds to a translated insert, or None."""
        return None

    def snapshot(self, project: Project) -> Any:
        """What readers see of the content, as plain data with stable keys, or None."""
        return None

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        """The differences between a released edition's snapshot and the current one."""
        return ordered_changes(before or [], now or [], "Item")


def content_records(section: Section) -> list[dict[str, Any]]:
    """Each item of a section's lists as plain data, without citations or positions."""
    records = []
    for spec in fields(section):
        for item in getattr(section, spec.name):
            data = {f.metadata.get("key") or f.name: getattr(item, f.name) for f in fields(item)
                    if f.name not in ("cite", "position")}
            records.append(plain(data))
    return records


def ordered_changes(before: list[dict], after: list[dict], noun: str) -> list[Change]:
    """Changes between two lists matched by order: an insertion shows as one addition."""
    def key(item: dict) -> str:
        return json.dumps(item, sort_keys=True)

    matcher = SequenceMatcher(a=[key(i) for i in before], b=[key(i) for i in after],
                              autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        changes += [Change("Changed", f"{noun} {j1 + k + 1}",
                           differences(before[i1 + k], after[j1 + k])) for k in range(paired)]
        changes += [Change("Removed", f"{noun} {k + 1} of the previous edition",
                           [quote(before[k].get("text", ""))]) for k in range(i1 + paired, i2)]
        changes += [Change("Added", f"{noun} {k + 1}", [quote(after[k].get("text", ""))])
                    for k in range(j1 + paired, j2)]
    return changes


def differences(before: dict, after: dict) -> list[str]:
    """A line per field that differs: its new and old values."""
    lines = []
    for field in dict.fromkeys([*after, *before]):
        old, new = printable(before.get(field)), printable(after.get(field))
        if old == new:
            continue
        if field == "text":
            lines += [f"now: {quote(new)}", f"was: {quote(old)}"]
        elif not old:
            lines.append(f"{field}: {quote(new)} (new)")
        elif not new:
            lines.append(f"{field}: removed (was {quote(old)})")
        else:
            lines.append(f"{field}: now {quote(new)}, was {quote(old)}")
    return lines


def printable(value: Any) -> str:
    """A snapshot value as the changes page prints it: lists joined, nothing as ''."""
    if isinstance(value, list):
        return ", ".join(map(printable, value))
    return "" if value is None or value is False else str(value)


def quote(text: str) -> str:
    """“text”."""
    return f"“{text}”"


def keyed_changes(before: dict[str, dict], after: dict[str, dict], named_by: tuple[str, ...],
                  pair_by: str = "") -> list[Change]:
    """Changes between two mappings of printed items, matched by key.

    Each item is named by its `named_by` fields ('3 March 2020 — The river rises'). With
    pair_by, an added item and a removed one that alone share that field's value (an
    event retitled, its date kept) are the same item, changed.
    """
    def name(item: dict) -> str:
        return " — ".join(item[field] for field in named_by)

    renamed = _renamed(before, after, pair_by) if pair_by else {}
    changes = []
    for key, item in after.items():
        old = before.get(key) or before.get(renamed.get(key, ""))
        if old is None:
            changes.append(Change("Added", name(item), _summary(item, named_by)))
        elif old != item:
            changes.append(Change("Changed", name(item), differences(old, item)))
    changes += [Change("Removed", name(item), []) for key, item in before.items()
                if key not in after and key not in renamed.values()]
    return changes


def _renamed(before: dict[str, dict], after: dict[str, dict], field: str) -> dict[str, str]:
    """New key -> old key, for an item that lost its key but alone kept `field` unchanged."""
    added = [key for key in after if key not in before]
    removed = [key for key in before if key not in after]
    pairs = {}
    for new in added:
        olds = [old for old in removed if before[old].get(field) == after[new].get(field)]
        news = [other for other in added if after[other].get(field) == after[new].get(field)]
        if len(olds) == 1 and len(news) == 1:
            pairs[new] = olds[0]
    return pairs


def _summary(item: dict[str, Any], named_by: tuple[str, ...]) -> list[str]:
    return [f"{field}: {quote(printable(value))}" for field, value in item.items()
            if printable(value) and field not in named_by]
