"""The "Changes since edition N" page: the content compared with the last released edition.

Chronology events and country rows are matched by their title and country (an event
whose title changed but whose date did not is still the same event); paragraphs,
recommendations and key points by their order, so that inserting one shows as one
addition rather than as every later item changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from difflib import SequenceMatcher
from typing import Any

from babel import Locale

from .context import Change, ChangeGroup, Changes
from .dates import PartialDate
from .editions import snapshot
from .model import Project

Item = dict[str, str]
TRANSLATION_STATES = {"current": "translated", "fuzzy": "marked “translation not yet updated”",
                      "missing": "not translated (the English is printed)"}


def changes_since(project: Project) -> Changes | None:
    """What differs from the previous edition, or None when there is none or no difference."""
    previous = project.previous_edition
    if previous is None:
        return None
    before, now = previous.content, snapshot(project)
    groups = [
        ChangeGroup("Executive summary", _ordered(before.get("summary", []), now["summary"],
                                                  "Paragraph")),
        ChangeGroup("Recommendations", _ordered(before.get("recommendations", []),
                                                now["recommendations"], "Recommendation")),
        ChangeGroup("Key points of the sources", _key_points(before.get("key points", {}),
                                                             now["key points"])),
        ChangeGroup("Chronology", _keyed(before.get("chronology", {}), now["chronology"],
                                         lambda event: f"{event['date']} — {event['title']}",
                                         pair_by="date")),
        ChangeGroup("Country table", _keyed(before.get("countries", {}), now["countries"],
                                            None)),
        ChangeGroup("Translations", _translations(before.get("translations", {}),
                                                  now["translations"])),
    ]
    groups = [group for group in groups if group.changes]
    if not groups:
        return None
    date = PartialDate.parse(previous.date).english() if previous.date else "an earlier date"
    return Changes(
        f"{project.report.sections.changes} {previous.number}",
        f"Edition {previous.number}, dated {date}, was the previous edition. This edition "
        "differs from it as listed here; footnotes and the bibliography are not compared.",
        groups)


def _ordered(before: list[Item], after: list[Item], noun: str) -> list[Change]:
    def key(item: Item) -> str:
        return json.dumps(item, sort_keys=True)

    matcher = SequenceMatcher(a=[key(i) for i in before], b=[key(i) for i in after],
                              autojunk=False)
    changes = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        changes += [Change("Changed", f"{noun} {j1 + k + 1}",
                           _differences(before[i1 + k], after[j1 + k])) for k in range(paired)]
        changes += [Change("Removed", f"{noun} {k + 1} of the previous edition",
                           [_quote(before[k].get("text", ""))]) for k in range(i1 + paired, i2)]
        changes += [Change("Added", f"{noun} {k + 1}", [_quote(after[k]["text"])])
                    for k in range(j1 + paired, j2)]
    return changes


def _key_points(before: dict[str, list[Item]], after: dict[str, list[Item]]) -> list[Change]:
    changes = []
    for source in [*after, *(name for name in before if name not in after)]:
        for change in _ordered(before.get(source, []), after.get(source, []), "point"):
            changes.append(Change(change.kind, f"{source}, {change.label}", change.details))
    return changes


def _keyed(before: dict[str, Item], after: dict[str, Item],
           label: Callable[[Item], str] | None, pair_by: str = "") -> list[Change]:
    def name(key: str, item: Item) -> str:
        return label(item) if label else key

    renamed = _renamed(before, after, pair_by) if pair_by else {}
    changes = []
    for key, item in after.items():
        old = before.get(key) or before.get(renamed.get(key, ""))
        if old is None:
            changes.append(Change("Added", name(key, item), _summary(item)))
        elif old != item:
            changes.append(Change("Changed", name(key, item), _differences(old, item)))
    changes += [Change("Removed", name(key, item), []) for key, item in before.items()
                if key not in after and key not in renamed.values()]
    return changes


def _renamed(before: dict[str, Item], after: dict[str, Item], field: str) -> dict[str, str]:
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


def _translations(before: dict[str, dict[str, Item]], after: dict[str, dict[str, Item]]
                  ) -> list[Change]:
    changes = []
    for language, entries in after.items():
        name = Locale.parse(language).get_display_name("en")
        if language not in before:
            changes.append(Change("Added", f"{name} insert", []))
            continue
        for label, entry in entries.items():
            old = before[language].get(label)
            if old is None or old == entry:
                continue
            what = (f"now {TRANSLATION_STATES.get(entry['state'], entry['state'])}"
                    if old.get("state") != entry["state"] else "translation revised")
            changes.append(Change("Changed", f"{name}, {label}", [what]))
    changes += [Change("Removed", f"{Locale.parse(language).get_display_name('en')} insert", [])
                for language in before if language not in after]
    return changes


def _differences(before: Item, after: Item) -> list[str]:
    lines = []
    for field in dict.fromkeys([*after, *before]):
        old, new = before.get(field, ""), after.get(field, "")
        if old == new:
            continue
        if field == "text":
            lines += [f"now: {_quote(new)}", f"was: {_quote(old)}"]
        elif not old:
            lines.append(f"{field}: {_quote(new)} (new)")
        elif not new:
            lines.append(f"{field}: removed (was {_quote(old)})")
        else:
            lines.append(f"{field}: now {_quote(new)}, was {_quote(old)}")
    return lines


def _summary(item: dict[str, Any]) -> list[str]:
    return [f"{field}: {_quote(value)}" for field, value in item.items()
            if value and field not in ("date", "title")]


def _quote(text: str) -> str:
    return f"“{text}”"
