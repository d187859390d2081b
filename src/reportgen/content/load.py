"""Load stage: report/ and seeds/ into a validated Project, every error at once.

What the content files hold is declared by the briefing's sections: each section
unit's fields name the content file and top-level key they are read from (model.part).
The loader reads each file once, checks it against the keys of every section that
reads from it, and builds the sections in the order given.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import typing
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import Collector, ContentError, Position, UsageError, shorten
from . import catalogs, editions
from .folders import REPORT, REPORT_FILE, SOURCES_FILE
from .markup import check_links, direction_overrides, markup_in_content
from .messages import message_ids
from .model import (
    NOWHERE,
    ContentFile,
    Project,
    Report,
    SectionEntry,
    SectionKinds,
    Source,
    SourcesFile,
    spec,
)
from .schema import read_record
from .seeds import read_seeds
from .yamlfile import read_yaml
from .zawgyi import zawgyi_text

T = TypeVar("T")
INFERABLE = ("title", "author", "container-title", "collection-title", "number", "publisher",
             "issued", "genre", "language", "type")


def check_project_folder(root: Path) -> None:
    """Refuse, as a usage error, a folder that is not a reportgen project."""
    if not root.is_dir():
        raise UsageError(f"{root} does not exist: give the folder that holds report/ and "
                         "seeds/ (by default, the current folder).")
    if not (root / REPORT_FILE).is_file():
        raise UsageError(f"{root} is not a reportgen project: it has no {REPORT_FILE}. "
                         "Give the folder that holds report/ and seeds/.")


def load_project(root: Path, kinds: SectionKinds, with_catalogs: bool = True) -> Project:
    """Read and validate the report, sources, seeds, catalogs and every section's content.

    `kinds` knows the kinds of section and which of them the report lists, in what order.
    """
    check_project_folder(root)
    problems = Collector()
    report = _read_file(root, REPORT_FILE, Report, problems)
    sources = _read_file(root, SOURCES_FILE, SourcesFile, problems)
    plan = kinds.plan(report.sections if report else [], problems)
    files = _readers(plan, kinds.units)
    sections = _read_sections(root, plan, files, problems)
    problems.raise_if_any()
    seeds = read_seeds(root, sources.sources, problems)
    project_catalogs = _read_catalogs(root, report, problems) if with_catalogs else []
    problems.raise_if_any()
    project = Project(root, report, sources.sources, seeds, sections, project_catalogs,
                      files=[REPORT_FILE, SOURCES_FILE, *(file.path for file in files)],
                      previous_edition=editions.read_previous_edition(root, report.edition,
                                                                      problems))
    _check(project, kinds.units, problems)
    problems.raise_if_any()
    return project


def read_report(root: Path) -> Report:
    """report/report.yaml alone: the briefing's identity and languages."""
    check_project_folder(root)
    problems = Collector()
    report = _read_file(root, REPORT_FILE, Report, problems)
    problems.raise_if_any()
    return report


def _read_file(root: Path, relative: Path, cls: type[T], problems: Collector,
               missing: str = "Create it; it holds the {what}.") -> T | None:
    path = root / relative
    if not path.exists() and not path.is_symlink():
        problems.add(Position(relative), f"the file {relative} is missing",
                     missing.format(what=cls.what.removesuffix(" file")))
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


def _read_sections(root: Path, plan: list[tuple[type, SectionEntry]],
                   files: dict[ContentFile, tuple[Reader, ...]], problems: Collector) -> list:
    missing = (f"Create it with the {{what}}, or leave its section out of 'sections' in "
               f"{REPORT_FILE}.")
    records = {file: _read_file(root, file.path, _file_record(file, readers), problems, missing)
               for file, readers in files.items()}
    if None in records.values():
        return []
    return [unit(**{spec.name: getattr(records[_file_of(spec, entry)], spec.name)
                    for spec in parts(unit)}, entry=entry)
            for unit, entry in plan]


@dataclass(frozen=True)
class Reader:
    """A top-level key of a content file, as a section's field reads it."""

    name: str
    hint: Any
    field: dataclasses.Field
    required: bool  # False for a section the briefing does not list


def _default(reader: Reader) -> dict[str, Any]:
    """How a file record's field defaults: as the section's field does; to None if unlisted."""
    spec_ = reader.field
    if spec_.default is not dataclasses.MISSING:
        return {"default": spec_.default}
    if spec_.default_factory is not dataclasses.MISSING:
        return {"default_factory": spec_.default_factory}
    return {} if reader.required else {"default": None}


def parts(unit: type) -> list[dataclasses.Field]:
    """The fields of a section unit that are read from content files."""
    return [spec for spec in dataclasses.fields(unit) if "file" in spec.metadata]


def _file_of(spec: dataclasses.Field, entry: SectionEntry) -> ContentFile:
    """The content file a field is read from: its own, or the file the entry names."""
    file: ContentFile = spec.metadata["file"]
    if file.path is not None:
        return file
    return ContentFile(REPORT / (entry.file or file.default_name), file.what)


def _readers(plan: list[tuple[type, SectionEntry]], units: Sequence[type]
             ) -> dict[ContentFile, tuple[Reader, ...]]:
    """The keys read from each content file; those of unlisted sections are optional."""
    files: dict[ContentFile, dict[str, Reader]] = {}
    for unit, entry in plan:
        hints = typing.get_type_hints(unit)
        for declared in parts(unit):
            readers = files.setdefault(_file_of(declared, entry), {})
            readers[declared.name] = Reader(declared.name, hints[declared.name], declared, True)
    for unit in units:
        hints = typing.get_type_hints(unit)
        for declared in parts(unit):
            if declared.metadata["file"] in files:
                files[declared.metadata["file"]].setdefault(
                    declared.name, Reader(declared.name, hints[declared.name], declared, False))
    return {file: tuple(readers.values()) for file, readers in files.items()}


@functools.cache
def _file_record(file: ContentFile, readers: tuple[Reader, ...]) -> type:
    """A record class for a whole content file: one field per section part read from it."""
    declared = [(reader.name, reader.hint if reader.required else reader.hint | None,
                 spec(reader.field.metadata["doc"], key=reader.field.metadata["key"],
                      **_default(reader)))
                for reader in sorted(readers, key=lambda reader: bool(_default(reader)))]
    return dataclasses.make_dataclass(
        "".join(word.title() for word in file.what.split()).replace("-", ""),
        [*declared, ("position", Position, dataclasses.field(default=NOWHERE))],
        namespace={"what": file.what, "__doc__": f"{file.path}."})


def _read_catalogs(root: Path, report: Report, problems: Collector) -> list:
    result = []
    for language in report.translations:
        try:
            result.append(catalogs.read_catalog(root, language))
        except ContentError as error:
            problems.extend(error.problems)
    return result


def _check(project: Project, kinds: Sequence[type], problems: Collector) -> None:
    check_unique(problems, "a source id", [(s.id, s.position) for s in project.sources])
    known = [source.id for source in project.sources]
    cited = [(c.source, c.position) for c in project.citations()]
    cited += [(r.source, r.position) for r in project.references()]
    for source_id, position in cited:
        check_known(problems, position, "source", source_id, known, str(SOURCES_FILE))
    for section in project.sections:
        section.check(project, problems)
    for source in project.sources:
        _check_inferred_fields(source, problems)
    _check_headings(project.report, [kind.kind for kind in kinds if kind.title], problems)
    _check_strings(project.report, problems)
    check_links(project, problems)
    problems.extend(markup_in_content(project))
    problems.extend(direction_overrides(project))
    problems.extend(zawgyi_text(project))
    catalogs.check_placeholders(project, problems)
    _check_report(project.report, problems)


def _check_report(report: Report, problems: Collector) -> None:
    if report.date.precision != "day":
        problems.add(report.position, "the edition 'date' must be a full date",
                     "Write it as YYYY-MM-DD: it is printed on the cover and in the PDF.")
    if report.edition < 1:
        problems.add(report.position, f"'edition' is {report.edition}: editions are numbered "
                                      "from 1", "Write 1 for the first edition.")
    check_unique(problems, "a language of 'translations'",
                 [(language, report.position) for language in report.translations])


def check_unique(problems: Collector, what: str, items: list[tuple[str, Position]]) -> None:
    """Record every item whose name was already used by an earlier one."""
    counts = Counter(name for name, _ in items)
    seen: set[str] = set()
    for name, position in items:
        if counts[name] > 1 and name in seen:
            problems.add(position, f"'{name}' appears twice as {what}",
                         "Each must be unique: rename or merge one of the two.")
        seen.add(name)


def check_known(problems: Collector, position: Position, what: str, name: str,
                known: list[str], where: str) -> None:
    """Record a name that is not among the known ones, suggesting the closest."""
    if name in known:
        return
    same_letters = [other for other in known if other.casefold() == name.casefold()]
    close = same_letters or difflib.get_close_matches(name, known, n=1)
    hint = f"Did you mean '{close[0]}'? " if close else ""
    problems.add(position, f"there is no {what} '{name}'",
                 f"{hint}Known ones are listed in {where}: {', '.join(dict.fromkeys(known))}.")


def _check_inferred_fields(source: Source, problems: Collector) -> None:
    for key, fields in (("inferred", INFERABLE), ("metadata", (*INFERABLE, "URL"))):
        for name in getattr(source, key):
            if name not in fields:
                problems.add(source.position, f"'{key}' names '{name}', which is not a field "
                                              f"of source '{source.id}'",
                             f"Name one of: {', '.join(fields)}.")


def _check_headings(report: Report, kinds: list[str], problems: Collector) -> None:
    """report.yaml's 'headings' may rename the kinds of section, and only those."""
    for name in report.headings:
        if name in kinds:
            continue
        close = difflib.get_close_matches(name, kinds, n=1, cutoff=0.6)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        problems.add(report.headings.key_positions[name],
                     f"'{name}' in 'headings' is not a kind of section",
                     f"{hint}The kinds of section: {', '.join(kinds)}.")


def _check_strings(report: Report, problems: Collector) -> None:
    """report.yaml's 'strings' replace reportgen's own words, named by their English form."""
    known = message_ids() if report.strings else []
    for name in report.strings:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            hint = f"Did you mean '{close[0]}'? " if close else ""
            problems.add(report.strings.key_positions[name],
                         f"'{shorten(name, 60)}' in 'strings' is not one of reportgen's words",
                         f"{hint}Give the English form exactly as reportgen/locale/messages.pot "
                         "lists it.")
