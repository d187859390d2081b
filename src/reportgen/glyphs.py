"""Missing-glyph preflight: every character drawn is in a font the briefing chose for it.

Pango and fontconfig never fail on a character the chosen fonts lack: they draw it in
whatever installed font has it, or as an empty box. After layout and before the PDF
is written, the characters of each text box are checked against the cmaps (read with
fontTools) of the families its computed style lists, found as WeasyPrint's own
fontconfig finds them, so a family that is not installed is noticed too.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.text.ffi import ffi, fontconfig

from .errors import Problem
from .fontadvice import GENERIC, FontAdvice
from .theme import Theme

# Spaces are drawn by HarfBuzz even when a font has no glyph for them; controls and
# format characters (soft hyphen, joiners) are never drawn.
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@dataclass
class Sighting:
    """Where a character was first drawn: the text box's text, the offset, the page."""

    text: str
    offset: int
    page: int


@dataclass
class TextRun:
    """All text set with one font-family list, in one language."""

    families: tuple[str, ...]
    lang: str
    styles: set[str] = field(default_factory=set)
    first: dict[str, Sighting] = field(default_factory=dict)


@dataclass(frozen=True)
class Face:
    """What fontconfig gives for a family: the file, or the family it substitutes."""

    family: str
    file: str
    found: str

    @property
    def installed(self) -> bool:
        return self.family.lower() in GENERIC or self.found.lower() == self.family.lower()


@dataclass
class Shortfall:
    """What a run of text lacks: characters in none of its installed fonts, fonts not there."""

    run: TextRun
    missing: list[str]  # first page first, then by code point
    absent: list[Face]  # families fontconfig does not have, first listed first
    unreplaced: list[str]  # of missing, those the first absent family's substitute lacks too


def missing_glyphs(document, root: Path, theme: Theme) -> list[Problem]:  # noqa: ANN001
    """Problems for characters no chosen font has and for chosen fonts not installed."""
    # WeasyPrint's own FcConfig, so fonts from @font-face rules are found as it finds them.
    faces = FaceFinder(document.font_config._config)
    advice = FontAdvice(theme, root)
    problems = [_check_run(run, faces, advice) for run in _text_runs(document).values()]
    return list(dict.fromkeys(problem for problem in problems if problem))


def _text_runs(document) -> dict[tuple[tuple[str, ...], str], TextRun]:  # noqa: ANN001
    runs: dict[tuple[tuple[str, ...], str], TextRun] = {}
    for number, page in enumerate(document.pages, 1):
        # The laid-out boxes, margin boxes and footnote areas included: WeasyPrint's own
        # tagger walks the same private tree, for lack of a public one.
        for box in page._page_box.descendants(placeholders=True):
            if not isinstance(box, TextBox) or not box.text:
                continue
            style = box.style
            key = (tuple(style["font_family"]), style["lang"] or "")
            run = runs.setdefault(key, TextRun(*key))
            run.styles.add(_style_name(style["font_weight"], style["font_style"]))
            for char in set(box.text).difference(run.first):
                run.first[char] = Sighting(box.text, box.text.index(char), number)
    return runs


def _check_run(run: TextRun, faces: FaceFinder, advice: FontAdvice) -> Problem | None:
    chosen = [faces.face(family, style) for family in run.families for style in sorted(run.styles)]
    covered = frozenset().union(*(coverage(face.file) for face in chosen if face.installed))
    missing = sorted((char for char in run.first if ord(char) not in covered and
                      unicodedata.category(char) not in INVISIBLE),
                     key=lambda char: (run.first[char].page, ord(char)))
    absent = [face for face in chosen if not face.installed]
    if not missing and not (absent and absent[0].family == run.families[0]):
        return None
    substitute = coverage(absent[0].file) if absent else frozenset()
    return advice.problem(Shortfall(run, missing, absent,
                                    [char for char in missing if ord(char) not in substitute]))


class FaceFinder:
    """Resolves a family and style to a font file the way WeasyPrint's fontconfig does."""

    def __init__(self, config) -> None:  # noqa: ANN001 - an FcConfig pointer
        self.config = config
        self.faces: dict[tuple[str, str], Face] = {}

    def face(self, family: str, style: str) -> Face:
        key = (family, style)
        if key not in self.faces:
            self.faces[key] = self._match(family, style)
        return self.faces[key]

    def _match(self, family: str, style: str) -> Face:
        pattern = ffi.gc(fontconfig.FcPatternCreate(), fontconfig.FcPatternDestroy)
        fontconfig.FcPatternAddString(pattern, b"family", family.encode())
        fontconfig.FcPatternAddString(pattern, b"style", style.encode())
        fontconfig.FcConfigSubstitute(self.config, pattern, fontconfig.FcMatchPattern)
        fontconfig.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        matched = fontconfig.FcFontMatch(self.config, pattern, result)
        if matched == ffi.NULL:
            return Face(family, "", "")
        matched = ffi.gc(matched, fontconfig.FcPatternDestroy)
        families = _strings(matched, b"family")
        same = [name for name in families if name.lower() == family.lower()]
        files = _strings(matched, b"file")
        return Face(family, files[0] if files else "", (same or families or [""])[0])


def _strings(pattern, name: bytes) -> list[str]:  # noqa: ANN001 - an FcPattern pointer
    value = ffi.new("FcChar8 **")
    found = []
    while fontconfig.FcPatternGetString(pattern, name, len(found), value) == 0:
        found.append(ffi.string(value[0]).decode())
    return found


def coverage(file: str) -> frozenset[int]:
    """The code points a font file maps to glyphs (the first font of a collection)."""
    try:
        return _cmap(file, os.stat(file).st_mtime_ns) if file else frozenset()
    except OSError:
        return frozenset()


@lru_cache(maxsize=None)
def _cmap(file: str, modified: int) -> frozenset[int]:
    # Read once per file and version: a build in a long-running process reuses it.
    try:
        with TTFont(file, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or ())
    except TTLibError:
        return frozenset()


def _style_name(weight: int | str, style: str) -> str:
    bold = weight == "bold" or (isinstance(weight, int) and weight >= 600)
    italic = style in ("italic", "oblique")
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "Bold Italic"}[(bold, italic)]
