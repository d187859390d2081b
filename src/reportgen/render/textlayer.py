"""The text layer's own rules: what each glyph of a cluster stands for, which graphemes
need /ActualText, and the rewriting of the text operators WeasyPrint drew.

WeasyPrint 70 gives each glyph one Unicode text for the whole document (upstream issue
#2841): a glyph shared between clusters, such as Burmese medial ra drawn before its
consonant or Thai SARA AA inside SARA AM, then spells the wrong text everywhere else.
The "Text layer" section of internals.py reads what Pango drew and the fonts' maps; the
decisions and the byte-level rewriting, which need no WeasyPrint internals, are here, and
in righttoleft.py for right-to-left text.
"""

from __future__ import annotations

import copy
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from fontTools.ttLib import TTFont

JOINERS = "\u200c\u200d"
SOFT_HYPHEN = "\u00ad"
# Rightward moves between two glyphs of a word of at least this many thousandths of an em
# go into the first glyph's width: pdftotext breaks words at gaps of 100, pypdf at about
# half a space (130 in Noto Sans Myanmar); rounding leaves moves of 1 or 2.
MIN_GAP = 50
TJ_OPERATOR = re.compile(rb"\[(.*)\] TJ", re.DOTALL)
TJ_TOKEN = re.compile(rb"<([0-9a-fA-F]*)>|(-?[0-9.]+(?:e-?[0-9]+)?)")
TJ_ARRAY = re.compile(rb"(?:<[0-9a-fA-F]*>|-?[0-9.]+(?:e-?[0-9]+)?)*")
BFCHAR = re.compile(rb"<([0-9a-f]{4})> <([0-9a-f]*)>")


@dataclass(slots=True)
class Cluster:
    """A shaping cluster: its text, its drawn glyphs (indices in drawing order) and where
    its text starts in its run (UTF-8 offset)."""

    text: str
    indices: list[int]
    start: int = 0


@dataclass(slots=True)
class Glyph:
    """A glyph as WeasyPrint drew it: its font, the code written, its share of the text."""

    font: object  # the weasyprint.pdf.fonts.Font, opaque here
    code: int
    text: str
    digits: int = 4  # hex digits per code in the TJ arrays (2 in bitmap fonts)
    joined: bool = False  # whether the move to the next glyph is inside a word
    rtl: bool = False  # whether it is drawn in a right-to-left run


@dataclass(slots=True)
class Line:
    """A drawn line: its glyphs in drawing order and its /ActualText spans."""

    glyphs: list[Glyph] = field(default_factory=list)
    span_starts: dict[int, str] = field(default_factory=dict)  # first glyph -> text
    span_ends: set[int] = field(default_factory=set)  # last glyph of each span
    openers: set[int] = field(default_factory=set)  # spans opened by a blank (marks)


@dataclass(slots=True)
class Codes:
    """What is drawn for a line's glyphs: a code each, the positions whose following move
    went into a width, the blank glyphs drawn after a position, and the blank opening
    each span of openers, by the span's first position."""

    glyphs: list[int]
    folded: set[int] = field(default_factory=set)
    blanks: dict[int, list[int]] = field(default_factory=dict)
    openers: dict[int, int] = field(default_factory=dict)


@dataclass(slots=True)
class Number:
    """A number in a TJ array, and the line position of the glyph drawn before it."""

    value: bytes
    after: int


@dataclass(slots=True)
class Array:
    """A TJ operator: numbers and hex groups (lists of glyph positions in the line)."""

    tokens: list[Number | list[int]]


class Mismatch(Exception):
    """WeasyPrint's operators do not match the glyphs Pango gives for the line."""


# What each glyph stands for.

def shares(cluster: Cluster, rtl: bool) -> dict[int, str]:
    """Each drawn glyph's share of its cluster's text, so that they spell it in order.

    PDF/UA-1 7.21.7 wants a Unicode value for every glyph. Glyphs are taken in reading
    order (drawing order, reversed right to left, as extractors read them back); the last
    ones get one character each and the first the rest, or "" when the cluster has more
    glyphs than characters (Thai SARA AM drawn as NIKHAHIT + SARA AA; such glyphs are
    always inside an /ActualText span). Where glyphs follow the text each keeps its own
    character; reordered glyphs (Burmese ြ, ေ) carry a neighbour's.
    """
    order = cluster.indices[::-1] if rtl else cluster.indices
    count, text = len(order), cluster.text
    if not count:
        return {}
    if len(text) >= count:
        pieces = [text[:len(text) - count + 1], *text[len(text) - count + 1:]]
    else:
        pieces = [""] * (count - len(text)) + list(text)
    return dict(zip(order, pieces, strict=True))


def graphemes(clusters: list[Cluster]) -> list[list[Cluster]]:
    """Clusters grouped into graphemes: a cluster opening with a mark joins the last."""
    grouped: list[list[Cluster]] = []
    for cluster in clusters:
        if grouped and (joins(cluster.text) or grouped[-1][-1].text.endswith("\u200d")):
            grouped[-1].append(cluster)
        else:
            grouped.append([cluster])
    return grouped


@lru_cache(maxsize=4096)
def joins(text: str) -> bool:
    """Whether a cluster's text opens with a mark or a joiner, joining the one before."""
    return bool(text) and (unicodedata.category(text[0])[0] == "M" or text[0] in JOINERS)


def needs_actual_text(grapheme: list[Cluster], rtl: bool) -> bool:
    """Whether readers need /ActualText to read the grapheme's glyphs as its text."""
    # Readers that place characters by position (poppler) break several glyphs of one
    # grapheme apart or reorder them; one glyph spells its text through /ToUnicode alone.
    # Not right to left: poppler lays /ActualText out left to right and reverses it with
    # the line, so it would spell the grapheme backwards (see righttoleft.py).
    return not rtl and sum(len(cluster.indices) for cluster in grapheme) > 1


def add_spans(line: Line, grouped: list[list[Cluster]], positions: dict[int, int],
              rtl: bool) -> None:
    """Wrap runs of consecutive graphemes needing /ActualText in one span each."""
    if rtl:
        return
    marked: dict[int, int] = {}  # line position -> grapheme rank (logical order)
    for rank, grapheme in enumerate(grouped):
        if needs_actual_text(grapheme, rtl):
            marked.update({positions[i]: rank for cluster in grapheme for i in cluster.indices})
    span: list[int] = []
    for position in sorted(marked) + [-1]:
        if span and position != span[-1] + 1:
            ranks = sorted({marked[p] for p in span})
            line.span_starts[span[0]] = "".join(cluster.text for rank in ranks
                                                for cluster in grouped[rank])
            line.span_ends.add(span[-1])
            span = []
        span.append(position)


# The operators WeasyPrint drew, parsed so that codes can be replaced one by one.

def parse(entries: list, glyphs: list[Glyph]) -> list:
    """Operators as they are, with TJ arrays parsed; raise Mismatch if the glyphs differ."""
    operators: list = []
    position, drawn = 0, []
    for entry in entries:
        match = TJ_OPERATOR.fullmatch(entry) if isinstance(entry, bytes) else None
        if match is None:
            operators.append(entry)
            continue
        if not TJ_ARRAY.fullmatch(match.group(1)):
            raise Mismatch  # Something else than hex glyph groups and numbers.
        array = Array([])
        for digits, number in TJ_TOKEN.findall(match.group(1)):
            if number:
                array.tokens.append(Number(number, position - 1))
                continue
            count = _count(digits, glyphs, position)
            array.tokens.append(list(range(position, position + count)))
            drawn.append(digits)
            position += count
        operators.append(array)
    expected = b"".join(b"%0*x" % (glyph.digits, glyph.code) for glyph in glyphs)
    if position != len(glyphs) or b"".join(drawn).lower() != expected:
        raise Mismatch
    return operators


def _count(digits: bytes, glyphs: list[Glyph], position: int) -> int:
    """How many of the glyphs from position on a hex group draws."""
    count = length = 0
    while length < len(digits):
        if position + count >= len(glyphs):
            raise Mismatch
        length += glyphs[position + count].digits
        count += 1
    if length != len(digits):
        raise Mismatch
    return count


def gaps(operators: list, glyphs: list[Glyph]) -> dict[int, float]:
    """Rightward moves inside words, by the glyph before them.

    WeasyPrint positions a mark with x offset o as [… o <mark> -o …]: the pen moves back,
    draws and moves forward again, and extractors read that forward move as a space.
    """
    moves: dict[int, float] = {}
    for operator in operators:
        for token in operator.tokens if isinstance(operator, Array) else ():
            if isinstance(token, Number) and token.after >= 0:
                moves[token.after] = moves.get(token.after, 0) + float(token.value)
    return {position: move for position, move in moves.items()
            if move <= -MIN_GAP and glyphs[position].joined}


class _Writer:
    """Writes operators back: new codes, blank glyphs, TJ arrays split around
    /ActualText spans."""

    def __init__(self, codes: Codes, line: Line) -> None:
        """Start with no entries, for these codes and spans."""
        self.codes, self.line = codes, line
        self.entries: list = []
        self.parts: list[bytes] = []
        self.group: list[bytes] = []

    def array(self, array: Array) -> None:
        """Write a TJ operator, splitting it where spans open or close."""
        split = False
        for token in array.tokens:
            if isinstance(token, Number):
                if token.after not in self.codes.folded:  # Else it is in the width.
                    self.parts.append(token.value)
                continue
            flushed = False
            for position in token:
                flushed = self._glyph(position) or flushed
            if self.group or not (token or flushed):
                self.parts.append(b"<" + b"".join(self.group) + b">")
            self.group, split = [], split or flushed
        if self.parts or not split:
            self.entries.append(b"[" + b"".join(self.parts) + b"] TJ")
        self.parts = []

    def _glyph(self, position: int) -> bool:
        """Write one glyph's code (and the blanks after it); return whether a span opened
        or closed around it."""
        starts, ends, codes = self.line.span_starts, self.line.span_ends, self.codes
        opener = codes.openers.get(position + 1)
        if position in starts and position not in codes.openers:
            self._open(starts[position])
        digits = self.line.glyphs[position].digits
        self.group.append(b"%0*x" % (digits, codes.glyphs[position]))
        self.group.extend(b"%0*x" % (digits, code) for code in codes.blanks.get(position, ()))
        if position in ends:
            self._flush()
            self.entries.append(b"EMC")
        if opener is not None:
            self._open(starts[position + 1])
            self.group.append(b"%0*x" % (digits, opener))
        return position in starts or position in ends or opener is not None

    def _open(self, text: str) -> None:
        """Open an /ActualText span."""
        self._flush()
        self.entries.append(b"/Span <</ActualText " + text_string(text) + b">> BDC")

    def _flush(self) -> None:
        """End the TJ operator written so far, if it shows anything."""
        if self.group:
            self.parts.append(b"<" + b"".join(self.group) + b">")
            self.group = []
        if self.parts:
            self.entries.append(b"[" + b"".join(self.parts) + b"] TJ")
            self.parts = []


def write(operators: list, codes: Codes, line: Line) -> list:
    """The operators with new codes, blank glyphs and /ActualText spans, as content
    stream lines."""
    writer = _Writer(codes, line)
    for operator in operators:
        if isinstance(operator, Array):
            writer.array(operator)
        else:
            writer.entries.append(operator)
    return writer.entries


def recode_last_glyph(entries: list, start: int, glyph: Glyph, code: int) -> bool:
    """Give the last glyph drawn from entries[start] on another code, if it is glyph."""
    for index in range(len(entries) - 1, start - 1, -1):
        entry = entries[index]
        if isinstance(entry, bytes) and entry.endswith(b"] TJ"):
            end = entry.rfind(b">")
            digits = entry[end - glyph.digits:end]
            if end < 0 or digits != b"%0*x" % (glyph.digits, glyph.code):
                return False
            entries[index] = b"%s%0*x%s" % (entry[:end - glyph.digits], glyph.digits, code,
                                            entry[end:])
            return True
    return False


def text_string(text: str) -> bytes:
    """A PDF text string in UTF-16BE with its byte order mark, as a hex string."""
    return b"<feff" + text.encode("utf-16-be").hex().encode() + b">"


# Fonts: the CIDToGIDMap that draws aliases as their glyph, and ToUnicode entries.

def cid_to_gid_map(glyph_count: int, missing: list[int], targets: dict[int, int],
                   copies: dict[int, int]) -> bytes:
    """A CIDToGIDMap stream's data: glyphs to themselves, missing glyphs to 0, aliases
    (alias CID -> the code it stands for) to their glyph, or to the copy of it drawn with
    their own width (copies: alias CID -> glyph id)."""
    gids = dict.fromkeys(missing, 0)
    gids.update({alias: gids.get(code, code) for alias, code in targets.items()})
    gids.update(copies)
    size = max(max(gids) + 1, glyph_count)
    return b"".join(gids.get(cid, cid if cid < glyph_count else 0).to_bytes(2, "big")
                    for cid in range(size))


def with_glyph_copies(data: bytes, copies: list[tuple[int, float]]) -> tuple[bytes, list[int]]:
    """A TrueType font program with a copy of each (glyph id, width) of copies appended,
    advancing by that width (thousandths of an em), and the copies' glyph ids.

    An alias drawn with a width of its own (a pen move folded into it) then has a glyph
    whose advance in the font program is the width /W gives it, as PDF/A-1 6.2.11.5 and
    PDF/UA-1 7.21.5 require; each copy has the original's outline and instructions, so it
    draws exactly the same.
    """
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    order, metrics = list(font.getGlyphOrder()), font["hmtx"].metrics
    glyf, scale = font["glyf"], font["head"].unitsPerEm / 1000
    names = []
    for gid, width in copies:
        name, original = f"reportgen.copy{len(names)}", order[gid]
        glyf.glyphs[name] = copy.deepcopy(glyf[original])
        metrics[name] = (round(width * scale), metrics[original][1])
        if "vmtx" in font:
            font["vmtx"].metrics[name] = font["vmtx"].metrics[original]
        order.append(name)
        names.append(name)
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    for table in ("hdmx", "LTSH"):  # Per-glyph data the copies would lack; optional.
        if table in font:
            del font[table]
    output = io.BytesIO()
    font.save(output)
    return output.getvalue(), [order.index(name) for name in names]


def flate_with_predictor(data: bytes, row: int) -> tuple[bytes, dict[str, int]]:
    """data compressed for a FlateDecode filter with the PNG Up predictor, rows of `row`
    bytes, and the /DecodeParms that undo it.

    A CIDToGIDMap is mostly the sequence 0, 1, 2…, which zlib alone barely shrinks (6 KB
    for Noto Serif); the difference from the row above is the same two bytes nearly
    everywhere.
    """
    filtered = bytearray()
    previous = bytes(row)
    for start in range(0, len(data), row):
        current = data[start:start + row]
        filtered.append(2)  # PNG filter type Up
        filtered.extend((byte - above) & 0xFF for byte, above
                        in zip(current, previous, strict=False))  # The last row is short.
        previous = current
    return zlib.compress(bytes(filtered), 9), {"Predictor": 12, "Colors": row, "Columns": 1}


def with_entries(cmap: list[bytes], entries: dict[int, str]) -> list[bytes]:
    """A ToUnicode CMap's lines with these code -> text entries put in its bfchar blocks."""
    start, end = cmap.index(b"endcodespacerange") + 1, cmap.index(b"endcmap")
    mapped = dict(BFCHAR.findall(b"\n".join(cmap[start:end])))
    mapped.update({b"%04x" % code: text.encode("utf-16-be").hex().encode()
                   for code, text in entries.items()})
    items = sorted(mapped.items())
    body = []
    for i in range(0, len(items), 100):
        body.append(b"%d beginbfchar" % len(items[i:i + 100]))
        body.extend(b"<%s> <%s>" % item for item in items[i:i + 100])
        body.append(b"endbfchar")
    return [*cmap[:start], *body, *cmap[end:]]
