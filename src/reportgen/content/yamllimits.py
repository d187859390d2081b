"""Limits on what reading one YAML file may cost, for reportgen's located YAML loader.

What yamlfile.py uses:

    check_text_size(text, file)           the size limit for parse_yaml(text) callers (a
                                          file is bounded as it is read: files.read_bytes)
    load_limited(loader_class, text, file) the body of yamlfile._load: composes the node
                                          graph with the depth and alias limits, checks the
                                          alias expansion, and only then constructs
    syntax_problem(error, text, file)     a YAML syntax error in an editor's words, an
                                          unclosed quote reported where it opens

Every limit violation raises LimitError, a ContentError whose Problem has the file and
line, so the command line prints it like any other content mistake: no traceback, no
RecursionError, no MemoryError, no crash.

Why each limit, and why here:

* size (5 MB, files.CONTENT_LIMIT): the largest content file of the briefing is 37 KB
  and the 50x synthetic project of the benchmarks writes ~1.5 MB into its largest file.
  At most the limit and one byte are read (files.read_bytes).
* nesting depth (50 collections): the briefing nests at most 6 deep. Deeper documents
  crash LibYAML's composer (a C recursion: a 200 KB file of "[" kills the process with
  SIGSEGV at about 25,000 levels) and raise RecursionError in PyYAML's Python composer
  and in construction (about 500 levels). Enforced before any construction.
* aliases (100): the briefing uses none. An alias costs nothing while the node graph is
  shared, but every consumer that walks the data (plain(), the schema, the model) expands
  it: the nine-level "billion laughs" needs only 72 aliases, under any count limit that
  lets ordinary use through, and expands to 9^9 values. So the real guard is:
* alias expansion (10,000 values): the number of values the aliases add when the document
  is expanded into a tree, computed on the node graph (linear in its size, no expansion),
  together with the expanded depth and a check for self-referencing aliases.
* values (250,000 keys, items, lists and blocks): within 5 MB a file of tiny values
  ("[a,a,a,…]") holds 2.6 million, which take 9 s and 770 MB to compose and 18 s and
  1.25 GB to load. The briefing holds ~2,100 in all; 5 MB of its kind of content ~80,000.

Speed: LibYAML's C composer is kept for every ordinary file. It is only unsafe for deep
nesting and costly for very many values, and cheap bounds computed on the text prove
neither can happen (libyaml_may_compose: fewer than 500 "[" and "{", no line with 250
columns of indentation and indicators, and for texts over 125,000 characters a count of
the separators that pay for values). Texts that fail a bound are composed by PyYAML's
Python composer over LibYAML's events, counting depth, aliases and values as it goes
and stopping at the first one over. After a C composition one iterative walk over the
collections checks the depth; the alias walk runs only if the text has an anchor (&name)
and a '*'. Together about 3% of the load time of the briefing's files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode
from yaml.tokens import ScalarToken, StreamEndToken

from ..errors import ContentError, Position, Problem


@dataclass(frozen=True)
class Limits:
    """What one YAML file may cost to read."""

    max_bytes: int = 5 * 1024 * 1024
    max_depth: int = 50  # lists and blocks of keys inside each other
    max_aliases: int = 100  # *name references
    max_alias_expansion: int = 10_000  # values the aliases add to the expanded document
    max_values: int = 250_000  # keys, items, lists and blocks: what composing costs


DEFAULT_LIMITS = Limits()

# LibYAML's composer recurses in C once per nesting level (~340 bytes of stack each: a
# segfault at ~25,000 levels with an 8 MB stack). Texts that provably nest at most this
# deep may use it; 1,000 levels need ~0.35 MB, safe in any thread.
SAFE_C_DEPTH = 1000
# 250 columns of indentation and "- ", "? ", ": " indicators at the start of a line. ("\n"
# first rather than "^" with MULTILINE: the regex engine then jumps from line to line.)
_DEEP_BLOCK = re.compile(rf"\n[ \t?:-]{{{SAFE_C_DEPTH // 4}}}")
_DEEP_START = re.compile(rf"[ \t?:-]{{{SAFE_C_DEPTH // 4}}}")
# An anchor (&name) as YAML writes it, not an ampersand in a URL or in prose ("R&D", "A & B").
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s,\[\]{}]", re.MULTILINE)

_SIZE_HINT = ("A content file of a briefing is normally well under 1 MB: check that this is "
              "the file you meant to put here (not a pasted log or data export).")
_DEPTH_HINT = ("Lists and blocks of keys this deep are not content an editor writes: check "
               "the indentation and the brackets, or whether the file was generated by a "
               "program.")
_ALIAS_HINT = ("Write the repeated content out where it is needed, or keep the anchors (&name) "
               "and aliases (*name) to a few: reportgen expands every alias when it reads "
               "the file.")


class LimitError(ContentError):
    """A YAML file goes beyond a reading limit. Raised as is: a second, pure-Python parse
    for a better-worded syntax message would only cost time."""


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def _size_problem(file: Path, size: int, line: int, limits: Limits) -> Problem:
    return Problem(Position(file, line),
                   f"the file is {_megabytes(size)}, more than the {_megabytes(limits.max_bytes)}"
                   f" a YAML file may hold; the limit falls on this line", _SIZE_HINT)




def check_text_size(text: str, file: Path, limits: Limits = DEFAULT_LIMITS) -> None:
    """The size limit for text already in memory (counted in characters, a cheap lower
    bound of the UTF-8 size)."""
    if len(text) > limits.max_bytes:
        raise LimitError(_size_problem(file, len(text), text.count("\n", 0, limits.max_bytes) + 1,
                                       limits))


def libyaml_may_compose(text: str, limits: Limits = DEFAULT_LIMITS) -> bool:
    """True if LibYAML's composer can take the text without crashing or going past
    max_values: it cannot nest deeper than SAFE_C_DEPTH, nor hold more values than allowed.

    Depth: flow collections open with '[' or '{' (so at most that many levels); a block
    collection starts at the column of its first key or '-', and every two levels of block
    nesting move at least one column right, so block depth <= 2 * (the widest run of
    indentation and '-', '?', ':' indicators at a line start + 1).
    Values: every value is paid for by a ',', ':', '?', '-', '[' or '{' (two values at most
    per ',', ':' or '?': a key and its value), or is the document itself; and no text has
    more than twice as many values as characters, so short texts need no counting.
    """
    return _text_bounds(text, limits)[0]


def _text_bounds(text: str, limits: Limits) -> tuple[bool, bool]:
    """(LibYAML may compose the text, the text cannot nest deeper than max_depth)."""
    flow = text.count("[") + text.count("{")
    if flow > SAFE_C_DEPTH // 2:
        return False, False
    if 2 * len(text) + 2 > limits.max_values and _values_bound(text) > limits.max_values:
        return False, False
    # Within max_depth if flow + 2 * (widest prefix + 1) <= max_depth: then neither the
    # check for SAFE_C_DEPTH nor the walk over the composed tree is needed (four of the
    # briefing's six files).
    width = (limits.max_depth - flow) // 2  # a prefix this wide may already be too deep
    if (width >= 1 and _prefix(width).search(text) is None
            and _prefix_start(width).match(text) is None):
        return True, True
    if _DEEP_BLOCK.search(text) or _DEEP_START.match(text):
        return False, False
    return True, False


@functools.lru_cache(maxsize=64)
def _prefix(width: int) -> re.Pattern:
    return re.compile(rf"\n[ \t?:-]{{{width}}}")


@functools.lru_cache(maxsize=64)
def _prefix_start(width: int) -> re.Pattern:
    return re.compile(rf"[ \t?:-]{{{width}}}")


def _values_bound(text: str) -> int:
    count = text.count
    return (1 + 2 * (count(",") + count(":") + count("?")) + count("-") + count("[")
            + count("{"))


def may_have_aliases(text: str) -> bool:
    """False if the text surely has no alias: no '*', or no '&' that starts an anchor."""
    return "*" in text and "&" in text and _ANCHOR.search(text) is not None


class _CountingComposer:
    """PyYAML's Python composer, counting depth, aliases and values while it composes.

    Mixed in before a loader class (pure Python or LibYAML) so that these methods win over
    Composer's and CParser's own; the limits stop the recursion at max_depth levels, long
    before Python's recursion limit, and the work at max_values values.
    """

    _limits: Limits
    _depth: int
    _aliases: int
    _values: int
    get_single_node = Composer.get_single_node
    compose_document = Composer.compose_document
    compose_scalar_node = Composer.compose_scalar_node

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            self._aliases += 1
            if self._aliases > self._limits.max_aliases:
                raise LimitError(_alias_count_problem(self.file, self.peek_event().start_mark,
                                                      self._limits))
        else:
            self._values += 1
            if self._values > self._limits.max_values:
                mark = self.peek_event().start_mark
                raise LimitError(Problem(
                    Position(self.file, mark.line + 1, mark.column + 1),
                    f"the file holds more than {self._limits.max_values:,} values (keys, "
                    "items, lists and blocks of keys); this is the first one over the limit",
                    "A content file of a briefing holds a few thousand: check that this is "
                    "the file you meant to put here, or whether a program generated it."))
        return Composer.compose_node(self, parent, index)

    def compose_sequence_node(self, anchor: str | None) -> SequenceNode:
        self._enter()
        try:
            return Composer.compose_sequence_node(self, anchor)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor: str | None) -> MappingNode:
        self._enter()
        try:
            return Composer.compose_mapping_node(self, anchor)
        finally:
            self._depth -= 1

    def _enter(self) -> None:
        self._depth += 1
        if self._depth > self._limits.max_depth:
            mark = self.peek_event().start_mark
            raise LimitError(_depth_problem(Position(self.file, mark.line + 1, mark.column + 1),
                                            self._depth, self._limits))


_COUNTING: dict[type, type] = {}


def counting_class(loader_class: type) -> type:
    """loader_class composing in Python with the limits counted (made once per class)."""
    if loader_class not in _COUNTING:
        _COUNTING[loader_class] = type(f"Counting{loader_class.__name__}",
                                       (_CountingComposer, loader_class), {})
    return _COUNTING[loader_class]


def _uses_libyaml(loader_class: type) -> bool:
    return bool(yaml.__with_libyaml__) and issubclass(loader_class, yaml.cyaml.CParser)


def _position(file: Path, node: Node) -> Position:
    mark = node.start_mark
    return Position(file, mark.line + 1, mark.column + 1)


def _depth_problem(position: Position, depth: int, limits: Limits) -> Problem:
    return Problem(position, f"this is nested {depth} levels deep (lists and blocks of keys "
                             f"inside each other); a YAML file may nest at most "
                             f"{limits.max_depth}", _DEPTH_HINT)


def _alias_count_problem(file: Path, mark: Any, limits: Limits) -> Problem:
    return Problem(Position(file, mark.line + 1, mark.column + 1),
                   f"this is alias number {limits.max_aliases + 1} (*name) in the file; a YAML "
                   f"file may use at most {limits.max_aliases}", _ALIAS_HINT)


def check_node_limits(node: Node, file: Path, limits: Limits = DEFAULT_LIMITS,
                      aliases_possible: bool = True) -> None:
    """Raise LimitError if the composed document is too deep or its aliases too many or too
    large once expanded. Iterative: safe on any graph a composer returns. (The number of
    values is bounded before composing: libyaml_may_compose, _CountingComposer.)"""
    if not aliases_possible:
        _check_tree_depth(node, file, limits)
    else:
        _check_graph(node, file, limits)


def _check_tree_depth(root: Node, file: Path, limits: Limits) -> None:
    """Depth of a tree without aliases, level by level; collections only."""
    level = [root] if type(root.value) is list else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.max_depth:
            first = min(level, key=lambda node: (node.start_mark.line, node.start_mark.column))
            raise LimitError(_depth_problem(_position(file, first), depth, limits))
        below: list[Node] = []
        for node in level:
            if type(node) is MappingNode or isinstance(node, MappingNode):
                for key, value in node.value:
                    if type(key.value) is list:
                        below.append(key)
                    if type(value.value) is list:
                        below.append(value)
            else:
                below += [item for item in node.value if type(item.value) is list]
        level = below


_CAP = 10 ** 15  # sizes are counted up to here: a billion laughs would need huge integers


def _children(node: Node) -> list[Node]:
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, SequenceNode):
        return node.value
    return []


def _check_graph(root: Node, file: Path, limits: Limits) -> None:
    """Aliases, expanded size and expanded depth of a node graph that may share nodes.

    A node reached a second time is an alias. Sizes and heights are computed bottom-up once
    per distinct node (post-order, iterative), so a billion laughs costs as much as its
    written form.
    """
    size: dict[int, int] = {}  # expanded number of values under and including a node
    height: dict[int, int] = {}  # expanded collection depth of a node (a scalar is 0)
    on_path: set[int] = set()
    seen = {id(root)}
    order: list[Node] = []  # post-order, to find where a limit is crossed
    aliases = 0
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if not done and key in size:
            continue  # reached again through an alias before its first visit was done
        if done:
            on_path.discard(key)
            children = _children(node)
            size[key] = min(_CAP, 1 + sum(size[id(child)] for child in children))
            is_collection = isinstance(node, (MappingNode, SequenceNode))
            height[key] = (1 + max((height[id(child)] for child in children), default=0)
                           if is_collection else 0)
            order.append(node)
            continue
        on_path.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            child_key = id(child)
            if child_key in on_path:
                raise LimitError(Problem(
                    _position(file, child),
                    "an alias (*name) inside this block refers back to the block itself, "
                    "which would make it endless", "Remove the alias, or point it at "
                    "another anchor."))
            if child_key in seen:
                aliases += 1
                if aliases > limits.max_aliases:
                    raise LimitError(Problem(
                        _position(file, node),
                        f"this block holds alias number {limits.max_aliases + 1} (*name) of "
                        f"the file; a YAML file may use at most {limits.max_aliases}",
                        _ALIAS_HINT))
                if child_key in size:
                    continue
            seen.add(child_key)
            stack.append((child, False))
    distinct = len(order)
    if size[id(root)] - distinct > limits.max_alias_expansion:
        culprit = next(node for node in order
                       if size[id(node)] > distinct + limits.max_alias_expansion
                       or size[id(node)] >= _CAP)
        shown = size[id(culprit)]
        amount = f"{shown:,}" if shown < _CAP else "an astronomical number of"
        raise LimitError(Problem(
            _position(file, culprit),
            f"through its aliases (*name), this stands for {amount} values; aliases may add "
            f"at most {limits.max_alias_expansion:,} values to a YAML file",
            _ALIAS_HINT + " Aliases of aliases multiply: this is how a short file can stand "
            "for billions of values."))
    if height[id(root)] > limits.max_depth:
        node, depth = root, 1
        while depth <= limits.max_depth:
            node = max(_children(node), key=lambda child: height[id(child)])
            depth += 1
        raise LimitError(_depth_problem(_position(file, node), depth, limits))


def load_limited(loader_class: type, text: str, file: Path, limits: Limits = DEFAULT_LIMITS,
                 character_problem: Any = None) -> Any:
    """The body of yamlfile._load, with the limits: compose, check, then construct.

    `character_problem(error, text, file)` words a yaml.reader.ReaderError (yamlfile's own
    _character_problem); duplicates are collected by the loader's constructors as before.
    """
    use_c, shallow = False, False
    if _uses_libyaml(loader_class) and not issubclass(loader_class, _CountingComposer):
        use_c, shallow = _text_bounds(text, limits)
    actual = loader_class if use_c or issubclass(loader_class, _CountingComposer) \
        else counting_class(loader_class)
    try:
        loader = actual(text)
    except yaml.reader.ReaderError as error:
        raise ContentError(character_problem(error, text, file)) from None
    loader.file = file
    loader.duplicates = []
    loader.anchors = {}
    loader._limits, loader._depth, loader._aliases, loader._values = limits, 0, 0, 0
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        aliases = may_have_aliases(text)
        if aliases or not shallow:
            check_node_limits(node, file, limits, aliases_possible=aliases)
        data = loader.construct_document(node)
    except LimitError:
        if use_c:  # compose again in Python, which names the exact line of an alias
            return load_limited(counting_class(loader_class), text, file, limits,
                                character_problem)
        raise
    except yaml.MarkedYAMLError as error:
        raise ContentError(syntax_problem(error, text, file)) from None
    except yaml.YAMLError as error:
        raise ContentError(Problem(Position(file), f"this is not valid YAML: {error}")) from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ContentError(loader.duplicates)
    return data


# Syntax errors, with an unclosed quote reported where it opens.

YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_SYNTAX_HINT = ("Check the indentation (spaces, not tabs) and put text containing ': ' or "
                "starting with a quote mark, '[', '{' or '*' inside double quotes.")
# A line that reads like the start of a YAML item: a key, a list entry or a comment.
_STRUCTURE = re.compile(r"(?:-(?:[ \t]|$)|#|[^\s#'\"\[\]{},&*!|>%@`][^#\n]*?:(?:[ \t]|$))")
_LINE_START = re.compile(r"[ ]*(?:[-?][ ]+)*")


def syntax_problem(error: yaml.MarkedYAMLError, text: str, file: Path) -> Problem:
    """A YAML syntax error located and worded for an editor; an unclosed quote is reported
    at its opening quote, not where the scanner gave up."""
    unclosed = unclosed_quote(text, error)
    if unclosed is not None:
        (line, column), quote, runs_to = unclosed
        where = f"line {runs_to}" if runs_to else "the end of the file"
        return Problem(
            Position(file, line, column),
            "YAML syntax error: this quoted text is never closed",
            f"Add the closing {quote} at the end of the text. As written, the text runs on to "
            f"{where} and takes in the lines between as part of it.")
    mark = error.problem_mark or error.context_mark
    position = Position(file, mark.line + 1, mark.column + 1) if mark else Position(file)
    what = error.problem or "the YAML cannot be read here"
    if error.context:
        what = f"{error.context}, {what}"
    return Problem(position, f"YAML syntax error: {what}", _SYNTAX_HINT)


def unclosed_quote(text: str, error: yaml.MarkedYAMLError
                   ) -> tuple[tuple[int, int], str, int | None] | None:
    """((line, column) of the opening quote, the quote mark, the line where the scanner
    closed it or None for the end of the file) for the quoted text whose missing closing
    quote caused `error`, or None if the error has another cause.

    An unclosed quote does not always fail where it opens: YAML lets a quoted text run over
    several lines, so the scanner takes everything up to the next quote mark of the file
    (often the opening quote of a later value) and fails further on, or at the end of the
    file where it blames the last quote. So the tokens before the error are scanned again,
    and the first quoted text that runs over a line which reads like a new item (a key, a
    list entry or a comment, indented no deeper than the line the quote opens on) is taken
    for the unclosed one.
    """
    limit = error.problem_mark or error.context_mark
    stop = (limit.line, limit.column) if limit is not None else None
    lines = YAML_LINE_BREAK.split(text)  # as the scanner counts lines: \r is a break too
    candidates: list[tuple[tuple[int, int], str, int | None]] = []
    loader_class = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    scanner = loader_class(text)
    try:
        while True:
            token = scanner.get_token()
            if token is None or isinstance(token, StreamEndToken):
                break
            start, end = token.start_mark, token.end_mark
            if stop is not None and (start.line, start.column) > stop:
                break
            if (isinstance(token, ScalarToken) and token.style in ('"', "'")
                    and end.line > start.line):
                candidates.append(((start.line, start.column), token.style, end.line))
    except yaml.YAMLError as scan_error:
        context = getattr(scan_error, "context", "") or ""
        mark = getattr(scan_error, "context_mark", None)
        if "quoted scalar" in context and mark is not None and "end of stream" in (
                getattr(scan_error, "problem", "") or ""):
            quote = lines[mark.line][mark.column:mark.column + 1] or '"'
            candidates.append(((mark.line, mark.column), quote, None))
    finally:
        scanner.dispose()
    for (line, column), quote, end_line in candidates:
        if _runs_over_structure(lines, line, column, end_line):
            return (line + 1, column + 1), quote, (end_line + 1 if end_line is not None else None)
    # No quoted text swallowed a key: the one running to the end of the file, if any.
    for (line, column), quote, end_line in candidates:
        if end_line is None:
            return (line + 1, column + 1), quote, None
    return None


def _runs_over_structure(lines: list[str], line: int, column: int, end_line: int | None) -> bool:
    """Whether a quoted text opened at (line, column) takes in a line that reads like the
    start of a new key, list entry or comment, indented no deeper than its own line's items."""
    own = _LINE_START.match(lines[line]).end()  # where the key or item of that line starts
    last = len(lines) - 1 if end_line is None else end_line
    for inner in lines[line + 1:last + 1]:
        stripped = inner.lstrip(" ")
        if not stripped:
            continue
        indent = len(inner) - len(stripped)
        if indent <= own and _STRUCTURE.match(stripped):
            return True
    return False
