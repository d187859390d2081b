"""Translations kept as gettext PO catalogs, one per language, read with Babel.

The msgids of a catalog are the English texts the inserts translate: what each section
declares translatable (a heading, its paragraphs, a table's categories).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import PoFileError, read_po

from ..errors import Collector, ContentError, Position, Problem, quoted
from .dates import PartialDate
from .files import read_bytes
from .folders import CATALOGS, REPORT_FILE
from .localize import PLACEHOLDER, PLACEHOLDER_HINT, known_country_code
from .messages import Messages, catalog_language
from .model import Catalog, Project, TranslatedText
from .postrict import check_po_syntax, lines_for_babel

# The review status is a line of the catalog's header comment, "# Status: …", which
# Babel and translators' tools keep when they rewrite the catalog.
STATUS_LINE = re.compile(r"^#?\s*Status:\s*(.+?)\s*$", re.MULTILINE)
_CHARSET = re.compile(r'^"Content-Type:[^"]*charset=([A-Za-z0-9_.:-]+)',
                      re.IGNORECASE | re.MULTILINE)


def catalog_path(root: Path, language: str) -> Path:
    """Where the PO catalog of a language lives."""
    return root / CATALOGS / f"{language}.po"


def read_babel_catalog(path: Path, root: Path, language: str) -> BabelCatalog:
    """Parse a PO file with Babel after a strict syntax check (postrict): ContentError
    naming the line of every syntax error, never silently damaged text."""
    relative = path.relative_to(root)
    try:
        Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        raise ContentError(Problem(
            Position(REPORT_FILE),
            f"'{language}' in 'translations' is not a language code Babel knows",
            "Use a BCP 47 code such as my, th, id or ms.")) from None
    if not path.is_file():
        raise ContentError(Problem(
            Position(relative), f"there is no catalog for the language '{language}'",
            "Run 'reportgen translations update' to create it, or remove the language "
            f"from 'translations' in {REPORT_FILE}."))
    return parse_catalog(decode_catalog(read_bytes(root, relative), relative), relative,
                         language)


def decode_catalog(data: bytes, relative: Path) -> str:
    """The catalog's text; ContentError with the line of the first byte that is not UTF-8."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(Problem(
            Position(relative, data.count(b"\n", 0, error.start) + 1),
            "the catalog is not UTF-8 text",
            "Save it as UTF-8 and keep 'charset=UTF-8' in its header.")) from None


def catalog_problems(text: str, relative: Path) -> list[Problem]:
    """Syntax problems (postrict) and a header naming a charset other than UTF-8."""
    problems = [Problem(Position(relative, line), f"PO syntax error: {message}", hint)
                for line, message, hint in check_po_syntax(text)]
    charset = _CHARSET.search(text)
    if charset and charset.group(1).lower().replace("_", "-") not in ("utf-8", "utf8"):
        problems.append(Problem(
            Position(relative, text.count("\n", 0, charset.start()) + 1),
            f"the catalog's header says charset={charset.group(1)}, but reportgen reads and "
            "writes catalogs as UTF-8",
            'Change it to "Content-Type: text/plain; charset=UTF-8\\n" (the file itself is '
            "UTF-8 text)."))
    return problems


def parse_catalog(text: str, relative: Path, language: str) -> BabelCatalog:
    """Babel's catalog of a checked text; ContentError for anything wrong, never another
    exception."""
    problems = catalog_problems(text, relative)
    if problems:
        raise ContentError(problems)
    try:
        return read_po(lines_for_babel(text), locale=language, abort_invalid=True)
    except PoFileError as error:
        raise ContentError(Problem(
            Position(relative, error.lineno + 1),
            f"this PO catalog cannot be read: {str(error).rsplit(' on ', 1)[0]}",
            "Each entry needs a msgid line and a msgstr line, texts in double quotes.")) from None
    except (ValueError, LookupError, TypeError) as error:
        # Not a syntax error (postrict passed): Babel failed on a header field such as
        # Plural-Forms or Language, which it parses while reading the first entry.
        header = re.search(r'^msgid ""', text, re.MULTILINE)
        line = text.count("\n", 0, header.start()) + 1 if header else 1
        raise ContentError(Problem(
            Position(relative, line),
            f"the catalog's header (its first entry, msgid \"\") cannot be read: {error}",
            "Compare its lines (Language, Plural-Forms, Content-Type, the dates) with those "
            "of a catalog that works.")) from None


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
    """An English text the inserts print translated: a stable id, the text, what it is."""

    id: str  # 'summary/2': the same from one edition to the next while the text changes
    english: str
    what: str  # 'executive summary, paragraph 2': for translators and the changes page


def translatables(project: Project) -> list[Translatable]:
    """Every English text the inserts translate, in the order they print it, once each."""
    unique: dict[str, Translatable] = {}
    for section in project.sections:
        for item in section.translatables(project.heading(section)):
            unique.setdefault(item.english, item)
    return list(unique.values())


def english_texts(project: Project) -> list[str]:
    """The msgids of the catalogs: the English the inserts translate."""
    return [item.english for item in translatables(project)]


def untranslated_words(project: Project) -> list[Problem]:
    """A warning when reportgen has no catalog for the briefing's language."""
    language = project.report.language
    if catalog_language(language) is not None:
        return []
    name = Messages("en").language_name(language)
    return [Problem(project.report.position,
                    f"reportgen has no catalog of its own words in {name} ({language}): "
                    "they are printed in English",
                    f"Give them in {name} under 'strings' in report/report.yaml, each "
                    "English wording followed by yours (reportgen's README, under "
                    "'Languages', says where they are listed).")]


def stale_translations(project: Project) -> list[Problem]:
    """A problem for each English text a catalog marks fuzzy or does not translate."""
    problems = []
    for catalog in project.catalogs:
        for text in english_texts(project):
            problems += _staleness(catalog, text)
    return problems


def _staleness(catalog: Catalog, text: str) -> list[Problem]:
    entry = catalog.entries.get(text)
    text_quoted = quoted(text)
    if entry is None:
        return [Problem(Position(catalog.path), f"there is no entry for {text_quoted}",
                        "Run 'reportgen translations update' to add it, then translate it.")]
    if entry.state == "fuzzy":
        return [Problem(Position(catalog.path, entry.line),
                        f"the translation of {text_quoted} is marked fuzzy: the English has "
                        "changed since it was translated",
                        "Bring the translation up to date, then delete the '#, fuzzy' line.")]
    if entry.state == "missing":
        return [Problem(Position(catalog.path, entry.line), f"{text_quoted} is not translated yet",
                        "Write its translation in the msgstr below it.")]
    return []


def check_placeholders(project: Project, problems: Collector) -> None:
    """Record malformed placeholders in the catalogs."""
    for catalog in project.catalogs:
        for entry in catalog.entries.values():
            position = Position(catalog.path, entry.line)
            for match in PLACEHOLDER.finditer(entry.text):
                _check_placeholder(match, position, problems)
            if {"{", "}"} & set(PLACEHOLDER.sub("", entry.text)):
                problems.add(position, "the translation has a brace that is not part of a "
                                       "placeholder", PLACEHOLDER_HINT)


def _check_placeholder(match: re.Match, position: Position, problems: Collector) -> None:
    kind, value = match.group(1).strip(), match.group(2).strip()
    if kind == "country" and known_country_code(value):
        return
    reason = ""
    if kind == "date":
        try:
            PartialDate.parse(value)
            return
        except ValueError as error:
            reason = str(error)  # what is wrong with it and how to write it, as in YAML
    what = {"country": f"'{value}' is not a two-letter ISO 3166 country code",
            "date": reason}.get(kind, f"'{kind}' is not a kind of placeholder")
    problems.add(position, f"the translation's placeholder {match.group(0)} cannot be "
                           f"filled in: {what}", PLACEHOLDER_HINT)

