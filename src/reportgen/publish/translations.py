"""Keeping the PO catalogs in step with the English, and saying where each stands.

The msgids of a catalog are the English texts the inserts translate. When an editor
changes one, `update` merges the change into every catalog with Babel: an entry whose
English changed keeps its old translation, marked fuzzy, with the old English kept as
'#| msgid' for the translator; the build prints such an entry with a "[translation not
yet updated]" mark until a translator clears the flag.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import normalize, write_po

from ..atomic import write_atomically
from ..build import LOAD, load
from ..content.catalogs import (
    catalog_path,
    english_texts,
    read_babel_catalog,
    translatables,
)
from ..content.messages import N_
from ..content.model import Catalog, Project
from ..progress import Progress

NEW_STATUS = N_("not yet translated")
BABEL_PLACEHOLDER = "EMAIL@ADDRESS"


def update(root: Path, progress: Progress) -> list[CatalogUpdate]:
    """Load the English content and merge it into every catalog."""
    with progress.step(LOAD):
        project = load(root, with_catalogs=False)
    return update_catalogs(project)


def status(root: Path, progress: Progress) -> list[CatalogStatus]:
    """Load the project with its catalogs and count each catalog's entries by state."""
    with progress.step(LOAD):
        project = load(root)
    return catalog_status(project)


@dataclass
class CatalogUpdate:
    """What `translations update` did to one language's catalog."""

    language: str
    path: Path
    created: bool
    fuzzy: int
    added: int
    obsolete: int
    written: bool


def update_catalogs(project: Project) -> list[CatalogUpdate]:
    """Merge the current English into every language's catalog, creating missing ones."""
    template = BabelCatalog()
    for item in translatables(project):
        template.add(item.english, auto_comments=[item.what])
    return [_update_catalog(project, language, template)
            for language in project.report.translations]


def _update_catalog(project: Project, language: str, template: BabelCatalog) -> CatalogUpdate:
    root = project.root
    path = catalog_path(root, language)
    created = not path.is_file()
    catalog = _new_catalog(project, language) if created else read_babel_catalog(path, root,
                                                                                  language)
    before = {message.id: message.fuzzy for message in catalog if message.id}
    entries_before = _entries(catalog)
    obsolete_before = len(catalog.obsolete)
    catalog.update(template, update_creation_date=False)
    # A catalog whose entries did not change is left byte for byte as the translator saved it.
    written = created or _entries(catalog) != entries_before
    if written:
        _write_catalog(catalog, path, project)
    messages = [message for message in catalog if message.id]
    return CatalogUpdate(
        language, path.relative_to(root), created,
        fuzzy=sum(message.fuzzy and not before.get(message.id, False) and bool(message.string)
                  for message in messages),
        added=sum(message.id not in before and not message.string for message in messages),
        obsolete=len(catalog.obsolete) - obsolete_before, written=written)


def _entries(catalog: BabelCatalog) -> list:
    # The comments too: they tell translators what each text is, and follow the content.
    return [(m.id, m.string, sorted(m.flags), m.auto_comments) for m in catalog] + sorted(
        catalog.obsolete)


def _write_catalog(catalog: BabelCatalog, path: Path, project: Project) -> None:
    if catalog.msgid_bugs_address == BABEL_PLACEHOLDER:
        # Babel writes this header in every catalog; the briefing's authors take reports
        # about its English.
        catalog.msgid_bugs_address = ", ".join(project.report.authors) or project.report.publisher
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    write_atomically(path, _with_previous_texts(buffer.getvalue().decode("utf-8"),
                                                catalog).encode("utf-8"))


def _with_previous_texts(text: str, catalog: BabelCatalog) -> str:
    """The catalog with each fuzzy entry's previous text as a `#| msgid` line above it.

    Babel would write them itself, but wraps them as comment text, breaking the quoted
    string across lines: GNU msgfmt, and the editors built on it, then reject the file.
    """
    for message in catalog:
        if message.id and message.previous_id:
            entry = f"msgid {normalize(message.id, width=0)}\n"
            previous = f"#| msgid {normalize(message.previous_id[0], width=0)}\n"
            text = text.replace(entry, previous + entry, 1)
    return text


def _new_catalog(project: Project, language: str) -> BabelCatalog:
    report = project.report
    name = Locale.parse(language).get_display_name("en")
    catalog = BabelCatalog(locale=language, project=report.title, version=str(report.edition),
                           charset="utf-8", fuzzy=False)
    status = project.messages.gettext(NEW_STATUS)
    catalog.header_comment = (f"# {name} ({language}) translation of what the briefing's "
                              f"translated inserts print.\n# Status: {status}")
    return catalog


@dataclass
class CatalogStatus:
    """How many of the English texts a catalog translates, marks fuzzy, or lacks."""

    language: str
    name: str
    path: Path
    translated: int
    fuzzy: int
    missing: int


def catalog_status(project: Project) -> list[CatalogStatus]:
    """Per language: entries translated, fuzzy (English changed since) and missing."""
    texts = english_texts(project)
    result = []
    for catalog in project.catalogs:
        states = [_state(catalog, text) for text in texts]
        result.append(CatalogStatus(
            catalog.language, Locale.parse(catalog.language).get_display_name("en"),
            catalog.path, states.count("current"), states.count("fuzzy"),
            states.count("missing")))
    return result


def describe_update(update: CatalogUpdate) -> str:
    """One line on what `update` did to a catalog."""
    if update.created:
        return f"{update.path}: created, {update.added} entries to translate"
    if not update.written:
        return f"{update.path}: already up to date"
    return (f"{update.path}: {update.fuzzy} marked fuzzy, {update.added} new, "
            f"{update.obsolete} no longer used")


def status_table(statuses: list[CatalogStatus]) -> str:
    """The status of every catalog as an aligned table."""
    rows = [("language", "translated", "fuzzy", "missing", "catalog")]
    rows += [(f"{s.language} {s.name}", str(s.translated), str(s.fuzzy), str(s.missing),
              str(s.path)) for s in statuses]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    return "\n".join(f"{row[0]:<{widths[0]}}  {row[1]:>{widths[1]}}  {row[2]:>{widths[2]}}  "
                     f"{row[3]:>{widths[3]}}  {row[4]}" for row in rows)


def _state(catalog: Catalog, text: str) -> str:
    entry = catalog.entries.get(text)
    return "missing" if entry is None else entry.state
