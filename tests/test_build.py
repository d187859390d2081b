"""Building small projects: layout guarantees, reproducible bytes, failed builds lose nothing."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from reportgen import build
from reportgen.errors import ContentError, RenderError
from reportgen.progress import Progress

from .pdfread import page_texts

QUIET = Progress(build.BUILD_STEPS, None)




def many_actors(count: int) -> str:
    rows = "".join(f"""\
  - name: Actor {n:02d}
    categories: [aid]
    details: Sent engineers to inspect the piers of the old bridge, and stayed to help the
      traders of the east bank rebuild their stalls after the losses of week rowend{n:02d}.
    status: Helping, with a longer description of where things stand as of the report
    as-of: 2020-03
    cite: {{source: gazette, quote: Engineers began work}}
""" for n in range(count))
    return "categories: [{id: aid, label: Aid}]\nactors:\n" + rows


def test_actors_table_repeats_its_header_and_never_splits_a_row(make_project):
    root = make_project({"report/actors.yaml": many_actors(40)})
    outputs = build.build(root, QUIET)
    # The table's pages: the matrix figure before it names the countries too, not the details.
    pages = [text for text in page_texts(outputs.pdf) if "rowend" in text]
    assert len(pages) >= 3
    for text in pages:
        assert re.search(r"Actor\s+Category\s+What, and since when\s+Status", text)
    for n in range(40):
        holding = [i for i, text in enumerate(pages) if f"Actor {n:02d}" in text]
        assert len(holding) == 1
        assert f"rowend{n:02d}" in pages[holding[0]]


def test_the_same_inputs_give_the_same_bytes(make_project):
    root = make_project()
    first = build.build(root, QUIET).pdf.read_bytes()
    second = build.build(root, QUIET).pdf.read_bytes()
    assert first == second


def test_a_failed_build_leaves_the_previous_pdf_untouched(make_project):
    root = make_project()
    outputs = build.build(root, QUIET)
    before = outputs.pdf.read_bytes()
    summaries = root / "report/summaries.yaml"
    summaries.write_text(summaries.read_text().replace("the council closed", "the mayor closed"))
    with pytest.raises(ContentError, match="the quote is not in source 'gazette'"):
        build.build(root, QUIET)
    assert outputs.pdf.read_bytes() == before
    assert len(PdfReader(outputs.pdf).pages) > 3
    assert sorted(p.name for p in outputs.pdf.parent.iterdir()) == [".lock", "briefing.html",
                                                                   "briefing.pdf"]


def test_the_html_written_is_the_html_rendered(make_project):
    outputs = build.build(make_project(), QUIET)
    html = outputs.html.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or "<!DOCTYPE html>" in html[:200]
    # The built-in stylesheets are in the HTML itself; a project's own are linked.
    assert "<style>\n/* Pages: A4;" in html and "<link" not in html
    assert "The council closed the old bridge after the flood." in html


def test_a_file_where_the_output_folder_belongs_is_named(make_project):
    root = make_project()
    (root / "build").write_text("not a folder", encoding="utf-8")
    with pytest.raises(RenderError) as raised:
        build.build(root, Progress(build.BUILD_STEPS, None))
    assert str(raised.value) == (
        "build: cannot use the output folder: File exists\n"
        "    build is a file: move it away, so that reportgen can make the folder.")
