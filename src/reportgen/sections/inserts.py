"""Translated inserts: the sections that declare translatable text, in other languages.

Each language of report.yaml's 'translations' has a PO catalog; its insert prints what
every section adds (the executive summary, the recommendations, the actors by category,
narratives marked for it), in the catalog's translation. A stale translation is printed
with a visible mark, a missing one as the original, marked too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content import localize
from ..content.catalogs import translatables
from ..content.messages import N_, Messages
from ..content.model import Catalog, Project
from ..errors import shorten
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, TocEntry
from .base import Comparison, InsertPart, InsertText, Section

STALE_MARK = N_("translation not yet updated")
MISSING_MARK = N_("not yet translated: original text")
TRANSLATION_STATES = {"current": N_("translated"),
                      "fuzzy": N_("marked “translation not yet updated”"),
                      "missing": N_("not translated (the original is printed)")}


@dataclass
class Insert:
    """The briefing's translatable sections in one other language."""

    anchor: str
    lang: str
    dir: str
    name: str  # the language's name in the briefing's language
    native_name: str
    running: str
    fonts: str  # CSS custom properties setting the language's fonts
    status: str
    date: str
    parts: list[InsertPart]


@dataclass
class InsertsChapter(Chapter):
    """Every insert, in the order of report.yaml's 'translations'."""

    inserts: list[Insert]


@dataclass
class Translator:
    """Content in one insert's language, from its catalog; marks in the briefing's."""

    catalog: Catalog
    messages: Messages

    @property
    def language(self) -> str:
        return self.catalog.language

    def __call__(self, original: str, by: str = "") -> InsertText:
        entry = self.catalog.entries.get(original)
        if entry is None or entry.state == "missing":
            return InsertText(original, self.messages.language,
                              self.messages.gettext(MISSING_MARK), by)
        mark = self.messages.gettext(STALE_MARK) if entry.state == "fuzzy" else ""
        return InsertText(localize.expand(entry.text, self.language), self.language, mark, by)


@dataclass
class Inserts(Section):
    """The translated inserts."""

    kind: ClassVar[str] = "translations"
    title: ClassVar[str] = N_("Translated summaries")
    template: ClassVar[str] = "inserts.html.j2"
    changes_title: ClassVar[str] = N_("Translations")

    def chapter(self, assembly: Assembly) -> InsertsChapter | None:
        project = assembly.project
        if not project.catalogs:
            return None
        heading = project.heading(self)
        return InsertsChapter(self.template, self.anchor, heading,
                              [_insert(project, catalog, heading, assembly)
                               for catalog in project.catalogs])

    def contents(self, chapter: InsertsChapter) -> list[TocEntry]:
        return [TocEntry(chapter.anchor, chapter.title, 1),
                *(TocEntry(insert.anchor, insert.name, 2) for insert in chapter.inserts)]

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
        before, messages = before or {}, project.messages
        words = Comparison(messages)
        texts = {item.id: item.english for item in translatables(project)}
        changes = []
        for language, entries in now.items():
            name = messages.language_name(language)
            if language not in before:
                changes.append(words.change(N_("Added"), messages.gettext(
                    "%(language)s insert", language=name), []))
                continue
            changes += [words.change(N_("Changed"), messages.gettext(
                "%(language)s, %(text)s", language=name, text=messages.quoted(
                    shorten(texts[key], 40))),
                                     [_revision(old, entry, messages)])
                        for key, entry in entries.items()
                        if (old := before[language].get(key)) is not None and old != entry]
        changes += [words.change(N_("Removed"), messages.gettext(
            "%(language)s insert", language=messages.language_name(language)), [])
            for language in before if language not in now]
        return changes


def _revision(old: dict[str, str], new: dict[str, str], messages: Messages) -> str:
    if old.get("state") != new["state"]:
        state = messages.gettext(TRANSLATION_STATES.get(new["state"], new["state"]))
        return messages.gettext("now %(state)s", state=state)
    return messages.gettext("translation revised")


def _insert(project: Project, catalog: Catalog, heading: str, assembly: Assembly) -> Insert:
    report, messages = project.report, project.messages
    lang = catalog.language
    translate = Translator(catalog, messages)
    parts = [part for section in project.sections
             if (part := section.insert_part(project.heading(section), translate))]
    name = messages.language_name(lang)
    name = name[:1].upper() + name[1:]  # a heading: 'Arabe', where French writes 'arabe'

    return Insert(
        anchor=f"insert-{lang}", lang=lang, dir=localize.direction(lang), name=name,
        native_name=localize.babel_locale(lang).get_display_name(localize.babel_locale(lang)),
        running=messages.gettext("%(section)s: %(language)s", section=heading, language=name),
        fonts=assembly.font_properties(lang, then=report.language),
        status=catalog.status[:1].upper() + catalog.status[1:],
        date=localize.local_date(report.date, lang), parts=parts)
