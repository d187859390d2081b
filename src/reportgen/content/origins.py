"""Tracing what the renderer met back to the project file and line it came from.

WeasyPrint tells the sandbox only the absolute URL it wants, and the layout only the
text it draws; editors need the line of templates/ or report/ to change. Both are
found by searching those folders, which is cheap next to a failed build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin

from ..errors import ContentError, Position
from .files import is_readable, read_bytes
from .folders import REPORT, TEMPLATES

SEARCHED = (REPORT, TEMPLATES)
# Stylesheets and SVG images resolve their references against their own address;
# everything else (templates, content) ends up in the HTML and resolves against it.
SELF_BASED = {".css", ".svg"}
_TOKEN = re.compile(r"[^\s\"'()<>,;]+")
_ATTRIBUTE = re.compile(r"^[\w:-]+=")


@dataclass(frozen=True)
class ProjectText:
    """The lines of every text file in report/ and templates/, read once."""

    root: Path
    files: tuple[tuple[Path, tuple[str, ...]], ...]

    @classmethod
    def read(cls, root: Path) -> ProjectText:
        files = []
        for folder in SEARCHED:
            for path in sorted((root / folder).rglob("*")):
                if not is_readable(root, path):
                    continue
                try:
                    text = read_bytes(root, path.relative_to(root)).decode("utf-8")
                except (UnicodeDecodeError, ContentError):
                    continue
                files.append((path.relative_to(root), tuple(text.splitlines())))
        return cls(root, tuple(files))

    def lines(self) -> Iterator[tuple[Path, int, str]]:
        for relative, lines in self.files:
            for number, line in enumerate(lines, 1):
                yield relative, number, line

    def references_to(self, url: str, html_url: str) -> list[Position]:
        """Every place whose text, resolved as the renderer would, is this URL."""
        wanted = _comparable(url)
        needle = wanted.rstrip("/").rsplit("/", 1)[-1] or wanted
        found = []
        for relative, number, line in self.lines():
            if needle not in unquote(line):
                continue
            base = (self.root / relative).resolve().as_uri() \
                if relative.suffix in SELF_BASED else html_url
            for match in _TOKEN.finditer(line):
                token = _ATTRIBUTE.sub("", match.group())
                if token and _comparable(urljoin(base, token)) == wanted:
                    found.append(Position(relative, number, match.start() + 1))
        return found

    def occurrence_of(self, text: str, at: int) -> Position | None:
        """The first line holding text[at] with as much of its surroundings as possible."""
        # A lone character is searched for alone only if it is all the text there is.
        for width in (16, 8, 4, 2) if text.strip() != text[at] else (0,):
            start = max(0, at - width)
            piece = text[start:at + width + 1]
            for relative, number, line in self.lines():
                column = line.find(piece)
                if column >= 0:
                    return Position(relative, number, column + at - start + 1)
        return None


def _comparable(url: str) -> str:
    return unquote(urldefrag(url).url)
