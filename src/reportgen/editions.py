"""Editions: `release` records the content as plain data, the next build compares with it.

A snapshot, report/editions/N.yaml, holds what readers see of edition N: the executive
summary, the recommendations, the key points of each source, the chronology, the country
table and the state of every translation. Chronology events are known by their title and
country rows by their country; paragraphs and points by their order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .catalogs import translatables
from .citation_style import display_title
from .errors import Collector, ContentError, Position, Problem
from .model import EditionSnapshot, Project
from .yamlfile import Mapping, read_yaml

EDITIONS = Path("report") / "editions"
REPORT_FILE = Path("report") / "report.yaml"
SNAPSHOT_NAME = re.compile(r"^(\d+)\.yaml$")


def snapshot(project: Project) -> dict[str, Any]:
    """What readers see of the content, as plain data."""
    sources = {source.id: display_title(source) for source in project.sources}
    return {
        "summary": [{"text": p.text} for p in project.summary],
        "recommendations": [{"text": r.text, "by": r.by} for r in project.recommendations],
        "key points": {sources[s.source]: [{"text": p.text} for p in s.points]
                       for s in project.summaries},
        "chronology": _events(project),
        "countries": {row.country: _country(project, row) for row in project.countries},
        "translations": _translations(project),
    }


def _events(project: Project) -> dict[str, dict[str, str]]:
    from .assemble import event_date, sorted_events  # assemble imports this module

    events: dict[str, dict[str, str]] = {}
    for event in sorted_events(project.events):
        name = event.title if event.title not in events else f"{event.title} ({event.date.iso()})"
        events[name] = {"date": event_date(event), "title": event.title,
                        "description": event.description, "places": ", ".join(event.places),
                        "actors": ", ".join(event.actors)}
    return events


def _country(project: Project, row) -> dict[str, str]:  # noqa: ANN001 - model.CountryRow
    labels = {kind.id: kind.label for kind in project.kinds}
    return {"cooperation": ", ".join(labels.get(kind, kind) for kind in row.kinds),
            "details": row.details, "since": row.since.english() if row.since else "",
            "status": row.status, "as of": row.as_of.english()}


def _translations(project: Project) -> dict[str, dict[str, dict[str, str]]]:
    labels = translated_labels(project)
    result = {}
    for catalog in project.catalogs:
        entries = {}
        for english, label in labels.items():
            entry = catalog.entries.get(english)
            entries[label] = {"state": entry.state if entry else "missing",
                              "text": entry.text if entry else ""}
        result[catalog.language] = entries
    return result


def translated_labels(project: Project) -> dict[str, str]:
    """A reader's name for each English text the inserts translate."""
    return {item.english: item.what for item in translatables(project)}


def read_previous_edition(root: Path, edition: int, problems: Collector
                          ) -> EditionSnapshot | None:
    """The latest snapshot of an edition before the current one, if any."""
    numbers = sorted(int(match.group(1)) for path in (root / EDITIONS).glob("*.yaml")
                     if (match := SNAPSHOT_NAME.match(path.name)) and int(match.group(1)) < edition)
    if not numbers:
        return None
    relative = EDITIONS / f"{numbers[-1]}.yaml"
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
    return EditionSnapshot(numbers[-1], str(data.get("date", "")), _plain(data["content"]))


def _plain(value: Any) -> Any:
    """Located YAML as ordinary dicts and lists, for comparison with a fresh snapshot."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return "" if value is None else str(value)


def release(project: Project) -> Path:
    """Write the snapshot of the current edition and raise report.yaml's edition by one."""
    root, report = project.root, project.report
    relative = EDITIONS / f"{report.edition}.yaml"
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
                           "content": snapshot(project)},
                          allow_unicode=True, sort_keys=False, width=100)
    from .atomic import write_atomically

    write_atomically(root / relative, (header + body).encode("utf-8"))
    _raise_edition(root, edition_position, report.edition)
    return relative


def _edition_position(root: Path) -> Position:
    data = read_yaml(root / REPORT_FILE, root)
    return data.position_of("edition") if isinstance(data, Mapping) else Position(REPORT_FILE)


def _raise_edition(root: Path, position: Position, edition: int) -> None:
    """Rewrite only the edition number in report.yaml, keeping its comments and layout."""
    path = root / REPORT_FILE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[position.line - 1]
    start = position.column - 1
    number = re.match(r"\d+", line[start:])
    if number is None or int(number.group()) != edition:
        raise ContentError(Problem(position, "the edition number could not be raised here",
                                   f"Set 'edition' to {edition + 1} by hand."))
    lines[position.line - 1] = f"{line[:start]}{edition + 1}{line[start + number.end():]}"
    from .atomic import write_atomically

    write_atomically(path, "".join(lines).encode("utf-8"))
