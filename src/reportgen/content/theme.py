"""The theme: the templates, stylesheets and fonts the briefing is set with.

reportgen ships a theme (reportgen/theme/: templates, stylesheets and theme.yaml). A
project changes it from its own templates/ folder: a template or stylesheet there
replaces the built-in file of the same name, and templates/theme.yaml may name another
main template, add stylesheets (after the built-in ones, so their rules win) and choose
fonts per language (replacing the built-in choice for that language).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar

from ..errors import Collector, ContentError, Position, shorten
from .files import Refused, inside
from .folders import BUILT_IN_THEME, TEMPLATES, THEME_FILE
from .model import NOWHERE, spec
from .schema import read_record
from .yamlfile import read_yaml

BUILT_IN = BUILT_IN_THEME
BUILT_IN_LABEL = Path("(built-in theme)")  # how messages name the built-in theme's files
# A family is pasted into the stylesheets: a name, never CSS (no quotes, ';', '(' or '/').
FAMILY_NAME = re.compile(r"\w[\w .'&+-]*")


@dataclass
class FontChoice:
    """The font families used for text in one language, and the package providing them."""

    what: ClassVar[str] = "font choice"

    language: str = spec("a BCP 47 language code, or 'default' for everything else")
    families: list[str] = spec("font family names for its text, first choice first")
    headings: list[str] = spec("font family names for its headings and labels (by default "
                               "those of its text)", default_factory=list)
    package: str = spec("the Debian package that installs the first family", default="")
    position: Position = NOWHERE


@dataclass
class ThemeFile:
    """A theme.yaml: the built-in theme's, or a project's changes to it."""

    what: ClassVar[str] = "theme"

    template: str = spec("the main Jinja2 template", default="")
    stylesheets: list[str] = spec("CSS files, in cascade order (a project's come after the "
                                  "built-in ones)", default_factory=list)
    fonts: list[FontChoice] = spec("fonts per language; 'default' for every other language",
                                   default_factory=list)
    position: Position = NOWHERE


@dataclass(frozen=True)
class Stylesheet:
    """A stylesheet of the theme: its name, and the project's file if it has its own."""

    name: str
    project_file: Path | None  # templates/NAME in the project, else the built-in file

    def text(self) -> str:
        """The built-in stylesheet's text."""
        return (BUILT_IN / self.name).read_text(encoding="utf-8")


@dataclass
class Theme:
    """How the briefing looks: the main template, stylesheets and fonts per language."""

    template: str
    stylesheets: list[Stylesheet]
    fonts: list[FontChoice] = field(default_factory=list)

    def font_for(self, language: str) -> FontChoice:
        """The font choice for a language (its full tag, else its primary subtag), else the
        default."""
        return self.own_choice(language) or self.own_choice("default")

    def own_choice(self, language: str) -> FontChoice | None:
        """The theme's choice for this language, if it makes one: for its whole tag, else
        for the tag shortened a subtag at a time (zh-Hant-HK, zh-Hant, zh)."""
        by_language = {choice.language.lower(): choice for choice in self.fonts}
        subtags = language.lower().split("-")
        return next((by_language[tag] for end in range(len(subtags), 0, -1)
                     if (tag := "-".join(subtags[:end])) in by_language), None)


def load_theme(root: Path) -> Theme:
    """The built-in theme with the project's changes, checked; ContentError if wrong."""
    problems = Collector()
    theme = read_theme(root, problems)
    problems.raise_if_any(ContentError)
    return theme


def read_theme(root: Path, problems: Collector) -> Theme:
    """The built-in theme with what of the project's changes can be read, its problems
    recorded: a family that is not a name is left out, so the fonts can still be checked."""
    built_in = _built_in(_read_theme(BUILT_IN, Path("theme.yaml"), problems))
    own = (_read_theme(root, THEME_FILE, problems)
           if (root / THEME_FILE).exists() or (root / THEME_FILE).is_symlink() else ThemeFile())
    theme = _merged(root, built_in, own)
    _check_theme(root, theme, own, problems)
    return replace(theme, fonts=[_named(choice) for choice in theme.fonts])


def _named(choice: FontChoice) -> FontChoice:
    return replace(choice, families=[name for name in choice.families
                                     if FAMILY_NAME.fullmatch(name)],
                   headings=[name for name in choice.headings if FAMILY_NAME.fullmatch(name)])


def _built_in(theme: ThemeFile) -> ThemeFile:
    """The built-in theme, its positions named as messages show them."""
    for choice in theme.fonts:
        choice.position = replace(choice.position, file=BUILT_IN_LABEL / choice.position.file)
    return theme


def _read_theme(root: Path, relative: Path, problems: Collector) -> ThemeFile:
    try:
        data = read_yaml(root / relative, root)
    except ContentError as error:
        problems.extend(error.problems)
        return ThemeFile()
    return read_record(ThemeFile, data or {}, Position(relative, 1), problems) or ThemeFile()


def _merged(root: Path, built_in: ThemeFile, own: ThemeFile) -> Theme:
    names = list(dict.fromkeys([*built_in.stylesheets, *own.stylesheets]))
    fonts = {choice.language: choice for choice in [*built_in.fonts, *own.fonts]}
    return Theme(own.template or built_in.template,
                 [Stylesheet(name, _own_file(root, name)) for name in names],
                 list(fonts.values()))


def _own_file(root: Path, name: str) -> Path | None:
    path = root / TEMPLATES / name
    return TEMPLATES / name if path.exists() or path.is_symlink() else None


def _check_theme(root: Path, theme: Theme, own: ThemeFile, problems: Collector) -> None:
    names = [theme.template, *(sheet.name for sheet in theme.stylesheets)]
    for name in names:
        try:
            if _own_file(root, name) or not (BUILT_IN / name).is_file():
                inside(root, TEMPLATES / name)
        except Refused as refused:
            problems.add(own.position, f"the theme names {TEMPLATES / name}, which is "
                                       f"{refused.reason}",
                         f"Name a file in {TEMPLATES}/, or remove it from {THEME_FILE}.")
    for choice in own.fonts:
        for family in [*choice.families, *choice.headings]:
            if not FAMILY_NAME.fullmatch(family):
                problems.add(choice.position, f"'{shorten(family, 60)}' is not a font family "
                                              "name",
                             "Give the family's name as fontconfig knows it, such as Noto "
                             "Serif: letters, digits, spaces, hyphens and dots only "
                             "('fc-list : family' lists them).")
