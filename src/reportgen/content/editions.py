"""Released editions: report/editions/N.yaml, read back to compare the content with.

A snapshot holds, per kind of section, what readers saw of that section in edition N, as
plain data keyed by stable ids (a source's id, a country's code), never as printed
strings: the wording of dates or citations may change between editions without showing
as a change of content. `reportgen release` writes them (publish/editions.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Collector, ContentError, Position
from .folders import EDITIONS
from .model import EditionSnapshot
from .yamlfile import plain, read_yaml

SNAPSHOT_NAME = re.compile(r"^(\d+)\.yaml$")
# The layout of the snapshots this version writes; 1 was keyed by printed strings.
SNAPSHOT_FORMAT = 2


def snapshot_path(edition: int) -> Path:
    """Where the snapshot of an edition is kept, relative to the project."""
    return EDITIONS / f"{edition}.yaml"


def read_previous_edition(root: Path, edition: int, problems: Collector
                          ) -> EditionSnapshot | None:
    """The latest snapshot of an edition before the current one, if any."""
    numbers = sorted(int(match.group(1)) for path in (root / EDITIONS).glob("*.yaml")
                     if (match := SNAPSHOT_NAME.match(path.name)) and int(match.group(1)) < edition)
    if not numbers:
        return None
    relative = snapshot_path(numbers[-1])
    try:
        data = read_yaml(root / relative, root)
    except ContentError as error:
        problems.extend(error.problems)
        return None
    if not (isinstance(data, dict) and isinstance(data.get("content"), dict)
            and data.get("edition") == numbers[-1]):
        problems.add(Position(relative, 1), f"this is not a snapshot of edition {numbers[-1]}",
                     "Restore the file 'reportgen release' wrote from version control.")
        return None
    return EditionSnapshot(numbers[-1], str(data.get("date", "")), plain(data["content"]),
                           data.get("format", 1), relative)
