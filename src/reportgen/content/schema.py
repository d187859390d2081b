"""Read located YAML into the model's dataclasses, checking every key and type.

The dataclasses in model.py are the schema: their type hints say what each key holds,
their field metadata what it means. One reader serves them all, so every file gets the
same checks and the same wording: unknown keys (with a suggestion), missing or empty
required keys, values of the wrong kind, and dates that are not dates.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import types
import typing
from typing import Any, TypeVar

from ..errors import Collector, Position
from .dates import PartialDate
from .yamlfile import Mapping, Sequence

T = TypeVar("T")
_MISSING = object()


def read_record(cls: type[T], value: Any, position: Position, problems: Collector) -> T | None:
    """Build a `cls` from a YAML value, or record why not and return None."""
    scalar_field = getattr(cls, "scalar_field", None)
    if scalar_field and _is_scalar(value) and value is not None:
        value = _scalar_mapping(scalar_field, value, position)
    if not isinstance(value, Mapping):
        problems.add(position, f"this {cls.what} should be a block of 'key: value' lines, "
                               f"not {_describe_value(value)}",
                     f"The keys a {cls.what} takes: {', '.join(_keys(cls))}.")
        return None
    _check_unknown_keys(cls, value, problems)
    hints = _type_hints(cls)
    values: dict[str, Any] = {}
    complete = True
    for spec in dataclasses.fields(cls):
        if spec.name == "position":
            values["position"] = value.position
            continue
        converted = _read_field(spec, hints[spec.name], value, cls, problems)
        if converted is _MISSING:
            complete = False
        elif converted is not None:
            values[spec.name] = converted
    return cls(**values) if complete else None


def _read_field(spec: dataclasses.Field, hint: Any, mapping: Mapping, cls: type,
                problems: Collector) -> Any:
    key = _key(spec)
    required = spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
    if key not in mapping or mapping[key] is None:
        if required:
            problems.add(mapping.position,
                         f"this {cls.what} has no '{key}' ({spec.metadata['doc']})",
                         f"Add a line '{key}: …' to it.")
            return _MISSING
        return None
    value = _convert(mapping[key], hint, mapping.position_of(key), key, problems)
    if value is _MISSING:
        return _MISSING
    if required and value in ("", []):
        problems.add(mapping.position_of(key), f"'{key}' is empty in this {cls.what}",
                     f"Give it a value: {spec.metadata['doc']}.")
        return _MISSING
    return value


def _convert(value: Any, hint: Any, position: Position, key: str, problems: Collector) -> Any:
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return None if value is None else _convert(value, inner, position, key, problems)
    if origin is list:
        return _convert_list(value, typing.get_args(hint)[0], position, key, problems)
    if origin is dict:
        return _convert_dict(value, position, key, problems)
    if dataclasses.is_dataclass(hint) and hint is not PartialDate:
        record = read_record(hint, value, position, problems)
        return _MISSING if record is None else record
    return _convert_scalar(value, hint, position, key, problems)


def _convert_list(value: Any, item: Any, position: Position, key: str,
                  problems: Collector) -> Any:
    if not isinstance(value, Sequence):
        # One item may stand alone where a list is expected: `cite: {source: …, quote: …}`.
        single_record = isinstance(value, Mapping) and hasattr(item, "what")
        single_scalar = _is_scalar(value) and (item is str or hasattr(item, "scalar_field"))
        if not (single_record or single_scalar):
            problems.add(position, f"'{key}' should be a list, not {_describe_value(value)}",
                         "Write each item on its own line starting with '- '.")
            return _MISSING
        value = _single(value, position)
    items = [_convert(entry, item, value.position_of(index), key, problems)
             for index, entry in enumerate(value)]
    return _MISSING if _MISSING in items else items


def _convert_dict(value: Any, position: Position, key: str, problems: Collector) -> Any:
    if not isinstance(value, Mapping):
        problems.add(position, f"'{key}' should be a block of 'name: text' lines, "
                               f"not {_describe_value(value)}")
        return _MISSING
    result = Mapping()
    result.position, result.key_positions = value.position, value.key_positions
    result.value_positions = value.value_positions
    for name, text in value.items():
        converted = _convert_scalar(text, str, value.position_of(name), name, problems)
        if converted is _MISSING:
            return _MISSING
        result[name] = converted
    return result


def _convert_scalar(value: Any, hint: Any, position: Position, key: str,
                    problems: Collector) -> Any:
    if hint is PartialDate:
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            problems.add(position, f"'{key}': {error}")
            return _MISSING
    if hint is bool and isinstance(value, bool):
        return value
    if hint is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if hint is str and isinstance(value, bool):
        problems.add(position, f"'{key}' reads as {str(value).lower()} (yes/no), not as text",
                     "YAML turns words like yes, no, on, off into true/false: put the text "
                     "in double quotes.")
        return _MISSING
    if hint is str and isinstance(value, (str, int, float)):
        return str(value)
    wanted = {str: "text", int: "a whole number", bool: "true or false"}.get(hint, str(hint))
    problems.add(position, f"'{key}' should be {wanted}, not {_describe_value(value)}")
    return _MISSING


@functools.cache
def _type_hints(cls: type) -> dict[str, Any]:
    # Resolving the annotations is slow, and a project has hundreds of records per class.
    return typing.get_type_hints(cls)


def _check_unknown_keys(cls: type, mapping: Mapping, problems: Collector) -> None:
    allowed = _keys(cls)
    for key in mapping:
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        problems.add(mapping.key_positions[key], f"unknown key '{key}' in this {cls.what}",
                     f"{hint}The keys a {cls.what} takes: {', '.join(allowed)}.")


def _keys(cls: type) -> list[str]:
    return [_key(spec) for spec in dataclasses.fields(cls) if spec.name != "position"]


def _key(spec: dataclasses.Field) -> str:
    return spec.metadata.get("key") or spec.name


def _scalar_mapping(name: str, value: Any, position: Position) -> Mapping:
    mapping = Mapping({name: value})
    mapping.position = position
    mapping.key_positions = {name: position}
    mapping.value_positions = {name: position}
    return mapping


def _single(value: Any, position: Position) -> Sequence:
    sequence = Sequence([value])
    sequence.position = position
    sequence.item_positions = [position]
    return sequence


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, (dict, list))


def _describe_value(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "…"
        return f"the text '{short}'"
    if isinstance(value, list):
        return "a list"
    return "a block of keys"
