"""The tagged PDF: languages on structure elements, alternative text for every figure."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pydyf
from weasyprint.pdf import tags

from .errors import Position, Problem
from .origins import ProjectText
from .theme import TEMPLATES

SVG = "{http://www.w3.org/2000/svg}"


@contextmanager
def structure_languages() -> Iterator[None]:
    """While WeasyPrint writes the PDF, give /Lang to elements whose HTML declares lang.

    WeasyPrint 70 writes only the document's language (the catalog's /Lang), so screen
    readers would read the Burmese and Thai inserts with an English voice. Its tag
    builder is a recursive generator that looks itself up by name on each call, so
    wrapping that name reaches every element; the tag tree tests read the result.
    """
    original = tags._build_box_tree

    def with_language(box, parent, *rest):  # noqa: ANN001, ANN202 - WeasyPrint's own
        for element in original(box, parent, *rest):
            lang = _declared_language(box)
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            yield element

    tags._build_box_tree = with_language
    try:
        yield
    finally:
        tags._build_box_tree = original


def _declared_language(box) -> str:  # noqa: ANN001 - a WeasyPrint box
    element = getattr(box, "element", None)
    if element is None or getattr(box, "element_tag", None) == "html":
        return ""
    return element.get("lang") or ""


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
