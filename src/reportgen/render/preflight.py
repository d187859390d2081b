"""What `check` checks before layout, as a build would fail on it: all at once.

The content and the theme are read together; then the fonts each language's text is set
in must be installed and have every character of that text, and the templates must
render. After layout, the build checks the glyphs again on every text box drawn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..content import localize
from ..content.load import read_report
from ..content.model import Citation, Project
from ..content.theme import Theme, read_theme
from ..content.walk import texts_in
from ..errors import Collector, ContentError, RenderError
from ..verify.citations import VerifiedCitations
from .assemble import assemble
from .fontadvice import font_problems
from .fontchoice import with_fonts_for
from .fonts import system
from .glyphs import FaceFinder, Sighting, TextRun, shortfall
from .html import render_html


def check_content(root: Path, load: Callable[[Path], Project], problems: Collector
                  ) -> tuple[Project, Theme]:
    """The project and its theme, their problems collected; raise if either has any.

    The fonts of every language report.yaml names are checked whatever else is wrong.
    """
    project = None
    try:
        project = load(root)
    except ContentError as error:
        problems.extend(error.problems)
    theme_problems = Collector()
    theme = with_fonts_for(read_theme(root, theme_problems), _languages(root, project))
    problems.extend(theme_problems.problems)
    if project is None or theme_problems.problems:
        problems.extend(font_problems(_shortfalls(theme, iter(()), _languages(root, project)),
                                      theme, root))
        problems.raise_if_any()
    return project, theme


def check_rendering(project: Project, theme: Theme, citations: VerifiedCitations | None,
                    problems: Collector) -> str:
    """The briefing's HTML (empty when citations failed), font and template problems
    collected."""
    problems.extend(font_problems(_shortfalls(theme, _texts(project)), theme, project.root))
    if citations is None:
        return ""
    try:
        return render_html(assemble(project, citations, theme), project.root, theme,
                           project.messages)
    except RenderError as error:
        problems.extend(error.problems)
        return ""


def languages(project: Project) -> list[str]:
    """The languages the briefing prints: its own, then its inserts'."""
    return [project.report.language, *project.report.translations]


def _languages(root: Path, project: Project | None) -> list[str]:
    """The briefing's languages, from report.yaml alone when the content has errors."""
    if project is not None:
        return languages(project)
    try:
        report = read_report(root)
    except ContentError:
        return []
    return [report.language, *report.translations]


def _shortfalls(theme: Theme, texts: Iterator[tuple[str, str]],
                tags: Sequence[str] = ()) -> list:
    """What the fonts set for each language lack (with no texts, whether they are
    installed; with no language either, the default's)."""
    runs: dict[str, TextRun] = {tag: _run(theme, tag) for tag in tags}
    for language, text in texts:
        run = runs.setdefault(language, _run(theme, language))
        for char in set(text).difference(run.first):
            run.first[char] = Sighting(text, text.index(char), 0)
    runs = runs or {"default": _run(theme, "default")}
    faces = FaceFinder(system())
    found = [lacking for run in runs.values() if (lacking := shortfall(run, faces))]
    return sorted(found, key=lambda lacking: not lacking.missing)


def _run(theme: Theme, language: str) -> TextRun:
    choice = theme.font_for(language)
    families = tuple(dict.fromkeys([*choice.families, *choice.headings]))
    return TextRun(families, language, {"Regular"})


def _texts(project: Project) -> Iterator[tuple[str, str]]:
    """(language, text) of what the briefing prints: the content, and each insert's text."""
    language = project.report.language
    for record in [project.report, *project.sources, *project.sections]:
        for _, _, text in texts_in(record, skip=(Citation,)):
            yield language, text
    for catalog in project.catalogs:
        for entry in catalog.entries.values():
            if entry.text:
                yield catalog.language, _expanded(entry.text, catalog.language)
        yield catalog.language, localize.local_date(project.report.date, catalog.language)


def _expanded(text: str, language: str) -> str:
    try:
        return localize.expand(text, language)
    except (KeyError, ValueError):
        return text  # a broken placeholder, which the catalog check reports
