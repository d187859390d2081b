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
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from difflib import SequenceMatcher
from typing import Any, ClassVar, Protocol

from ..content.catalogs import Translatable
from ..content.load import parts
from ..content.localize import direction
from ..content.messages import N_, Messages
from ..content.model import Project, SectionEntry
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
    heading: bool = False  # a sub-heading among the paragraphs

    @property
    def dir(self) -> str:
        """The direction its language is written in."""
        return direction(self.lang)


@dataclass
class InsertGroup:
    """A category of a table and its members, named in the insert's language."""

    label: InsertText
    names: str


@dataclass
class InsertPart:
    """What a section contributes to a translated insert: a heading and its translations."""

    title: InsertText
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
    title: ClassVar[str]  # its heading (an English msgid), unless report.yaml renames it
    template: ClassVar[str]  # its Jinja2 template, in templates/
    front: ClassVar[bool] = False  # printed before the body (the cover and the contents)
    lists_contents: ClassVar[bool] = False  # made last, when the contents are known
    changes_title: ClassVar[str] = ""  # its heading on the changes page, if it differs
    # What `reportgen init` writes in its content file: its keys, empty, and a commented
    # example of every field.
    example: ClassVar[str] = ""

    # How report.yaml lists it: set by the loader, not read from a content file.
    entry: SectionEntry = field(default_factory=lambda: SectionEntry(""), kw_only=True,
                                compare=False, repr=False)

    @property
    def anchor(self) -> str:
        """Its id in the HTML, its bookmark's target, its key in edition snapshots."""
        return self.kind

    @classmethod
    def example_for(cls, messages: Messages) -> str:
        """Its example content file, with what it prints in the briefing's language."""
        return cls.example

    def default_heading(self, messages: Messages) -> str:
        """Its heading in the briefing's language, when report.yaml does not rename it."""
        return messages.gettext(self.title)

    def changes_heading(self, project: Project) -> str:
        """Its heading on the changes page."""
        return project.messages.gettext(self.changes_title or self.title)

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
        return []


def content_records(section: Section) -> list[dict[str, Any]]:
    """Each item of a section's lists as plain data, without citations or positions."""
    records = []
    for spec in parts(section):
        items = getattr(section, spec.name)
        for item in items if isinstance(items, list) else []:
            data = {f.metadata.get("key") or f.name: getattr(item, f.name) for f in fields(item)
                    if f.name not in ("cite", "position")}
            records.append(plain(data))
    return records


@dataclass
class Comparison:
    """How a section's changes are worded: the briefing's words, and its fields' names."""

    messages: Messages
    labels: dict[str, str] = field(default_factory=dict)  # field -> its name as printed

    def change(self, kind: str, label: str, details: list[str]) -> Change:
        """A change of kind Added, Removed or Changed, in the briefing's words."""
        return Change(self.messages.gettext(kind), label, details)

    def quoted(self, value: Any) -> str:
        """A snapshot value, printed and between the language's quotation marks."""
        return self.messages.quoted(printable(value))

    def name(self, field_name: str) -> str:
        """A field's name as the changes page prints it."""
        return self.labels.get(field_name, field_name)


ADDED, REMOVED, CHANGED = N_("Added"), N_("Removed"), N_("Changed")


def ordered_changes(before: list[dict], after: list[dict],
                    label: Callable[[int, dict], str], words: Comparison) -> list[Change]:
    """Changes between two lists matched by order: an insertion shows as one addition.

    label(n, item) names the item at place n ('Paragraph 3'); an item shows as its 'text'.
    """
    def key(item: dict) -> str:
        return json.dumps(item, sort_keys=True)

    matcher = SequenceMatcher(a=[key(i) for i in before], b=[key(i) for i in after],
                              autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        changes += [words.change(CHANGED, label(j1 + k + 1, after[j1 + k]),
                                 differences(before[i1 + k], after[j1 + k], words))
                    for k in range(paired)]
        changes += [words.change(REMOVED, words.messages.gettext(
            "%(item)s of the previous edition", item=label(k + 1, before[k])),
            [words.quoted(before[k].get("text", ""))]) for k in range(i1 + paired, i2)]
        changes += [words.change(ADDED, label(k + 1, after[k]),
                                 [words.quoted(after[k].get("text", ""))])
                    for k in range(j1 + paired, j2)]
    return changes


def differences(before: dict, after: dict, words: Comparison) -> list[str]:
    """A line per field that differs: its new and old values."""
    messages = words.messages
    lines = []
    for name in dict.fromkeys([*after, *before]):
        old, new = printable(before.get(name)), printable(after.get(name))
        if old == new:
            continue
        field_name, now, was = words.name(name), words.quoted(new), words.quoted(old)
        if name == "text":
            lines += [messages.gettext("now: %(new)s", new=now),
                      messages.gettext("was: %(old)s", old=was)]
        elif not old:
            lines.append(messages.gettext("%(field)s: %(new)s (new)", field=field_name,
                                          new=now))
        elif not new:
            lines.append(messages.gettext("%(field)s: removed (was %(old)s)",
                                          field=field_name, old=was))
        else:
            lines.append(messages.gettext("%(field)s: now %(new)s, was %(old)s",
                                          field=field_name, new=now, old=was))
    return lines


def printable(value: Any) -> str:
    """A snapshot value as the changes page prints it: lists joined, nothing as ''."""
    if isinstance(value, list):
        return ", ".join(map(printable, value))
    return "" if value is None or value is False else str(value)


def keyed_changes(before: dict[str, dict], after: dict[str, dict], named_by: tuple[str, ...],
                  words: Comparison, pair_by: str = "") -> list[Change]:
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
            changes.append(words.change(ADDED, name(item), _summary(item, named_by, words)))
        elif old != item:
            changes.append(words.change(CHANGED, name(item), differences(old, item, words)))
    changes += [words.change(REMOVED, name(item), []) for key, item in before.items()
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


def _summary(item: dict[str, Any], named_by: tuple[str, ...], words: Comparison) -> list[str]:
    return [words.messages.gettext("%(field)s: %(value)s", field=words.name(field),
                                   value=words.quoted(value))
            for field, value in item.items() if printable(value) and field not in named_by]
