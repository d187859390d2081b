"""The reference of every content file's fields, written from the model's own field docs.

The README's "Fields of the content files" is this text (scripts/field-reference writes
it there, and a test checks it is current), so the documentation cannot drift from what
the loader accepts.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterator

from .content.folders import REPORT_FILE, SOURCES_FILE, THEME_FILE
from .content.load import parts
from .content.model import Citation, Quote, Reference, Report, SourcesFile
from .content.theme import ThemeFile
from .publish.recipients import RecipientsFile
from .sections.registry import LISTED

SHARED = (Citation, Quote, Reference)


def field_reference() -> str:
    """Markdown: for each content file, its keys; then each kind of record, its fields."""
    kinds = ", ".join(f"`{kind}`" for kind in LISTED)
    lines = [f"The kinds of section `sections` may list: {kinds}.", "",
             f"#### `{REPORT_FILE}`", "", *_table(Report), "",
             f"#### `{SOURCES_FILE}`", "", *_table(SourcesFile), ""]
    for kind, unit in LISTED.items():
        if parts(unit):
            lines += [f"#### The {kind} section: `{_file_name(unit)}`", "", *_table(unit), ""]
    lines += [f"#### `{THEME_FILE}` (optional)", "", *_table(ThemeFile), "",
              "#### `report/recipients.yaml` (for `distribute`)", "", *_table(RecipientsFile),
              ""]
    shown = {Report, SourcesFile, ThemeFile, RecipientsFile, *LISTED.values()}
    for record in _records([Report, SourcesFile, ThemeFile, RecipientsFile, *LISTED.values()]):
        if record not in shown:
            lines += [f"#### {_record_name(record)}", "", *_table(record), ""]
    return "\n".join(lines).rstrip() + "\n"


def _table(cls: type) -> list[str]:
    rows = ["| key | what it holds | |", "| --- | --- | --- |"]
    for spec in _fields(cls):
        key = spec.metadata.get("key") or spec.name
        need = "required" if _required(spec) else "optional"
        rows.append(f"| `{key}` | {spec.metadata['doc']} | {need} |")
    return rows


def _fields(cls: type) -> list[dataclasses.Field]:
    return [spec for spec in dataclasses.fields(cls)
            if spec.name != "position" and "doc" in spec.metadata]


def _required(spec: dataclasses.Field) -> bool:
    return (spec.default is dataclasses.MISSING and
            spec.default_factory is dataclasses.MISSING)


def _records(roots: list[type]) -> Iterator[type]:
    """Every record class the roots' fields hold, each once, in the order first met."""
    seen: list[type] = []
    queue = list(roots)
    while queue:
        cls = queue.pop(0)
        hints = typing.get_type_hints(cls)
        for spec in _fields(cls):
            for inner in _dataclasses_in(hints[spec.name]):
                if inner not in seen and inner not in roots:
                    seen.append(inner)
                    queue.append(inner)
    yield from [*seen]


def _dataclasses_in(hint: object) -> Iterator[type]:
    args = typing.get_args(hint)
    if args:
        for arg in args:
            yield from _dataclasses_in(arg)
    elif dataclasses.is_dataclass(hint) and hasattr(hint, "what"):
        yield typing.cast(type, hint)


def _record_name(cls: type) -> str:
    what = typing.cast(str, cls.what)
    return f"A {what}" if what[0] not in "aeiou" else f"An {what}"


def _file_name(unit: type) -> str:
    files = {spec.metadata["file"] for spec in parts(unit)}
    file = files.pop()
    return str(file.path) if file.path else f"report/{file.default_name or 'NAME.yaml'}"
