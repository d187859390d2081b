"""Accessible and archival output: the tag tree, languages, alt text, PDF/A-3b with sources."""

from __future__ import annotations

import io
import re
import subprocess

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from reportgen import build
from reportgen.build import CHECK_STEPS, check
from reportgen.errors import RenderError
from reportgen.progress import Progress
from reportgen.publish.stamp import (
    Stamper,
    check_structure_kept,
    page_size,
    render_stamps,
)

from .conftest import MINIMAL, own_copy, write_files
from .pdfread import fonts, page_texts, structure

QUIET = Progress(build.BUILD_STEPS, None)


def qpdf_check(pdf) -> str:
    result = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def xmp(pdf) -> str:
    return PdfReader(pdf).xmp_metadata.stream.get_data().decode()


@pytest.fixture(scope="module")
def pdf(briefing):
    return briefing / "build" / "briefing.pdf"


def test_the_briefing_is_tagged_pdf_ua_1_with_its_language(pdf):
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert reader.pdf_header == "%PDF-1.7"
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "en-GB"
    assert 'pdfuaid:part="1"' in xmp(pdf)
    roles = {element.role for element in structure(reader)}
    assert {"Document", "Sect", "H1", "H2", "P", "L", "LI", "Table", "TH", "TD", "Link"} <= roles


def test_each_insert_carries_its_language_in_the_tag_tree(pdf):
    elements = structure(pdf)
    inserts = [element for element in elements if element.role == "Div" and element.lang]
    assert sorted({element.lang for element in inserts}) == ["id", "ms", "my", "th"]
    # The English names under each recommendation are marked English again.
    assert {element.lang for element in elements if element.role == "P"} >= {"en-GB", "my", "th"}


def test_the_english_text_reads_back_from_the_pdf(briefing, pdf):
    project = check(briefing, Progress(CHECK_STEPS, None)).project
    # pdftotext gives the text as laid out: join lines, undo hyphenation at line ends.
    text = re.sub(r"‐\s*\n\s*", "", "\n".join(page_texts(pdf)))
    text = " ".join(text.split())
    for paragraph in [*project.section("summary").summary,
                      *project.section("recommendations").recommendations]:
        assert " ".join(paragraph.text.split()) in text


def test_stamping_keeps_the_structure_tree_and_a_lost_one_is_an_error(pdf):
    before = pdf.read_bytes()
    stamper = Stamper(before, render_stamps(["Prepared for A. Reader"], ["Noto Sans"],
                                            page_size(before), pdf.parent, "en"))
    after = stamper.copy(0)
    assert structure(PdfReader(io.BytesIO(after))) == structure(PdfReader(io.BytesIO(before)))
    assert PdfReader(io.BytesIO(after)).page_labels == PdfReader(pdf).page_labels
    check_structure_kept(before, after)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(before)))
    del writer.root_object[NameObject("/StructTreeRoot")]
    stripped = io.BytesIO()
    writer.write(stripped)
    with pytest.raises(RenderError, match="stamping lost /StructTreeRoot from the PDF"):
        check_structure_kept(before, stripped.getvalue())


FIGURE = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
          '<rect width="40" height="20" fill="#7a1f1f"/></svg>')


def with_figures(root, markup: str) -> None:
    write_files(root, {"templates/flood-map.svg": FIGURE})
    summary = own_copy(root, "templates/summary.html.j2")
    summary.write_text(summary.read_text() + markup)


def test_alternative_text_of_figures_reaches_the_tag_tree(make_project):
    root = make_project()
    with_figures(root, '<img src="../templates/flood-map.svg" alt="Map of the flooded bridge">\n'
                       '<svg width="20" height="10"><title>Traders’ losses</title>'
                       '<rect width="20" height="10"/></svg>\n')
    outputs = build.build(root, QUIET)
    figures = [element.alt for element in structure(outputs.pdf) if element.role == "Figure"]
    # The two added to the executive summary; the actors' matrix is a table, not a drawing.
    assert figures == ["Map of the flooded bridge", "Traders’ losses"]


def test_a_figure_without_alternative_text_fails_the_build(make_project):
    root = make_project()
    with_figures(root, '<img src="../templates/flood-map.svg">\n<svg id="losses" width="20" '
                       'height="10"><rect width="20" height="10"/></svg>\n')
    with pytest.raises(RenderError) as caught:
        build.build(root, QUIET)
    assert str(caught.value) == (
        "templates/summary.html.j2:8:11: the image ../templates/flood-map.svg has no "
        "alternative text\n"
        "    Give it an alt attribute saying what it shows, for readers who cannot see it "
        "(screen readers read it from the PDF's tags).\n"
        "templates/summary.html.j2:9:6: an SVG figure ('losses') has no <title>\n"
        "    Give it a <title> element saying what it shows: the PDF's tags carry it as the "
        "figure's alternative text.")


@pytest.fixture(scope="module")
def archival(tmp_path_factory):
    root = tmp_path_factory.mktemp("archival")
    write_files(root, MINIMAL)
    return root, build.build(root, QUIET, build.BuildOptions(archival=True)).pdf


def test_the_archival_option_writes_pdf_a_3b_with_the_sources_embedded(archival):
    root, pdf = archival
    reader = PdfReader(pdf)
    # The seeds, then the content files in the order the briefing's sections read them.
    names = ["seeds/gazette.txt", "report/report.yaml", "report/sources.yaml",
             "report/executive-summary.yaml", "report/summaries.yaml",
             "report/chronology.yaml", "report/actors.yaml"]
    assert list(reader.attachments) == names
    for name in names:
        assert reader.attachments[name] == [(root / name).read_bytes()]
    catalog = reader.trailer["/Root"]
    specs = [spec.get_object() for spec in catalog["/AF"]]
    assert [spec["/UF"] for spec in specs] == names
    assert {spec["/AFRelationship"] for spec in specs} == {"/Source"}
    assert catalog["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert 'pdfaid:part="3"' in xmp(pdf) and 'pdfaid:conformance="B"' in xmp(pdf)
    assert reader.pdf_header == "%PDF-1.7"


def test_the_archival_pdf_is_clean_embedded_tagged_and_reproducible(archival):
    root, pdf = archival
    assert "No syntax or stream encoding errors found" in qpdf_check(pdf)
    assert all(font["embedded"] == "yes" for font in fonts(pdf))
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "en-GB"
    assert any(element.role == "H1" for element in structure(pdf))
    again = build.build(root, QUIET, build.BuildOptions(archival=True)).pdf.read_bytes()
    assert again == pdf.read_bytes()
