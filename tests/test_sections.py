"""The sections a briefing chooses: listed in report.yaml, in order, each optional.

A briefing of only a summary and a narrative builds, with nothing of the sections it
leaves out; a listed section without content, a misspelt kind and a narrative without
its file are errors; the changes page follows a narrative and a non-state actor.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from reportgen import build
from reportgen.errors import ContentError
from reportgen.progress import Progress

from .conftest import MINIMAL, reportgen
from .pdfread import outline, page_texts


def report(sections: str) -> str:
    """MINIMAL's report.yaml with a 'sections' list."""
    return textwrap.dedent(MINIMAL["report/report.yaml"]) + textwrap.dedent(sections)

SECOND_PROJECT = Path(__file__).parent / "projects" / "bassin-orvane"

BACKGROUND = """\
    title: Background
    paragraphs:
      - text: The flood closed the bridge that links the two banks.
        cite:
          - source: gazette
            quote: the council closed the old bridge
      - heading: Trade on the east bank
      - text: Traders lost much of their custom in the first week.
        cite:
          - source: gazette
            quote: reported losses of 40 percent in the first week
    """

NARRATIVE_ONLY = {
    "report/report.yaml": report("""\
        sections:
          - contents
          - summary
          - kind: narrative
            file: background.yaml
          - sources
        """),
    "report/executive-summary.yaml": """\
        summary:
          - text: A flood closed the bridge and hurt trade.
            cite:
              - source: gazette
                quote: Traders on the east bank reported losses of 40 percent
        """,
    "report/background.yaml": BACKGROUND,
}


def problems_of(make_project, files: dict[str, str], drop: tuple[str, ...] = ()) -> str:
    with pytest.raises(ContentError) as raised:
        build.load(make_project(files, drop))
    return str(raised.value)


def test_a_briefing_without_chronology_recommendations_or_actors_builds(make_project):
    root = make_project(NARRATIVE_ONLY,
                        drop=("report/chronology.yaml", "report/actors.yaml"))
    outputs = build.build(root, Progress(build.BUILD_STEPS, None))
    assert [(level, title) for level, title, _ in outline(outputs.pdf)] == [
        (1, "Executive summary"), (1, "Background"), (2, "Trade on the east bank"),
        (1, "The sources in brief"), (2, "River flood closes the old bridge"),
        (1, "Bibliography")]
    text = "\n".join(page_texts(outputs.pdf))
    contents = page_texts(outputs.pdf)[1]
    assert "Background" in contents and "Executive summary" in contents
    for absent in ("Chronology", "Recommendations", "Recommended by", "Actors"):
        assert absent not in text
    assert "Traders lost much of their custom in the first week." in text


def test_a_recommendation_need_not_name_who_makes_it(make_project):
    summary = MINIMAL["report/executive-summary.yaml"].replace(
        "            by: The mayor\n", "")
    root = make_project({"report/executive-summary.yaml": summary})
    outputs = build.build(root, Progress(build.BUILD_STEPS, None))
    text = "\n".join(page_texts(outputs.pdf))
    assert "Reopen the bridge after inspection." in text
    assert "Recommended by" not in text


def test_a_listed_section_without_content_is_an_error(make_project):
    files = {"report/report.yaml": report("sections: [summary, chronology]\n"),
             "report/chronology.yaml": "events: []\n"}
    assert problems_of(make_project, files) == (
        "report/chronology.yaml:1:9: 'events' is empty in this chronology file\n"
        "    Give it a value: the dated events, in any order.")


def test_a_listed_narrative_without_its_file_is_an_error(make_project):
    files = {"report/report.yaml": report("""\
        sections:
          - summary
          - kind: narrative
            file: background.yaml
        """)}
    assert problems_of(make_project, files) == (
        "report/background.yaml: the file report/background.yaml is missing\n"
        "    Create it with the narrative, or leave its section out of 'sections' in "
        "report/report.yaml.")


def test_every_wrong_entry_of_the_list_is_reported_at_once(make_project):
    files = {"report/report.yaml": report(
        "sections: [summary, chronolgy, narrative, summary]\n")}
    assert problems_of(make_project, files) == (
        "report/report.yaml:11:21: there is no kind of section 'chronolgy'\n"
        "    Did you mean 'chronology'? The kinds of section: contents, summary, "
        "recommendations, narrative, sources, chronology, actors, translations.\n"
        "report/report.yaml:11:32: a narrative section needs its 'file'\n"
        "    Name its content file in report/: file: background.yaml.\n"
        "report/report.yaml:11:43: the summary section is listed twice\n"
        "    List each section once.")


def test_a_section_left_out_needs_no_file(make_project):
    files = {"report/report.yaml": report("sections: [summary, sources]\n")}
    project = build.load(make_project(files, drop=("report/chronology.yaml",
                                                   "report/actors.yaml")))
    assert [section.kind for section in project.sections] == [
        "cover", "changes", "summary", "sources", "bibliography", "method"]


def test_the_changes_page_follows_a_narrative_and_a_non_state_actor(tmp_path):
    """The French test project, released, then a narrative and a non-state actor edited."""
    root = tmp_path / "bassin-orvane"
    shutil.copytree(SECOND_PROJECT, root, ignore=shutil.ignore_patterns("build"))
    assert reportgen("release", "-q", str(root)).returncode == 0
    narrative = root / "report" / "contexte.yaml"
    narrative.write_text(narrative.read_text(encoding="utf-8").replace(
        "- heading: Une route sous contrôle armé", "- heading: Une route sous contrôle"),
        encoding="utf-8")
    actors = root / "report" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "status: Contrôle revendiqué de la route du barrage",
        "status: Route du barrage fermée"), encoding="utf-8")
    built = reportgen("build", "-q", str(root))
    assert built.returncode == 0, built.stderr
    pdf = root / "build" / "briefing.pdf"
    assert (1, "Modifications depuis l’édition 1") in [
        (level, title) for level, title, _ in outline(pdf)]
    page = next(text for text in page_texts(pdf) if "auparavant" in text)
    page = re.sub(r"\xad\n\s*", "", page)  # a word hyphenated at a line's end, joined
    lines = [" ".join(line.split()) for line in page.splitlines() if line.strip()]
    assert lines[lines.index("Contexte du différend"):lines.index("Traductions")] == [
        "Contexte du différend",
        "MODIFICATION Intertitre 4",
        "désormais : « Une route sous contrôle »",
        "auparavant : « Une route sous contrôle armé »",
        "Parties au différend de l’Orvane",
        "MODIFICATION Brigades de la Source",
        "situation : désormais « Route du barrage fermée », auparavant « Contrôle "
        "revendiqué de la route du barrage »"]
    assert "MODIFICATION arabe, « Une route sous contrôle »" in lines


def test_an_approximate_or_inferred_date_is_marked_on_the_timeline(make_project):
    chronology = MINIMAL["report/chronology.yaml"].replace(
        "          - date: 2020-03-05\n", "          - date: 2020-03-05\n"
        "            approximate: true\n")
    root = make_project({"report/chronology.yaml": chronology})
    html = build.build(root, Progress(build.BUILD_STEPS, None)).html.read_text(encoding="utf-8")
    rows = re.findall(r'<tr class="([^"]*)">\s*<th scope="row" class="date">([^<]*)<', html)
    assert rows == [("event precision-day", "3 March 2020"),
                    ("event precision-day uncertain", "c. 5 March 2020")]
