"""Accessible and archival output: the tag tree, languages, alt text, PDF/A-3b with sources."""

from __future__ import annotations

import io
import re
import subprocess
import textwrap

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject
from weasyprint import HTML

from reportgen import build
from reportgen.build import CHECK_STEPS, check
from reportgen.cli import main
from reportgen.errors import RenderError
from reportgen.progress import Progress
from reportgen.publish.stamp import (
    Stamper,
    check_structure_kept,
    page_size,
    render_stamps,
)
from reportgen.render.internals import structure_tags

from .conftest import MINIMAL, own_copy, write_files
from .pdfread import fonts, page_texts, structure, tag_tree

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
    # pdftotext gives the text as laid out: join lines, undo hyphenation at line ends
    # (a soft hyphen in the text layer).
    text = re.sub(r"\u00ad\s*\n\s*", "", "\n".join(page_texts(pdf)))
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


# The structure tree as PDF/UA-1 (and the Matterhorn protocol) reads it.

@pytest.fixture(scope="module")
def tree(pdf):
    return tag_tree(pdf)


def test_every_marked_content_sequence_is_in_the_tree_or_an_artifact(tree):
    owned = {mcid: element.number for element in tree.elements for mcid in element.mcids}
    marked = set()
    for page, sequences in enumerate(tree.marked):
        for sequence in sequences:
            assert sequence.tag, f"text outside marked content on page {page + 1}"
            if sequence.tag != "Artifact":
                marked.add((page, sequence.properties["/MCID"]))
    assert marked == set(owned)  # every MCID reachable from the root, and only those
    assert all(tree.owners[mcid] == number for mcid, number in owned.items())


def pagination(tree) -> list[int]:
    """How many pagination artifacts show text, page by page."""
    return [sum(sequence.tag == "Artifact" and sequence.shows_text and
                sequence.properties.get("/Type") == "/Pagination" for sequence in sequences)
            for sequences in tree.marked]


def test_running_heads_and_page_numbers_are_pagination_artifacts(tree, pdf):
    labels = PdfReader(pdf).page_labels
    counts = pagination(tree)
    body = [count for label, count in zip(labels, counts, strict=False) if label.isdigit()]
    front = [count for label, count in zip(labels[1:], counts[1:], strict=False)
             if not label.isdigit()]
    assert counts[0] == 0 and set(front) == {1}  # the cover; the contents' page numbers
    assert body and all(count >= 2 for count in body)  # running head, "page X of Y"


def test_a_table_split_across_pages_is_one_table_with_its_header_once(tree, briefing):
    html = (briefing / "build" / "briefing.html").read_text(encoding="utf-8")
    tables = [element for element in tree.elements if element.role == "Table"]
    assert len(tables) == html.count("<table")
    counts, split = pagination(tree), 0
    for table in tables:
        inside = tree.elements[tree.elements.index(table) + 1:]
        inside = inside[:next((i for i, element in enumerate(inside)
                               if element.depth <= table.depth), len(inside))]
        groups = [element for element in inside if element.role == "THead"]
        assert len(groups) <= 1
        if not groups or len(table.pages) == 1:
            continue
        split += 1
        header = inside[inside.index(groups[0]) + 1:]
        header = header[:next(i for i, element in enumerate(header)
                              if element.depth <= groups[0].depth)]
        cells = [element for element in header if element.role == "TH"]
        first, *later = sorted(table.pages)
        # Each later page repeats the header row: its cells' text is pagination, not content.
        assert all(counts[page] == counts[first] + len(cells) for page in later)
    assert split  # the actors table runs over several pages, its header row repeated


def test_a_table_cell_broken_across_pages_is_one_cell_with_its_headers(tmp_path):
    rows = "".join(f"<tr><th scope='row'>Row {row}</th><td>{'Many words. ' * 300}</td></tr>"
                   for row in range(2))
    html = (f"<html lang='en'><head><style>@page {{ size: A6 }}</style></head><body><table>"
            f"<thead><tr><th scope='col'>Actor</th><th scope='col'>Details</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></body></html>")
    document = HTML(string=html).render(pdf_tags=True)
    with structure_tags():
        (tmp_path / "cells.pdf").write_bytes(document.write_pdf(pdf_tags=True))
    elements = tag_tree(tmp_path / "cells.pdf").elements
    cells = [element for element in elements if element.role == "TD"]
    headers = {element.id: element for element in elements if element.role == "TH"}
    assert len(document.pages) > 2 and len(cells) == 2
    assert all(len(cell.pages) > 1 for cell in cells)
    assert [sorted(headers[str(name)].attributes["/Scope"] for name in cell.attributes["/Headers"])
            for cell in cells] == [["/Column", "/Row"]] * 2


def test_every_header_cell_has_a_scope(tree):
    cells = [element for element in tree.elements if element.role == "TH"]
    assert cells and {cell.attributes.get("/Scope") for cell in cells} == {"/Row", "/Column"}


def assert_no_skipped_heading_level(elements) -> None:
    levels = [int(element.role[1]) for element in elements
              if re.fullmatch(r"H[1-6]", element.role)]
    assert levels[0] == 1
    skips = [(before, after) for before, after in zip(levels, levels[1:], strict=False)
             if after > before + 1]
    assert not skips


def test_no_heading_level_is_skipped(tree):
    assert_no_skipped_heading_level(tree.elements)


def test_footnotes_are_notes_with_an_id_referenced_from_their_call(tree, briefing):
    html = (briefing / "build" / "briefing.html").read_text(encoding="utf-8")
    notes = {element.number: element for element in tree.elements if element.role == "Note"}
    calls = [element for element in tree.elements if element.role == "Reference"]
    assert len(notes) == len(calls) == html.count('class="footnote"')
    ids = [note.id for note in notes.values()]
    assert all(ids) and len(set(ids)) == len(ids)
    assert sorted(ref for call in calls for ref in call.refs) == sorted(notes)
    # Each note is read right after its call, where the HTML has it.
    for call in calls:
        after = tree.elements[tree.elements.index(call) + 1:]
        note = next(element for element in after if element.depth <= call.depth)
        assert note.number == call.refs[0] and note.depth == call.depth


def test_links_say_where_they_lead(tree):
    links = [annotation for annotation in tree.annotations if annotation["/Subtype"] == "/Link"]
    contents = set()
    for link in links:
        if "/A" in link:
            assert link["/Contents"] == link["/A"]["/URI"]
        else:
            assert link["/Contents"] != link["/Dest"]
            contents.add(str(link["/Contents"]))
    assert {"Executive summary", "Bibliography"} <= contents
    assert any(text.startswith("Bibliography: ASEAN Parliamentarians for Human Rights. ")
               for text in contents)


def test_each_insert_and_its_text_carry_its_language(tree):
    inserts = [element for element in tree.elements if element.role == "Div" and element.lang]
    assert sorted(element.lang for element in inserts) == ["id", "ms", "my", "th"]
    assert all(element.pages for element in inserts)


BACKGROUND = """\
    title: Background
    paragraphs:
      - heading: The old bridge
      - text: The bridge carried the town's trade across the river.
        cite:
          - source: gazette
            quote: Traders on the east bank reported losses
    """


@pytest.fixture(scope="module")
def every_template(tmp_path_factory):
    """A project printing every built-in template, changes page included."""
    root = tmp_path_factory.mktemp("every-template")
    sections = ("sections: [contents, summary, recommendations, {kind: narrative, file: "
                "background.yaml}, sources, chronology, actors, translations]\n")
    report = textwrap.dedent(MINIMAL["report/report.yaml"]) + "translations: [id]\n" + sections
    write_files(root, {**MINIMAL, "report/background.yaml": BACKGROUND,
                       "report/report.yaml": report})
    assert main(["translations", "update", "-q", str(root)]) == 0
    assert main(["release", "-q", str(root)]) == 0
    chronology = root / "report/chronology.yaml"
    chronology.write_text(chronology.read_text().replace("The river rises", "The river rose"))
    return build.build(root, QUIET).pdf


def test_no_template_skips_a_heading_level(every_template):
    elements = tag_tree(every_template).elements
    roles = [element.role for element in elements]
    assert roles.count("H1") >= 9 and "H2" in roles and "H3" in roles
    assert_no_skipped_heading_level(elements)
    assert "Changes since edition 2" in "".join(page_texts(every_template))
