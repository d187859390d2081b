"""The form in which quotes and sources are compared, mapped back to the source's offsets.

Both sides get the same normalisation, and nothing else is tolerated:

- Unicode NFC, so a quote typed with precomposed letters matches a seed saved decomposed
  (NFD), and the other way round;
- every run of whitespace (spaces, tabs, line breaks, no-break spaces…) becomes one space;
- typographic quote marks become straight ones (‘ ’ ‚ ‛ ′ as ', “ ” „ ‟ ″ as ");
- leading and trailing whitespace is dropped.

Case, punctuation, dashes, digits and invisible characters must match. A source's normal
form keeps a map of the edits that changed lengths, so a passage found in it is located,
and shown, as the source's own text.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

_QUOTE_MARKS = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
                "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'}

# Whitespace other than a single space; a run starting with spaces is taken whole.
_IRREGULAR_SPACE = r"[^\S ]\s*| \s+"

# Invisible characters that Unicode does not class as format or control characters:
# the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian free
# variation selectors and the variation selectors.
_INVISIBLE_EXTRA = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0"
    + "".join(map(chr, [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)])))


def normalise(text: str) -> str:
    """The comparison form: NFC, whitespace runs as one space, straight quote marks, stripped."""
    return NormalForm.of(text).text


def is_invisible(char: str) -> bool:
    """Whether a character prints as nothing: format and control characters (not spaces)."""
    if char in _INVISIBLE_EXTRA:
        return True
    return unicodedata.category(char) in ("Cf", "Cc", "Cs") and not char.isspace()


def invisible_characters(text: str) -> list[tuple[int, str]]:
    """Index and character of each invisible, format or bidi control character in text."""
    if text.isascii() and text.isprintable():
        return []
    return [(index, char) for index, char in enumerate(text) if is_invisible(char)]


def without_invisible(text: str) -> str:
    """Text with its invisible characters removed."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(char for char in text if not is_invisible(char))


class _OffsetMap:
    """Where the edits that changed lengths stand, in the normal form and in the original."""

    def __init__(self) -> None:
        self.normal_at, self.original_at = array("q"), array("q")
        self.normal_size, self.original_size = array("I"), array("I")

    def add(self, normal_at: int, original_at: int, normal_size: int, original_size: int) -> None:
        """Record that original_size characters at original_at became normal_size at normal_at."""
        self.normal_at.append(normal_at)
        self.original_at.append(original_at)
        self.normal_size.append(normal_size)
        self.original_size.append(original_size)

    def locate(self, index: int) -> tuple[int, int]:
        """Original offsets where the character at a normal index begins and ends."""
        at = bisect_right(self.normal_at, index) - 1
        if at < 0:
            return index, index + 1
        normal_end = self.normal_at[at] + self.normal_size[at]
        original_end = self.original_at[at] + self.original_size[at]
        if index < normal_end:  # inside an edit: the whole of what it replaced
            return self.original_at[at], original_end
        return original_end + index - normal_end, original_end + index - normal_end + 1


@dataclass(frozen=True)
class NormalForm:
    """A text's comparison form, with the way back to the text's own offsets."""

    text: str
    _offsets: _OffsetMap

    @classmethod
    def of(cls, original: str) -> NormalForm:
        """The normal form of a text."""
        return cls(*_normalised(original))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the original text of the normal text's [start, end)."""
        first = self._offsets.locate(start)[0]
        return first, (self._offsets.locate(end - 1)[1] if end > start else first)


@cache
def _ranges_class(codes: frozenset[int]) -> str:
    """The body of a regular-expression character class holding these code points."""
    parts, ordered = [], sorted(codes)
    start = previous = ordered[0]
    for code in [*ordered[1:], -1]:
        if code != previous + 1:
            parts.append(re.escape(chr(start))
                         + ("-" + re.escape(chr(previous)) if previous > start else ""))
            start = code
        previous = code
    return "".join(parts)


@cache
def _nfc_unstable() -> str:
    """A class of the non-space characters NFC may change, reorder or compose with another."""
    codes = set(range(0x1161, 0x1176)) | set(range(0x11A8, 0x11C3))  # Hangul vowels, finals
    for code in range(0x30000):  # no character above plane 2 changes under NFC
        char = chr(code)
        if unicodedata.combining(char) or unicodedata.normalize("NFC", char) != char:
            codes.add(code)
        decomposition = unicodedata.decomposition(char).split()
        if len(decomposition) == 2 and not decomposition[0].startswith("<"):
            codes.add(int(decomposition[1], 16))
    codes = {code for code in codes if not chr(code).isspace()}
    # Above the BMP, one range per plane: a class of many astral ranges is tested range by
    # range at every character (ten times slower), and taking in stable characters is safe.
    classes = [_ranges_class(frozenset(code for code in codes if code < 0x10000))]
    for plane in (1, 2):
        inside = [code for code in codes if code >> 16 == plane]
        classes.append(f"{re.escape(chr(min(inside)))}-{re.escape(chr(max(inside)))}")
    return "".join(classes)


@cache
def _edit_pattern(needs_nfc: bool) -> re.Pattern[str]:
    """Whitespace to fold and, for text not in NFC, runs of characters NFC may change."""
    if needs_nfc:
        return re.compile(f"{_IRREGULAR_SPACE}|[{_nfc_unstable()}]+")
    return re.compile(_IRREGULAR_SPACE)


def _edits(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """The stretches of text[start:stop] that normalisation may change, in order."""
    needs_nfc = not unicodedata.is_normalized("NFC", text)
    return _edit_pattern(needs_nfc).finditer(text, start, stop)


def _straighten_quotes(text: str) -> str:
    """Typographic quote marks as straight ones, one character for one."""
    for typographic, straight in _QUOTE_MARKS.items():
        if typographic in text:
            text = text.replace(typographic, straight)
    return text


def _nfc_pieces(segment: str) -> list[str]:
    """A segment cut before each character that composes with nothing before it."""
    if all(unicodedata.combining(char) for char in segment[1:]):
        return [segment]  # the usual case: a letter and its accents
    pieces = [segment[0]]
    for char in segment[1:]:
        previous = pieces[-1]
        if (unicodedata.combining(char) == 0
                and unicodedata.combining(unicodedata.normalize("NFD", char)[0]) == 0
                and unicodedata.normalize("NFC", previous + char)
                == unicodedata.normalize("NFC", previous) + unicodedata.normalize("NFC", char)):
            pieces.append(char)
        else:
            pieces[-1] = previous + char
    return pieces


class _Builder:
    """Collects the normal form piece by piece, with the edits that change lengths."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.pieces: list[str] = []
        self.size = 0
        self.offsets = _OffsetMap()

    def put(self, kept: str, original_at: int, old: str, new: str) -> None:
        """Append kept unchanged, then new in place of old, which stood at original_at."""
        self.size += len(kept)
        if len(new) != len(old):  # one character for one keeps offsets in step
            self.offsets.add(self.size, original_at, len(new), len(old))
        self.size += len(new)
        self.pieces += (kept, new)
        if len(self.pieces) >= 4096:  # many small strings cost far more than one block
            self.blocks.append("".join(self.pieces))
            self.pieces.clear()

    def put_segment(self, kept: str, original_at: int, segment: str) -> None:
        """Append kept unchanged, then the NFC form of a segment, piece by piece."""
        for piece in _nfc_pieces(segment):
            self.put(kept, original_at, piece, unicodedata.normalize("NFC", piece))
            original_at += len(piece)
            kept = ""

    def text(self) -> str:
        """Everything appended."""
        return "".join([*self.blocks, *self.pieces])


def _normalised(text: str) -> tuple[str, _OffsetMap]:
    """The normal form of text, and the map of its offsets back to text."""
    text = _straighten_quotes(text)
    lead = len(text) - len(text.lstrip())
    stop = len(text.rstrip()) if lead < len(text) else lead
    built, position = _Builder(), lead
    if lead:
        built.offsets.add(0, 0, 0, lead)
    for match in _edits(text, lead, stop):
        start, end = match.span()
        if text[start].isspace():
            built.put(text[position:start], start, match.group(), " ")
        else:
            # The stable character before the run may compose with it: "e" + accent.
            if start > position and not text[start - 1].isspace():
                start -= 1
            built.put_segment(text[position:start], start, text[start:end])
        position = end
    built.put(text[position:stop], stop, "", "")
    if stop < len(text):
        built.offsets.add(built.size, stop, 0, len(text) - stop)
    return built.text(), built.offsets
