"""Translated inserts: the sections that declare translatable English, in other languages.

Each language of report.yaml's 'translations' has a PO catalog; its insert prints what
every section adds (the executive summary, the recommendations, the country groups),
in the catalog's translation. A stale translation is printed with a visible mark, a
missing one as the English, marked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from babel import Locale

from ..content import localize
from ..content.catalogs import translatables
from ..content.model import Catalog, Project
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, TocEntry
from .base import InsertPart, InsertText, Section

STALE_MARK = "translation not yet updated"
MISSING_MARK = "not yet translated: English text"
TRANSLATION_STATES = {"current": "translated", "fuzzy": "marked “translation not yet updated”",
                      "missing": "not translated (the English is printed)"}


@dataclass
class Insert:
    """The briefing's translatable sections in one other language."""

    anchor: str
    lang: str
    english_name: str
    native_name: str
    running: str
    font_family: str
    status: str
    date: str
    parts: list[InsertPart]


@dataclass
class InsertsChapter(Chapter):
    """Every insert, in the order of report.yaml's 'translations'."""

    inserts: list[Insert]


@dataclass
class Translator:
    """English content in one insert's language, from its catalog."""

    catalog: Catalog
    english_language: str

    @property
    def language(self) -> str:
        return self.catalog.language

    def __call__(self, english: str, by: str = "") -> InsertText:
        entry = self.catalog.entries.get(english)
        if entry is None or entry.state == "missing":
            return InsertText(english, self.english_language, MISSING_MARK, by)
        return InsertText(localize.expand(entry.text, self.language), self.language,
                          STALE_MARK if entry.state == "fuzzy" else "", by)


@dataclass
class Inserts(Section):
    """The translated inserts."""

    kind: ClassVar[str] = "translations"
    title: ClassVar[str] = "Translated summaries"
    template: ClassVar[str] = "inserts.html.j2"
    changes_title: ClassVar[str] = "Translations"

    def chapter(self, assembly: Assembly) -> InsertsChapter | None:
        project = assembly.project
        if not project.catalogs:
            return None
        heading = project.heading(self)
        return InsertsChapter(self.template, self.kind, heading,
                              [_insert(project, catalog, heading, assembly)
                               for catalog in project.catalogs])

    def contents(self, chapter: InsertsChapter) -> list[TocEntry]:
        return [TocEntry(chapter.anchor, chapter.title, 1),
                *(TocEntry(insert.anchor, insert.english_name, 2) for insert in chapter.inserts)]

    def snapshot(self, project: Project) -> dict[str, dict[str, dict[str, str]]]:
        texts = translatables(project)
        result = {}
        for catalog in project.catalogs:
            entries = {item.id: catalog.entries.get(item.english) for item in texts}
            result[catalog.language] = {
                key: {"state": entry.state if entry else "missing",
                      "text": entry.text if entry else ""} for key, entry in entries.items()}
        return result

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        before = before or {}
        labels = {item.id: item.what for item in translatables(project)}
        changes = []
        for language, entries in now.items():
            name = language_name(language)
            if language not in before:
                changes.append(Change("Added", f"{name} insert", []))
                continue
            changes += [Change("Changed", f"{name}, {labels[key]}", [_revision(old, entry)])
                        for key, entry in entries.items()
                        if (old := before[language].get(key)) is not None and old != entry]
        changes += [Change("Removed", f"{language_name(language)} insert", [])
                    for language in before if language not in now]
        return changes


def language_name(code: str) -> str:
    """The language's English name, from CLDR."""
    return Locale.parse(code).get_display_name("en")


def _revision(old: dict[str, str], new: dict[str, str]) -> str:
    if old.get("state") != new["state"]:
        return f"now {TRANSLATION_STATES.get(new['state'], new['state'])}"
    return "translation revised"


def _insert(project: Project, catalog: Catalog, heading: str, assembly: Assembly) -> Insert:
    report = project.report
    lang = catalog.language
    translate = Translator(catalog, report.language)
    parts = [part for section in project.sections
             if (part := section.insert_part(project.heading(section), translate))]
    return Insert(
        anchor=f"insert-{lang}", lang=lang, english_name=language_name(lang),
        native_name=Locale.parse(lang).get_display_name(lang),
        running=f"{heading}: {language_name(lang)}", font_family=assembly.families(lang),
        status=catalog.status[:1].upper() + catalog.status[1:],
        date=localize.local_date(report.date, lang), parts=parts)
