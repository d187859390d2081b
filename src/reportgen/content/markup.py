"""Content is plain text: markup in it is refused, and links go to the web only.

The templates escape every content value (Jinja2 autoescape) and no field of the
content model takes HTML, so `<img src=…>` in a YAML file or a PO catalog could neither
fetch nor run anything: it would print as code. That is never what an editor means, and
may be hostile, so it is an error. A link that is not http(s) would point readers' PDF
viewers at their own files or at script, so that is an error too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..errors import Collector, Position, Problem, describe_character, shorten
from .model import Citation, Project
from .origins import ProjectText
from .walk import texts_in

TAG = re.compile(r"<!--|<\s*/?\s*[A-Za-z][\w:-]*(\s[^<>]*)?/?\s*>")
WEB = ("https://", "http://")
# Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO).
OVERRIDE = re.compile("[\u202a-\u202e]")


def markup_in_content(project: Project) -> list[Problem]:
    """A problem for each content text holding HTML markup."""
    found = [(position, key, text, match) for position, key, text in _texts(project)
             if (match := TAG.search(text))]
    lines = ProjectText.read(project.root) if found else None
    return [Problem(lines.occurrence_of(text, match.start()) or position,
                    f"'{key}' holds HTML markup ({shorten(match.group(), 60)}): content is "
                    "plain text",
                    "Remove the markup and write only what readers should see; the briefing "
                    "never interprets, fetches or runs anything written in content.")
            for position, key, text, match in found]


def direction_overrides(project: Project) -> list[Problem]:
    """A problem for each content text holding a bidi embedding or override control.

    They reverse or reorder the printed text without showing themselves, so a title could
    read backwards in the PDF; right-to-left text needs none of them.
    """
    found = [(position, key, text, match) for position, key, text in _texts(project)
             if (match := OVERRIDE.search(text))]
    lines = ProjectText.read(project.root) if found else None
    return [Problem(lines.occurrence_of(text, match.start()) or position,
                    f"'{key}' holds the invisible control character "
                    f"{describe_character(match.group())}, which reorders the printed text",
                    "Delete it (retype the text around it if need be): the briefing sets "
                    "right-to-left text in its direction without such characters.")
            for position, key, text, match in found]


def check_links(project: Project, problems: Collector) -> None:
    """Every link the briefing prints must be a web address."""
    links = [(source.URL, source.position) for source in project.sources if source.URL]
    links += [(reference.url, reference.position) for reference in project.references()]
    for url, position in links:
        if not url.strip().lower().startswith(WEB):
            problems.add(position, f"the link {shorten(url, 60)} is not a web address",
                         "Links in the briefing must start with https:// or http://.")


def _texts(project: Project) -> Iterator[tuple[Position, str, str]]:
    # Every record read, whatever section it belongs to; quotes are compared with the
    # sources, never printed.
    for record in [project.report, *project.sources, *project.sections]:
        yield from texts_in(record, skip=(Citation,))
    for catalog in project.catalogs:
        for entry in catalog.entries.values():
            yield Position(catalog.path), "msgstr", entry.text
