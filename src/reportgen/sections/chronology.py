"""The chronology: dated events from the sources, sorted, grouped by year, with a timeline."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..content.dates import PartialDate
from ..content.folders import REPORT
from ..content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from ..errors import Collector, Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Figure, Note
from .base import Section, keyed_changes
from .timeline import TimelineEntry, timeline

CHRONOLOGY_FILE = ContentFile(REPORT / "chronology.yaml", "chronology file")


@dataclass
class ChronologyEvent:
    """A dated event; the build sorts them."""

    what: ClassVar[str] = "chronology event"

    date: PartialDate = spec("when: YYYY-MM-DD, YYYY-MM or YYYY, as precise as the source is")
    title: str = spec("a short headline")
    cite: list[Citation] = spec("where the sources date and describe it")
    description: str = spec("what happened", default="")
    approximate: bool = spec("true when the source gives the date only roughly", default=False)
    inferred: str = spec("why the date is inferred, when the source does not state it fully",
                         default="")
    places: list[str] = spec("where it happened", default_factory=list)
    actors: list[str] = spec("who took part", default_factory=list)
    position: Position = NOWHERE


@dataclass
class Event:
    """A chronology entry as printed, its date already written out."""

    date: str
    precision: str
    title: str
    description: str
    places: str
    actors: str
    notes: list[Note]
    inferred: bool


@dataclass
class Year:
    """The chronology's events of one year."""

    year: int
    events: list[Event]


@dataclass
class ChronologyChapter(Chapter):
    """The timeline, then the events year by year."""

    timeline: Figure
    years: list[Year] = field(default_factory=list)


@dataclass
class Chronology(Section):
    """The chronology."""

    kind: ClassVar[str] = "chronology"
    title: ClassVar[str] = "Chronology"
    template: ClassVar[str] = "chronology.html.j2"

    events: list[ChronologyEvent] = part(CHRONOLOGY_FILE, "the dated events, in any order")

    def check(self, project: Project, problems: Collector) -> None:
        seen: dict[tuple[PartialDate, str], ChronologyEvent] = {}
        for event in self.events:
            first = seen.setdefault((event.date, event.title.casefold()), event)
            if first is not event:
                problems.add(event.position, f"this event is already in the chronology, with "
                                             f"the same date and title (line "
                                             f"{first.position.line})",
                             "Keep one of the two, or give each its own title.")

    def chapter(self, assembly: Assembly) -> ChronologyChapter:
        ordered = sorted_events(self.events)
        years = [Year(year, [_event(event, assembly) for event in group])
                 for year, group in itertools.groupby(ordered, key=lambda e: e.date.year)]
        return ChronologyChapter(self.template, self.kind, assembly.project.heading(self),
                                 _timeline(ordered), years)

    def snapshot(self, project: Project) -> dict[str, dict[str, Any]]:
        events: dict[str, dict[str, Any]] = {}
        for event in sorted_events(self.events):
            key = event.title if event.title not in events else (
                f"{event.title} ({event.date.iso()})")
            events[key] = {"date": event.date.iso(), "approximate": event.approximate,
                           "inferred": event.inferred, "title": event.title,
                           "description": event.description, "places": event.places,
                           "actors": event.actors}
        return events

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        return keyed_changes(_printed(before or {}), _printed(now), ("date", "title"),
                             pair_by="date")


def sorted_events(events: list[ChronologyEvent]) -> list[ChronologyEvent]:
    """Events in date order; a less precise date comes before the days it covers."""
    return sorted(events, key=lambda event: event.date)


def event_date(date: PartialDate, approximate: bool = False, inferred: bool = False) -> str:
    """The date as printed: '1 February 2021', 'c. 2017', '18 November [2023]'."""
    text = date.english()
    if inferred and date.precision != "year":
        head, _, year = text.rpartition(" ")
        text = f"{head} [{year}]"
    elif inferred:
        text = f"[{text}]"
    return f"c. {text}" if approximate else text


def _printed_date(event: ChronologyEvent) -> str:
    return event_date(event.date, event.approximate, bool(event.inferred))


def _event(event: ChronologyEvent, assembly: Assembly) -> Event:
    notes = assembly.notes.cite(event.cite)
    if event.inferred:
        notes.append(assembly.notes.note(f"Date inferred: {event.inferred}"))
    return Event(_printed_date(event), event.date.precision, event.title, event.description,
                 ", ".join(event.places), ", ".join(event.actors), notes, bool(event.inferred))


def _timeline(events: list[ChronologyEvent]) -> Figure:
    return timeline([TimelineEntry(event.date, _printed_date(event), event.title,
                                   event.approximate or bool(event.inferred))
                     for event in events])


def _printed(snapshot: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Snapshot events as the changes page words them: dates and lists written out."""
    def date(event: dict[str, Any]) -> str:
        return event_date(PartialDate.parse(event["date"]), event["approximate"],
                          bool(event["inferred"])) if event["date"] else ""

    return {key: {"date": date(event),
                  "title": event["title"], "description": event["description"],
                  "places": ", ".join(event["places"]), "actors": ", ".join(event["actors"])}
            for key, event in snapshot.items()}
