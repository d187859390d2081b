"""Right-to-left text in the text layer: one character per glyph.

Poppler (pdftotext, and viewers built on it) lays the characters of a glyph, or of an
/ActualText, out left to right over its width and then reverses right-to-left text into
reading order (TextPage::addChar, ActualText::end and reorderText in TextOutputDev.cc):
a lam-alef "لا", one glyph for two letters, read "ال", so "الاختبار" came out
"االختبار". pypdf and pdfminer keep a glyph's text as one piece, in logical order. Both
read a word right when each glyph stands for one character.
"""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont, TTLibError

from .textlayer import Glyph

# Pieces a right-to-left glyph is split into (see pieces) are at least this wide, in
# thousandths of an em: poppler takes a character starting less than a tenth of an em
# after the one before for duplicated text (dupMaxPriDelta), and breaks the word there.
MIN_PIECE = 105
BLANK_SEARCH = 64  # Glyphs looked through for a blank one when the space has an outline.


def pieces(glyph: Glyph) -> list[str]:
    """The texts of the glyph and of the blank glyphs drawn after it, in drawing order.

    A right-to-left glyph standing for several characters (lam-alef "لا", a letter with
    its mark) is drawn for its last character, followed by a blank glyph for
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
