"""Footnotes stay on the page of their call, however the text falls across pages."""

from __future__ import annotations

from reportgen import build
from reportgen.progress import Progress

from .pdfread import notes_per_page

FILLER = ("The council closed the old bridge after the river rose, and the traders of the "
          "east bank counted their losses while engineers inspected every pier. ")


def points(count: int) -> str:
    """Key points of one to six lines, each with a footnote."""
    items = "".join(f"""\
      - text: Point {n}. {FILLER * (n % 6 + 1)}
        cite: {{source: gazette, quote: the council closed the old bridge}}
""" for n in range(count))
    return "summaries:\n  - source: gazette\n    points:\n" + items


def test_no_footnote_is_moved_away_from_its_call(make_project):
    root = make_project({"report/summaries.yaml": points(60)})
    pdf = build.build(root, Progress(build.BUILD_STEPS, None)).pdf
    pages = notes_per_page(pdf)
    for number, page in enumerate(pages, 1):
        assert sorted(page.calls) == sorted(page.markers), f"page {number}"
    assert sum(len(page.calls) for page in pages) > 60
