"""Words in any script: where a quote may start and end, and how much a quote says.

Word boundaries. A match may not start or end inside a word: where the characters on both
sides of a match's edge are letters, digits or marks of scripts written with spaces
between words (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul…), the match is
rejected, so "the" is not found in "other". Scripts written without spaces between words
(Thai, Lao, Khmer, Myanmar, Tibetan, Chinese, Japanese…) show no word boundary, so there
any edge is accepted. No match parts a character from the combining marks after it. An
apostrophe between letters ("don't") and a point or comma between digits ("3.5", "1,500")
are inside the word, so "5 million people" is not found in "3.5 million people".

Substance. Each word of a spaced script counts 5 points, each letter or digit of a script
without spaces 1 and each Chinese character 3; a quote needs 15 (3 words, 15 Thai or
Burmese letters, 5 Chinese characters), so that it cannot be found by chance.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right

_MIN_POINTS = 15
_WORD_POINTS = 5
_HAN_POINTS = 3

# Blocks of scripts written without spaces between words (inclusive code point ranges).
_UNSPACED = (
    (0x0E00, 0x0EFF),    # Thai, Lao
    (0x0F00, 0x0FFF),    # Tibetan
    (0x1000, 0x109F),    # Myanmar
    (0x1780, 0x17FF),    # Khmer
    (0x1950, 0x1AAF),    # Tai Le, New Tai Lue, Khmer symbols, Buginese, Tai Tham
    (0x1B00, 0x1B7F),    # Balinese
    (0x2E80, 0x2FDF),    # CJK and Kangxi radicals
    (0x2FF0, 0x312F),    # ideographic description, CJK symbols, kana, Bopomofo
    (0x3190, 0x31FF),    # Kanbun, Bopomofo extended, CJK strokes, katakana extension
    (0x3200, 0x4DBF),    # enclosed CJK, CJK compatibility, CJK extension A
    (0x4E00, 0xA4CF),    # CJK unified ideographs, Yi
    (0xA980, 0xA9FF),    # Javanese, Myanmar extended B
    (0xAA60, 0xAADF),    # Myanmar extended A, Tai Viet
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFE30, 0xFE4F),    # CJK compatibility forms
    (0xFF61, 0xFF9F),    # half-width CJK punctuation and katakana
    (0x16FE0, 0x18D7F),  # ideographic symbols, Tangut, Khitan
    (0x1AFF0, 0x1B2FF),  # kana supplements, Nushu
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3FFFF))

_UNSPACED_CLASS = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _UNSPACED)
# A unit of comparison: one character of a script without spaces, or a run of anything
# else up to a space.
UNIT = re.compile(f"[{_UNSPACED_CLASS}]|[^\\s{_UNSPACED_CLASS}]+")


def _in_ranges(char: str, ranges: tuple[tuple[int, int], ...]) -> bool:
    """Whether a character's code point lies in one of the sorted inclusive ranges."""
    code = ord(char)
    at = bisect_right(ranges, (code, 0x10FFFF)) - 1
    return at >= 0 and ranges[at][0] <= code <= ranges[at][1]


def _is_word(char: str) -> bool:
    """A letter, digit or combining mark."""
    return unicodedata.category(char)[0] in "LNM"


def _is_mark(char: str) -> bool:
    """A combining mark, which belongs to the character before it."""
    return unicodedata.category(char)[0] == "M"


def _spaced(text: str, index: int) -> bool:
    """Whether the character at index (for a mark: its base) is of a script with spaces."""
    stop = max(0, index - 32)
    while index > stop and _is_mark(text[index]):
        index -= 1
    return not _in_ranges(text[index], _UNSPACED)


def _joins(text: str, index: int) -> bool:
    """Whether text[index] joins the characters around it into one word: don't, 3.5, 1,500."""
    if not 0 < index < len(text) - 1:
        return False
    char, before, after = text[index], text[index - 1], text[index + 1]
    if char == "'":
        return unicodedata.category(before)[0] in "LM" and unicodedata.category(after)[0] == "L"
    return char in ".," and before.isdecimal() and after.isdecimal()


def inside_word(text: str, edge: int) -> bool:
    """Whether an edge between text[edge - 1] and text[edge] would cut a word."""
    if not 0 < edge < len(text):
        return False
    if _is_mark(text[edge]) and text[edge - 1] != " ":
        return True  # it would part a character from its accents
    if _joins(text, edge - 1) or _joins(text, edge):
        return True
    return (_is_word(text[edge - 1]) and _is_word(text[edge])
            and _spaced(text, edge - 1) and _spaced(text, edge))


def says_enough(text: str) -> bool:
    """Whether a normalised quote has the points to be checked: 3 words, 15 letters…"""
    total = 0
    for token in text.split(" "):
        total += _points(token)
        if total >= _MIN_POINTS:
            return True
    return False


def _points(token: str) -> int:
    """A token's points: 5 if it is a word, plus 1 an unspaced letter, 3 a Chinese one."""
    if token.isascii():
        return _WORD_POINTS if any(char.isalnum() for char in token) else 0
    total, spaced = 0, False
    for index, char in enumerate(token):
        if unicodedata.category(char)[0] not in "LN":
            continue
        if _spaced(token, index):
            spaced = True
        else:
            total += _HAN_POINTS if _in_ranges(char, _HAN) else 1
    return total + (_WORD_POINTS if spaced else 0)
