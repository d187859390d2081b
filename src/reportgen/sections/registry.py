"""The kinds of section a briefing is made of, and how report.yaml's list becomes the briefing.

This is the one list of them: loading, verifying, assembling, the contents, the
translated inserts and the editions all go through the sections of a project, which
are made from these units. A new kind of section is a unit (see base.py), a template,
and a line here.

report.yaml's 'sections' lists the sections in order. The cover always comes first;
the "Changes since edition N" page follows the contents when there is a previous
edition; the bibliography (whenever anything is cited) and the notes on method close
the briefing. Without a list, a briefing has the default sections.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..content.model import SectionEntry
from ..errors import Collector
from .actors import Actors
from .bibliography import Bibliography
from .changes import ChangesSince
from .chronology import Chronology
from .contents import Contents
from .cover import Cover
from .inserts import Inserts
from .method import Method
from .narrative import Narrative
from .recommendations import Recommendations
from .sources import SourceSummaries
from .summary import ExecutiveSummary

LISTED = {unit.kind: unit for unit in (Contents, ExecutiveSummary, Recommendations, Narrative,
                                       SourceSummaries, Chronology, Actors, Inserts)}
DEFAULT = ("contents", "summary", "recommendations", "sources", "chronology", "actors",
           "translations")
REPEATABLE = {"narrative"}


@dataclass(frozen=True)
class Registry:
    """The kinds of section there are: those a report lists, and those placed for it."""

    listed: dict[str, type]
    default: tuple[str, ...]

    @property
    def units(self) -> tuple[type, ...]:
        return (Cover, ChangesSince, *self.listed.values(), Bibliography, Method)

    def plan(self, entries: list[SectionEntry], problems: Collector
             ) -> list[tuple[type, SectionEntry]]:
        """The briefing's sections in print order, from report.yaml's list (or the default)."""
        entries = entries or [SectionEntry(kind) for kind in self.default]
        listed = [(self.listed[entry.kind], entry) for entry in entries
                  if self._known(entry, problems)]
        _check_repeats(listed, problems)
        contents = [(unit, entry) for unit, entry in listed if unit is Contents]
        others = [(unit, entry) for unit, entry in listed if unit is not Contents]
        return [(Cover, SectionEntry("cover")), *contents, (ChangesSince, SectionEntry("changes")),
                *others, (Bibliography, SectionEntry("bibliography")),
                (Method, SectionEntry("method"))]

    def _known(self, entry: SectionEntry, problems: Collector) -> bool:
        if entry.kind in self.listed:
            if entry.kind in REPEATABLE and not entry.file:
                problems.add(entry.position, f"a {entry.kind} section needs its 'file'",
                             "Name its content file in report/: file: background.yaml.")
                return False
            return True
        close = difflib.get_close_matches(entry.kind, list(self.listed), n=1)
        hint = f"Did you mean '{close[0]}'? " if close else ""
        problems.add(entry.position, f"there is no kind of section '{entry.kind}'",
                     f"{hint}The kinds of section: {', '.join(self.listed)}.")
        return False


def _check_repeats(listed: list[tuple[type, SectionEntry]], problems: Collector) -> None:
    seen: set[tuple[str, str]] = set()
    for _unit, entry in listed:
        key = (entry.kind, entry.file if entry.kind in REPEATABLE else "")
        if key in seen:
            problems.add(entry.position, f"the {entry.kind} section is listed twice",
                         "List each section once.")
        seen.add(key)


REGISTRY = Registry(LISTED, DEFAULT)
