"""Fonts found for you: a language the theme leaves to its default gets a font that has it.

The theme chooses fonts for the languages it lists. For any other language of the
briefing (its own, an insert's) whose script the default fonts cannot set, fontconfig
is asked which installed fonts support it (as fc-list :lang=xx), and the best of them
(a Noto font of the same style, else any) comes first, before the default fonts, which
then set the Latin names and figures the text quotes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.theme import FontChoice, Theme
from ..errors import Position
from .fonts import covers, language_families, package_for, system

FOUND = Position(Path("(fontconfig's choice)"))


def with_fonts_for(theme: Theme, languages: Iterable[str]) -> Theme:
    """The theme, with a choice for each language that needs one and has installed fonts."""
    found = [choice for language in dict.fromkeys(languages)
             if (choice := _found_choice(theme, language))]
    return replace(theme, fonts=[*theme.fonts, *found]) if found else theme


def packages_for(theme: Theme, languages: Iterable[str]) -> list[str]:
    """The Debian packages that install the fonts a briefing in these languages needs."""
    packages = [theme.font_for("default").package or package_for("en")]
    for language in languages:
        choice = theme.own_choice(language)
        packages.append(choice.package if choice and choice.package else package_for(language))
    return list(dict.fromkeys(package for package in packages if package))


@dataclass(frozen=True)
class LanguageFonts:
    """What a language of the briefing is set in, and whether it can be."""

    language: str
    families: list[str]
    headings: list[str]
    package: str
    missing: list[str]  # of the families, those not installed


def language_fonts(theme: Theme, languages: Iterable[str]) -> list[LanguageFonts]:
    """For each language, its fonts (found for it if the theme has none) and which are missing."""
    theme = with_fonts_for(theme, languages)
    rows = []
    for language in dict.fromkeys(languages):
        choice = theme.font_for(language)
        headings = choice.headings or choice.families
        missing = [family for family in dict.fromkeys([*choice.families, *headings])
                   if not system().match(family).installed]
        rows.append(LanguageFonts(language, choice.families, headings,
                                  choice.package or package_for(language), missing))
    return rows


def _found_choice(theme: Theme, language: str) -> FontChoice | None:
    if theme.own_choice(language):
        return None
    default = theme.font_for("default")
    if not all(system().match(family).installed for family in default.families):
        return None  # the default's own fonts are missing: the font check says so
    if any(covers(family, language) for family in default.families):
        return None
    text, headings = language_families(language), language_families(language, headings=True)
    if not text:
        return None  # nothing installed has it: the glyph check names the package to install
    return FontChoice(language, [text[0], *default.families],
                      [headings[0], *(default.headings or default.families)],
                      package_for(language), FOUND)
