"""Translations kept as gettext PO catalogs, one per language, read with Babel."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import PoFileError, read_po

from .errors import ContentError, Position, Problem
from .model import Catalog, Project, TranslatedText

CATALOG_FOLDER = Path("report") / "translations"
# The review status is a line of the catalog's header comment, "# Status: …", which
# Babel and translators' tools keep when they rewrite the catalog.
STATUS_LINE = re.compile(r"^#?\s*Status:\s*(.+?)\s*$", re.MULTILINE)


def catalog_path(root: Path, language: str) -> Path:
    """Where the PO catalog of a language lives."""
    return root / CATALOG_FOLDER / f"{language}.po"


def read_babel_catalog(path: Path, root: Path, language: str) -> BabelCatalog:
    """Parse a PO file with Babel; raise ContentError naming the line on a syntax error."""
    relative = path.relative_to(root)
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        raise ContentError(Problem(
            Position(Path("report/report.yaml")),
            f"'{language}' in 'translations' is not a language code Babel knows",
            "Use a BCP 47 code such as my, th, id or ms.")) from None
    if not path.is_file():
        raise ContentError(Problem(
            Position(relative), f"there is no catalog for the language '{language}'",
            "Run 'reportgen translations update' to create it, or remove the language "
            "from 'translations' in report/report.yaml."))
    try:
        with path.open("rb") as handle:
            return read_po(handle, locale=language, abort_invalid=True)
    except PoFileError as error:
        raise ContentError(Problem(
            Position(relative, error.lineno + 1),
            f"this PO catalog cannot be read: {str(error).rsplit(' on ', 1)[0]}",
            "Each entry needs a msgid line and a msgstr line, texts in double quotes.")) from None
    except UnicodeDecodeError:
        raise ContentError(Problem(Position(relative), "the catalog is not UTF-8 text",
                                   "Save it as UTF-8 and keep 'charset=UTF-8' in its header.")
                           ) from None


def read_catalog(root: Path, language: str) -> Catalog:
    """Load a language's catalog into the model: each English text with its state."""
    path = catalog_path(root, language)
    babel = read_babel_catalog(path, root, language)
    entries = {}
    for message in babel:
        if not message.id or not isinstance(message.id, str):
            continue
        text = message.string if isinstance(message.string, str) else ""
        state = "missing" if not text else "fuzzy" if message.fuzzy else "current"
        entries[message.id] = TranslatedText(message.id, text, state, message.lineno or 0)
    status = STATUS_LINE.search(babel.header_comment or "")
    return Catalog(language, path.relative_to(root), entries, status.group(1) if status else "")


@dataclass(frozen=True)
class Translatable:
    """An English text the inserts print translated, and what it is, for translators."""

    english: str
    what: str


def translatables(project: Project) -> list[Translatable]:
    """Every English text the inserts translate, in the order they print it, once each."""
    sections = project.report.sections
    items = [Translatable(sections.summary, "heading of the executive summary"),
             Translatable(sections.recommendations, "heading of the recommendations")]
    items += [Translatable(paragraph.text, f"executive summary, paragraph {number}")
              for number, paragraph in enumerate(project.summary, 1)]
    items += [Translatable(item.text, f"recommendation {number}")
              for number, item in enumerate(project.recommendations, 1)]
    items.append(Translatable(sections.countries, "heading of the countries by kind of cooperation"))
    items += [Translatable(kind.label, f"kind of cooperation '{kind.id}' (report/countries.yaml)")
              for kind in project.kinds]
    unique: dict[str, Translatable] = {}
    for item in items:
        unique.setdefault(item.english, item)
    return list(unique.values())


def english_texts(project: Project) -> list[str]:
    """The msgids of the catalogs: the English the inserts translate."""
    return [item.english for item in translatables(project)]
