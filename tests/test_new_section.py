"""A new kind of section needs its unit and its template, nothing else.

The unit below is defined here, in the test, as a project would add a "key figures"
box: a few cited figures. Registered beside the briefing's own sections, it is loaded
with file:line errors, its quotes are verified, its text is checked for markup, it is
printed, listed in the contents and the bookmarks, and compared between editions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pytest

from reportgen import build
from reportgen.cli import main
from reportgen.content.folders import REPORT
from reportgen.content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from reportgen.errors import Position
from reportgen.progress import Progress
from reportgen.render.assemble import Assembly
from reportgen.render.context import Change, Chapter, Cited
from reportgen.sections import registry
from reportgen.sections.base import (
    Comparison,
    Section,
    content_records,
    ordered_changes,
)

from .conftest import MINIMAL, write_files
from .pdfread import outline, page_texts

FIGURES_FILE = ContentFile(REPORT / "key-figures.yaml", "key figures file")


@dataclass
class KeyFigure:
    """A figure from a source, with what it counts."""

    what: ClassVar[str] = "key figure"

    figure: str = spec("the figure, as printed")
    label: str = spec("what it counts")
    cite: list[Citation] = spec("where a source gives it")
    position: Position = NOWHERE


@dataclass
class KeyFiguresChapter(Chapter):
    figures: list[Cited]


@dataclass
class KeyFigures(Section):
    """A box of key figures."""

    kind: ClassVar[str] = "key-figures"
    title: ClassVar[str] = "Key figures"
    template: ClassVar[str] = "key-figures.html.j2"

    figures: list[KeyFigure] = part(FIGURES_FILE, "the figures, each cited")

    def chapter(self, assembly: Assembly) -> KeyFiguresChapter:
        figures = [Cited(f"{item.figure}: {item.label}", assembly.notes.cite(item.cite))
                   for item in self.figures]
        return KeyFiguresChapter(self.template, self.anchor, assembly.project.heading(self),
                                 figures)

    def snapshot(self, project: Project) -> list[dict[str, Any]]:
        return content_records(self)

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        return ordered_changes(before or [], now, lambda number, _: f"Figure {number}",
                               Comparison(project.messages))


TEMPLATE = """\
<section class="chapter" id="{{ section.anchor }}">
  <h1 data-running="{{ section.title }}">{{ section.title }}</h1>
  <ul class="key-figures">
  {% for item in section.figures %}
    <li>{{ item.text }}{{ cite.notes(item.notes) }}</li>
  {% endfor %}
  </ul>
</section>
"""
FIGURES = """\
figures:
  - figure: 40 percent
    label: losses of traders on the east bank in the first week
    cite:
      - source: gazette
        quote: Traders on the east bank reported losses of 40 percent
"""
QUIET = Progress(build.BUILD_STEPS, None)
SECTIONS = """\
        sections: [contents, summary, key-figures, recommendations, sources, chronology, actors]
        """


@pytest.fixture
def with_key_figures(make_project, monkeypatch):
    """A project whose briefing lists key figures after the executive summary."""
    kinds = {**registry.LISTED, KeyFigures.kind: KeyFigures}
    monkeypatch.setattr(registry, "REGISTRY", registry.Registry(kinds, registry.DEFAULT))

    def make(figures: str = FIGURES):
        root = make_project({"report/key-figures.yaml": figures,
                             "report/report.yaml": MINIMAL["report/report.yaml"].rstrip(" ") +
                             SECTIONS})
        write_files(root, {f"templates/{KeyFigures.template}": TEMPLATE})
        return root

    return make


def problems(root) -> list[str]:
    with pytest.raises(Exception) as caught:
        build.check(root, Progress(build.CHECK_STEPS, None))
    return [str(problem).splitlines()[0] for problem in caught.value.problems]


def test_it_is_printed_and_listed_in_the_contents_and_bookmarks(with_key_figures):
    built = build.build(with_key_figures(), QUIET)
    pages = [" ".join(text.split()) for text in page_texts(built.pdf)]
    assert re.search(r"Executive summary \.+ 1 Key figures \.+ 2 Recommendations", pages[1])
    page = next(number for number, text in enumerate(pages) if text.startswith("Key figures"))
    # Its note is numbered after the executive summary's, on its own page.
    assert "40 percent: losses of traders on the east bank in the first week2" in pages[page]
    # The executive summary cited the source first: this note is in the short form.
    assert "2. Harbour Town Gazette, “River flood closes the old bridge”, ¶5." in pages[page]
    assert (1, "Key figures", page) in outline(built.pdf)


def test_its_file_is_read_with_line_and_column_errors(with_key_figures):
    root = with_key_figures(FIGURES.replace("    label:", "    labl:"))
    assert problems(root) == [
        "report/key-figures.yaml:2:5: this key figure has no 'label' (what it counts)",
        "report/key-figures.yaml:3:5: unknown key 'labl' in this key figure"]
    (root / "report/key-figures.yaml").unlink()
    assert problems(root) == [
        "report/key-figures.yaml: the file report/key-figures.yaml is missing"]


def test_its_quotes_are_verified(with_key_figures):
    root = with_key_figures(FIGURES.replace("losses of 40 percent", "losses of 45 percent"))
    assert problems(root) == [
        "report/key-figures.yaml:6:16: the quote is not in source 'gazette': “Traders on the "
        "east bank reported losses of 45 percent”"]


def test_its_text_is_checked_for_markup(with_key_figures):
    root = with_key_figures(FIGURES.replace("in the first week", "<b>in the first week</b>"))
    assert problems(root) == [
        "report/key-figures.yaml:3:47: 'label' holds HTML markup (<b>): content is plain text"]


def test_it_is_compared_between_editions(with_key_figures, capsys):
    root = with_key_figures()
    assert main(["release", "-q", str(root)]) == 0
    path = root / "report/key-figures.yaml"
    path.write_text(path.read_text().replace("first week", "first ten days"))
    text = " ".join(" ".join(page_texts(build.build(root, QUIET).pdf)).split())
    assert ("Key figures CHANGED Figure 1 label: now “losses of traders on the east bank in the "
            "first ten days”, was “losses of traders on the east bank in the first week”") in text
