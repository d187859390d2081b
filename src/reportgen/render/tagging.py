"""The tagged PDF: alternative text for every figure, checked before the PDF is written."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

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
