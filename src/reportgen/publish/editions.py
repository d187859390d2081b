"""`reportgen release`: record what readers see of an edition, and prepare the next.

The snapshot, report/editions/N.yaml, holds each section's snapshot (sections/base.py)
by section (its anchor: the kind, or 'narrative-background' for report/background.yaml);
later builds compare the content with it on the "Changes since edition N" page
(sections/changes.py). Reading it back is content/editions.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_atomically
from ..content.editions import SNAPSHOT_FORMAT, snapshot_path
from ..content.files import read_bytes
from ..content.folders import REPORT_FILE
from ..content.model import Project
from ..content.yamlfile import Mapping, read_yaml
from ..errors import ContentError, Position, Problem


def snapshot(project: Project) -> dict[str, Any]:
    """What readers see of the content, by section (its anchor), as plain data."""
    return {section.anchor: data for section in project.sections
            if (data := section.snapshot(project)) is not None}


def release(project: Project) -> Path:
    """Write the snapshot of the current edition and raise report.yaml's edition by one."""
    root, report = project.root, project.report
    relative = snapshot_path(report.edition)
    edition_position = _edition_position(root)
    if (root / relative).exists():
        raise ContentError(Problem(
            edition_position, f"edition {report.edition} has already been released "
                              f"({relative} exists)",
            f"Set 'edition' to {report.edition + 1} to prepare the next edition."))
    header = (f"# Edition {report.edition} of “{report.title}”, recorded by 'reportgen "
              "release'.\n"
              "# Builds of later editions list what changed since. Commit this file; do not "
              "edit it.\n")
    body = yaml.safe_dump({"edition": report.edition, "date": report.date.iso(),
                           "format": SNAPSHOT_FORMAT, "content": snapshot(project)},
                          allow_unicode=True, sort_keys=False, width=100)
    write_atomically(root / relative, (header + body).encode("utf-8"))
    _raise_edition(root, edition_position, report.edition)
    return relative


def _edition_position(root: Path) -> Position:
    data = read_yaml(root / REPORT_FILE, root)
    return data.position_of("edition") if isinstance(data, Mapping) else Position(REPORT_FILE)


def _raise_edition(root: Path, position: Position, edition: int) -> None:
    """Rewrite only the edition number in report.yaml, keeping its comments and layout."""
    path = root / REPORT_FILE
    lines = read_bytes(root, REPORT_FILE).decode("utf-8").splitlines(keepends=True)
    line = lines[position.line - 1]
    start = position.column - 1
    number = re.match(r"\d+", line[start:])
    if number is None or int(number.group()) != edition:
        raise ContentError(Problem(position, "the edition number could not be raised here",
                                   f"Set 'edition' to {edition + 1} by hand."))
    lines[position.line - 1] = f"{line[:start]}{edition + 1}{line[start + number.end():]}"
    write_atomically(path, "".join(lines).encode("utf-8"))
