"""The parts the briefing is laid out in: where its templates say a new page begins.

An element with the attribute data-part begins a part, which runs to the next such
element in document order (the elements before the first make the first part). Each part
is laid out as a document of its own (render/layout.py), so its tree holds what it
prints and, around it, copies of the elements that also hold other parts (html, body,
main…): its containers. A template without data-part gives a briefing of one part.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, tostring

MARK = "data-part"
_MARK_IN_HTML = re.compile(rf" {MARK}(?=[\s>])")


@dataclass
class Part:
    """A part of the document: its own tree, and where it stands in the whole."""

    root: Element  # its html element: copies of its containers, the rest the document's own
    containers: list[Element]  # the document's elements holding its beginning, html first
    continued: int  # how many of them hold parts before it too (0 for the first part)
    copies: dict[Element, Element]  # its containers' copies -> the document's elements
    key: str  # a digest of its tree, with the document's head

    @property
    def depth(self) -> int:
        """How many containers hold its beginning, one in the other."""
        return len(self.containers)


def split(root: Element) -> list[Part]:
    """The document's parts, in order."""
    marked = [path for path in _paths(root) if path and _at(root, path).get(MARK) is not None]
    # A mark on an element that begins with another mark's element begins the same part.
    starts = [path for path, after in zip(marked, [*marked[1:], None], strict=True)
              if after is None or after[:len(path)] != path or any(after[len(path):])]
    bounds = [None, *starts, None]
    shared = _head_digest(root)
    parts = [_part(root, start, end, shared)
             for start, end in zip(bounds, bounds[1:], strict=False)]
    seen: dict[str, int] = {}
    for part in parts:  # Two parts alike (no id tells them apart) are still two parts.
        seen[part.key] = seen.get(part.key, 0) + 1
        part.key += f" {seen[part.key]}"
    return parts


def _paths(element: Element, path: tuple[int, ...] = ()) -> list[tuple[int, ...]]:
    """The path (child indices) of every element under element, in document order."""
    found = [path]
    for index, child in enumerate(element):
        found += _paths(child, (*path, index))
    return found


def _at(root: Element, path: tuple[int, ...]) -> Element:
    element = root
    for index in path:
        element = element[index]
    return element


def _part(root: Element, start: tuple[int, ...] | None, end: tuple[int, ...] | None,
          shared: bytes) -> Part:
    copies: dict[Element, Element] = {}
    tree = _extract(root, start, end, copies)
    head = next((child for child in root if child.tag == "head"), None)
    if head is not None and head not in tree:
        tree.insert(0, head)  # Every part has the document's stylesheets and metadata.
    containers = [_at(root, (start or ())[:depth]) for depth in range(len(start or ()))]
    # A container holds earlier parts when the part does not begin it: some index on the
    # way down to the part's first element is not 0.
    continued = max((depth + 1 for depth, index in enumerate(start or ()) if index), default=0)
    digest = hashlib.sha256(shared)
    digest.update(tostring(tree, encoding="utf-8"))
    digest.update(repr(continued).encode())
    return Part(tree, containers or [root], continued, copies, digest.hexdigest())


def _extract(element: Element, start: tuple[int, ...] | None, end: tuple[int, ...] | None,
             copies: dict[Element, Element]) -> Element:
    """The element restricted to what lies from start (included) to end (excluded).

    Paths are relative to element; None is its beginning, or its end. Elements wholly
    inside are the document's own; those the bounds cut are copies.
    """
    if not start and end is None:
        return element
    copy = Element(element.tag, element.attrib)
    copies[copy] = element
    copy.text = element.text if not start else None
    first = start[0] if start else 0
    last = end[0] if end is not None else len(element) - 1
    for index in range(first, last + 1):
        child_start = start[1:] if start and index == first else None
        child_end = end[1:] if end is not None and index == last else None
        if child_end is not None and not any(child_end):
            break  # The next part begins with this child, or with its first descendants.
        child = _extract(element[index], child_start or None, child_end, copies)
        if child is not element[index] and child_end is None:
            child.tail = element[index].tail
        copy.append(child)
    return copy


def _head_digest(root: Element) -> bytes:
    """What every part shares: the head (stylesheets, metadata) and the root's attributes."""
    head = next((child for child in root if child.tag == "head"), None)
    text = tostring(head, encoding="utf-8") if head is not None else b""
    return hashlib.sha256(repr(sorted(root.attrib.items())).encode() + text).digest()


def whole(root: Element) -> Part:
    """The whole document as one part."""
    return Part(root, [], 0, {}, "whole " + hashlib.sha256(tostring(root)).hexdigest())


def unmarked(html: str) -> str:
    """The HTML without the parts' marks: what the document is, however it is laid out."""
    return _MARK_IN_HTML.sub("", html)
