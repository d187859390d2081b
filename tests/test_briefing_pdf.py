"""End to end: the real briefing built in a temporary copy, read back from the PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from pypdf import PdfReader

from reportgen.build import CHECK_STEPS, check
from reportgen.progress import Progress
from reportgen.render.citation_style import display_title

from .pdfread import fonts, notes_per_page, outline, page_texts


@pytest.fixture(scope="module")
def pdf(briefing):
    return briefing / "build" / "briefing.pdf"


@pytest.fixture(scope="module")
def texts(pdf):
    return page_texts(pdf)


def test_qpdf_finds_no_problem(pdf):
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_every_font_is_embedded_including_burmese_and_thai(pdf):
    table = fonts(pdf)
    assert table and all(font["embedded"] == "yes" for font in table)
    names = " ".join(font["name"] for font in table)
    assert "Noto-Sans-Myanmar" in names and "Noto-Sans-Thai" in names


def test_burmese_and_thai_text_can_be_extracted(texts):
    whole = "".join(texts)
    assert len(re.findall(r"[\u1000-\u109f]", whole)) > 100
    assert len(re.findall(r"[\u0e00-\u0e7f]", whole)) > 100


def test_each_footnote_is_on_the_page_of_its_call(pdf):
    pages = notes_per_page(pdf)
    for number, page in enumerate(pages, 1):
        assert sorted(page.calls) == sorted(page.markers), f"page {number}"
    called = [n for page in pages for n in page.calls]
    assert called == list(range(1, len(called) + 1))
    assert len(called) > 20


def test_the_bibliography_lists_all_five_sources(briefing, texts):
    project = check(briefing, Progress(CHECK_STEPS, None)).project
    start = next(i for i, text in enumerate(texts) if re.search(r"^\s*Bibliography\s*$", text, re.M)
                 and "Contents" not in text)
    bibliography = re.sub(r"\s+", " ", " ".join(texts[start:]))
    assert len(project.sources) == 5
    for source in project.sources:
        words = re.sub(r"\s+", " ", display_title(source)).replace("“", "‘").replace("”", "’")
        assert words[:40] in bibliography, source.id


def test_outline_mirrors_the_contents_and_its_page_numbers(pdf, texts):
    reader = PdfReader(pdf)
    labels = reader.page_labels
    entries = outline(pdf)
    contents = texts[1]
    lines = re.findall(r"^\s*(\S.*?)\s*\.{2,}\s*(\d+)\s*$", contents, re.M)
    assert len(lines) == len(entries) >= 10
    for (_level, title, page), (listed, number) in zip(entries, lines, strict=False):
        assert re.sub(r"\s+", " ", listed).startswith(title[:30]), (title, listed)
        assert labels[page] == number, title
    assert [title for level, title, _ in entries if level == 1][:3] == [
        "Executive summary", "Recommendations", "The sources in brief"]


def test_page_labels_running_heads_and_page_x_of_y(pdf, texts):
    labels = PdfReader(pdf).page_labels
    assert labels[:3] == ["i", "ii", "1"]
    body = len(labels) - 2
    assert labels[-1] == str(body)
    assert re.search(rf"page 1 of {body}\s*$", texts[2])
    assert texts[2].lstrip().startswith("Executive summary")
    assert f"page {body} of {body}" in texts[-1]


def test_metadata_comes_from_report_yaml(pdf):
    reader = PdfReader(pdf)
    info = reader.metadata
    assert info.title == "Myanmar after the coup"
    assert info.author == "reportgen briefing editors"
    assert info.subject.startswith("The 2021 military coup in Myanmar")
    assert "National Unity Government" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20261122")
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"


def test_footnotes_link_to_the_bibliography_and_urls_are_live(pdf):
    reader = PdfReader(pdf)
    internal, external = 0, []
    for page in reader.pages:
        for annotation in page.get("/Annots", []):
            annotation = annotation.get_object()
            action = annotation.get("/A", {})
            if "/URI" in action:
                external.append(action["/URI"])
            elif "/Dest" in annotation or action.get("/S") == "/GoTo":
                internal += 1
    assert internal > 20
    assert "https://mod.gov.mm/news/item/34-myanmar-japan-to-strengthen-military-cooperation" in external


def test_inserts_carry_their_language(briefing):
    html = (briefing / "build" / "briefing.html").read_text(encoding="utf-8")
    for lang in ("my", "th", "id", "ms"):
        assert f'<div class="translated" lang="{lang}"' in html
