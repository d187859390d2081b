"""The chronology: dated events from the sources, sorted and set as a compact timeline."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..content.dates import PartialDate
from ..content.folders import REPORT
from ..content.localize import local_date
from ..content.messages import N_, Messages
from ..content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from ..errors import Collector, Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Note
from .base import Comparison, Section, keyed_changes

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
    uncertain: bool  # its date is approximate or partly inferred


@dataclass
class Year:
    """The chronology's events of one year."""

    year: str
    events: list[Event]


@dataclass
class ChronologyChapter(Chapter):
    """The events, year by year."""

    years: list[Year] = field(default_factory=list)


@dataclass
class Chronology(Section):
    """The chronology."""

    kind: ClassVar[str] = "chronology"
    title: ClassVar[str] = N_("Chronology")
    template: ClassVar[str] = "chronology.html.j2"
    example: ClassVar[str] = """\
# Dated events from the sources, in any order: the build sorts them. A date is only as
# precise as the source: YYYY-MM-DD, YYYY-MM or YYYY.
events: []
#  - date: 2024-05-09
#    title: A short headline
#    description: What happened.
#    places: [A place]
#    actors: [Who took part]
#    approximate: false               # true when the source dates it only roughly
#    inferred: why part of the date is inferred, when the source does not state it all
#    cite:
#      - source: first-source
#        quote: the exact words that date and describe it
"""

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
        messages = assembly.messages
        years = [Year(local_date(PartialDate(year), messages.language),
                      [_event(event, assembly) for event in group])
                 for year, group in itertools.groupby(sorted_events(self.events),
                                                      key=lambda e: e.date.year)]
        return ChronologyChapter(self.template, self.anchor, assembly.project.heading(self),
                                 years)

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
        messages = project.messages
        words = Comparison(messages, {name: messages.gettext(label) for name, label in FIELDS})
        return keyed_changes(_printed(before or {}, messages), _printed(now, messages),
                             ("date", "title"), words, pair_by="date")


FIELDS = (("title", N_("title")), ("description", N_("description")),
          ("places", N_("places")), ("actors", N_("actors")))


def sorted_events(events: list[ChronologyEvent]) -> list[ChronologyEvent]:
    """Events in date order; a less precise date comes before the days it covers."""
    return sorted(events, key=lambda event: event.date)


def event_date(date: PartialDate, messages: Messages, approximate: bool = False,
               inferred: bool = False) -> str:
    """The date as printed: '1 February 2021', 'c. 2017', '18 November [2023]'.

    An inferred date brackets the year, which is what an inferred date leaves out.
    """
    text = messages.date(date)
    year = local_date(PartialDate(date.year), messages.language)
    if inferred and date.precision != "year" and year in text:
        head, _, tail = text.rpartition(year)
        text = f"{head}[{year}]{tail}"
    elif inferred:
        text = f"[{text}]"
    return messages.gettext("c. %(date)s", date=text) if approximate else text


def _event(event: ChronologyEvent, assembly: Assembly) -> Event:
    notes = assembly.notes.cite(event.cite)
    if event.inferred:
        notes.append(assembly.notes.note(assembly.messages.gettext(
            "Date inferred: %(reason)s", reason=event.inferred)))
    date = event_date(event.date, assembly.messages, event.approximate, bool(event.inferred))
    return Event(date, event.date.precision, event.title, event.description,
                 assembly.messages.names(event.places), assembly.messages.names(event.actors),
                 notes, event.approximate or bool(event.inferred))


def _printed(snapshot: dict[str, dict[str, Any]], messages: Messages
             ) -> dict[str, dict[str, str]]:
    """Snapshot events as the changes page words them: dates and lists written out."""
    def date(event: dict[str, Any]) -> str:
        return event_date(PartialDate.parse(event["date"]), messages, event["approximate"],
                          bool(event["inferred"])) if event["date"] else ""

    return {key: {"date": date(event), "title": event["title"],
                  "description": event["description"],
                  "places": messages.names(event["places"]),
                  "actors": messages.names(event["actors"])}
            for key, event in snapshot.items()}
