"""Country names and dates in each insert language's own forms, from CLDR through Babel.

Translators write placeholders in a catalog's msgstr instead of spelling a country or a
date themselves: `{country:TH}` becomes the language's CLDR name of Thailand and
`{date:2021-02-01}` (or `{date:2021-04}`, `{date:2017}`) the date written the language's
way, at that precision. The build expands them; the load stage checks them.
"""

from __future__ import annotations

import datetime
import re

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from .dates import PartialDate

PLACEHOLDER = re.compile(r"\{([^{}:]*):([^{}]*)\}")
PLACEHOLDER_HINT = ("Write {country:CODE} with a two-letter ISO 3166 code (e.g. {country:TH}) "
                    "or {date:YYYY-MM-DD} (or YYYY-MM, YYYY).")

# CLDR gives each locale a default numbering system, and dates are written with its
# digits (Burmese uses Myanmar digits). Babel keeps Latin digits in dates whatever the
# system, so the digits of the systems that are some locale's default are listed here.
NATIVE_DIGITS = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
    "mymr": "၀၁၂၃၄၅၆၇၈၉",
}

# CLDR also names these two-letter regions, which are not countries: the European Union,
# the eurozone, Outlying Oceania, the United Nations, pseudo-locales and "Unknown Region".
NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

# CLDR skeletons for a date known to the month or to the year only.
_SKELETONS = {"month": "yMMMM", "year": "y"}


def babel_locale(language: str) -> Locale:
    """Babel's Locale for a BCP 47 code: 'en-GB' as en_GB."""
    return Locale.parse(language.replace("-", "_"))


def direction(language: str) -> str:
    """'rtl' for a language written right to left (CLDR), else 'ltr'."""
    return "rtl" if babel_locale(language).character_order == "right-to-left" else "ltr"


def native_digits(text: str, language: str) -> str:
    """Text with Latin digits turned into the language's default digits, if not Latin."""
    digits = NATIVE_DIGITS.get(babel_locale(language).default_numbering_system)
    return text.translate(str.maketrans("0123456789", digits)) if digits else text


def local_date(date: PartialDate, language: str) -> str:
    """The date in the language's long form, only as precise as it is known."""
    day = datetime.date(date.year, date.month or 1, date.day or 1)
    locale = babel_locale(language)
    if date.precision == "day":
        text = format_date(day, "long", locale=locale)
    else:
        text = format_skeleton(_SKELETONS[date.precision], day, locale=locale)
    return native_digits(text, language)


def country_name(code: str, language: str) -> str:
    """The country's name in the language, from CLDR."""
    return babel_locale(language).territories[code.upper()]


def name_list(names: list[str], language: str) -> str:
    """'A, B and C', with the language's own separators."""
    return format_list(names, locale=babel_locale(language))


def expand(text: str, language: str) -> str:
    """Replace the {country:…} and {date:…} placeholders of a translation."""

    def replace(match: re.Match) -> str:
        kind, value = match.group(1).strip(), match.group(2).strip()
        if kind == "country":
            return country_name(value, language)
        return local_date(PartialDate.parse(value), language)

    return PLACEHOLDER.sub(replace, text)


def known_country_code(code: str) -> bool:
    """True for a two-letter ISO 3166 code that CLDR names as a country."""
    code = code.upper()
    return (len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
            and code in Locale("en").territories)
