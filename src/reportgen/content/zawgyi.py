"""Burmese text in the Zawgyi encoding, found in content files, catalogs and seeds.

Much Burmese text in circulation is written for Zawgyi, a font that puts its own letter
shapes on the code points of Unicode's Myanmar block: the text looks right in that font
and wrong in any Unicode font (letters reordered, marks misplaced), and the glyph check
cannot tell. Each line holding Myanmar letters is scored by myanmartools' detector; a
probability of ZAWGYI_THRESHOLD or more is an error. Unicode Burmese scores far below it
(the example briefing's catalog at most 1e-13), Zawgyi near 1.
"""

from __future__ import annotations

import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import ContentError, Position, Problem
from .files import read_bytes
from .folders import SEEDS
from .model import Project, Seed

# myanmartools' own guidance: above 0.95 the text is Zawgyi with high confidence.
ZAWGYI_THRESHOLD = 0.95
MYANMAR = re.compile("[\u1000-\u109f\uaa60-\uaa7f\ua9e0-\ua9ff]")
_HINT = ("Convert it to Unicode (ICU's Zawgyi-my transform, or a converter such as Rabbit, "
         "does it) and check the result: a Unicode font prints Zawgyi text as wrong letters.")


def zawgyi_text(project: Project) -> list[Problem]:
    """A problem for each file (content, catalog or seed) holding Zawgyi-encoded Burmese."""
    files = [*project.files, *(catalog.path for catalog in project.catalogs)]
    problems = [problem for path in files
                if (problem := _in_lines(path, _lines(project.root, path)))]
    for source in project.sources:
        seed = project.seeds.get(source.id)
        if seed is not None and MYANMAR.search(seed.text):
            problem = _in_seed(SEEDS / source.file, seed)
            problems += [problem] if problem else []
    return problems


def _lines(root: Path, path: Path) -> list[str]:
    try:
        return read_bytes(root, path).decode("utf-8", errors="replace").splitlines()
    except ContentError:
        return []  # reported where the file is read


def _in_lines(path: Path, lines: list[str], where: str = "") -> Problem | None:
    """The problem of the first Zawgyi line of a file, counting the others."""
    found = [number for number, line in enumerate(lines, 1) if is_zawgyi(line)]
    if not found:
        return None
    more = (f" (and {len(found) - 1} more line{'s' if len(found) > 2 else ''})"
            if len(found) > 1 else "")
    return Problem(Position(path, 0 if where else found[0]),
                   f"the Burmese text {where or 'of this line'}{more} is in the Zawgyi "
                   "encoding, not Unicode", _HINT)


def _in_seed(path: Path, seed: Seed) -> Problem | None:
    """The problem of a seed holding Zawgyi: its line, or for a PDF the page it starts on."""
    if not seed.pages:
        return _in_lines(path, seed.text.splitlines())
    for page, end in zip(seed.pages, [*(p.start for p in seed.pages[1:]), len(seed.text)],
                         strict=True):
        problem = _in_lines(path, seed.text[page.start:end].splitlines(),
                            f"on p. {page.label}")
        if problem:
            return problem
    return None


def is_zawgyi(line: str) -> bool:
    """Whether a line holds Burmese text that is most probably Zawgyi-encoded."""
    if not MYANMAR.search(line):
        return False
    return _detector().get_zawgyi_probability(line) >= ZAWGYI_THRESHOLD


@cache
def _detector() -> Any:
    from myanmartools import ZawgyiDetector  # loaded only for text with Myanmar letters

    with warnings.catch_warnings():
        # myanmartools 1.2.1 reads its model with importlib.resources' deprecated open_binary.
        warnings.simplefilter("ignore", DeprecationWarning)
        return ZawgyiDetector()
