"""The one place that relies on WeasyPrint's and pypdf's internals.

Each function here uses something that is not part of those libraries' public API; its
docstring says what, RELIED_ON lists every such internal by the test in
tests/test_internals.py that fails loudly when an upgrade changes it. WeasyPrint is
pinned (70.0), and pypdf too (7.1.0): after upgrading either, run those tests first, and
look nowhere else.

Sections: the laid-out document; laying out in parts; the tag tree; the text layer;
painting pages again; writing; pypdf.
"""

from __future__ import annotations

import copy
import logging
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import cssselect2
import pydyf
from weasyprint import HTML, Document
from weasyprint import css as weasyprint_css
from weasyprint import document as weasyprint_document
from weasyprint import layout as weasyprint_layout
from weasyprint.css import StyleFor
from weasyprint.css.targets import TargetCollector, TargetLookupItem
from weasyprint.document import Page
from weasyprint.draw import text as draw_text
from weasyprint.formatting_structure import boxes
from weasyprint.formatting_structure.boxes import TextBox
from weasyprint.formatting_structure.build import update_counters
from weasyprint.html import get_html_metadata
from weasyprint.layout import inline as layout_inline
from weasyprint.layout import page as layout_page
from weasyprint.layout.background import layout_box_backgrounds
from weasyprint.layout.block import block_level_page_break, block_level_page_name
from weasyprint.pdf import fonts as pdf_fonts
from weasyprint.pdf import tags
from weasyprint.pdf.fonts import Font
from weasyprint.pdf.metadata import DocumentMetadata
from weasyprint.text.ffi import ffi, pango

from . import righttoleft, textlayer
from .textlayer import Cluster, Glyph, Line, Mismatch

if TYPE_CHECKING:  # pypdf is imported only by the commands that stamp or read PDFs.
    from pypdf import PdfWriter
    from pypdf.generic import IndirectObject, PdfObject

# Every internal relied on, by the name of its test in tests/test_internals.py.
RELIED_ON = {
    "test_fontconfig_address": "FontConfiguration._config, the FcConfig pointer",
    "test_laid_out_text": "Page._page_box and the box tree: TextBox.text, .style, "
                          ".descendants(placeholders=True)",
    "test_build_box_tree": "weasyprint.pdf.tags._build_box_tree(box, parent, pdf, "
                           "page_number, nums, annotations, tags): a recursive generator "
                           "looking itself up by name, yielding each box's element last",
    "test_struct_elements": "the structure elements _build_box_tree makes: pydyf "
                            "Dictionaries with S, K (references and MCIDs), P, and A for "
                            "table cells; TH IDs set on the table's elements before it is "
                            "yielded, TD Headers naming them, both through the cell box's "
                            ".mark",
    "test_box_classes": "boxes.PageBox, MarginBox, FootnoteAreaBox; box.element, "
                        ".element_tag ('span::footnote-call', 'span::footnote-marker'), "
                        "footnotes as children of the FootnoteAreaBox; a table's wrapper "
                        "box (.is_table_wrapper, .get_wrapped_table()) and its rows' cells",
    "test_split_text_box": "weasyprint.layout.inline.split_text_box(context, box, "
                           "available_width, skip, is_line_start) -> (box, resume, "
                           "line break), looked up by name; a hyphenated line's text "
                           "ends with style['hyphenate_character']; Box.copy copies "
                           "__dict__",
    "test_draw_first_line": "weasyprint.draw.text.draw_first_line(stream, textbox, "
                            "text_overflow, block_ellipsis, matrix) -> emojis, looked up "
                            "by name by draw_text and svg.text.text",
    "test_draw_first_line_maps_first_come": "draw_first_line sets font.to_unicode[glyph] "
                                            "only for glyphs not yet in it (the bug "
                                            "worked around, upstream #2841)",
    "test_operator_format": "the lines draw_first_line appends to stream.stream: Tm, Tf, "
                            "Ts and TJ with 4 hex digits per glyph (2 in bitmap fonts)",
    "test_font_attributes": "Font.to_unicode, .widths, .missing (dicts by glyph id or "
                            "codepoint), .glyph_count, .bitmap, .type, .family, "
                            ".file_content (the whole font until clean), .index",
    "test_font_clean": "Font.clean(self, to_unicode, hinting) subsets the font to "
                       "to_unicode's keys taken as glyph ids",
    "test_get_unused_glyph_id": "Font.get_unused_glyph_id(self, codepoint) -> "
                                "glyph_count + len(missing), for PANGO_GLYPH_UNKNOWN_FLAG "
                                "glyphs",
    "test_build_vector_font_dictionary": "weasyprint.pdf.fonts._build_vector_font_"
                                         "dictionary(font_dictionary, pdf, font, widths, "
                                         "compress, reference, pdf_version), called by "
                                         "name, adds the CIDFont (CIDToGIDMap /Identity)",
    "test_full_font_to_unicode": "fonts embedded whole: font_dictionary['ToUnicode'] is "
                                 "b'N 0 R', pdf.objects[N] its CMap, bfchar lines",
    "test_stream": "weasyprint.pdf.stream.Stream.stream (operator lines) and "
                   ".add_font(pango_font) -> (Font, size)",
    "test_layout": "TextBox.pango_layout: .text, and .get_first_line() -> (line, index), "
                   "called by draw_first_line on the instance, the last call the line drawn",
    "test_pango_structures": "weasyprint.text.ffi cdefs: PangoLayoutLine.runs, GSListRuns, "
                             "PangoGlyphItem, PangoItem, PangoAnalysis.font/level, "
                             "PangoGlyphString, PangoGlyphInfo (glyph, then geometry: "
                             "width, x_offset, y_offset); PANGO_GLYPH_EMPTY/UNKNOWN_FLAG",
    "test_right_to_left_level": "analysis.level % 2 == 1 in right-to-left runs",
    "test_page_paint": "Page.paint(stream, scale), looked up on the class by generate_pdf "
                       "for each page in order, into a new Stream per page; what painting "
                       "changes besides stream.stream: the fonts (stream._fonts, Font "
                       "attributes), stream._tags, stream._resources' ExtGState, XObject, "
                       "Pattern and Shading, stream._images",
    "test_stream_compression": "pydyf.Stream.data compresses through the zlib module "
                               "pydyf imported: zlib.compressobj(level=9), then .compress "
                               "and .flush() (also for the object and xref streams)",
    "test_serializing_once": "pydyf.PDF.write looked up on the class; pydyf's Dictionary, "
                             "Stream, Array and String serialize through their class's "
                             "`data` property, nested objects through theirs; write "
                             "changes no object it serialized",
    "test_add_object": "PdfWriter._add_object",
    "test_page_maker": "weasyprint.layout.initialize_page_maker(context, root_box), "
                       "make_margin_boxes(context, page, state) and layout.page.PageType"
                       "(side, blank, name, index, groups), each looked up by name; "
                       "context.page_maker: one entry before each page and one after "
                       "the last, (resume_at, next_page {'break', 'page'}, right_page, "
                       "(quote depth, counters, counter scopes, page groups), remake "
                       "state); context.current_page, .string_set {name: {page: "
                       "values}}, .get_string_or_element_for(store, page, name, keyword)",
    "test_page_rules": "context.style_for._sheets of (sheet, origin, specificity), "
                       "sheet.page_rules of (rule, selectors, declarations), "
                       "StyleFor._page_type_match(selector[2], page_type); "
                       "update_counters(state, style) applying a page's counters; "
                       "block_level_page_break and block_level_page_name(before, after); "
                       "box.page_values(), .is_in_normal_flow(), .is_floated()",
    "test_target_collector": "weasyprint.document.TargetCollector, made by name for each "
                             "document; .target_lookup_items, a dict read with .get, of "
                             "TargetLookupItem(state): .target_box, .page_maker_index, "
                             ".cached_page_counter_values; .counter_lookup_items "
                             "((box, property) -> .missing_counters, "
                             ".missing_target_counters); lookup_target(anchor_token, "
                             "source_box, css_token, parse_again); an anchor box's "
                             ".cached_counter_values and .extract_text('content')",
    "test_stylesheets_and_html": "weasyprint.css.find_stylesheets(wrapper, ...), looked up "
                                 "by name, its stylesheets usable by other documents; an "
                                 "HTML of base_url, url_fetcher, media_type, "
                                 "wrapper_element and etree_element renders; "
                                 "get_html_metadata(html), DocumentMetadata's arguments",
    "test_margin_boxes_remade": "layout_box_backgrounds(page_box, margin_box, "
                                "get_image_from_uri); Page(page_box); Document.copy(pages); "
                                "a page box's .page_type and .style",
    "test_split_around_last_object": "pypdf writes objects in the order added, then a "
                                     "classic cross-reference table",
}


# The laid-out document.

def fontconfig_address(document: Document) -> int:
    """The address of the FcConfig WeasyPrint laid the document out with.

    Relies on FontConfiguration._config, the FcConfig pointer holding the system fonts and
    those of @font-face rules.
    """
    return int(ffi.cast("uintptr_t", document.font_config._config))


def laid_out_text(document: Document) -> Iterator[tuple[int, str, Any]]:
    """(page number, text, computed style) of every text box of the laid-out pages.

    Relies on Page._page_box and the box tree (boxes.TextBox, .text, .style,
    .descendants(placeholders=True)): WeasyPrint's own tagger walks the same private
    tree, for lack of a public one. Margin boxes and footnote areas are included.
    """
    for number, page in enumerate(document.pages, 1):
        for box in page._page_box.descendants(placeholders=True):
            if isinstance(box, TextBox) and box.text:
                yield number, box.text, box.style


# Laying out in parts: each part of the document a WeasyPrint document of its own,
# begun in the page state the whole document is in where the part begins.

FORCED_BREAKS = {"page", "left", "right", "recto", "verso"}
_LAYOUT_ORIGINALS = {"initialize_page_maker": weasyprint_layout.initialize_page_maker,
                     "PageType": layout_page.PageType,
                     "find_stylesheets": weasyprint_css.find_stylesheets}


class NotAPart(Exception):
    """A part that would not be laid out on its own as the whole document lays it out."""


@dataclass
class Boundary:
    """Where a part begins: the part before it, and the state it left the pages in."""

    before: Any  # the box tree of the part before, as built
    state: tuple  # WeasyPrint's page state after the page before: quote depth, page
    #               counters, their scopes, page groups
    right_page: bool  # whether the part's first page is a right-hand page
    index: int  # how many pages come before the part
    continued: int  # how many containers of the part (html, body…) hold the part before too


@dataclass
class PartLayout:
    """A part as WeasyPrint laid it out, its pages still without margin boxes."""

    document: Document
    context: Any  # the LayoutContext: the margin boxes are made with it
    root: Any  # the part's box tree, as built
    start: tuple  # the page maker entry it began with
    targets: Any  # its PartTargets
    strings: dict[str, str] = field(default_factory=dict)  # running strings set before it


class _ForeignItems(dict):
    """A TargetCollector's anchors, which while looking up also finds other parts' anchors."""

    def __init__(self) -> None:
        super().__init__()
        self.foreign: Callable[[str], Any] | None = None

    def get(self, name: Any, default: Any = None) -> Any:  # noqa: D102
        item = dict.get(self, name)
        if item is None and self.foreign is not None and isinstance(name, str):
            item = self.foreign(name)
        return default if item is None else item


class PartTargets(TargetCollector):
    """WeasyPrint's TargetCollector for a part: target-counter() and target-text() also
    find anchors of other parts, through `foreign`: (name, whether its text is read) ->
    a TargetLookupItem, or None."""

    def __init__(self, foreign: Callable[[str, bool], Any]) -> None:
        super().__init__()
        self.target_lookup_items = _ForeignItems()
        self.foreign = foreign

    def lookup_target(self, anchor_token, source_box, css_token, parse_again):  # noqa: ANN001, ANN201, D102
        text = _prints_target_text(source_box.style)
        self.target_lookup_items.foreign = lambda name: self.foreign(name, text)
        try:
            return super().lookup_target(anchor_token, source_box, css_token, parse_again)
        finally:
            self.target_lookup_items.foreign = None

    def anchors(self) -> dict[str, tuple[int, Any]]:
        """The part's own anchors: name -> (index of its page in the part, its box)."""
        return {name: (item.page_maker_index, item.target_box)
                for name, item in dict.items(self.target_lookup_items)
                if item.state == "up-to-date" and item.page_maker_index is not None}

    def counts_pages_in_flow(self) -> bool:
        """Whether the part's text (not its margins) prints page-based counters: its own,
        or those of its own anchors."""
        return any(item.missing_counters or any(
                       dict.get(self.target_lookup_items, name) is not None
                       for name in item.missing_target_counters)
                   for (_, token), item in self.counter_lookup_items.items()
                   if token == "content")


def _prints_target_text(style: Any) -> bool:
    """Whether the content, bookmark label or running strings of a style use target-text()."""
    lists = [style["content"], style["bookmark_label"]]
    if style["string_set"] != "none":
        lists += [values for _, values in style["string_set"]]
    return any(isinstance(values, (list, tuple)) and
               any(isinstance(item, tuple) and item[0] == "target-text()" for item in values)
               for values in lists)


def placed_anchor(box: Any, page_counters: dict) -> Any:
    """The lookup item of an anchor laid out in another part: its box, its page counters."""
    item = TargetLookupItem("up-to-date")
    item.target_box, item.cached_page_counter_values = box, copy.deepcopy(page_counters)
    return item


def targets_alike(box: Any, other: Any, text: bool) -> bool:
    """Whether target-counter() (and target-text(), if text) read the same of two anchor
    boxes: their counter values, and the text of their content."""
    return box.cached_counter_values == other.cached_counter_values and (
        not text or box.extract_text("content") == other.extract_text("content"))


class _Unplaced:
    """Stands for the box of an anchor not laid out yet: no counters, no text."""

    cached_counter_values: dict = {}

    def extract_text(self, text_style: str) -> str:
        return ""


def unplaced_anchor() -> Any:
    """The lookup item of an anchor of a part not laid out yet (the part is laid out again)."""
    return placed_anchor(_Unplaced(), {})


def html_of_tree(root: Any, base_url: str, url_fetcher: Any) -> HTML:
    """A WeasyPrint HTML document for an ElementTree already parsed.

    Relies on HTML's attributes (base_url, url_fetcher, media_type, wrapper_element,
    etree_element): HTML itself only parses text.
    """
    html = HTML.__new__(HTML)
    html.base_url, html.url_fetcher, html.media_type = base_url, url_fetcher, "print"
    html.wrapper_element = cssselect2.ElementWrapper.from_html_root(root, content_language=None)
    html.etree_element = html.wrapper_element.etree_element
    return html


def document_metadata(html: HTML) -> Any:
    """The DocumentMetadata WeasyPrint reads from an HTML document's head."""
    return DocumentMetadata(**get_html_metadata(html))


def lay_out_part(html: HTML, boundary: Boundary | None, containers: int, targets: PartTargets,
                 stylesheets: dict, **options: Any) -> PartLayout:
    """Lay out one part, begun as the whole document would begin it after `boundary`.

    containers is how many elements (html, body…) hold the part, one inside the other,
    each with one child; stylesheets keeps the parsed stylesheets by their source, for the
    next parts. The pages come without margin boxes: margin_boxes() makes them once every
    part is laid out. Raises NotAPart when the part does not begin on a new page, or its
    containers would show at its end (padding, borders, generated content). Relies on
    layout_document calling initialize_page_maker, remake_page PageType and
    make_margin_boxes by name (see RELIED_ON), on the page maker's entries, and on
    Document._build_layout_context making its TargetCollector by name.
    """
    captured: dict[str, Any] = {}
    offset = boundary.index if boundary else 0

    def initialize(context: Any, root_box: Any) -> None:
        _LAYOUT_ORIGINALS["initialize_page_maker"](context, root_box)
        _check_containers(root_box, containers)
        if boundary is not None:
            context.page_maker[0] = _start(boundary, root_box, context.page_maker[0][-1])
        _carry_strings(context, captured.setdefault("strings", {}))
        captured.update(context=context, root=root_box, start=copy.deepcopy(context.page_maker[0]))

    def page_type(side: str, blank: bool, name: str, index: int, groups: tuple) -> Any:
        return _LAYOUT_ORIGINALS["PageType"](side, blank, name, index + offset, groups)

    def find_stylesheets(wrapper, *arguments: Any):  # noqa: ANN001, ANN202 - WeasyPrint's own
        key = tuple((element.etree_element.tag, tuple(element.etree_element.attrib.items()),
                     element.etree_element.text)
                    for element in wrapper.query_all("style", "link"))
        if key not in stylesheets:
            stylesheets[key] = list(_LAYOUT_ORIGINALS["find_stylesheets"](wrapper, *arguments))
        return stylesheets[key]

    with _patched(((weasyprint_layout, "initialize_page_maker", initialize),
                   (layout_page, "PageType", page_type),
                   (weasyprint_layout, "make_margin_boxes", lambda context, page, state: ()),
                   (weasyprint_document, "TargetCollector", lambda: targets),
                   (weasyprint_css, "find_stylesheets", find_stylesheets))):
        document = html.render(**options)
    context = captured["context"]
    return PartLayout(document, context, captured["root"], captured["start"], targets,
                      captured["strings"])


@contextmanager
def _patched(places: tuple) -> Iterator[None]:
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in places]
    for owner, name, replacement in places:
        setattr(owner, name, replacement)
    try:
        yield
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)


def _check_containers(root_box: Any, containers: int) -> None:
    """Raise NotAPart if a container of the part would show anything of its own."""
    box = root_box
    for depth in range(containers):
        style = box.style
        if style["padding_bottom"].value or style["border_bottom_width"] or any(
                child.element is box.element and "::" in (child.element_tag or "")
                for child in box.children):
            raise NotAPart(f"its container <{box.element_tag}> shows padding, a border or "
                           "generated content")
        if depth + 1 < containers:
            if len(box.children) != 1:
                raise NotAPart(f"its container <{box.element_tag}> holds other boxes")
            box = box.children[0]


def _start(boundary: Boundary, root_box: Any, remake_state: dict) -> tuple:
    """The page maker's first entry for a part: the state the whole document is in there."""
    depth = boundary.continued
    before, after = _container(boundary.before, depth - 1, -1), _container(root_box, depth - 1, 0)
    last, first = _in_flow(before)[-1], _in_flow(after)[0]
    page_break = block_level_page_break(last, first)
    name = block_level_page_name(last, first)
    if page_break not in FORCED_BREAKS and name is None:
        raise NotAPart("it does not begin on a new page")
    state = copy.deepcopy(boundary.state)
    state[1]["pages"] = [0]  # As during the whole document's first pagination.
    # The page groups of the containers both parts are in go on, where these containers
    # stand in this part's tree; the others end with the part before.
    state[3][:] = [[group_name, count, _path(_levels(path))] for group_name, count, path
                   in state[3] if _levels(path) < depth and _ends_at(boundary.before, path)]
    next_page = {"break": page_break, "page": name or last.page_values()[1]}
    return _path(depth), next_page, boundary.right_page, state, remake_state


def _path(depth: int) -> dict | None:
    """The path down the first child of each container, depth containers deep."""
    path = None
    for _ in range(depth):
        path = {0: path}
    return path


def _ends_at(root_box: Any, path: dict | None) -> bool:
    """Whether the path goes down the last child of each box: the containers a part's
    end is in."""
    box = root_box
    while path:
        (index, path), = path.items()
        if index != len(box.children) - 1:
            return False
        box = box.children[index]
    return True


def _container(root_box: Any, depth: int, child: int) -> Any:
    """The container depth levels down, through the first (0) or last (-1) child of each."""
    box = root_box
    for _ in range(depth):
        box = box.children[child]
    return box


def _in_flow(box: Any) -> list:
    return [child for child in box.children if child.is_in_normal_flow() or child.is_floated()]


def _levels(path: dict | None) -> int:
    depth = 0
    while path:
        (_, path), = path.items()
        depth += 1
    return depth


def _carry_strings(context: Any, strings: dict[str, str]) -> None:
    """Make string() in the part's margins find running strings set in parts before it."""
    original = context.get_string_or_element_for

    def carried(store: Any, page: Any, name: str, keyword: str) -> tuple:
        found = original(store, page, name, keyword)
        if found or keyword == "all-once" or store is not context.string_set or \
                name not in strings or \
                any(number <= context.current_page for number in store[name]):
            return found
        return (strings[name],)

    context.get_string_or_element_for = carried




def page_states(start: tuple, part: PartLayout) -> list[tuple]:
    """The page state after each of the part's pages, from the state it begins in.

    As make_page does after laying out each page: the page's counter-reset, -set and
    -increment (its style already has the implied increment of 'page').
    """
    states, state = [], start
    for page in part.document.pages:
        state = copy.deepcopy(state)
        update_counters(state, page._page_box.style)
        states.append(state)
    return states


def margin_boxes(part: PartLayout, states: list[tuple], pages: int) -> list[Page]:
    """The part's pages with their margin boxes, made with each page's state and the
    document's page count, as layout_document makes them once pagination is done.

    Relies on make_margin_boxes(context, page, state) reading context.current_page, and on
    layout_box_backgrounds; margin boxes made before are replaced.
    """
    context, made = part.context, []
    for name, (index, _) in part.targets.anchors().items():
        # Its own anchors are on the pages it now has, wherever it begins.
        item = dict.get(part.targets.target_lookup_items, name)
        item.cached_page_counter_values = copy.deepcopy(states[index][1])
    for number, (page, state) in enumerate(zip(part.document.pages, states, strict=True), 1):
        page_box = page._page_box
        page_box.children = tuple(child for child in page_box.children
                                  if not isinstance(child, boxes.MarginBox))
        state = copy.deepcopy(state)
        state[1]["pages"] = [pages]
        context.current_page = number
        margins = list(layout_page.make_margin_boxes(context, page_box, state))
        for margin in margins:
            layout_box_backgrounds(page_box, margin, context.get_image_from_uri)
        page_box.children = (*page_box.children, *margins)
        made.append(Page(page_box))
    return made


def page_types(part: PartLayout) -> list[Any]:
    """The page type (side, blank, name, index, groups) of each of the part's pages."""
    return [page._page_box.page_type for page in part.document.pages]


def page_groups(part: PartLayout) -> list[list]:
    """The page groups ([name, pages before, path]) each of the part's pages is in."""
    return [entry[3][3] for entry in part.context.page_maker[1:]]


def matching_page_rules(part: PartLayout, page_type: Any) -> tuple[bool, ...]:
    """Which of the stylesheets' @page selectors a page of this type matches."""
    return tuple(StyleFor._page_type_match(selector[2], page_type)
                 for sheet, _, _ in part.context.style_for._sheets
                 for _, selectors, _ in sheet.page_rules for selector in selectors)


def spills_over(part: PartLayout) -> bool:
    """Whether the part's text ends before its last page (footnotes run on): the whole
    document would put them on the next part's first page."""
    return any(entry[0] is None for entry in part.context.page_maker[1:-1])


def start_entry(part: PartLayout) -> tuple:
    """The page maker entry the part was laid out from."""
    return part.start


def start_entry_after(boundary: Boundary | None, part: PartLayout) -> tuple:
    """The page maker entry the part would begin with after boundary (raises NotAPart)."""
    if boundary is None:
        return start_entry(part)
    return _start(boundary, part.root, {})


def lays_out_alike(part: PartLayout, start: tuple, index: int, laid_at: int) -> bool:
    """Whether the part, laid out from its start entry with laid_at pages before it, would
    be laid out the same from `start` with `index` pages before it.

    The same place in the tree and the same break before it; the same page groups going
    on; the same page counters if its text prints them; the same page side if a break
    in it depends on sides; and every page matching the same @page rules.
    """
    old = start_entry(part)
    if old[0] != start[0] or old[1] != start[1] or _group_places(old) != _group_places(start):
        return False
    if part.targets.counts_pages_in_flow() and old[3][1:3] != start[3][1:3]:
        return False
    flipped = old[2] != start[2]
    if flipped and any(entry[1]["break"] in FORCED_BREAKS - {"page"}
                       for entry in part.context.page_maker):
        return False
    shift = _group_shift(old, start)
    for page_type, groups in zip(page_types(part), page_groups(part), strict=False):
        moved = _moved(page_type, flipped, index - laid_at, groups, shift)
        if moved != page_type and \
                matching_page_rules(part, moved) != matching_page_rules(part, page_type):
            return False
    return True


def state_after(part: PartLayout, start: tuple, states: list[tuple]) -> tuple[tuple, bool]:
    """The page state after the part's last page, begun at `start` (its counters as
    `states` computed them), and whether the page after it is a right-hand one."""
    old = start_entry(part)
    _, _, right_page, state, _ = part.context.page_maker[-1]
    shift = _group_shift(old, start)
    groups = [[name, count + shift.get((name, _key(path)), 0), path]
              for name, count, path in copy.deepcopy(state[3])]
    last = states[-1] if states else start[3]
    return (last[0], last[1], last[2], groups), right_page != (old[2] != start[2])


def running_strings(part: PartLayout) -> dict[str, str]:
    """The running strings (string-set) set in the part, as its last page leaves them."""
    strings = {}
    for name, pages in part.context.string_set.items():
        set_on = [number for number, values in pages.items() if values]
        if set_on:
            strings[name] = pages[max(set_on)][-1]
    return strings


def _group_places(entry: tuple) -> list:
    return [(name, _key(path)) for name, _, path in entry[3][3]]


def _group_shift(old: tuple, new: tuple) -> dict:
    """How many more pages each page group going on into the part holds before it."""
    before = {(name, _key(path)): count for name, count, path in old[3][3]}
    return {(name, _key(path)): count - before[name, _key(path)]
            for name, count, path in new[3][3] if (name, _key(path)) in before}


def _key(path: dict | None) -> str:
    return repr(path)


def _moved(page_type: Any, flipped: bool, shift: int, groups: list, group_shift: dict) -> Any:
    """The page type of the same page with the part begun elsewhere."""
    side = {"left": "right", "right": "left"}[page_type.side] if flipped else page_type.side
    counts = tuple((name, count + group_shift.get((name, _key(path)), 0))
                   for name, count, path in groups)
    return page_type._replace(side=side, index=page_type.index + shift, groups=counts)


# The tag tree: what WeasyPrint 70's tagger leaves out or splits.

# Roles whose elements hold marked content or annotations of their own page directly.
_OWN_PAGE_ROLES = {"/Link", "/Figure", "/Form"}
_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}
_REPEATED_GROUPS = {"thead", "tfoot"}


@dataclass
class _Tree:
    """What the tagger's wrapper remembers from page to page of one PDF."""

    last: dict[tuple, tuple[Any, int]] = field(default_factory=dict)  # -> (element, page)
    depth: int = 0  # of the element being tagged (anonymous boxes share their element)
    groups: dict[Any, Any] = field(default_factory=dict)  # <thead>/<tfoot> -> its first box
    repeated: list[tuple[Any, Any]] = field(default_factory=list)  # boxes: (first, repeat)
    calls: dict[Any, Any] = field(default_factory=dict)  # footnote -> its /Reference
    notes: int = 0
    headers: int = 0  # depth of <thead> being tagged
    same: dict[Any, Any] = field(default_factory=dict)  # a part's element -> the document's


@contextmanager
def structure_tags(same: dict | None = None) -> Iterator[None]:
    """While WeasyPrint writes the PDF, complete the tag tree it builds.

    Each element whose HTML declares lang gets /Lang; each /TH its /Scope (WeasyPrint 70
    drops the HTML's scope); footnotes become /Note elements with an /ID, placed right
    after their call, a /Reference whose /Ref names the note; an element continued from
    an earlier page (a section, a paragraph, a table) is one element, not one per page;
    a table's header rows repeated on later pages are left out of the tree (the
    finisher makes them artifacts, with the running heads). Relies on
    weasyprint.pdf.tags._build_box_tree, a recursive generator that looks itself up by
    name on each call, so wrapping that name reaches every element, on the structure
    elements it makes (see RELIED_ON) and on boxes' .element and .element_tag. `same`
    maps the elements of a document laid out in parts to the whole document's (a part's
    copies of the containers it shares with others): each is one element.
    """
    original = tags._build_box_tree
    tree = _Tree(same=same or {})

    def build(box, parent, pdf, page, *rest):  # noqa: ANN001, ANN002, ANN202 - WeasyPrint's
        if isinstance(box, boxes.FootnoteAreaBox):
            yield from _footnotes(tree, box, parent, pdf, page, rest)
            return
        tag = getattr(box, "element_tag", None) if getattr(box, "element", None) is not None \
            else None
        if tag in ("html", "body") or isinstance(box, (boxes.PageBox, boxes.MarginBox)):
            yield from original(box, parent, pdf, page, *rest)
            return
        if tag in _REPEATED_GROUPS and box.element in tree.groups:
            for _ in original(box, parent, pdf, page, *rest):
                pass  # Its elements are left out; its cells' IDs are named after the first.
            tree.repeated.append((tree.groups[box.element], box))
            return
        tree.headers += tag == "thead"
        tree.depth += 1
        try:
            for element in original(box, parent, pdf, page, *rest):
                _describe(tree, pdf, element, box)
                if not _continues(tree, pdf, element, box, page):
                    yield element
        finally:
            tree.headers -= tag == "thead"
            tree.depth -= 1

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def _describe(tree: _Tree, pdf: Any, element: Any, box: Any) -> None:
    """Add what WeasyPrint leaves out to a new element: /Lang, /Scope, note roles."""
    lang = _declared_language(box)
    if lang and "Lang" not in element:
        element["Lang"] = pydyf.String(lang)
    role, tag = element["S"], getattr(box, "element_tag", "") or ""
    if role == "/TH":
        scope = (box.element.get("scope") or "").lower()
        element["A"]["Scope"] = _SCOPES.get(scope, "/Column" if tree.headers else "/Row")
    elif role == "/Table" and tree.repeated:
        _renamed_headers(box, tree.repeated)
        tree.repeated = []
    elif tag.endswith("::footnote-call"):
        element["S"] = "/Reference"
        tree.calls.setdefault(box.element, element)
    elif tag.endswith("::footnote-marker"):
        element["S"] = "/Lbl"
    if tag in _REPEATED_GROUPS:
        tree.groups.setdefault(box.element, box)


def _declared_language(box: Any) -> str:
    """The lang attribute of the box's HTML element, if it is not the root's."""
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) == "html":
        return ""
    return element.get("lang") or ""


def _continues(tree: _Tree, pdf: Any, element: Any, box: Any, page: int) -> bool:
    """Whether element continues one made for the same HTML element on an earlier page
    (or line): then its kids move there, and it is left out."""
    html = getattr(box, "element", None)
    if html is None or element["S"] in _OWN_PAGE_ROLES:
        return False
    html = tree.same.get(html, html)
    key = (html, box.element_tag, element["S"], tree.depth)
    first, first_page = tree.last.get(key, (None, page))
    # On one page, only an inline element broken across lines is continued: anonymous
    # blocks share their element, and may have other blocks between them.
    if first is None or (first_page == page and not isinstance(box, boxes.InlineBox)) or \
            any(isinstance(kid, int) for kid in element["K"]):
        tree.last[key] = (element, page)
        return False
    for kid in element["K"]:
        _object(pdf, kid)["P"] = first.reference
    first["K"].extend(element["K"])
    # WeasyPrint added the object before yielding it, and pydyf cannot remove one.
    element.clear()
    if getattr(box, "mark", None) is element:
        # A table cell: WeasyPrint later gives it /Headers (or a header its /ID) through
        # box.mark; the first element has its own.
        box.mark = pydyf.Dictionary({"A": pydyf.Dictionary()})
    tree.last[key] = (first, page)
    return True


def _renamed_headers(table: Any, repeated: list[tuple[Any, Any]]) -> None:
    """Make the cells of a table's page name the first header rows, not the repeated ones.

    Cells and their elements are found through the table's boxes (a cell box's .mark is
    its element, where WeasyPrint sets its /ID or /Headers): a row begun on this page is
    in the elements of the first page's table.
    """
    names = {}
    for first, repeat in repeated:
        names.update((id(again.mark["ID"]), cell.mark["ID"])
                     for cell, again in zip(_cells(first), _cells(repeat), strict=False)
                     if "ID" in getattr(cell, "mark", {}) and "ID" in getattr(again, "mark", {}))
    for cell in _cells(table.get_wrapped_table() if table.is_table_wrapper else table):
        headers = getattr(cell, "mark", {}).get("A", {}).get("Headers")
        if headers is not None:
            cell.mark["A"]["Headers"] = pydyf.Array(names.get(id(name), name)
                                                    for name in headers)


def _cells(box: Any) -> Iterator[Any]:
    """The cell boxes of a table box's rows, as WeasyPrint's tagger finds them."""
    for child in box.children:
        if child.element_tag == "tr":
            yield from child.children
        else:
            yield from _cells(child)


def _object(pdf: Any, reference: bytes) -> Any:
    """The pydyf object a reference (b'12 0 R') names."""
    return pdf.objects[int(reference.split()[0])]


def _footnotes(tree: _Tree, area: Any, parent: Any, pdf: Any, page: int,
               rest: tuple) -> Iterator[Any]:
    """Tag a page's footnotes as /Note, each placed right after its call.

    The footnote area itself gets no element; a note whose call is not in the tree stays
    where WeasyPrint puts it, at the end of the page.
    """
    for box in area.children:
        for note in tags._build_box_tree(box, parent, pdf, page, *rest):
            tree.notes += 1
            note["S"] = "/Note"
            note["ID"] = pydyf.String(box.element.get("id") or f"note-{tree.notes}")
            call = tree.calls.get(box.element)
            if call is None:
                yield note
                continue
            call["Ref"] = pydyf.Array([note.reference])
            holder = _object(pdf, call["P"])
            holder["K"].insert(holder["K"].index(call.reference) + 1, note.reference)
            note["P"] = call["P"]


# The text layer: per-cluster ToUnicode, /ActualText and soft hyphens (upstream #2841).

LOGGER = logging.getLogger("weasyprint.textlayer")  # recorded with WeasyPrint's warnings
_EMPTY_GLYPH = pango.PANGO_GLYPH_EMPTY
_UNKNOWN_GLYPH_FLAG = pango.PANGO_GLYPH_UNKNOWN_FLAG
_HYPHENATED = "reportgen_hyphenated"  # set on the text boxes split_text_box returns
_GLYPH_INFO = ffi.sizeof("PangoGlyphInfo")  # bytes, the 32-bit glyph id first
_ASCII = frozenset(map(chr, range(128)))


@dataclass
class _FontState:
    """What the text layer decided for one font: the map entries it owns, its aliases."""

    owned: set[int] = field(default_factory=set)
    aliases: dict[tuple[int, str, float | None], int] = field(default_factory=dict)
    targets: dict[int, int] = field(default_factory=dict)  # alias code -> drawn code
    widths: dict[int, float] = field(default_factory=dict)  # alias code -> own width
    copies: dict[int, int] = field(default_factory=dict)  # alias code -> its glyph's copy
    blank: int | None = -1  # a glyph drawing nothing (None: there is none; -1: not sought)


# Kept per Font object, so for as long as its to_unicode map.
_STATES: WeakKeyDictionary[Font, _FontState] = WeakKeyDictionary()
_ORIGINAL: dict[str, Callable] = {}
_depth = 0
_drawn: dict[Font, set[int]] | None = None  # while a page is painted: the glyphs drawn


@contextmanager
def text_layer() -> Iterator[None]:
    """While active, WeasyPrint lays out and draws a text layer that spells every cluster.

    A glyph drawn with another meaning than its first gets an alias code (mapped to the
    same glyph by a CIDToGIDMap and to its text by /ToUnicode); graphemes drawn as
    several glyphs get /ActualText; WeasyPrint's pen moves back and forth around marks
    go into alias widths, so that they are not read as spaces; right to left, each glyph
    stands for one character, with blank glyphs drawn after a ligature for its other
    characters, and marks for none, in empty /ActualText spans (see righttoleft.py); a
    hyphen inserted by hyphenation reads as a soft hyphen (U+00AD). Layout (render) and
    drawing (write_pdf) must both run inside. Wraps draw_first_line, Font.clean,
    Font.get_unused_glyph_id, pdf.fonts._build_vector_font_dictionary and
    layout.inline.split_text_box, process-wide while active (nested uses keep the outer
    patches).
    """
    global _depth
    places = ((draw_text, "draw_first_line", _draw_first_line),
              (Font, "clean", _clean),
              (Font, "get_unused_glyph_id", _get_unused_glyph_id),
              (pdf_fonts, "_build_vector_font_dictionary", _build_vector_font_dictionary),
              (layout_inline, "split_text_box", _split_text_box))
    if _depth == 0:
        for owner, name, replacement in places:
            _ORIGINAL[name] = getattr(owner, name)
            setattr(owner, name, replacement)
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
        if _depth == 0:
            for owner, name, _ in places:
                setattr(owner, name, _ORIGINAL.pop(name))


def _split_text_box(context: Any, box: Any, available_width: Any, skip: int,
                    is_line_start: bool = True) -> tuple:
    """split_text_box, marking the lines whose last character hyphenation added."""
    new_box, resume, line_break = _ORIGINAL["split_text_box"](
        context, box, available_width, skip, is_line_start)
    if new_box is not None:
        hyphen = box.style["hyphenate_character"]
        hyphenated = bool(hyphen) and new_box.text.endswith(hyphen) and \
            not box.text.encode()[skip or 0:].startswith(new_box.text.encode())
        # Box.copy carries the attribute to copies: a hyphenated box split again.
        if hyphenated or getattr(new_box, _HYPHENATED, False):
            setattr(new_box, _HYPHENATED, hyphenated)
    return new_box, resume, line_break


def _draw_first_line(stream: Any, textbox: Any, text_overflow: str, block_ellipsis: Any,
                     matrix: Any) -> list:
    """WeasyPrint's draw_first_line, then the text layer's corrections to what it drew."""
    # Keep the line draw_first_line gets from the layout: asking Pango again costs as much.
    layout, lines = textbox.pango_layout, []
    get_first_line = layout.get_first_line
    layout.get_first_line = lambda: lines.append(get_first_line()) or lines[-1]
    start = len(stream.stream)
    try:
        emojis = _ORIGINAL["draw_first_line"](
            stream, textbox, text_overflow, block_ellipsis, matrix)
    finally:
        del layout.get_first_line
    if len(stream.stream) > start and lines:
        _correct_line(stream, textbox, lines[-1][0], start)
    return emojis


def _clean(self: Font, to_unicode: dict, hinting: bool) -> None:
    """Font.clean, given glyph ids only: the subsetter takes to_unicode's keys for them."""
    state = _STATES.get(self)
    if state and state.targets and to_unicode:  # Empty: the font is embedded whole.
        # The blank glyphs only aliases draw are kept in the subset too.
        to_unicode = {**dict.fromkeys(state.targets.values(), ""), **{
            code: text for code, text in to_unicode.items() if code not in state.targets}}
    _ORIGINAL["clean"](self, to_unicode, hinting)
    if state and state.widths and to_unicode:
        _copy_glyphs(self, state)


def _copy_glyphs(font: Font, state: _FontState) -> None:
    """Give each alias drawn with a width of its own a copy of its glyph with that
    advance in the subset font program, so that /W and the font agree.

    Relies on Font.clean leaving in Font.file_content the TrueType program it embeds.
    """
    state.copies = {}
    if font.type == "otf" or font.file_content[:4] == b"ttcf":
        return
    own = sorted({(state.targets[alias], width) for alias, width in state.widths.items()
                  if state.targets[alias] < font.glyph_count
                  and abs(width - font.widths.get(state.targets[alias], width)) >= 0.5})
    if not own:
        return
    font.file_content, gids = textlayer.with_glyph_copies(font.file_content, own)
    copy_of = dict(zip(own, gids, strict=True))
    state.copies = {alias: copy_of[state.targets[alias], width]
                    for alias, width in state.widths.items()
                    if (state.targets[alias], width) in copy_of}


def _get_unused_glyph_id(self: Font, codepoint: int) -> int:
    """Font.get_unused_glyph_id, skipping the codes aliases took."""
    state = _STATES.get(self)
    code = None
    if state and state.targets and codepoint not in self.missing:
        code = _free_code(self, state)
    if code is None:  # No alias yet, or no code left (WeasyPrint then warns, uses 0xFFFF).
        return _ORIGINAL["get_unused_glyph_id"](self, codepoint)
    self.missing[codepoint] = code
    return code


def _state(font: Font) -> _FontState:
    """What the text layer decided for font so far."""
    state = _STATES.get(font)
    if state is None:
        state = _STATES[font] = _FontState()
    return state


def _correct_line(stream: Any, textbox: Any, first_line: Any, start: int) -> None:
    """Give the glyphs WeasyPrint just drew right codes, widths and /ActualText spans."""
    text = textbox.pango_layout.text
    utf8_text = text.encode()
    hyphen_at = _hyphen_offset(textbox, text, utf8_text)
    runs = _runs(stream, first_line)
    simple = [_spells_itself(glyph_item, font, utf8_text) for glyph_item, font in runs]
    if all(simple) and (hyphen_at is None or _soft_hyphen(stream, runs[-1], hyphen_at, start)):
        return  # Most lines: WeasyPrint's operators and map entries are already right.
    line = Line()
    for (glyph_item, font), plain in zip(runs, simple, strict=True):
        _analyse_run(glyph_item, font, utf8_text, line, not plain, hyphen_at)
    try:
        operators = textlayer.parse(stream.stream[start:], line.glyphs)
    except Mismatch:
        LOGGER.warning("text layer: left the text of %r as WeasyPrint drew it: its "
                       "operators do not match Pango's glyphs", text[:40])
        return
    codes = _resolve_all(line, textlayer.gaps(operators, line.glyphs))
    if line.span_starts or codes.folded or codes.blanks or any(
            code != glyph.code for code, glyph in zip(codes.glyphs, line.glyphs, strict=True)):
        stream.stream[start:] = textlayer.write(operators, codes, line)


def _hyphen_offset(textbox: Any, text: str, utf8_text: bytes) -> int | None:
    """Where the hyphen hyphenation added to the line starts (UTF-8 offset), if any."""
    if not getattr(textbox, _HYPHENATED, False):
        return None
    hyphen = textbox.style["hyphenate_character"]
    if len(hyphen) != 1 or not text.endswith(hyphen):
        return None
    return len(utf8_text) - len(hyphen.encode())


def _soft_hyphen(stream: Any, run: tuple[Any, Font], hyphen_at: int, start: int) -> bool:
    """Draw the hyphen ending a simple left-to-right line with a code read as U+00AD;
    whether it was done (else the line takes the general way)."""
    glyph_item, font = run
    glyphs, item = glyph_item.glyphs, glyph_item.item
    last = glyphs.num_glyphs - 1
    if item.analysis.level % 2 or last < 0 or \
            glyphs.log_clusters[last] != hyphen_at - item.offset:
        return False
    glyph = Glyph(font, glyphs.glyphs[last].glyph, textlayer.SOFT_HYPHEN,
                  2 if font.bitmap else 4)
    code = _resolve(glyph, _state(font))
    if code == glyph.code:
        return True
    return textlayer.recode_last_glyph(stream.stream, start, glyph, code)


def _runs(stream: Any, first_line: Any) -> list[tuple[Any, Font]]:
    """The Pango runs of the line as drawn, each with its Font."""
    runs = []
    run = first_line.runs
    while run != ffi.NULL:
        glyph_item = run.data
        runs.append((glyph_item, stream.add_font(glyph_item.item.analysis.font)[0]))
        run = run.next
    if _drawn is not None:
        for glyph_item, font in runs:
            ids = _glyph_ids(glyph_item.glyphs, glyph_item.glyphs.num_glyphs)
            # A missing glyph is drawn as an unused id, its width kept for glyph 0 too.
            _drawn.setdefault(font, set()).update(
                ids, [0] if any(code & _UNKNOWN_GLYPH_FLAG for code in ids) else [])
    return runs


def _spells_itself(glyph_item: Any, font: Font, utf8_text: bytes) -> bool:
    """Whether each glyph of the run is a cluster of its own, mapped to its text."""
    # The fast path for most text: such glyphs need no /ActualText, and their map entries
    # (taken over here when new) need no alias unless already mapped to another text.
    item, glyphs = glyph_item.item, glyph_item.glyphs
    count = glyphs.num_glyphs
    if count == 1:  # A word of a table cell, a space between two inline elements…
        text = utf8_text[item.offset:item.offset + item.length].decode()
        code = glyphs.glyphs[0].glyph
        if len(text) != 1 or code >= _EMPTY_GLYPH or textlayer.joins(text):
            return False
        return font.bitmap or font.type == "otf" or _mapped(font, [code], [text])
    clusters = ffi.unpack(glyphs.log_clusters, count)
    codes = _glyph_ids(glyphs, count)
    if len(set(clusters)) != count or (codes and max(codes) >= _EMPTY_GLYPH):
        return False  # Shared clusters, empty or missing glyphs: see _analyse_run.
    rtl = item.analysis.level % 2
    run_bytes = utf8_text[item.offset:item.offset + item.length]
    text = run_bytes.decode()
    if clusters != sorted(clusters, reverse=bool(rtl)):
        return False  # Reordered glyphs: see _analyse_run.
    if len(text) == count:
        texts = list(text[::-1] if rtl else text)
    elif not rtl and clusters[0] == 0:  # Ligatures: a glyph for several characters.
        texts = [run_bytes[start:end].decode()
                 for start, end in zip(clusters, [*clusters[1:], len(run_bytes)], strict=True)]
    else:
        return False  # Right to left, a glyph for several characters: see _analyse_run.
    if not rtl and not text.isascii() and any(map(textlayer.joins, set(text) - _ASCII)):
        return False  # A grapheme of several clusters may need /ActualText.
    if rtl and 0 in _glyph_geometry(glyphs, count, 0):
        return False  # Marks, whose text goes to the letter they stand on.
    if font.bitmap or font.type == "otf":
        return True  # No aliases in these fonts (see _resolve).
    return _mapped(font, codes, texts)


def _glyph_ids(glyphs: Any, count: int) -> list[int]:
    """The glyph ids of a PangoGlyphString, read at once from its PangoGlyphInfo array."""
    if not count:
        return []
    return memoryview(ffi.buffer(glyphs.glyphs, count * _GLYPH_INFO)).cast("I")[
        ::_GLYPH_INFO // 4].tolist()


def _glyph_geometry(glyphs: Any, count: int, field: int) -> list[int]:
    """A field of each glyph's PangoGlyphGeometry (0: width, 1: x_offset, 2: y_offset),
    read at once from the PangoGlyphInfo array, where the geometry follows the id."""
    if not count:
        return []
    return memoryview(ffi.buffer(glyphs.glyphs, count * _GLYPH_INFO)).cast("i")[
        1 + field::_GLYPH_INFO // 4].tolist()


def _mapped(font: Font, codes: list[int], texts: list[str]) -> bool:
    """Whether each code maps to its text, taking over entries new to the text layer."""
    state = _state(font)
    new = set(codes) - state.owned
    if new:
        state.owned |= new
        for code, text in zip(codes, texts, strict=True):
            if code in new:
                font.to_unicode[code] = text
                new.discard(code)
    return list(map(font.to_unicode.get, codes)) == texts


def _analyse_run(glyph_item: Any, font: Font, utf8_text: bytes, line: Line, joins: bool,
                 hyphen_at: int | None) -> None:
    """Add a Pango run's drawn glyphs, and the spans its graphemes need, to line."""
    item, glyphs = glyph_item.item, glyph_item.glyphs
    rtl = bool(item.analysis.level % 2)  # As draw_first_line reads the direction.
    ids = _glyph_ids(glyphs, glyphs.num_glyphs)
    clusters = _clusters(ids, ffi.unpack(glyphs.log_clusters, len(ids)),
                         utf8_text[item.offset:item.offset + item.length])
    if hyphen_at is not None and clusters and clusters[-1].start == hyphen_at - item.offset:
        clusters[-1].text = textlayer.SOFT_HYPHEN
    shares: dict[int, str] = {}
    for cluster in clusters:
        if len(cluster.indices) == 1:
            shares[cluster.indices[0]] = cluster.text
        else:
            shares.update(textlayer.shares(cluster, rtl))
    drawn = sorted(shares)
    marks = righttoleft.carry_marks(
        drawn, shares, _glyph_geometry(glyphs, len(ids), 0),
        lambda index, text: _can_split(font, ids[index], text)) if rtl else []
    positions = {index: len(line.glyphs) + rank for rank, index in enumerate(drawn)}
    digits = 2 if font.bitmap else 4
    for index in drawn:
        joined = joins and index + 1 in shares and not (
            shares[index].isspace() or shares[index + 1].isspace())
        line.glyphs.append(Glyph(font, _drawn_code(font, ids[index]), shares[index], digits,
                                 joined, rtl))
    textlayer.add_spans(line, textlayer.graphemes(clusters), positions, rtl)
    if marks:  # Spans open after a glyph of the run drawn where it stands, on the line.
        moves = zip(*(_glyph_geometry(glyphs, len(ids), field) for field in (1, 2)), strict=True)
        placed = {positions[index] for index, move in enumerate(moves)
                  if move == (0, 0) and index in positions}
        righttoleft.add_mark_spans(line, [positions[index] for index in marks], placed)


def _can_split(font: Font, glyph: int, text: str) -> bool:
    """Whether a right-to-left glyph can be drawn for text in pieces (see _split)."""
    if font.bitmap or font.type == "otf":
        return False
    width = font.widths.get(_drawn_code(font, glyph), 0)
    return righttoleft.piece_widths(width, len(text)) is not None and \
        _blank(font, _state(font)) is not None


def _clusters(ids: list[int], log_clusters: list[int], run_bytes: bytes) -> list[Cluster]:
    """The run's clusters in logical order, each with its text and drawn glyphs."""
    indices: dict[int, list[int]] = {}
    for i, cluster in enumerate(log_clusters):
        indices.setdefault(cluster, []).append(i)
    starts = sorted(indices)
    ends = starts[1:] + [len(run_bytes)]
    return [Cluster(run_bytes[start:end].decode(),
                    [i for i in indices[start] if ids[i] != _EMPTY_GLYPH], start)
            for start, end in zip(starts, ends, strict=True)]


def _drawn_code(font: Font, glyph: int) -> int:
    """The code draw_first_line writes for a Pango glyph (missing glyphs get a free id)."""
    if glyph & _UNKNOWN_GLYPH_FLAG:
        return font.missing[glyph - _UNKNOWN_GLYPH_FLAG]
    return glyph


def _resolve_all(line: Line, gaps: dict[int, float]) -> textlayer.Codes:
    """What to draw for each glyph of the line: its code, blanks after it, the blank
    opening a span; and the positions whose following move went in a width."""
    codes, states = textlayer.Codes([]), {}
    for position, glyph in enumerate(line.glyphs):
        state = states.get(id(glyph.font))
        if state is None:
            state = states[id(glyph.font)] = _state(glyph.font)
        gap = gaps.get(position)
        if position + 1 in line.openers:
            # A move after the glyph (the mark's offset) goes into the opening blank,
            # whose width poppler does not see: in the glyph's, the next letter would
            # start too close to it.
            opener = _opener(glyph.font, state, -(gap or 0))
            if opener is not None:
                codes.openers[position + 1] = opener
                codes.folded.update([position] if gap is not None else [])
                gap = None
        split = _split(glyph, state, gap or 0) if glyph.rtl else None
        if split is not None:
            codes.glyphs.append(split[0])
            codes.blanks[position] = split[1:]
            codes.folded.update([position] if gap is not None else [])
            continue
        width = glyph.font.widths.get(glyph.code) if gap is not None else None
        if width is not None:
            code = _resolve(glyph, state, width - gap)
            if code != glyph.code:
                codes.folded.add(position)
        else:
            code = _resolve(glyph, state)
        codes.glyphs.append(code)
    return codes


def _opener(font: Font, state: _FontState, width: float) -> int | None:
    """A blank glyph of that width mapped to no text, opening a span; None if none."""
    if _blank(font, state) is None:
        return None
    code = _alias(font, state, (state.blank, "", width))
    return None if code == state.blank else code  # Else no code is left.


def _split(glyph: Glyph, state: _FontState, gap: float) -> list[int] | None:
    """The codes of a right-to-left glyph standing for several characters and of the
    blank glyphs drawn after it, one character each (see righttoleft.pieces), if it can be
    split: the font takes aliases and has a blank glyph, the pieces are wide enough."""
    texts = righttoleft.pieces(glyph)
    font = glyph.font
    width = font.widths.get(glyph.code)
    if len(texts) < 2 or width is None or font.bitmap or font.type == "otf":
        return None
    widths = righttoleft.piece_widths(width - gap, len(texts))
    if widths is None or _blank(font, state) is None:
        return None
    codes = [_alias(font, state, (code, text, width)) for code, text, width
             in zip([glyph.code] + [state.blank] * (len(texts) - 1), texts, widths, strict=True)]
    return None if glyph.code in codes or state.blank in codes else codes


def _blank(font: Font, state: _FontState) -> int | None:
    """The font's glyph that draws nothing, looked for once; None if it has none.

    Relies on Font.file_content and Font.index, the font's data before subsetting.
    """
    if state.blank == -1:
        state.blank = righttoleft.blank_glyph(font.file_content, font.index)
    return state.blank


def _resolve(glyph: Glyph, state: _FontState, width: float | None = None) -> int:
    """A code drawing glyph.code mapped to glyph.text (with width): itself or an alias."""
    font = glyph.font
    if font.bitmap or font.type == "otf":
        # Type 3 fonts have one-byte codes, and a CIDToGIDMap is for TrueType outlines
        # only: these keep WeasyPrint's map, /ActualText spans still give their text.
        return glyph.code
    if glyph.code not in state.owned:
        # draw_first_line just mapped this glyph to its own guess: this share replaces it.
        state.owned.add(glyph.code)
        font.to_unicode[glyph.code] = glyph.text
    if width is None and font.to_unicode.get(glyph.code) == glyph.text:
        return glyph.code
    return _alias(font, state, (glyph.code, glyph.text, width))


def _alias(font: Font, state: _FontState, key: tuple[int, str, float | None]) -> int:
    """A code drawing the same glyph as key's code, mapped to its text, with its width."""
    if key not in state.aliases:
        alias = _free_code(font, state)
        if alias is None:
            return key[0]  # No code left: /ActualText, if any, still carries the text.
        code, text, width = key
        state.aliases[key], state.targets[alias] = alias, code
        if width is not None:
            state.widths[alias] = width
        state.owned.add(alias)
        font.to_unicode[alias] = text
    return state.aliases[key]


def _free_code(font: Font, state: _FontState) -> int | None:
    """The next code after the glyphs, missing-glyph ids and aliases, if one is left."""
    code = font.glyph_count + len(font.missing) + len(state.targets)
    return code if code < 0xFFFF and code not in font.to_unicode else None


def _build_vector_font_dictionary(font_dictionary: Any, pdf: Any, font: Font, widths: dict,
                                  compress: bool, reference: Any, pdf_version: Any) -> None:
    """WeasyPrint's font dictionaries, with a CIDToGIDMap drawing aliases as their glyph."""
    original = _ORIGINAL["_build_vector_font_dictionary"]
    state = _STATES.get(font)
    if not state or not state.targets:
        original(font_dictionary, pdf, font, widths, compress, reference, pdf_version)
        return
    alias_widths = {alias: state.widths.get(alias, widths.get(code, 0))
                    for alias, code in state.targets.items()}
    recorder = _AddedObjects(pdf)
    # Identity-H codes are CIDs: the widths (and CIDSet) need the alias CIDs too, and
    # WeasyPrint's own /Encoding for missing glyphs is replaced by the CIDToGIDMap.
    saved = font.widths, font.missing
    font.widths, font.missing = {**font.widths, **alias_widths}, {}
    try:
        original(font_dictionary, recorder, font, {**widths, **alias_widths}, compress,
                 reference, pdf_version)
    finally:
        font.widths, font.missing = saved
    cid_font, = (added for added in recorder.added if "CIDToGIDMap" in added)
    data = textlayer.cid_to_gid_map(font.glyph_count, list(font.missing.values()),
                                     state.targets, state.copies)
    if compress:
        data, parameters = textlayer.flate_with_predictor(data, 2)
        cid_to_gid = pydyf.Stream([data], pydyf.Dictionary({
            "Filter": "/FlateDecode", "DecodeParms": pydyf.Dictionary(parameters)}))
    else:
        cid_to_gid = pydyf.Stream([data])
    pdf.add_object(cid_to_gid)
    cid_font["CIDToGIDMap"] = cid_to_gid.reference
    if widths is not font.widths:
        # Fonts embedded whole (full_fonts, forms) get a map made from the font's cmap.
        cmap = _object(pdf, font_dictionary["ToUnicode"])
        cmap.stream = textlayer.with_entries(
            cmap.stream, {code: font.to_unicode[code] for code in state.owned})


class _AddedObjects:
    """The PDF, recording the objects added to it."""

    def __init__(self, pdf: Any) -> None:
        """Wrap pdf."""
        self.pdf, self.added = pdf, []

    def add_object(self, pdf_object: Any) -> None:
        """Add the object to the PDF and remember it."""
        self.added.append(pdf_object)
        self.pdf.add_object(pdf_object)


# Painting pages again.

# A font's state: its attributes (containers copied) and the text layer's state for it.
_Snapshot = tuple[dict, "dict | None"]


def _copied(attributes: dict) -> dict:
    return {name: copy.copy(value) if isinstance(value, (dict, list, set)) else value
            for name, value in attributes.items()}


def _snapshot(font: Font) -> _Snapshot:
    state = _STATES.get(font)
    return _copied(vars(font)), None if state is None else _copied(vars(state))


def _comparable(snapshot: _Snapshot) -> tuple:
    """What painting may change in a font (not its data or C pointers, set when made)."""
    attributes, state = snapshot
    return {name: value for name, value in attributes.items()
            if isinstance(value, (dict, list, set, bool, int, float, str, type(None)))}, state


def _extra(now: dict[str, _Snapshot], then: dict[str, _Snapshot]) -> dict | None:
    """What the fonts map now besides what they mapped then, if that is all that differs:
    by font key, the glyphs first drawn this time, or None for a font new this time.
    None if they differ otherwise."""
    if then.keys() - now.keys():
        return None
    extra: dict[str, set[int] | None] = {}
    for key, snapshot in now.items():
        glyphs = _extra_glyphs(snapshot, then[key]) if key in then else None
        if key in then and glyphs is None:
            return None
        if glyphs is None or glyphs:
            extra[key] = glyphs
    return extra


def _extra_glyphs(now: _Snapshot, then: _Snapshot) -> set[int] | None:
    """The glyphs a font maps now and did not then, if nothing else differs; else None."""
    (attributes, state), (old_attributes, old_state) = _comparable(now), _comparable(then)
    glyphs: set[int] = set()
    for name in ("widths", "to_unicode"):
        new, old = attributes.pop(name), old_attributes.pop(name)
        if any(key not in new or new[key] != value for key, value in old.items()):
            return None
        glyphs |= new.keys() - old.keys()
    if state is not None and old_state is not None:
        state, old_state = dict(state), dict(old_state)
        owned, old_owned = state.pop("owned"), old_state.pop("owned")
        if not old_owned <= owned:
            return None
        glyphs |= owned - old_owned
    return glyphs if attributes == old_attributes and state == old_state else None


def _untouched(extra: dict | None, drawn: dict[str, set[int]]) -> bool:
    """Whether a page that drew these glyphs would be painted the same without extra."""
    return extra is not None and all(
        key not in extra or (extra[key] is not None and not extra[key] & glyphs)
        for key, glyphs in drawn.items())


def _changes(before: dict, after: dict) -> dict | None:
    """What turns the attributes before into those after: for a dict its entries set, in
    the order set; for a set its new members; for any other value the new value. None if
    painting did what this cannot replay (removed an entry, changed a list)."""
    changes = {}
    for name, value in after.items():
        old = before.get(name)
        if isinstance(value, dict) and isinstance(old, dict):
            if old.keys() - value.keys():
                return None
            changes[name] = [(key, item) for key, item in value.items()
                             if key not in old or old[key] != item]
        elif isinstance(value, set) and isinstance(old, set):
            if not old <= value:
                return None
            changes[name] = value - old
        elif isinstance(value, list) and value != old:
            return None
        elif name not in before or old is not value and old != value:
            changes[name] = value
    return None if before.keys() - after.keys() else changes


def _apply(attributes: dict, changes: dict) -> None:
    for name, change in changes.items():
        value = attributes.get(name)
        if isinstance(value, dict):
            value.update(change)
        elif isinstance(value, set):
            value |= change
        else:
            attributes[name] = copy.copy(change)


@dataclass
class _FontChange:
    """What painting a page did to one font of the document."""

    key: str
    made: _Snapshot | None  # the font as the page left it, if painting the page made it
    attributes: dict  # else the changes to its attributes (see _changes)
    state: dict | None  # and to the text layer's state for it (all of it, if new)
    new_state: bool


@dataclass
class PaintedPage:
    """A page as one write painted it: what painting it added and did to the fonts."""

    page: Any  # weasyprint.document.Page
    before: list  # the stream's operators before painting (the page's transform)
    operators: list  # what painting added to them
    tags: list[tuple[Any, dict]]  # the boxes painting marked, with their MCIDs
    states: list[tuple[str, Any]]  # the transparency states painting added
    fonts: list[_FontChange]
    after: dict[str, _Snapshot]  # every font of the document after the page, in order
    drawn: dict[str, set[int]]  # the glyphs it drew, by font key
    reusable: bool  # False if painting added images, groups, patterns or shadings


@dataclass
class Painted:
    """The pages the latest write painted, for the next write of the same kind."""

    kind: tuple = ()  # the options written with
    pages: list[PaintedPage] = field(default_factory=list)
    reused: int = 0  # pages the latest write did not paint again


@contextmanager
def painting_again(painted: Painted, kind: tuple) -> Iterator[None]:
    """While active, a page is painted only if it or what was painted before it changed.

    Painting a page depends on its boxes and on the fonts as the pages before painted
    them: WeasyPrint and the text layer map each glyph first come, first served, and
    decide by what a font's maps hold, never by their order. A page is taken from
    `painted` (the latest write of this kind) when it is the same Page object, its
    stream begins the same and the fonts map as they did before it last time, but for
    glyphs (or fonts) it does not draw: its operators, marked boxes and transparency
    states are added again, and what it did to the fonts is done again, in the same
    order. Otherwise it is painted, and recorded for the next write. Pages with images,
    groups, patterns or shadings are always painted. Relies on Page.paint and on what
    painting changes (see RELIED_ON).
    """
    earlier = painted.pages if painted.kind == kind else []
    now: list[PaintedPage] = []
    original = weasyprint_document.Page.paint
    # What the fonts map besides what they mapped before the same page last time.
    extra: list[dict | None] = [None]
    painted.reused = 0

    def paint(page: Page, stream: Any, scale: float = 1) -> None:
        index = len(now)
        old = earlier[index] if index < len(earlier) else None
        if index == 0:
            extra[0] = None if stream._fonts else {}
        if old is not None and old.reusable and old.page is page and \
                old.before == stream.stream and _untouched(extra[0], old.drawn):
            _paint_as(old, stream)
            painted.reused += 1
            now.append(old)
            return
        record = _painted(page, stream, lambda: original(page, stream, scale))
        now.append(record)
        extra[0] = _extra(record.after, old.after) if old is not None else None

    weasyprint_document.Page.paint = paint
    try:
        yield
    finally:
        weasyprint_document.Page.paint = original
        painted.kind, painted.pages = kind, now


def _paint_as(old: PaintedPage, stream: Any) -> None:
    """Add to the stream and the document what painting the page added last time."""
    stream.stream.extend(old.operators)
    if stream._tags is not None:
        stream._tags.update((box, dict(value)) for box, value in old.tags)
    for key, value in old.states:
        stream._resources["ExtGState"].setdefault(key, value)
    for change in old.fonts:
        if change.made is not None:
            font = stream._fonts[change.key] = object.__new__(Font)
            font.__dict__.update(_copied(change.made[0]))
            if change.made[1] is not None:
                _STATES[font] = _FontState(**_copied(change.made[1]))
            continue
        font = stream._fonts[change.key]
        _apply(font.__dict__, change.attributes)
        if change.new_state:
            _STATES[font] = _FontState(**_copied(change.state))
        elif change.state:
            _apply(_STATES[font].__dict__, change.state)


def _painted(page: Page, stream: Any, paint: Callable[[], None]) -> PaintedPage:
    """Paint the page, recording what painting it added and did to the fonts."""
    global _drawn
    resources = stream._resources
    before = list(stream.stream)
    tags = set(stream._tags or ())
    states = set(resources["ExtGState"])
    counts = _drawn_objects(stream)
    fonts = {key: _snapshot(font) for key, font in stream._fonts.items()}
    _drawn = {}
    try:
        paint()
        drawn = _drawn
    finally:
        _drawn = None
    keys = {id(font): key for key, font in stream._fonts.items()}
    operators = stream.stream[len(before):]
    added_states = [(key, value) for key, value in resources["ExtGState"].items()
                    if key not in states]
    after = {key: _snapshot(font) for key, font in stream._fonts.items()}
    changes = [_font_change(key, fonts.get(key), snapshot) for key, snapshot in after.items()]
    reusable = _drawn_objects(stream) == counts and None not in changes and all(
        key[:1] in ("a", "A") for key, _ in added_states) and not any(
        isinstance(operator, bytes) and operator.endswith(b" Do") for operator in operators)
    return PaintedPage(page, before, operators,
                       [(box, dict(value)) for box, value in (stream._tags or {}).items()
                        if box not in tags],
                       added_states, [change for change in changes if change], after,
                       {keys[id(font)]: glyphs for font, glyphs in drawn.items()}, reusable)


def _font_change(key: str, before: _Snapshot | None, after: _Snapshot) -> _FontChange | None:
    """What painting did to a font, or None if it cannot be done again."""
    if before is None:
        return _FontChange(key, after, {}, None, False)
    attributes = _changes(before[0], after[0])
    if before[1] is None:
        state, new_state = after[1], after[1] is not None
    else:
        state, new_state = _changes(before[1], after[1]), False
    if attributes is None or (before[1] is not None and state is None):
        return None
    return _FontChange(key, None, attributes, state, new_state)


def _drawn_objects(stream: Any) -> tuple[int, ...]:
    resources = stream._resources
    return (len(resources["XObject"]), len(resources["Pattern"]), len(resources["Shading"]),
            len(stream._images))


# Writing.

@contextmanager
def compressing_once(kept: dict[tuple[int, bytes], bytes]) -> Iterator[None]:
    """While active, each distinct stream pydyf writes is compressed once, and a stream
    compressed by the previous write given the same `kept` is not compressed again.

    WeasyPrint's pydyf compresses every stream twice when the PDF has an identifier (once
    to write it, once to hash it), and a rebuild writes mostly the streams of the build
    before. Compressing is a pure function of the data and level, so the bytes written
    are the same. `kept` maps (level, data) to compressed data; on leaving it holds only
    this write's streams. Relies on pydyf.Stream.data using the zlib module pydyf
    imported (see RELIED_ON).
    """
    compression = _Compression(kept)
    original = pydyf.zlib
    pydyf.zlib = compression
    try:
        yield
    finally:
        pydyf.zlib = original
        kept.clear()
        kept.update(compression.now)


@contextmanager
def serializing_once() -> Iterator[None]:
    """While active, pydyf serializes each object of a PDF once per write.

    With an identifier, pydyf.PDF.write serializes every object twice: to write it, and
    again to hash them all for the second /ID string. The write changes none of the
    objects it serializes, so the bytes are the same. Only the PDF's own (numbered)
    objects are kept, each until it is asked for the second time; the objects inside
    them are serialized with them. Relies on PDF.write looked up on the class, and on pydyf's
    objects serializing through the `data` property of their class, nested objects
    included (see RELIED_ON).
    """
    original = pydyf.PDF.write

    def write(pdf: pydyf.PDF, *arguments: Any, **options: Any) -> None:
        done: dict[int, bytes] = {}  # by id: the objects stay in pdf.objects meanwhile
        properties = {kind: kind.data for kind in _SERIALIZED}
        for kind, serialize in properties.items():
            kind.data = property(_serialized_once(serialize.fget, done))
        try:
            return original(pdf, *arguments, **options)
        finally:
            for kind, serialize in properties.items():
                kind.data = serialize

    pydyf.PDF.write = write
    try:
        yield
    finally:
        pydyf.PDF.write = original


_SERIALIZED = (pydyf.Dictionary, pydyf.Stream, pydyf.Array, pydyf.String)


def _serialized_once(serialize: Callable[[Any], bytes],
                     done: dict[int, bytes]) -> Callable[[Any], bytes]:
    def data(self: Any) -> bytes:
        if self.number is None:  # inside another object, or a temporary
            return serialize(self)
        # Kept until asked for again, the second and last time: no more memory than
        # the hashing pass takes anyway, holding every object's bytes at once.
        kept = done.pop(id(self), None)
        if kept is None:
            kept = done[id(self)] = serialize(self)
        return kept

    return data


class _Compression:
    """Stands for the zlib module in pydyf, remembering what it compressed."""

    def __init__(self, earlier: dict[tuple[int, bytes], bytes]) -> None:
        self.earlier, self.now = earlier, {}

    def compressobj(self, level: int = -1) -> _Compressor:  # noqa: D102 - zlib's
        return _Compressor(self, level)

    def compressed(self, level: int, data: bytes) -> bytes:
        """data compressed at level, compressed only if it was not before."""
        key = (level, data)
        done = self.now.get(key) or self.earlier.get(key)
        if done is None:
            compressor = zlib.compressobj(level=level)
            done = compressor.compress(data) + compressor.flush()
        self.now[key] = done
        return done

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


class _Compressor:
    """A zlib compressor giving all its output on flush()."""

    def __init__(self, compression: _Compression, level: int) -> None:
        self.compression, self.level, self.parts = compression, level, []

    def compress(self, data: bytes) -> bytes:  # noqa: D102 - zlib's
        self.parts.append(data)
        return b""

    def flush(self) -> bytes:  # noqa: D102 - zlib's
        return self.compression.compressed(self.level, b"".join(self.parts))


# pypdf.

def add_object(writer: PdfWriter, pdf_object: PdfObject) -> IndirectObject:
    """Add an object to a PDF being written, returning its reference.

    Relies on PdfWriter._add_object: pypdf has no public name for it.
    """
    return writer._add_object(pdf_object)


def split_around_last_object(written: bytes, last: bytes) -> tuple[bytes, bytes]:
    """The bytes of a PDF pypdf wrote before and after its last object, `last`.

    Relies on pypdf writing objects in the order they were added, then a classic
    cross-reference table right after the last object; checked here, not trusted.
    Returns (everything before the object, the xref table and trailer up to startxref).
    """
    start = written.rfind(last)
    end = start + len(last)
    trailer = written.rfind(b"startxref\n")
    if start < 0 or not written.startswith(b"xref\n", end) or int(
            written[trailer + 10:].split()[0]) != end:
        raise ValueError("pypdf wrote the PDF in an unexpected layout")
    return written[:start], written[end:trailer]
