"""The tagged PDF: alternative text for every figure, checked before the PDF is written;
pagination artifacts and link descriptions, set as WeasyPrint writes it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pydyf

from ..content.folders import TEMPLATES
from ..content.origins import ProjectText
from ..errors import Position, Problem

SVG = "{http://www.w3.org/2000/svg}"


def missing_alternative_text(root_element, root: Path, html_url: str) -> list[Problem]:  # noqa: ANN001
    """A problem for each <img> without alt text and each <svg> without a <title>."""
    text: ProjectText | None = None
    problems = []
    for element in root_element.iter():
        if element.tag == "img" and not (element.get("alt") or "").strip():
            source = element.get("src", "")
            text = text or ProjectText.read(root)
            places = text.references_to(urljoin(html_url, source), html_url) if source else []
            problems.append(Problem(
                places[0] if places else Position(TEMPLATES),
                f"the image {source or '(no src)'} has no alternative text",
                "Give it an alt attribute saying what it shows, for readers who cannot see "
                "it (screen readers read it from the PDF's tags)."))
        elif element.tag == f"{SVG}svg" and not _svg_title(element):
            name = element.get("id")
            text = text or ProjectText.read(root)
            place = text.occurrence_of(f'id="{name}"', 0) if name else None
            problems.append(Problem(place or Position(TEMPLATES),
                                    f"an SVG figure{_svg_name(element)} has no <title>",
                                    "Give it a <title> element saying what it shows: the PDF's "
                                    "tags carry it as the figure's alternative text."))
    return problems


def _svg_title(element) -> str:  # noqa: ANN001 - an ElementTree element
    title = element.find(f"{SVG}title")
    return (title.text or "").strip() if title is not None else ""


def _svg_name(element) -> str:  # noqa: ANN001 - an ElementTree element
    name = element.get("id") or element.get("aria-label") or ""
    return f" ('{name}')" if name else ""


# What the tag tree needs once WeasyPrint has built it, set in its finisher hook.

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
PAGINATION = pydyf.Dictionary({"Type": "/Pagination"})
EXCERPT = 60  # characters of a link target's text that say where the link leads


def tags_finisher(descriptions: dict[str, str],
                  then: Callable | None = None) -> Callable[[Any, pydyf.PDF], None]:
    """A WeasyPrint finisher completing the tag tree, then calling `then`."""

    def finish(document: Any, pdf: pydyf.PDF) -> None:
        """Complete the tag tree of the PDF being written."""
        mark_unreached_as_artifacts(pdf)
        describe_links(pdf, descriptions)
        if then is not None:
            then(document, pdf)

    return finish


def mark_unreached_as_artifacts(pdf: pydyf.PDF) -> None:
    """Make marked content that no structure element reachable from the root owns a
    pagination artifact, and forget the elements that owned it.

    WeasyPrint 70 tags the running heads and page numbers (its margin boxes) with
    elements it does not link to the tree, and the tagger leaves out repeated table
    header rows (internals.structure_tags): PDF/UA wants both as artifacts.
    """
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    reached = _reached(pdf, root)
    nums = _object(pdf, root["ParentTree"])["Nums"]
    for page, owners in zip(nums[0::2], nums[1::2], strict=True):
        if not isinstance(owners, pydyf.Array):
            continue  # An annotation's entry.
        unreached = {mcid for mcid, owner in enumerate(owners)
                     if owner != b"null" and _number(owner) not in reached}
        if unreached:
            _mark_artifacts(_object(pdf, _object(pdf, pdf.page_references[page])["Contents"]),
                            unreached)
            for mcid in unreached:
                owners[mcid] = b"null"
    for pdf_object in pdf.objects:
        if isinstance(pdf_object, dict) and pdf_object.get("Type") == "/StructElem" and \
                pdf_object.number not in reached:
            pdf_object.clear()  # An object cannot be removed from a pydyf PDF.


def _mark_artifacts(stream: pydyf.Stream, mcids: set[int]) -> None:
    """Turn the marked-content sequences with these MCIDs into pagination artifacts."""
    lines = stream.stream
    for index, line in enumerate(lines):
        if isinstance(line, dict) and line.get("MCID") in mcids:
            lines[index - 1], lines[index] = "/Artifact", PAGINATION


def _reached(pdf: pydyf.PDF, root: pydyf.Dictionary) -> set[int]:
    """The object numbers of the structure elements reachable from the root."""
    reached: set[int] = set()
    waiting = [kid for kid in root["K"]]
    while waiting:
        reference = waiting.pop()
        if isinstance(reference, int) or _number(reference) in reached:
            continue
        element = _object(pdf, reference)
        if element.get("Type") == "/StructElem":
            reached.add(_number(reference))
            waiting.extend(element["K"])
    return reached


def _number(reference: bytes) -> int:
    """The object number a pydyf reference (b'12 0 R') names."""
    return int(reference.split()[0])


def _object(pdf: pydyf.PDF, reference: bytes) -> Any:
    """The pydyf object a reference names."""
    return pdf.objects[_number(reference)]


def describe_links(pdf: pydyf.PDF, descriptions: dict[str, str]) -> None:
    """Give each internal link annotation a /Contents saying where it leads.

    WeasyPrint 70 writes the bare fragment ("bib-aphr-2022"); web links keep their URL.
    """
    for pdf_object in pdf.objects:
        if isinstance(pdf_object, dict) and pdf_object.get("Subtype") == "/Link" and \
                isinstance(pdf_object.get("Dest"), pydyf.String):
            target = pdf_object["Dest"].string
            if target in descriptions:
                pdf_object["Contents"] = pydyf.String(descriptions[target])


def link_descriptions(root_element) -> dict[str, str]:  # noqa: ANN001
    """What each internal link of the HTML leads to, by fragment: its title attribute,
    else the heading of the target, else the heading of the target's section and the
    start of its text ("Bibliography: ASEAN Parliamentarians for Human Rights. …")."""
    parents = {child: parent for parent in root_element.iter() for child in parent}
    targets = {element.get("id"): element for element in root_element.iter()
               if element.get("id")}
    descriptions: dict[str, str] = {}
    for link in root_element.iter("a"):
        fragment = (link.get("href") or "").partition("#")[2]
        if not (link.get("href") or "").startswith("#") or fragment in descriptions:
            continue
        title = _text(link.get("title") or "")
        if title or fragment in targets:
            descriptions[fragment] = title or _target_description(targets[fragment], parents)
    return descriptions


def _target_description(target, parents: dict) -> str:  # noqa: ANN001
    """Where a link to the target element leads, in words."""
    heading = _first_heading(target)
    if heading is not None:
        return _text("".join(heading.itertext()))
    start = _excerpt(_text("".join(target.itertext())))
    element = target
    while element in parents:
        element = parents[element]
        heading = next((child for child in element if child.tag in HEADINGS), None)
        if heading is not None:
            return f"{_text(''.join(heading.itertext()))}: {start}"
    return start


def _first_heading(element):  # noqa: ANN001, ANN202 - ElementTree elements
    """The element if it is a heading, else its first heading, if any."""
    if element.tag in HEADINGS:
        return element
    return next((child for child in element.iter() if child.tag in HEADINGS), None)


def _text(text: str) -> str:
    """The text with its white space collapsed."""
    return " ".join(text.split())


def _excerpt(text: str) -> str:
    """The start of the text, cut at a word, up to EXCERPT characters."""
    if len(text) <= EXCERPT:
        return text
    cut = text.rfind(" ", 0, EXCERPT)
    return text[:cut if cut > 0 else EXCERPT].rstrip(" ,;:.") + "…"
