"""The actors table: who does what, by category, with a matrix of actors and categories.

A row is a country (its ISO 3166 code: CLDR names it in every language) or any other
actor, an organisation or an armed group (its name, translated in the catalogs). The
categories, the column headings and the table's heading come from the content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..content import localize
from ..content.catalogs import Translatable
from ..content.dates import PartialDate
from ..content.folders import REPORT
from ..content.load import check_known, check_unique
from ..content.messages import N_, Messages
from ..content.model import (
    NOWHERE,
    Citation,
    ContentFile,
    Project,
    Reference,
    part,
    spec,
)
from ..errors import Collector, Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Note
from .base import Comparison, InsertGroup, InsertPart, Section, Translate, keyed_changes

ACTORS_FILE = ContentFile(None, "actors file", "actors.yaml")


@dataclass
class Category:
    """A category of actor: a kind of involvement, a column of the matrix."""

    what: ClassVar[str] = "category"

    id: str = spec("a short id that the actors' rows use")
    label: str = spec("how the briefing names it")
    position: Position = NOWHERE


@dataclass
class Columns:
    """The headings of the table's columns."""

    what: ClassVar[str] = "set of column headings"

    actor: str = spec("the column of names", default="")
    categories: str = spec("the column of categories", default="")
    details: str = spec("the column of what each actor does", default="")
    status: str = spec("the column of where it stands", default="")
    position: Position = NOWHERE


@dataclass
class ActorRow:
    """An actor's involvement with, or stance towards, the subject of the briefing."""

    what: ClassVar[str] = "actor"

    categories: list[str] = spec("ids of its categories, from 'categories' above")
    details: str = spec("what it does, or its stance")
    cite: list[Citation] = spec("where the sources say it")
    code: str = spec("for a country: its ISO 3166 two-letter code (CLDR names it in every "
                     "language)", default="")
    name: str = spec("for any other actor: its name (translated in the catalogs); for a "
                     "country, a name to print instead of CLDR's", default="")
    status: str = spec("where it stands, as of the source", default="")
    as_of: PartialDate | None = spec("the date the status is reported for", key="as-of",
                                     default=None)
    since: PartialDate | None = spec("when it began, if a source says", default=None)
    references: list[Reference] = spec("links the sources give for this actor",
                                       default_factory=list)
    position: Position = NOWHERE

    @property
    def key(self) -> str:
        """What identifies the row from one edition to the next: the code, else the name."""
        return self.code.upper() or self.name


@dataclass
class Row:
    """A row of the table as printed."""

    name: str
    categories: str
    details: str
    since: str
    status: str
    as_of: str
    notes: list[Note]
    links: list[str]


@dataclass
class MatrixRow:
    """A row of the matrix: a name, and a mark per category."""

    name: str
    marks: list[bool]


@dataclass
class ActorsChapter(Chapter):
    """The matrix, then the table."""

    columns: Columns
    categories: list[str]
    matrix: list[MatrixRow]
    caption: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class Actors(Section):
    """The actors table."""

    kind: ClassVar[str] = "actors"
    title: ClassVar[str] = N_("Actors")
    template: ClassVar[str] = "actors.html.j2"
    changes_title: ClassVar[str] = N_("Actors table")
    example: ClassVar[str] = """\
# Who does what: a row per actor, by category. A country is named by its ISO 3166 code
# (CLDR names it in every language); any other actor by its name.
# title: The table's heading
# columns: {actor: Actor, categories: Category, details: "What, and since when", status: Status}
categories: []
#  - id: support                      # a short id the rows use
#    label: Political support
actors: []
#  - code: FR                         # a country, or instead:  name: African Union
#    name: ""                         # for a country, a name to print instead of CLDR's
#    categories: [support]
#    details: What it does, or its stance.
#    since: 2023-04                   # when it began, if a source says
#    status: Where it stands
#    as-of: 2024-05                   # the date the status is reported for
#    references:                      # links the source gives (printed in it)
#      - source: first-source
#        url: https://example.org/page
#    cite:
#      - source: first-source
#        quote: the exact words where the source says it
"""

    categories: list[Category] = part(ACTORS_FILE, "the categories the table distinguishes")
    actors: list[ActorRow] = part(ACTORS_FILE, "one row per actor")
    heading: str = part(ACTORS_FILE, "the table's heading", key="title", default="")
    columns: Columns = part(ACTORS_FILE, "the headings of the table's columns",
                            default_factory=Columns)

    def default_heading(self, messages: Messages) -> str:
        return self.heading or messages.gettext(self.title)

    def changes_heading(self, project: Project) -> str:
        return project.heading(self) if self.heading else super().changes_heading(project)

    def labels(self) -> dict[str, str]:
        """Each category's label, by its id."""
        return {category.id: category.label for category in self.categories}

    def name_of(self, row: ActorRow, language: str) -> str:
        """A row's actor as the briefing's language names it."""
        return row.name or localize.country_name(row.code, language)

    def check(self, project: Project, problems: Collector) -> None:
        check_unique(problems, "a category id", [(c.id, c.position) for c in self.categories])
        check_unique(problems, "an actor", [(row.key, row.position) for row in self.actors])
        ids = [category.id for category in self.categories]
        where = f"'categories' in {REPORT / (self.entry.file or ACTORS_FILE.default_name)}"
        for row in self.actors:
            for category in row.categories:
                check_known(problems, row.position, "category", category, ids, where)
            _check_identity(row, problems)

    def chapter(self, assembly: Assembly) -> ActorsChapter:
        messages, labels = assembly.messages, self.labels()
        names = [self.name_of(row, messages.language) for row in self.actors]
        rows = [Row(name, messages.names([labels[c] for c in row.categories]), row.details,
                    messages.date(row.since) if row.since else "", row.status,
                    messages.date(row.as_of) if row.as_of else "",
                    assembly.notes.cite(row.cite), [reference.url for reference in row.references])
                for name, row in zip(names, self.actors, strict=False)]
        matrix = [MatrixRow(name, [c.id in row.categories for c in self.categories])
                  for name, row in zip(names, self.actors, strict=False)]
        caption = messages.ngettext(
            "%(num)d actor and the categories the sources place it in; the table that follows "
            "gives the details and the sources.",
            "%(num)d actors and the categories the sources place them in; the table that "
            "follows gives the details and the sources.", len(rows))
        return ActorsChapter(self.template, self.anchor, assembly.project.heading(self),
                             _columns(self.columns, messages), list(labels.values()), matrix,
                             caption, rows)

    def translatables(self, heading: str) -> list[Translatable]:
        return [Translatable(f"{self.anchor}/title", heading, "heading of the actors by category"),
                *(Translatable(f"{self.anchor}/category/{category.id}", category.label,
                               f"category '{category.id}'") for category in self.categories),
                *(Translatable(f"{self.anchor}/actor/{row.name}", row.name, "an actor's name")
                  for row in self.actors if row.name and not row.code)]

    def insert_part(self, heading: str, translate: Translate) -> InsertPart | None:
        groups = []
        for category in self.categories:
            names = [self._insert_name(row, translate) for row in self.actors
                     if category.id in row.categories]
            if names:
                groups.append(InsertGroup(translate(category.label),
                                          localize.name_list(names, translate.language)))
        return InsertPart(translate(heading), [], [], groups) if groups else None

    def _insert_name(self, row: ActorRow, translate: Translate) -> str:
        if row.code:
            return localize.country_name(row.code, translate.language)
        named = translate(row.name)
        return row.name if named.mark else named.text

    def snapshot(self, project: Project) -> dict[str, dict[str, Any]]:
        language = project.report.language
        return {row.key: {"actor": self.name_of(row, language), "categories": row.categories,
                          "details": row.details, "since": row.since.iso() if row.since else "",
                          "status": row.status, "as-of": row.as_of.iso() if row.as_of else ""}
                for row in self.actors}

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        messages, labels = project.messages, self.labels()
        words = Comparison(messages, {name: messages.gettext(label) for name, label in FIELDS})
        return keyed_changes(_printed(before or {}, labels, messages),
                             _printed(now, labels, messages), ("actor",), words)


FIELDS = (("categories", N_("categories")), ("details", N_("details")), ("since", N_("since")),
          ("status", N_("status")), ("as of", N_("as of")))


def _check_identity(row: ActorRow, problems: Collector) -> None:
    if not row.code and not row.name:
        problems.add(row.position, "this actor has neither a 'code' (for a country) nor a "
                                   "'name'",
                     "Give a country's ISO 3166 code (code: TH), or the name of any other "
                     "actor (name: African Union).")
    elif row.code and not localize.known_country_code(row.code):
        problems.add(row.position, f"'{row.code}' is not an ISO 3166 country code",
                     "Give the two-letter code (e.g. TH for Thailand, KP for North Korea), or "
                     "for an actor that is not a country, its 'name' instead.")


def _columns(columns: Columns, messages: Messages) -> Columns:
    """The column headings: the content's own, else reportgen's in the briefing's language."""
    return Columns(columns.actor or messages.gettext("Actor"),
                   columns.categories or messages.gettext("Category"),
                   columns.details or messages.gettext("What, and since when"),
                   columns.status or messages.gettext("Status"))


def _printed(snapshot: dict[str, dict[str, Any]], labels: dict[str, str], messages: Messages
             ) -> dict[str, dict[str, str]]:
    """Snapshot rows as the changes page words them: categories named, dates written out."""
    def date(text: str) -> str:
        return messages.date(PartialDate.parse(text)) if text else ""

    return {key: {"actor": row["actor"],
                  "categories": messages.names([labels.get(c, c) for c in row["categories"]]),
                  "details": row["details"], "since": date(row["since"]),
                  "status": row["status"], "as of": date(row["as-of"])}
            for key, row in snapshot.items()}
