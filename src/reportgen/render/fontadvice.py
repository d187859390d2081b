"""Font problems in an editor's words: which character, where, and the package to install."""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cached_property, lru_cache
from pathlib import Path

from babel import Locale, UnknownLocaleError

from ..content.folders import TEMPLATES, THEME_FILE
from ..content.origins import ProjectText
from ..content.theme import FontChoice, Theme
from ..errors import Position, Problem
from .fonts import GENERIC, system
from .glyphs import Shortfall, Sighting, TextRun

# Debian packages for the scripts fonts-noto-core leaves out.
PACKAGES_BY_NAME = (
    (("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "BOPOMOFO", "IDEOGRAPHIC"), "fonts-noto-cjk"),
)


def font_problems(shortfalls: list[Shortfall], theme: Theme, root: Path) -> list[Problem]:
    """One problem per run of text lacking characters, and per chosen font not installed."""
    advice = FontAdvice(theme, root)
    problems, reported = [], set()
    for shortfall in shortfalls:
        # Runs lacking characters come first: a font that is not installed is then reported
        # once, with the characters it would have drawn, not again for every run listing it.
        first_absent = shortfall.absent[0].family if shortfall.absent else ""
        if not shortfall.missing and first_absent in reported:
            continue
        reported.add(first_absent)
        problems.append(advice.problem(shortfall))
    return list(dict.fromkeys(problems))


class FontAdvice:
    """Words and positions for the problems the missing-glyph preflight finds."""

    def __init__(self, theme: Theme, root: Path) -> None:
        self.theme = theme
        self.root = root

    @cached_property
    def text(self) -> ProjectText:
        # Read only when there is a problem to place: most builds have none.
        return ProjectText.read(self.root)

    def problem(self, shortfall: Shortfall) -> Problem:
        """One problem for a run of text: a font not installed, or characters it lacks."""
        run, missing = shortfall.run, shortfall.missing
        if shortfall.absent:
            return self._absent(shortfall)
        first = run.first[missing[0]]
        families = ", ".join(name if name.lower() in GENERIC else f'"{name}"'
                             for name in run.families)
        return Problem(self.text.occurrence_of(first.text, first.offset) or
                       self._theme_position(run),
                       f"no glyph for {describe(missing[0])}{_others(missing)} in the fonts set "
                       f"for this {language_name(run.lang)} text, {families}{_seen(first)}",
                       self._coverage_hint(missing[0], run))

    def _absent(self, shortfall: Shortfall) -> Problem:
        run, face, lacking = shortfall.run, shortfall.absent[0], shortfall.unreplaced
        if lacking:
            first = run.first[lacking[0]]
            found = self.text.occurrence_of(first.text, first.offset)
            effect = (f"{describe(lacking[0])}{_others(lacking)} would be drawn in another font "
                      f"or as an empty box{_seen(first, found)}")
        else:
            effect = f"fontconfig puts {face.found or 'another font'} in its place"
        return Problem(self._choice_position(face.family),
                       f"the font {face.family}, set for {language_name(run.lang)} text, is not "
                       f"installed: {effect}", self._install_hint(face.family, run))

    def _install_hint(self, family: str, run: TextRun) -> str:
        package = self._package_of(family)
        where = self._where_to_choose(run)
        install = (f"Install it with the Debian package {package} (apt-get install {package})"
                   if package else "Install a font package that provides it")
        change = "correct the name" if self._own(run) else "choose another font"
        return (f"{install}, or {change} {where} ('fc-list : family' lists the installed "
                "fonts).")

    def _coverage_hint(self, char: str, run: TextRun) -> str:
        where = self._where_to_choose(run)
        family, package = installed_font_with(char)
        if family:
            source = f" (Debian package {package})" if package else ""
            return f"{family}{source} has it: list it {where}, or remove the character."
        return (f"No installed font has it: install one that does ({suggested_package(char)}), "
                f"list it {where}, or remove the character.")

    def _where_to_choose(self, run: TextRun) -> str:
        choice = self._choice(run)
        if choice is None:
            return f"in the font-family that the stylesheets in {TEMPLATES}/ set for this text"
        if self._own(run):
            return f"for '{choice.language}' in {THEME_FILE}"
        return (f"for '{choice.language}' in a 'fonts' entry of {THEME_FILE} (it replaces the "
                "built-in choice)")

    def _choice(self, run: TextRun) -> FontChoice | None:
        """The theme's font choice the run's families come from, if they do."""
        choice = self.theme.font_for(run.lang)
        lists = (tuple(choice.families), tuple(choice.headings or choice.families),
                 tuple(dict.fromkeys([*choice.families, *choice.headings])))
        return choice if run.families in lists else None

    def _own(self, run: TextRun) -> bool:
        """True when the run's fonts are the project's own choice, in its theme.yaml."""
        choice = self._choice(run)
        return choice is not None and choice.position.file == THEME_FILE

    def _package_of(self, family: str) -> str:
        for choice in self.theme.fonts:
            if family.lower() in (choice.families[0].lower(),
                                  (choice.headings or choice.families)[0].lower()):
                return choice.package
        return ""

    def _choice_position(self, family: str) -> Position:
        for choice in self.theme.fonts:
            if family.lower() in (name.lower() for name in [*choice.families, *choice.headings]):
                return choice.position
        return self.text.occurrence_of(family, 0) or Position(TEMPLATES)

    def _theme_position(self, run: TextRun) -> Position:
        choice = self._choice(run)
        if choice is not None:
            return choice.position
        return self.text.occurrence_of(run.families[0], 0) or Position(TEMPLATES)


def describe(char: str) -> str:
    """“က” (U+1000 MYANMAR LETTER KA)."""
    name = unicodedata.name(char, "")
    return f"“{char}” (U+{ord(char):04X}{' ' + name if name else ''})"


def language_name(code: str) -> str:
    """'Burmese (my)' for a language code Babel knows, else the code."""
    try:
        primary = Locale.parse(code.replace("-", "_")).language
        return f"{Locale('en').languages[primary]} ({code})"
    except (UnknownLocaleError, ValueError, TypeError, KeyError):
        return code or "unmarked"


def suggested_package(char: str) -> str:
    """A Debian package likely to have a font for a character no installed font has."""
    name = unicodedata.name(char, "")
    for prefixes, package in PACKAGES_BY_NAME:
        if name.startswith(prefixes):
            return f"for this script, Debian's {package}"
    if unicodedata.category(char) == "So" and ord(char) >= 0x1F000:
        return "for emoji, Debian's fonts-noto-color-emoji"
    return "Debian's fonts-noto-core and fonts-noto-extra cover most scripts"


@lru_cache(maxsize=256)
def installed_font_with(char: str) -> tuple[str, str]:
    """An installed family that has the character, and the Debian package it comes from."""
    fonts = sorted(system().covering({char}), key=lambda font: (len(font[0]), font))
    if not fonts:
        return "", ""
    family, file = fonts[0]
    return family, _debian_package(file)


def _debian_package(file: str) -> str:
    try:
        owner = subprocess.run(["dpkg", "-S", str(Path(file).resolve())], capture_output=True,
                               text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    return owner.split(":", 1)[0] if ":" in owner else ""


def _seen(first: Sighting, found: Position | None = None) -> str:
    where = f"{found}, " if found else ""
    page = f"PDF page {first.page}: " if first.page else ""
    return f" ({where}{page}“{_snippet(first)}”)"


def _others(missing: list[str]) -> str:
    count = len(missing) - 1
    return f" and {count} other character{'s' if count > 1 else ''}" if count else ""


def _snippet(sighting: Sighting, width: int = 20) -> str:
    text, at = sighting.text, sighting.offset
    start, end = max(0, at - width), min(len(text), at + width + 1)
    # Cut between words where there is a space to cut at, not inside a syllable.
    if start and " " in text[start:at]:
        start = text.index(" ", start, at) + 1
    if end < len(text) and " " in text[at:end]:
        end = text.rindex(" ", at, end)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
