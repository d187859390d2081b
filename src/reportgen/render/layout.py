"""Layout stage: the briefing laid out part by part, each part reused while it would be
laid out the same.

Each part (render/parts.py) is a WeasyPrint document of its own, begun in the page state
the whole document is in where the part begins: its page number and side, the named
pages it continues, the running strings set before it. Its text may print the page of an
anchor in another part (the contents' page numbers): parts are laid out in order, then
again while any anchor they read moved, until none did. Margin boxes ("page X of Y") are
made last, when the page count is known. A part is laid out again only when its tree,
the state it begins in (as far as its layout depends on it) or an anchor its text reads
changed; otherwise its pages are reused, from this build or from an earlier one in the
same process (Layouts, which watch mode keeps).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from weasyprint import HTML
from weasyprint.css.counters import CounterStyle
from weasyprint.text.fonts import FontConfiguration

from . import internals
from .internals import Boundary, NotAPart, PartLayout, PartTargets
from .parts import Part, split, whole

MAX_ROUNDS = 8  # as WeasyPrint repaginates at most 8 times
UNPLACED = object()  # what a part read of an anchor not laid out yet


@dataclass
class Anchor:
    """An anchor as laid out: its box and the page counters of its page."""

    box: Any
    page_counters: dict

    def same_as(self, other: Anchor | None, text: bool) -> bool:
        """Whether what target-counter() (and target-text(), if text) read of it is unchanged."""
        if other is None or self.page_counters != other.page_counters:
            return False
        return self.box is other.box or internals.targets_alike(self.box, other.box, text)


@dataclass
class Read:
    """What a part read of an anchor of another part: the anchor, or None if none had it."""

    anchor: Any  # Anchor, None, or UNPLACED (not laid out yet)
    text: bool = False  # whether its text was read (target-text()), not only its counters

    def holds(self, now: Anchor | None) -> bool:
        """Whether the anchor is still as read."""
        if self.anchor is UNPLACED:
            return False
        if self.anchor is None or now is None:
            return self.anchor is None and now is None
        return self.anchor.same_as(now, self.text)


@dataclass
class LaidOut:
    """A part as laid out, with what its layout depends on."""

    part: Part
    layout: PartLayout
    index: int  # pages before it when it was laid out
    reads: dict[str, Read]  # anchors of other parts its text read -> what they were
    warnings: list[str]
    start: tuple = ()  # the page maker entry it begins with where it now stands
    states: list[tuple] = field(default_factory=list)  # the page state after each page
    margins: tuple = ()  # what its margin boxes were made from
    margin_reads: dict[str, Read] = field(default_factory=dict)
    margin_warnings: list[str] = field(default_factory=list)
    pages: list = field(default_factory=list)  # its pages with their margin boxes


@dataclass
class Session:
    """What all the parts laid out in one setting (stylesheets, fonts, options) share."""

    setting: str
    font_config: Any = field(default_factory=FontConfiguration)
    counter_style: Any = field(default_factory=CounterStyle)
    color_profiles: dict = field(default_factory=dict)
    stylesheets: dict = field(default_factory=dict)


class Tally(NamedTuple):
    """How much of the document a build laid out."""

    laid_out: int  # parts laid out (a part laid out again for a moved anchor counts again)
    parts: int  # parts in the document


class Layouts:
    """The parts laid out by the latest build in this process, for the next to reuse."""

    def __init__(self) -> None:
        self.session: Session | None = None
        self.parts: dict[str, LaidOut] = {}
        self.anchors: dict[str, Anchor] = {}
        self.last = Tally(0, 0)
        # The pages the latest build painted, and the streams it wrote, compressed: most
        # are painted and written again.
        self.painted = internals.Painted()
        self.compressed: dict[tuple[int, bytes], bytes] = {}

    def forget(self) -> None:
        """Keep nothing: the next build lays out and paints every part."""
        self.session, self.parts, self.anchors = None, {}, {}
        self.painted = internals.Painted()

    def session_for(self, setting: str) -> Session:
        """The session of this setting: the same as last time, or a new one."""
        if self.session is None or self.session.setting != setting:
            self.session, self.parts, self.anchors = Session(setting), {}, {}
        return self.session


@dataclass
class Laid:
    """The whole document laid out: its pages, in order, and WeasyPrint's warnings."""

    document: Any  # weasyprint.Document
    same: dict  # the parts' copies of containers -> the document's elements
    warnings: list[str]
    laid_out: int  # how many parts had to be laid out (the others were reused)


def lay_out(html: HTML, layouts: Layouts, setting: str, **options: Any) -> Laid:
    """Lay out the parsed document part by part, reusing what layouts holds."""
    session = layouts.session_for(setting)
    parts = split(html.etree_element)
    try:
        laid, count = _paginate(html, parts, layouts, session, options)
    except NotAPart:
        parts = [whole(html.etree_element)]
        laid, count = _paginate(html, parts, layouts, session, options)
    layouts.parts = {item.part.key: item for item in laid}
    layouts.last = Tally(count, len(parts))
    pages = _margins(laid, layouts.anchors)
    document = laid[0].layout.document.copy(pages)
    document.metadata = internals.document_metadata(html)
    warnings = [message for item in laid for message in (*item.warnings, *item.margin_warnings)]
    return Laid(document, _same_elements(laid, parts), warnings, count)


def _paginate(html: HTML, parts: list[Part], layouts: Layouts, session: Session,
              options: dict) -> tuple[list[LaidOut], int]:
    """Lay out the parts in order, again while an anchor a part's text reads moved."""
    cached, anchors, complete, count = dict(layouts.parts), layouts.anchors, False, 0
    for _ in range(MAX_ROUNDS):
        laid, found, fresh = _round(html, parts, cached, anchors, session, options, complete)
        count += fresh
        if all(_reads_hold(item.reads, found) for item in laid):
            break
        # Every part is laid out now: an anchor no part has is not there at all.
        cached.update((item.part.key, item) for item in laid)
        anchors, complete = found, True
    layouts.anchors = found
    return laid, count


def _round(html: HTML, parts: list[Part], cached: dict[str, LaidOut],
           anchors: dict[str, Anchor], session: Session, options: dict,
           complete: bool) -> tuple[list[LaidOut], dict[str, Anchor], int]:
    """Lay out (or reuse) every part once, in order; return them and their anchors."""
    laid: list[LaidOut] = []
    found: dict[str, Anchor] = {}
    fresh, boundary = 0, None
    for number, part in enumerate(parts):
        table = {**anchors, **found}
        item = cached.get(part.key)
        index = boundary.index if boundary else 0
        if item is not None:
            start = internals.start_entry_after(boundary, item.layout)
            if not (internals.lays_out_alike(item.layout, start, index, item.index) and
                    _reads_hold(item.reads, table)):
                item = None
        if item is None:
            item = _lay_out(html, part, boundary, table, session, options, complete)
            start, fresh = internals.start_entry(item.layout), fresh + 1
            if number + 1 < len(parts) and internals.spills_over(item.layout):
                raise NotAPart("its footnotes run past its end, onto the next part's page")
        item.start, item.states = start, internals.page_states(start[3], item.layout)
        for name, (page, box) in item.layout.targets.anchors().items():
            found.setdefault(name, Anchor(box, item.states[page][1]))
        laid.append(item)
        if number + 1 < len(parts):
            state, right_page = internals.state_after(item.layout, start, item.states)
            boundary = Boundary(item.layout.root, state, right_page, index + len(item.states),
                                parts[number + 1].continued)
    return laid, found, fresh


def _lay_out(html: HTML, part: Part, boundary: Boundary | None, table: dict[str, Anchor],
             session: Session, options: dict, complete: bool) -> LaidOut:
    """Lay out one part after the boundary, its text reading other parts' anchors in table."""
    reads: dict[str, Any] = {}
    part_html = internals.html_of_tree(part.root, html.base_url, html.url_fetcher)
    with recording() as warnings:
        layout = internals.lay_out_part(
            part_html, boundary, part.depth, PartTargets(_lookup(table, reads, complete)),
            session.stylesheets, font_config=session.font_config,
            counter_style=session.counter_style, color_profiles=session.color_profiles,
            **options)
    return LaidOut(part, layout, boundary.index if boundary else 0, reads, warnings)


def _lookup(table: dict[str, Anchor], reads: dict[str, Read], complete: bool):  # noqa: ANN202
    """Find anchors of other parts in table, noting in reads what was read."""

    def foreign(name: str, text: bool) -> Any:
        anchor = table.get(name)
        if anchor is None and not complete:
            anchor = UNPLACED  # Perhaps in a part not laid out yet: laid out again then.
        read = reads.setdefault(name, Read(anchor))
        read.text |= text
        if anchor is UNPLACED:
            return internals.unplaced_anchor()
        return None if anchor is None else internals.placed_anchor(anchor.box,
                                                                   anchor.page_counters)

    return foreign


def _reads_hold(reads: dict[str, Read], table: dict[str, Anchor]) -> bool:
    """Whether every anchor read is still as read (or still nowhere)."""
    return all(read.holds(table.get(name)) for name, read in reads.items())


def _margins(laid: list[LaidOut], anchors: dict[str, Anchor]) -> list:
    """Every page, with its margin boxes made now that the page count is known."""
    pages = sum(len(item.states) for item in laid)
    strings: dict[str, str] = {}
    made = []
    for item in laid:
        inputs = (repr([state[1] for state in item.states]), pages, dict(strings))
        if item.margins != inputs or not _reads_hold(item.margin_reads, anchors):
            item.layout.strings.clear()
            item.layout.strings.update(strings)
            item.margin_reads = {}
            item.layout.targets.foreign = _lookup(anchors, item.margin_reads, True)
            with recording() as warnings:
                item.pages = internals.margin_boxes(item.layout, item.states, pages)
            item.margins, item.margin_warnings = inputs, warnings
        strings.update(internals.running_strings(item.layout))
        made += item.pages
    return made


def _same_elements(laid: list[LaidOut], parts: list[Part]) -> dict:
    """Each part's copies of containers -> the document's own element, for the tag tree."""
    same = {}
    for item, part in zip(laid, parts, strict=True):
        for old, new in zip(item.part.root.iter(), part.root.iter(), strict=True):
            if new in part.copies:
                same[old] = part.copies[new]
    return same


class _Recorder(logging.Handler):
    """Keeps WeasyPrint's warnings and errors so the build can report them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def recording() -> Iterator[list[str]]:
    """While active, WeasyPrint's warnings and errors are kept in the list it yields."""
    recorder = _Recorder()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(recorder)
    try:
        yield recorder.messages
    finally:
        logger.removeHandler(recorder)
