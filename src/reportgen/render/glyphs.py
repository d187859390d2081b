"""Missing glyphs: every character printed is in a font the briefing chose for it.

Pango and fontconfig never fail on a character the chosen fonts lack: they draw it in
whatever installed font has it, or as an empty box. So the characters of each run of
text are checked against the cmaps (read with fontTools) of the families set for it,
found as fontconfig finds them, so a family that is not installed is noticed too: by
`check`, on the content's text before layout (preflight.py), and again after layout on
every text box drawn (pdf.py).
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from fontTools.ttLib import TTFont, TTLibError

from .fonts import INVISIBLE, Face, Fontconfig


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


@dataclass
class Shortfall:
    """What a run of text lacks: characters in none of its installed fonts, fonts not there."""

    run: TextRun
    missing: list[str]  # first page first, then by code point
    absent: list[Face]  # families fontconfig does not have, first listed first
    unreplaced: list[str]  # of missing, those the first absent family's substitute lacks too


def shortfall(run: TextRun, faces: FaceFinder) -> Shortfall | None:
    """What the run lacks, or None: characters none of its installed fonts has, and its
    first font if it is not installed."""
    chosen = [faces.face(family, style) for family in run.families for style in sorted(run.styles)]
    covered = frozenset().union(*(coverage(face.file) for face in chosen if face.installed))
    missing = sorted((char for char in run.first if ord(char) not in covered and
                      unicodedata.category(char) not in INVISIBLE),
                     key=lambda char: (run.first[char].page, ord(char)))
    absent = [face for face in chosen if not face.installed]
    if not missing and not (absent and absent[0].family == run.families[0]):
        return None
    substitute = coverage(absent[0].file) if absent else frozenset()
    return Shortfall(run, missing, absent,
                     [char for char in missing if ord(char) not in substitute])


class FaceFinder:
    """Resolves a family and style to a font file, each pair asked once."""

    def __init__(self, fontconfig: Fontconfig) -> None:
        self.fontconfig = fontconfig
        self.faces: dict[tuple[str, str], Face] = {}

    def face(self, family: str, style: str) -> Face:
        key = (family, style)
        if key not in self.faces:
            self.faces[key] = self.fontconfig.match(family, style)
        return self.faces[key]


def coverage(file: str) -> frozenset[int]:
    """The code points a font file maps to glyphs (the first font of a collection)."""
    try:
        return _cmap(file, os.stat(file).st_mtime_ns) if file else frozenset()
    except OSError:
        return frozenset()


@cache
def _cmap(file: str, modified: int) -> frozenset[int]:
    # Read once per file and version: a build in a long-running process reuses it.
    try:
        with TTFont(file, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or ())
    except TTLibError:
        return frozenset()


def style_name(weight: int | str, style: str) -> str:
    """'Bold Italic': the fontconfig style of a CSS weight and style."""
    bold = weight == "bold" or (isinstance(weight, int) and weight >= 600)
    italic = style in ("italic", "oblique")
    return {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "Bold Italic"}[(bold, italic)]
