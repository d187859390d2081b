"""Figures: the SVG drawn from the chronology and the country rows, read back as XML."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from reportgen.content.dates import PartialDate
from reportgen.render.figures import fits
from reportgen.sections.matrix import MatrixRow, matrix
from reportgen.sections.timeline import (
    LABEL_SIZE,
    PITCH,
    TimelineEntry,
    timeline,
    year_fraction,
)

SVG = "{http://www.w3.org/2000/svg}"


def drawing(uri: str) -> ET.Element:
    assert uri.startswith("data:image/svg+xml;base64,")
    return ET.fromstring(base64.b64decode(uri.split(",", 1)[1]))


def entry(date: str, title: str, uncertain: bool = False) -> TimelineEntry:
    parsed = PartialDate.parse(date)
    return TimelineEntry(parsed, parsed.english(), title, uncertain)


def texts(svg: ET.Element) -> list[ET.Element]:
    return svg.findall(f"{SVG}text")


def test_a_coarse_date_stands_at_the_start_of_what_it_covers():
    assert year_fraction(PartialDate(2021)) == 0
    assert year_fraction(PartialDate(2021, 4)) == 0.25
    assert year_fraction(PartialDate(2021, 4, 1)) == 0.25
    assert 0.25 < year_fraction(PartialDate(2021, 4, 16)) < year_fraction(PartialDate(2021, 5))


def test_long_labels_wrap_within_the_width():
    # 50 mm hold 32 characters of 2.75 mm at the generous average advance.
    lines = fits("Australia and New Zealand withdraw from the meeting in Moscow", 2.75, 50)
    assert lines == ["Australia and New Zealand", "withdraw from the meeting in", "Moscow"]


def test_the_timeline_draws_every_event_without_overlapping_labels():
    # Eight events within a week, a lone one years before: labels must spread out.
    entries = [entry("1988", "Earliest")] + [
        entry(f"2023-11-{day:02d}", f"Event on day {day}", uncertain=day % 2 == 0)
        for day in range(1, 9)]
    figure = timeline(entries)
    svg = drawing(figure.uri)
    dots = svg.findall(f"{SVG}circle")
    assert len(dots) == 9
    assert [dot.get("fill") for dot in dots].count("#ffffff") == 4  # open: uncertain
    titles = [t for t in texts(svg) if t.text.startswith(("Earliest", "Event"))]
    baselines = sorted(float(t.get("y")) for t in titles)
    assert len(titles) == 9
    assert all(b - a >= PITCH - 0.01 for a, b in zip(baselines, baselines[1:]))
    height = float(svg.get("viewBox").split()[3])
    assert baselines[0] - LABEL_SIZE >= 0 and baselines[-1] <= height
    years = [t.text for t in texts(svg) if t.get("font-size") == "3.2"]
    assert years == ["1988", "2023"]
    assert "1989–2022" in [t.text for t in texts(svg)]  # the shortened gap, labelled


def test_the_timeline_has_its_text_alternative_and_caption():
    figure = timeline([entry("2021-02-01", "Coup"), entry("2021-04", "Government formed"),
                       entry("2023-10-27", "Offensive")])
    assert figure.alt == ("Timeline of the 3 events of the chronology, from 2021 to 2023 "
                          "(2021: 2 events; 2023: 1 event). Each event is listed with its date "
                          "and sources in the chronology that follows.")
    assert drawing(figure.uri).find(f"{SVG}title").text == figure.alt
    assert figure.caption.startswith("The 3 events of the chronology on a time axis, from "
                                     "2021 to 2023.")


def test_the_matrix_marks_each_country_kind():
    kinds = ["Arms supply", "Training"]
    rows = [MatrixRow("Atlantis", ("Arms supply", "Training")), MatrixRow("Lemuria", ("Training",))]
    figure = matrix(kinds, rows)
    svg = drawing(figure.uri)
    cells = svg.findall(f"{SVG}circle")
    assert len(cells) == 4
    assert [cell.get("r") for cell in cells] == ["1.3", "1.3", "0.35", "1.3"]
    assert [t.text for t in texts(svg)] == ["Arms supply", "Training", "Atlantis", "Lemuria"]
    assert figure.alt == ("Matrix of 2 countries by 2 kinds of cooperation or stance. Atlantis: "
                          "Arms supply, Training; Lemuria: Training.")
