"""Right-to-left text in the text layer: one character per glyph, marks out of words.

Poppler (pdftotext, and viewers built on it) lays the characters of a glyph, or of an
/ActualText, out left to right over its width and then reverses right-to-left text into
reading order (TextPage::addChar, ActualText::end and reorderText in TextOutputDev.cc):
a lam-alef "لا", one glyph for two letters, read "ال", so "الاختبار" came out
"االختبار". pypdf and pdfminer keep a glyph's text as one piece, in logical order. And
poppler breaks a word at a glyph that starts where the one before does, or off the line,
as WeasyPrint draws marks (harakat, tanween, niqqud): plain pdftotext then printed the
mark apart, and -raw reversed each piece of the word on its own. Both readers read a word
right when each glyph on the line stands for one character and marks stand for none.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from fontTools.ttLib import TTFont, TTLibError

from .textlayer import Glyph, Line

# Pieces a right-to-left glyph is split into (see pieces) are at least this wide, in
# thousandths of an em: poppler takes a character starting less than a tenth of an em
# after the one before for duplicated text (dupMaxPriDelta), and breaks the word there.
MIN_PIECE = 105
BLANK_SEARCH = 64  # Glyphs looked through for a blank one when the space has an outline.


def carry_marks(drawn: list[int], texts: dict[int, str], advances: list[int],
                can_carry: Callable[[int, str], bool]) -> list[int]:
    """Move the text of the glyphs that do not advance (marks, the hamza of a lam-alef
    drawn apart) onto the letters beside them; return the glyphs emptied.

    drawn are a run's glyphs in drawing order, texts their shares, can_carry whether a
    glyph can stand for a text (in pieces, see pieces). Poppler breaks a word at a mark
    even when it stands for no text: marks are hidden from it in empty /ActualText spans
    (see add_mark_spans). Their characters go where reading order puts them: after the
    letter drawn next, the one they stand on, or what it cannot carry before the letter
    drawn before them.
    """
    emptied: list[int] = []
    pending: list[int] = []
    before = None  # The last glyph that advances, if not a space.
    for index in drawn:
        if not advances[index]:
            pending.append(index)
            continue
        if pending:
            marks = "".join(texts[mark] for mark in reversed(pending))  # Reading order.
            after = None if texts[index].isspace() else index
            parts = _carried(marks, after, before, texts, can_carry)
            if parts is not None:
                if after is not None:
                    texts[after] += parts[0]
                if before is not None:
                    texts[before] = parts[1] + texts[before]
                texts.update(dict.fromkeys(pending, ""))
                emptied.extend(pending)
            pending = []
        before = None if texts[index].isspace() else index
    return emptied


def _carried(marks: str, after: int | None, before: int | None, texts: dict[int, str],
             can_carry: Callable[[int, str], bool]) -> tuple[str, str] | None:
    """How marks' text is shared between the letter drawn after them and the one drawn
    before (as much as it can on the first), if they can carry it."""
    for split in range(len(marks), -1, -1):
        first, rest = marks[:split], marks[split:]
        if first and (after is None or not can_carry(after, texts[after] + first)):
            continue
        if not rest or (before is not None and can_carry(before, rest + texts[before])):
            return first, rest
    return None


def add_mark_spans(line: Line, marks: list[int], grounded: set[int]) -> None:
    """Wrap each run of consecutive marks (line positions) in an empty /ActualText span,
    opened by a blank drawn right after the glyph before when that glyph is grounded (of
    the marks' run, drawn on the line).

    Poppler places an /ActualText where the span's first glyph is drawn, so a mark moved
    along or off the line would still break the word: a blank drawn after the glyph
    before stands where the word goes on.
    """
    span: list[int] = []
    for position in sorted(marks) + [-1]:
        if span and position != span[-1] + 1:
            line.span_starts[span[0]] = ""
            line.span_ends.add(span[-1])
            if span[0] - 1 in grounded:
                line.openers.add(span[0])
            span = []
        span.append(position)


def pieces(glyph: Glyph) -> list[str]:
    """The texts of the glyph and of the blank glyphs drawn after it, in drawing order.

    A right-to-left glyph standing for several characters (lam-alef "لا", a letter with
    marks' characters) is drawn for its last character, followed by a blank glyph for
    each of the others, last to first, all sharing its advance: read right to left, one
    character each, they spell its text for poppler and pypdf alike.
    """
    if not glyph.rtl or len(glyph.text) < 2:
        return [glyph.text]
    return list(glyph.text[::-1])


def piece_widths(advance: float, count: int) -> list[float] | None:
    """The glyph's advance shared among count pieces, its own first; None if a piece
    would be narrower than MIN_PIECE."""
    if advance < count * MIN_PIECE:
        return None
    share = round(advance / count)
    return [advance - share * (count - 1)] + [share] * (count - 1)


def blank_glyph(data: bytes, index: int) -> int | None:
    """A glyph of the TrueType font that draws nothing: the space's, or else one of the
    first without an outline (.null, a carriage return), if there is one."""
    try:
        font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
        if "glyf" not in font:
            return None
        glyf, order = font["glyf"], font.getGlyphOrder()
        space = (font.getBestCmap() or {}).get(0x20)
        for name in ([space] if space else []) + order[1:BLANK_SEARCH]:
            if glyf[name].numberOfContours == 0:
                return font.getGlyphID(name)
    except (TTLibError, KeyError, ValueError):
        return None
    return None
