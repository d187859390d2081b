"""The briefing's fixed strings in its own language: reportgen's gettext catalogs.

Every word the tool prints itself (the cover's edition line, "page X of Y", table
headers, the wording of notes, the changes page, the stamps) is an English msgid of
reportgen/locale/messages.pot, translated in reportgen/locale/LANG.po. A briefing in a
language without a catalog is printed with the English strings, and the build says so
once; report.yaml's 'strings' replace any of them for one project.
"""

from __future__ import annotations

import gettext
import io
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from .dates import PartialDate
from .folders import LOCALE
from .localize import babel_locale, direction, local_date, name_list

TEMPLATE = LOCALE / "messages.pot"


def N_(message: str) -> str:  # noqa: N802 - gettext's name for marking a string only
    """Mark a string as one of reportgen's messages, translated where it is printed."""
    return message


# The comma between the parts of a note or a bibliography entry.
COMMA = N_(", ")


class Messages:
    """gettext and ngettext for one language, with a project's own replacements."""

    def __init__(self, language: str, replacements: dict[str, str] | None = None) -> None:
        self.language = language
        self.catalog_language = catalog_language(language)
        self.translations = _translations(self.catalog_language or "")
        self.replacements = replacements or {}

    def gettext(self, message: str, **values: object) -> str:
        """The message in the briefing's language, its %(name)s placeholders filled in."""
        text = self.replacements.get(message) or self.translations.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The singular or plural form the language uses for count, filled in."""
        replaced = self.replacements.get(singular if count == 1 else plural)
        text = replaced or self.translations.ngettext(singular, plural, count)
        return text % {"num": count, **values}

    def date(self, date: PartialDate) -> str:
        """A date the language's way, only as precise as it is known (CLDR)."""
        return local_date(date, self.language)

    def parts(self, parts: list[str]) -> str:
        """The parts of a note or reference, those not empty, joined by the language's
        comma ('، ' in Arabic)."""
        return self.gettext(COMMA).join(part for part in parts if part)

    def names(self, names: list[str]) -> str:
        """'A, B and C', the language's way."""
        return name_list(names, self.language) if names else ""

    def quoted(self, text: str) -> str:
        """Text between the language's quotation marks; double quotes inside become single."""
        inner = text.replace("“", "‘").replace("”", "’")
        return self.gettext("“%(text)s”", text=inner)

    def language_name(self, code: str) -> str:
        """A language's name in the briefing's language: 'arabe' for ar in French."""
        return babel_locale(code).get_display_name(babel_locale(self.language))

    @property
    def direction(self) -> str:
        """'rtl' or 'ltr': the way the language is written."""
        return direction(self.language)


def catalog_language(language: str) -> str | None:
    """The language of reportgen's catalog for a BCP 47 code ('fr' for 'fr-CA'), if any."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if locale.language == "en":
        return "en"
    for name in (str(locale), locale.language):
        if (LOCALE / f"{name}.po").is_file():
            return name
    return None


def message_ids() -> list[str]:
    """Every msgid reportgen prints, from its template catalog."""
    with TEMPLATE.open("rb") as stream:
        catalog = read_po(stream)
    return [message.id if isinstance(message.id, str) else message.id[0]
            for message in catalog if message.id]


@cache
def _translations(language: str) -> gettext.NullTranslations:
    path = LOCALE / f"{language}.po"
    if not language or language == "en" or not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
