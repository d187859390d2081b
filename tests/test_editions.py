"""Editions: `release` records the content; the next build lists what changed since."""

from __future__ import annotations

import re

import pytest
import yaml

from reportgen import build
from reportgen.build import load as load_project
from reportgen.cli import main
from reportgen.content.theme import load_theme
from reportgen.errors import ContentError
from reportgen.progress import Progress
from reportgen.render.assemble import assemble
from reportgen.verify.citations import verify_citations

from .pdfread import outline, page_texts

QUIET = Progress(build.BUILD_STEPS, None)


def release(root, capsys) -> str:
    assert main(["release", str(root)]) == 0
    return capsys.readouterr().err


def edit(root, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def changes_since(project):
    """The changes page's chapter, as the build would print it (None when there is none)."""
    context = assemble(project, verify_citations(project), load_theme(project.root))
    return next((chapter for chapter in context.body if chapter.anchor == "changes"), None)


def built_text(root) -> str:
    """The PDF's text in one line, without the contents' leader dots."""
    build.build(root, QUIET)
    text = re.sub(r"\.{4,}", " ", " ".join(page_texts(root / "build/briefing.pdf")))
    return " ".join(text.split())


def test_release_records_the_edition_and_prepares_the_next(make_project, capsys):
    root = make_project()
    err = release(root, capsys)
    assert err.splitlines()[-2] == ("report/report.yaml now prepares edition 3: set its date, "
                                    "and commit it with report/editions/2.yaml.")
    assert err.splitlines()[-1].startswith("Released edition 2 as report/editions/2.yaml in ")
    snapshot = yaml.safe_load((root / "report/editions/2.yaml").read_text())
    assert snapshot["edition"] == 2 and snapshot["date"] == "2024-05-06"
    assert snapshot["format"] == 2
    assert snapshot["content"]["chronology"]["The river rises"]["date"] == "2020-03-03"
    assert list(snapshot["content"]["chronology"]) == ["The river rises", "Engineers begin work"]
    assert snapshot["content"]["actors"]["FR"]["status"] == "Helping"
    assert snapshot["content"]["sources"] == {
        "gazette": [{"text": "The council closed the old bridge after the flood."}]}
    assert snapshot["content"]["summary"] == [{"text": "A flood closed the bridge and hurt trade."}]
    report = (root / "report/report.yaml").read_text()
    assert "\nedition: 3\n" in report and "subtitle: A small project for the tests\n" in report


def test_an_edition_is_released_once(make_project, capsys):
    root = make_project()
    release(root, capsys)
    edit(root, "report/report.yaml", "edition: 3", "edition: 2")
    assert main(["release", "-q", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "report/report.yaml:3:10: edition 2 has already been released "
        "(report/editions/2.yaml exists)",
        "    Set 'edition' to 3 to prepare the next edition."]


def test_without_changes_or_snapshot_there_is_no_changes_page(make_project, capsys):
    root = make_project()
    assert "Changes since" not in built_text(root)
    release(root, capsys)
    assert "Changes since" not in built_text(root)


def test_must_show_an_edit_after_release_is_on_the_changes_page(make_project, capsys):
    root = make_project()
    release(root, capsys)
    edit(root, "report/chronology.yaml", "title: Engineers begin work",
         "title: Engineers begin work\n    description: They inspect every pier.")
    edit(root, "report/actors.yaml", "status: Helping", "status: Withdrawn")
    edit(root, "report/executive-summary.yaml", "closed the bridge", "closed the old bridge")
    text = built_text(root)
    assert "Contents Changes since edition 2 1 Executive summary 2" in text
    page = text[text.index("Changes since edition 2 Edition 2"):text.index("page 1 of ")]
    assert page == (
        "Changes since edition 2 Edition 2, dated 6 May 2024, was the previous edition. This "
        "edition differs from it as listed here; footnotes and the bibliography are not compared. "
        "Executive summary CHANGED Paragraph 1 now: “A flood closed the old bridge and hurt "
        "trade.” was: “A flood closed the bridge and hurt trade.” "
        "Chronology CHANGED 5 March 2020 — Engineers begin work description: “They inspect "
        "every pier.” (new) "
        "Actors table CHANGED Freedonia status: now “Withdrawn”, was “Helping” ")
    assert (1, "Changes since edition 2", 2) in outline(root / "build/briefing.pdf")


def test_added_removed_and_renamed_items(make_project, capsys):
    root = make_project()
    release(root, capsys)
    edit(root, "report/chronology.yaml", "title: The river rises", "title: The river floods")
    edit(root, "report/chronology.yaml", "  - date: 2020-03-05\n    title: Engineers begin work",
         "  - date: 2020-03-04\n    title: The bridge closes")
    edit(root, "report/executive-summary.yaml", "summary:\n",
         "summary:\n  - text: Trade fell.\n    cite: [{source: gazette, quote: losses of 40 "
         "percent}]\n")
    changes = changes_since(load_project(root))
    found = [(group.title, change.kind, change.label, change.details)
             for group in changes.groups for change in group.changes]
    assert found == [
        ("Executive summary", "Added", "Paragraph 1", ["“Trade fell.”"]),
        ("Chronology", "Changed", "3 March 2020 — The river floods",
         ["title: now “The river floods”, was “The river rises”"]),
        ("Chronology", "Added", "4 March 2020 — The bridge closes", []),
        ("Chronology", "Removed", "5 March 2020 — Engineers begin work", [])]


def test_translation_states_are_compared(make_project, capsys):
    root = make_project({"report/report.yaml": (
        "title: T\nedition: 1\ndate: 2024-05-06\npublisher: P\ntranslations: [id]\n")})
    assert main(["translations", "update", "-q", str(root)]) == 0
    release(root, capsys)
    edit(root, "report/translations/id.po", 'msgid "Recommendations"\nmsgstr ""',
         'msgid "Recommendations"\nmsgstr "Rekomendasi"')
    changes = changes_since(load_project(root))
    assert [(c.kind, c.label, c.details) for c in changes.groups[0].changes] == [
        ("Changed", "Indonesian, “Recommendations”", ["now translated"])]


def test_a_damaged_snapshot_is_a_content_error(make_project, capsys):
    root = make_project()
    release(root, capsys)
    (root / "report/editions/2.yaml").write_text("edition: 2\ncontent: [\n")
    with pytest.raises(ContentError) as caught:
        load_project(root)
    assert str(caught.value.problems[0]).startswith("report/editions/2.yaml:3:1: YAML syntax")
    (root / "report/editions/2.yaml").write_text("edition: 7\ncontent: {}\n")
    with pytest.raises(ContentError, match="report/editions/2.yaml:1: this is not a snapshot "
                                           "of edition 2"):
        load_project(root)


FIRST_FORMAT = """\
# Edition 2 of “Test briefing”, recorded by 'reportgen release'.
edition: 2
date: '2024-05-06'
content:
  summary:
  - text: A flood closed the bridge and hurt trade.
  recommendations:
  - text: Reopen the bridge after inspection.
    by: The mayor
  key points:
    River flood closes the old bridge:
    - text: The council closed the old bridge after the flood.
  chronology:
    The river rises:
      date: 3 March 2020
      title: The river rises
      description: ''
      places: ''
      actors: ''
    Engineers begin work:
      date: 5 March 2020
      title: Engineers begin work
      description: ''
      places: ''
      actors: ''
  countries:
    Freedonia:
      cooperation: Aid
      details: Sent engineers.
      since: ''
      status: Helping
      as of: March 2020
  translations: {}
"""


def test_a_snapshot_of_the_first_format_is_still_compared(make_project):
    # Written by the first version of `release`: printed dates, key points by title,
    # countries by name. Only the one real change shows.
    root = make_project()
    (root / "report/editions").mkdir()
    (root / "report/editions/2.yaml").write_text(FIRST_FORMAT)
    edit(root, "report/report.yaml", "edition: 2", "edition: 3")
    edit(root, "report/actors.yaml", "status: Helping", "status: Withdrawn")
    changes = changes_since(load_project(root))
    assert [(group.title, change.kind, change.label, change.details)
            for group in changes.groups for change in group.changes] == [
        ("Actors table", "Changed", "Freedonia", ["status: now “Withdrawn”, was “Helping”"])]
