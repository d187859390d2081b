"""The country table: what each country does, by kind of cooperation, with a matrix."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content import localize
from ..content.catalogs import Translatable
from ..content.dates import PartialDate
from ..content.folders import REPORT
from ..content.load import check_known, check_unique
from ..content.model import NOWHERE, Citation, ContentFile, Project, Reference, part, spec
from ..errors import Collector, Position
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Figure, Note
from .base import InsertGroup, InsertPart, Section, Translate, keyed_changes
from .matrix import MatrixRow, matrix

COUNTRIES_FILE = ContentFile(REPORT / "countries.yaml", "countries file")


@dataclass
class CooperationKind:
    """A kind of cooperation, a column of the country matrix."""

    what: ClassVar[str] = "kind of cooperation"

    id: str = spec("a short id that country rows use")
    label: str = spec("how the briefing names it")
    position: Position = NOWHERE


@dataclass
class CountryRow:
    """A country's cooperation with, or stance towards, the subject of the briefing."""

    what: ClassVar[str] = "country row"

    country: str = spec("the country's English name")
    code: str = spec("ISO 3166 two-letter code, for names in other languages")
    kinds: list[str] = spec("ids of the kinds of cooperation, from 'kinds' above")
    details: str = spec("what the cooperation or stance is")
    status: str = spec("where it stands, as of the source")
    as_of: PartialDate = spec("the date the status is reported for", key="as-of")
    cite: list[Citation] = spec("where the sources say it")
    since: PartialDate | None = spec("when it began, if a source says", default=None)
    references: list[Reference] = spec("links the sources give for this country",
                                       default_factory=list)
    position: Position = NOWHERE


@dataclass
class Country:
    """A row of the country table as printed."""

    name: str
    kinds: str
    details: str
    since: str
    status: str
    as_of: str
    notes: list[Note]
    links: list[str]


@dataclass
class CountriesChapter(Chapter):
    """The matrix, then the table."""

    matrix: Figure
    rows: list[Country]


@dataclass
class Countries(Section):
    """The country table."""

    kind: ClassVar[str] = "countries"
    title: ClassVar[str] = "Country cooperation"
    template: ClassVar[str] = "countries.html.j2"
    changes_title: ClassVar[str] = "Country table"

    kinds: list[CooperationKind] = part(COUNTRIES_FILE,
                                        "the kinds of cooperation the table distinguishes")
    countries: list[CountryRow] = part(COUNTRIES_FILE, "one row per country")

    def labels(self) -> dict[str, str]:
        """Each kind's label, by its id."""
        return {kind.id: kind.label for kind in self.kinds}

    def check(self, project: Project, problems: Collector) -> None:
        check_unique(problems, "a kind id", [(k.id, k.position) for k in self.kinds])
        check_unique(problems, "a country", [(c.country, c.position) for c in self.countries])
        ids = [kind.id for kind in self.kinds]
        for row in self.countries:
            for kind in row.kinds:
                check_known(problems, row.position, "kind of cooperation", kind, ids,
                            f"'kinds' in {COUNTRIES_FILE.path}")
            if not localize.known_country_code(row.code):
                problems.add(row.position, f"'{row.code}' in the row of {row.country} is not "
                                           "an ISO 3166 country code",
                             "Give the two-letter code (e.g. TH for Thailand, KP for North "
                             "Korea): the translated inserts take the country's name in each "
                             "language from it.")

    def chapter(self, assembly: Assembly) -> CountriesChapter:
        labels = self.labels()
        rows = [Country(row.country, ", ".join(labels[kind] for kind in row.kinds),
                        row.details, row.since.english() if row.since else "", row.status,
                        row.as_of.english(), assembly.notes.cite(row.cite),
                        [reference.url for reference in row.references])
                for row in self.countries]
        figure = matrix([kind.label for kind in self.kinds],
                        [MatrixRow(row.country, tuple(labels[kind] for kind in row.kinds))
                         for row in self.countries])
        return CountriesChapter(self.template, self.kind, assembly.project.heading(self),
                                figure, rows)

    def translatables(self, heading: str) -> list[Translatable]:
        return [Translatable("countries/title", heading,
                             "heading of the countries by kind of cooperation"),
                *(Translatable(f"countries/kind/{kind.id}", kind.label,
                               f"kind of cooperation '{kind.id}' ({COUNTRIES_FILE.path})")
                  for kind in self.kinds)]

    def insert_part(self, heading: str, translate: Translate) -> InsertPart | None:
        groups = []
        for kind in self.kinds:
            names = [localize.country_name(row.code, translate.language)
                     for row in self.countries if kind.id in row.kinds]
            if names:
                groups.append(InsertGroup(translate(kind.label),
                                          localize.name_list(names, translate.language)))
        return InsertPart(translate(heading).text, [], [], groups) if groups else None

    def snapshot(self, project: Project) -> dict[str, dict[str, Any]]:
        return {row.code: {"country": row.country, "kinds": row.kinds, "details": row.details,
                           "since": row.since.iso() if row.since else "",
                           "status": row.status, "as-of": row.as_of.iso()}
                for row in self.countries}

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        labels = self.labels()
        return keyed_changes(_printed(before or {}, labels), _printed(now, labels),
                             ("country",))


def _printed(snapshot: dict[str, dict[str, Any]], labels: dict[str, str]
             ) -> dict[str, dict[str, str]]:
    """Snapshot rows as the changes page words them: kinds named, dates written out."""
    def date(text: str) -> str:
        return PartialDate.parse(text).english() if text else ""

    return {code: {"country": row["country"],
                   "cooperation": ", ".join(labels.get(kind, kind) for kind in row["kinds"]),
                   "details": row["details"], "since": date(row["since"]),
                   "status": row["status"], "as of": date(row["as-of"])}
            for code, row in snapshot.items()}
