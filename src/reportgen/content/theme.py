"""templates/theme.yaml: the stylesheets and the font chosen for each language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..errors import Collector, ContentError, Position, UsageError, shorten
from .files import Refused, inside
from .folders import TEMPLATES, THEME_FILE
from .model import NOWHERE, spec
from .schema import read_record
from .yamlfile import read_yaml


# A family is pasted into the stylesheets: a name, never CSS (no quotes, ';', '(' or '/').
FAMILY_NAME = re.compile(r"\w[\w .'&+-]*")


@dataclass
class FontChoice:
    """The font families used for text in one language, and the package providing them."""

    what: ClassVar[str] = "font choice"

    language: str = spec("a BCP 47 language code, or 'default' for everything else")
    families: list[str] = spec("font family names, first choice first")
    package: str = spec("the Debian package that installs the first family", default="")
    position: Position = NOWHERE


@dataclass
class Theme:
    """How the briefing looks: template, stylesheets, fonts."""

    what: ClassVar[str] = "theme"

    template: str = spec("the main Jinja2 template in templates/")
    stylesheets: list[str] = spec("CSS files in templates/, in cascade order")
    fonts: list[FontChoice] = spec("fonts per language; 'default' is required")
    position: Position = NOWHERE

    def font_for(self, language: str) -> FontChoice:
        """The font choice for a language (its primary subtag), else the default."""
        primary = language.split("-")[0].lower()
        by_language = {choice.language: choice for choice in self.fonts}
        return by_language.get(primary, by_language["default"])


def load_theme(root: Path) -> Theme:
    """Read and check templates/theme.yaml."""
    if not (root / THEME_FILE).is_file():
        raise UsageError(f"{root} has no {THEME_FILE}: copy the templates/ folder of an "
                         "existing reportgen project into it.")
    problems = Collector()
    theme = read_record(Theme, read_yaml(root / THEME_FILE, root), Position(THEME_FILE, 1),
                        problems)
    if theme:
        _check_theme(root, theme, problems)
    problems.raise_if_any(ContentError)
    return theme


def _check_theme(root: Path, theme: Theme, problems: Collector) -> None:
    if "default" not in {choice.language for choice in theme.fonts}:
        problems.add(theme.position, "'fonts' has no entry for the language 'default'",
                     "Add one: it sets the font of all text in other languages.")
    for name in [theme.template, *theme.stylesheets]:
        try:
            inside(root, TEMPLATES / name)
        except Refused as refused:
            problems.add(theme.position, f"the theme names {TEMPLATES / name}, which is "
                                         f"{refused.reason}",
                         f"Name a file in {TEMPLATES}/, or remove it from {THEME_FILE}.")
    for choice in theme.fonts:
        for family in choice.families:
            if not FAMILY_NAME.fullmatch(family):
                problems.add(choice.position, f"'{shorten(family, 60)}' is not a font family "
                                              "name",
                             "Give the family's name as fontconfig knows it, such as Noto "
                             "Serif: letters, digits, spaces, hyphens and dots only "
                             "('fc-list : family' lists them).")
