"""The briefing's content: every source summarised, the chronology, the country table,
the figures and the inserts, read back from the loaded project and the built PDF."""

from __future__ import annotations

import re
import subprocess

import pytest

from reportgen.build import CHECK_STEPS, check
from reportgen.progress import Progress
from reportgen.render.citation_style import display_title

from .pdfread import page_texts

TWELVE = ["Japan", "India", "Thailand", "Russia", "China", "Vietnam", "Cambodia", "Ukraine",
          "North Korea", "Nepal", "Pakistan", "Belarus"]


@pytest.fixture(scope="module")
def project(briefing):
    return check(briefing, Progress(CHECK_STEPS, None)).project


@pytest.fixture(scope="module")
def pdf(briefing):
    return briefing / "build" / "briefing.pdf"


@pytest.fixture(scope="module")
def chapters(pdf) -> dict[str, str]:
    """The text of each chapter, by its running head, with spaces and line breaks joined.

    The inserts' pages ("Translated summaries: Thai") count as one chapter.
    """
    result: dict[str, str] = {}
    for text in page_texts(pdf)[2:]:
        head = text.strip().splitlines()[0].strip().split(":")[0]
        result[head] = result.get(head, "") + " " + re.sub(r"\s+", " ", text)
    return result


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_every_source_is_summarised_in_five_to_ten_cited_points(project, chapters):
    assert sorted(s.source for s in project.section("sources").summaries) == sorted(s.id for s in project.sources)
    assert len(project.sources) == 5
    for summary in project.section("sources").summaries:
        assert 5 <= len(summary.points) <= 10, summary.source
        assert all(point.cite for point in summary.points)
        title = words(display_title(project.source(summary.source)))
        assert title[:40] in chapters["The sources in brief"]
    bullets = chapters["The sources in brief"].count("•")
    assert bullets == sum(len(summary.points) for summary in project.section("sources").summaries)


def test_the_chronology_has_at_least_25_cited_events_all_printed(project, chapters):
    assert len(project.section("chronology").events) >= 25
    assert all(event.cite for event in project.section("chronology").events)
    years = {event.date.year for event in project.section("chronology").events}
    assert min(years) <= 2017 and max(years) >= 2023
    for event in project.section("chronology").events:
        assert words(event.title) in chapters["Chronology"], event.title


def test_the_country_table_has_the_twelve_and_every_row_cited(project, chapters):
    actors = project.section("actors")
    names = [actors.name_of(row, "en-GB") for row in actors.actors]
    assert len(names) >= 12 and set(TWELVE) <= set(names)
    assert all(row.cite for row in actors.actors)
    table = chapters["Country cooperation"]
    for name in names:
        assert re.search(rf"\b{name}\b", table), name
    # Every one of the twelve carries the briefing's own link for it.
    for name, row in zip(names, actors.actors, strict=False):
        if name in TWELVE:
            assert row.references and all(r.source == "bcuk-briefing-54" for r in row.references)


def test_the_executive_summary_fits_on_one_page(pdf):
    texts = page_texts(pdf)
    assert texts[2].lstrip().startswith("Executive summary")
    assert texts[3].lstrip().startswith("Recommendations")


def test_nothing_is_a_raster_image_and_the_matrix_is_a_table(project, pdf, chapters):
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True,
                            check=True).stdout.splitlines()
    assert len(images) == 2, images  # the header lines only: nothing is a raster image
    rows = len(project.section("actors").actors)
    assert f"{rows} actors and the categories the sources place them in" in (
        chapters["Country cooperation"])
    assert "Withdrawal or" in chapters["Country cooperation"]  # a matrix heading, wrapped


def test_inserts_name_countries_and_dates_the_language_way(briefing, chapters):
    html = (briefing / "build" / "briefing.html").read_text(encoding="utf-8")
    inserts = chapters["Translated summaries"]
    assert inserts.count("Draft translation, awaiting review by a native speaker") == 4
    # Thai: CLDR's long date, with its era; Burmese: Myanmar digits and CLDR names.
    assert "1 กุมภาพันธ์ ค.ศ. 2021" in inserts
    assert "၂၀၂၁ ဖေဖော်ဝါရီ ၁ တွင်" in html
    assert "မြောက်ကိုရီးယား" in html and "Korea Utara" in html and "Selandia Baru" in html
    assert "{country:" not in html and "{date:" not in html
