"""Load stage: report/ and seeds/ into a validated Project, every error at once."""

from __future__ import annotations

import difflib
from collections import Counter
from pathlib import Path
from typing import Any, TypeVar

from . import catalogs, editions, localize
from .errors import Collector, ContentError, Position, UsageError
from .markup import check_links, markup_in_content
from .model import (ChronologyFile, CountriesFile, ExecutiveFile, Project, Report, Seed,
                    SourcesFile, SummariesFile)
from .schema import read_record
from .yamlfile import read_yaml

T = TypeVar("T")

REPORT_FILE = Path("report") / "report.yaml"
CONTENT_FILES = {
    "sources": (Path("report") / "sources.yaml", SourcesFile),
    "summaries": (Path("report") / "summaries.yaml", SummariesFile),
    "executive": (Path("report") / "executive-summary.yaml", ExecutiveFile),
    "chronology": (Path("report") / "chronology.yaml", ChronologyFile),
    "countries": (Path("report") / "countries.yaml", CountriesFile),
}
SEEDS = Path("seeds")


def check_project_folder(root: Path) -> None:
    """Refuse, as a usage error, a folder that is not a reportgen project."""
    if not (root / REPORT_FILE).is_file():
        raise UsageError(f"{root} is not a reportgen project: it has no {REPORT_FILE}. "
                         "Give the folder that holds report/ and seeds/.")


def load_project(root: Path, with_catalogs: bool = True) -> Project:
    """Read and validate every content file, seed and catalog of the project."""
    check_project_folder(root)
    problems = Collector()
    report = _read_file(root, REPORT_FILE, Report, problems)
    files = {name: _read_file(root, path, cls, problems)
             for name, (path, cls) in CONTENT_FILES.items()}
    problems.raise_if_any()
    seeds = _read_seeds(root, files["sources"], problems)
    project_catalogs = _read_catalogs(root, report, problems) if with_catalogs else []
    problems.raise_if_any()
    project = Project(
        root=root, report=report, sources=files["sources"].sources, seeds=seeds,
        summaries=files["summaries"].summaries, summary=files["executive"].summary,
        recommendations=files["executive"].recommendations, events=files["chronology"].events,
        kinds=files["countries"].kinds, countries=files["countries"].countries,
        catalogs=project_catalogs,
        previous_edition=editions.read_previous_edition(root, report.edition, problems))
    _check_references(project, problems)
    localize.check_localizable(project, problems)
    problems.raise_if_any()
    return project


def _read_file(root: Path, relative: Path, cls: type[T], problems: Collector) -> T | None:
    path = root / relative
    if not path.is_file():
        problems.add(Position(relative), f"the file {relative} is missing",
                     f"Create it; it holds the {cls.what.removesuffix(' file')}.")
        return None
    try:
        data: Any = read_yaml(path, root)
    except ContentError as error:
        problems.extend(error.problems)
        return None
    if data is None:
        problems.add(Position(relative, 1), "the file is empty",
                     f"It should hold the {cls.what.removesuffix(' file')}.")
        return None
    return read_record(cls, data, Position(relative, 1), problems)


def _read_seeds(root: Path, sources_file: SourcesFile, problems: Collector) -> dict[str, Seed]:
    seeds: dict[str, Seed] = {}
    available = sorted(p.name for p in (root / SEEDS).glob("*") if p.is_file())
    for source in sources_file.sources:
        path = root / SEEDS / source.file
        if not path.is_file():
            close = difflib.get_close_matches(source.file, available, n=1)
            hint = f"Did you mean '{close[0]}'?" if close else f"Copy the document into {SEEDS}/."
            problems.add(source.position, f"source '{source.id}' names the file "
                                          f"{SEEDS / source.file}, which does not exist", hint)
            continue
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            problems.add(Position(SEEDS / source.file),
                         f"the document is not UTF-8 text (byte {error.start} cannot be read)",
                         "Convert it to UTF-8, for example with: iconv -f WINDOWS-1252 -t UTF-8")
            continue
        if not text.strip():
            problems.add(Position(SEEDS / source.file), "the document is empty",
                         "Copy the document's full text into it.")
            continue
        seeds[source.id] = Seed(source.file, text.replace("\r\n", "\n").replace("\r", "\n"))
    return seeds


def _read_catalogs(root: Path, report: Report, problems: Collector) -> list:
    result = []
    for language in report.translations:
        try:
            result.append(catalogs.read_catalog(root, language))
        except ContentError as error:
            problems.extend(error.problems)
    return result


def _check_references(project: Project, problems: Collector) -> None:
    _check_unique(problems, "a source id", [(s.id, s.position) for s in project.sources])
    _check_unique(problems, "a kind id", [(k.id, k.position) for k in project.kinds])
    _check_unique(problems, "a country", [(c.country, c.position) for c in project.countries])
    _check_unique(problems, "a summarised source", [(s.source, s.position)
                                                    for s in project.summaries])
    known = [source.id for source in project.sources]
    cited = [(c.source, c.position) for c in project.citations()]
    cited += [(r.source, r.position) for row in project.countries for r in row.references]
    cited += [(s.source, s.position) for s in project.summaries]
    for source_id, position in cited:
        _check_known(problems, position, "source", source_id, known, "report/sources.yaml")
    kinds = [kind.id for kind in project.kinds]
    for row in project.countries:
        for kind in row.kinds:
            _check_known(problems, row.position, "kind of cooperation", kind, kinds,
                         "'kinds' in report/countries.yaml")
    for source in project.sources:
        _check_inferred_fields(source, problems)
    check_links(project, problems)
    problems.extend(markup_in_content(project))
    if project.report.date.precision != "day":
        problems.add(project.report.position, "the edition 'date' must be a full date",
                     "Write it as YYYY-MM-DD: it is printed on the cover and in the PDF.")


def _check_unique(problems: Collector, what: str, items: list[tuple[str, Position]]) -> None:
    counts = Counter(name for name, _ in items)
    seen: set[str] = set()
    for name, position in items:
        if counts[name] > 1 and name in seen:
            problems.add(position, f"'{name}' appears twice as {what}",
                         "Each must be unique: rename or merge one of the two.")
        seen.add(name)


def _check_known(problems: Collector, position: Position, what: str, name: str,
                 known: list[str], where: str) -> None:
    if name in known:
        return
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    problems.add(position, f"there is no {what} '{name}'",
                 f"{hint}Known ones are listed in {where}: {', '.join(dict.fromkeys(known))}.")


def _check_inferred_fields(source, problems: Collector) -> None:
    fields = ("title", "author", "container-title", "collection-title", "number", "publisher",
              "issued", "genre", "language", "type")
    for name in source.inferred:
        if name not in fields:
            problems.add(source.position, f"'inferred' names '{name}', which is not a field "
                                          f"of source '{source.id}'",
                         f"Name one of: {', '.join(fields)}.")
