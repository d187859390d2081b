"""Walking loaded content: every record of a kind, every text, wherever it stands.

Checks that must reach all content (quotes to verify, links to check, text to keep
free of markup) walk the records generically, so a new kind of section is covered by
declaring its fields, with nothing to register.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, TypeVar

from ..errors import Position

T = TypeVar("T")


def records_in(value: Any, cls: type[T]) -> Iterator[T]:
    """Every `cls` record inside a value (records, lists, dicts), in order."""
    if isinstance(value, cls):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from records_in(item, cls)
    elif isinstance(value, dict):
        for item in value.values():
            yield from records_in(item, cls)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for spec in dataclasses.fields(value):
            yield from records_in(getattr(value, spec.name), cls)


def texts_in(value: Any, skip: tuple[type, ...] = ()) -> Iterator[tuple[Position, str, str]]:
    """(position, key, text) of every text inside a record, except inside `skip` records."""
    yield from _texts(value, "", getattr(value, "position", None), skip)


def _texts(value: Any, key: str, position: Position | None, skip: tuple[type, ...]
           ) -> Iterator[tuple[Position, str, str]]:
    if isinstance(value, str):
        if position is not None:
            yield position, key, value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item, key, position, skip)
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, name, position, skip)
    elif dataclasses.is_dataclass(value) and not isinstance(value, (type, *skip)):
        position = getattr(value, "position", position)
        for spec in dataclasses.fields(value):
            if spec.name != "position":
                yield from _texts(getattr(value, spec.name), spec.metadata.get("key") or
                                  spec.name, position, skip)
