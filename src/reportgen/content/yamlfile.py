"""Read YAML while remembering where every key and value stands in the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ContentError, Position, Problem
from .files import read_bytes
from .yamllimits import (
    DEFAULT_LIMITS,
    LimitError,
    Limits,
    check_text_size,
    load_limited,
)


class Mapping(dict):
    """A YAML mapping that knows its own position and those of its values."""

    position: Position
    key_positions: dict[str, Position]
    value_positions: dict[str, Position]

    def position_of(self, key: str) -> Position:
        return self.value_positions.get(key, self.position)


class Sequence(list):
    """A YAML sequence that knows its own position and those of its items."""

    position: Position
    item_positions: list[Position]

    def position_of(self, index: int) -> Position:
        return self.item_positions[index] if index < len(self.item_positions) else self.position


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text and records positions and duplicate keys."""

    file: Path
    duplicates: list[Problem]


class _FastLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):  # type: ignore[misc]
    """The same, parsing with LibYAML: several times faster on a large project."""

    file: Path
    duplicates: list[Problem]


def _position(loader: _Loader, node: yaml.Node) -> Position:
    mark = node.start_mark
    return Position(loader.file, mark.line + 1, mark.column + 1)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> Mapping:
    result = Mapping()
    result.position = _position(loader, node)
    result.key_positions = {}
    result.value_positions = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            loader.duplicates.append(Problem(
                _position(loader, key_node),
                f"the key '{key}' appears twice in the same block "
                f"(first at line {result.key_positions[key].line})",
                "Keep one of the two; YAML would silently use only the last.",
            ))
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_positions[key] = _position(loader, key_node)
        result.value_positions[key] = _position(loader, value_node)
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> Sequence:
    result = Sequence(loader.construct_object(child, deep=True) for child in node.value)
    result.position = _position(loader, node)
    result.item_positions = [_position(loader, child) for child in node.value]
    return result


for _class in (_Loader, _FastLoader):
    # Dates stay strings: the model parses them itself, partial dates ("2021-02") included.
    _class.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _class.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def plain(value: Any) -> Any:
    """Located YAML as plain dicts and lists, the form PyYAML dumps and compares."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def parse_yaml(text: str, file: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Parse YAML text within the limits; raise ContentError with line and column on any
    mistake."""
    check_text_size(text, file, limits)
    try:
        return _load(_FastLoader, text, file, limits)
    except LimitError:
        raise  # already located and worded: a second parse would only cost time
    except (ContentError, yaml.YAMLError):
        # LibYAML words its errors differently: the pure-Python parser says what is wrong,
        # in the words the documentation and tests give.
        return _load(_Loader, text, file, limits)


def _load(loader_class: type, text: str, file: Path, limits: Limits = DEFAULT_LIMITS) -> Any:
    """Compose within the limits (depth, aliases, their expansion), then construct."""
    return load_limited(loader_class, text, file, limits, character_problem=_character_problem)


def _character_problem(error: yaml.reader.ReaderError, text: str, file: Path) -> Problem:
    line = text.count("\n", 0, error.position) + 1
    column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
    return Problem(Position(file, line, column),
                   f"the character U+{error.character:04X} cannot stand in a YAML file",
                   "Delete it: it is an invisible control character, usually pasted in "
                   "from another program.")


def read_yaml(path: Path, root: Path) -> Any:
    """Read a project YAML file, reporting positions relative to the project root."""
    relative = path.relative_to(root)
    try:
        text = read_bytes(root, relative).decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(Problem(
            Position(relative), f"the file is not UTF-8 text (byte {error.start})",
            "Save it again as UTF-8 in your editor.")) from None
    return parse_yaml(text, relative)
