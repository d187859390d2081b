"""Assemble stage: the validated project becomes the templates' context.

Everything the templates print is decided here: order (the chronology sorted, grouped by
year), footnote numbers (in the order the template prints the sections), date wording,
the font of each language and the state of each translation.
"""

from __future__ import annotations

import itertools

from babel import Locale

from . import citation_style, figures, localize
from .changes import changes_since
from .citations import VerifiedCitations
from .context import (BibEntry, Changes, Cited, Context, Country, Event, Figure, Insert,
                      InsertGroup, InsertText, Meta, Note, SourceBrief, TocEntry, Year)
from .model import Catalog, ChronologyEvent, Citation, Project, Source
from .theme import Theme

STALE_MARK = "translation not yet updated"
MISSING_MARK = "not yet translated: English text"


class Notes:
    """Numbers footnotes in the order the briefing prints them."""

    def __init__(self, project: Project, citations: VerifiedCitations) -> None:
        self.project = project
        self.citations = citations
        self.count = 0

    def cite(self, cited: list[Citation]) -> list[Note]:
        return [self.note(citation_style.note_text(self.project.source(c.source),
                                                   str(self.citations.locate(c))),
                          source_anchor(c.source)) for c in cited]

    def note(self, text: str, target: str = "") -> Note:
        self.count += 1
        return Note(self.count, text, target)


def source_anchor(source_id: str) -> str:
    """The id of a source's bibliography entry."""
    return f"bib-{source_id}"


def assemble(project: Project, citations: VerifiedCitations, theme: Theme) -> Context:
    """Turn the project into the context the main template prints."""
    report = project.report
    titles = report.sections
    notes = Notes(project, citations)
    summary = [Cited(p.text, notes.cite(p.cite)) for p in project.summary]
    recommendations = [Cited(r.text, notes.cite(r.cite), r.by) for r in project.recommendations]
    sources = [_source_brief(project.source(s.source), s.points, notes) for s in project.summaries]
    chronology = _chronology(project.events, notes)
    countries = _countries(project, notes)
    inserts = [_insert(project, catalog, theme) for catalog in project.catalogs]
    changes = changes_since(project)
    return Context(
        meta=Meta(report.title, report.authors, report.subject, ", ".join(report.keywords),
                  report.language, report.date.iso()),
        title=report.title, subtitle=report.subtitle, edition=f"Edition {report.edition}",
        date=report.date.english(), publisher=report.publisher,
        distribution=report.distribution,
        font_family=_families(theme, report.language),
        stylesheets=theme.stylesheets,
        sections={name: getattr(titles, name) for name in (
            "contents", "summary", "recommendations", "sources", "chronology", "countries",
            "translations", "bibliography", "method")},
        toc=_changes_entry(changes) + _toc(project, sources, inserts),
        summary=summary, recommendations=recommendations, sources=sources,
        chronology=chronology, kinds=[kind.label for kind in project.kinds],
        countries=countries, inserts=inserts, bibliography=_bibliography(project),
        method=report.method, timeline=_timeline(project.events),
        matrix=figures.matrix(project.kinds, project.countries), changes=changes)


def _source_brief(source: Source, points: list, notes: Notes) -> SourceBrief:
    return SourceBrief(f"source-{source.id}", citation_style.display_title(source),
                       citation_style.byline(source),
                       [Cited(point.text, notes.cite(point.cite)) for point in points])


def event_date(event: ChronologyEvent) -> str:
    """The date as printed: '1 February 2021', 'c. 2017', '18 November [2023]'."""
    text = event.date.english()
    if event.inferred and event.date.precision != "year":
        head, _, year = text.rpartition(" ")
        text = f"{head} [{year}]"
    elif event.inferred:
        text = f"[{text}]"
    return f"c. {text}" if event.approximate else text


def sorted_events(events: list[ChronologyEvent]) -> list[ChronologyEvent]:
    """Events in date order; a less precise date comes before the days it covers."""
    return sorted(events, key=lambda event: event.date)


def _timeline(events: list[ChronologyEvent]) -> Figure:
    return figures.timeline([
        figures.TimelineEntry(event.date, event_date(event), event.title,
                              event.approximate or bool(event.inferred))
        for event in sorted_events(events)])


def _chronology(events: list[ChronologyEvent], notes: Notes) -> list[Year]:
    years = []
    for year, group in itertools.groupby(sorted_events(events), key=lambda e: e.date.year):
        years.append(Year(year, [_event(event, notes) for event in group]))
    return years


def _event(event: ChronologyEvent, notes: Notes) -> Event:
    cited = notes.cite(event.cite)
    if event.inferred:
        cited.append(notes.note(f"Date inferred: {event.inferred}"))
    return Event(event_date(event), event.date.precision, event.title, event.description,
                 ", ".join(event.places), ", ".join(event.actors), cited, bool(event.inferred))


def _countries(project: Project, notes: Notes) -> list[Country]:
    labels = {kind.id: kind.label for kind in project.kinds}
    return [Country(row.country, ", ".join(labels[kind] for kind in row.kinds), row.details,
                    row.since.english() if row.since else "", row.status,
                    row.as_of.english(), notes.cite(row.cite),
                    [reference.url for reference in row.references])
            for row in project.countries]


def _families(theme: Theme, language: str) -> str:
    families = theme.font_for(language).families
    return ", ".join(f'"{family}"' for family in families)


def _insert(project: Project, catalog: Catalog, theme: Theme) -> Insert:
    report = project.report
    lang = catalog.language
    english_name = Locale.parse(lang).get_display_name("en")
    native_name = Locale.parse(lang).get_display_name(lang)

    def translate(english: str, by: str = "") -> InsertText:
        entry = catalog.entries.get(english)
        if entry is None or entry.state == "missing":
            return InsertText(english, report.language, MISSING_MARK, by)
        return InsertText(localize.expand(entry.text, lang), lang,
                          STALE_MARK if entry.state == "fuzzy" else "", by)

    return Insert(
        anchor=f"insert-{lang}", lang=lang, english_name=english_name, native_name=native_name,
        running=f"{report.sections.translations}: {english_name}",
        font_family=_families(theme, lang),
        summary_title=translate(report.sections.summary).text,
        recommendations_title=translate(report.sections.recommendations).text,
        status=catalog.status[:1].upper() + catalog.status[1:],
        date=localize.local_date(report.date, lang),
        summary=[translate(p.text) for p in project.summary],
        recommendations=[translate(r.text, r.by) for r in project.recommendations],
        countries_title=translate(report.sections.countries).text,
        countries=[InsertGroup(translate(label), names)
                   for label, names in localize.countries_by_kind(project, lang)])


def _bibliography(project: Project) -> list[BibEntry]:
    return [BibEntry(source_anchor(source.id), citation_style.bibliography_text(source),
                     source.URL, f"seeds/{source.file}",
                     [f"{name}: {reason}" for name, reason in source.inferred.items()])
            for source in sorted(project.sources, key=citation_style.sort_key)]


def _changes_entry(changes: Changes | None) -> list[TocEntry]:
    return [TocEntry("changes", changes.title, 1)] if changes else []


def _toc(project: Project, sources: list[SourceBrief], inserts: list[Insert]) -> list[TocEntry]:
    titles = project.report.sections
    toc = [TocEntry("summary", titles.summary, 1),
           TocEntry("recommendations", titles.recommendations, 1),
           TocEntry("sources", titles.sources, 1)]
    toc += [TocEntry(brief.anchor, brief.title, 2) for brief in sources]
    toc += [TocEntry("chronology", titles.chronology, 1),
            TocEntry("countries", titles.countries, 1)]
    if inserts:
        toc.append(TocEntry("translations", titles.translations, 1))
        toc += [TocEntry(insert.anchor, insert.english_name, 2) for insert in inserts]
    toc += [TocEntry("bibliography", titles.bibliography, 1)]
    if project.report.method:
        toc.append(TocEntry("method", titles.method, 1))
    return toc
