"""Layout in parts: each part a document of its own, laid out as the whole document lays it
out, and laid out again only when what it depends on changed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from weasyprint import HTML

from reportgen.render.internals import laid_out_text
from reportgen.render.layout import Layouts, lay_out
from reportgen.render.parts import split

STYLE = """
@page { size: 110mm 80mm; margin: 12mm 10mm;
  @top-center { content: string(head); font-size: 7pt }
  @bottom-center { content: "page " counter(page) " of " target-counter(url(#end), page)
                   " (" counter(pages) ")"; font-size: 7pt } }
@page front { @bottom-center { content: counter(page, lower-roman); font-size: 7pt } }
@page :nth(1 of body) { counter-reset: page 1 }
@page :first { margin-top: 20mm }
body { margin: 0; font: 9pt/1.3 "Noto Serif" }
nav { page: front }
main { page: body }
section { break-before: page }
h1 { string-set: head content(); font-size: 12pt }
.note { float: footnote; font-size: 7pt }
nav a { display: block }
nav a::after { content: leader(".") target-counter(attr(href), page) }
"""
SIDES = "@page :left { margin-left: 22mm } @page :right { margin-right: 22mm }"
WORDS = "The river rose two metres and the council closed the old bridge. "


NOTE = '<span class="note">A note on the alpha chapter.</span>'


def briefing(alpha: int = 30, beta: str = "", style: str = "", note_last: bool = False) -> str:
    """A small document with a cover, contents, and three chapters in parts."""
    text = WORDS * alpha + NOTE if note_last else NOTE + WORDS * alpha
    return f"""<html lang="en"><head><style>{STYLE}{style}</style></head><body>
<section class="cover"><h1>The cover</h1></section>
<nav data-part><a href="#alpha">Alpha</a><a href="#beta">Beta</a><a href="#gamma">Gamma</a></nav>
<main>
<section id="alpha" data-part><h1>Alpha</h1><p>{text}</p></section>
<section id="beta" data-part><p>Beta has no heading of its own: the running head is still
Alpha's. {beta}{WORDS * 12}</p></section>
<section id="gamma" data-part><h1>Gamma</h1><p>{WORDS * 8}</p><span id="end"></span></section>
</main></body></html>"""


def pictures(document, folder: Path) -> list[bytes]:
    """Each page drawn at 40 dpi."""
    folder.mkdir()
    document.write_pdf(folder / "out.pdf")
    subprocess.run(["pdftoppm", "-r", "40", "-png", folder / "out.pdf", folder / "page"],
                   check=True)
    return [path.read_bytes() for path in sorted(folder.glob("page-*.png"))]


def in_parts(html: str, layouts: Layouts | None = None):
    return lay_out(HTML(string=html), layouts or Layouts(), "setting")


def test_the_parts_are_where_the_template_marks_a_new_page():
    parts = split(HTML(string=briefing()).etree_element)
    assert [(part.depth, part.continued) for part in parts] == [
        (1, 0), (2, 2), (3, 2), (3, 3), (3, 3)]
    # Each holds the head, and copies of the containers (html, body, main) it shares.
    for part in parts:
        assert part.root[0].tag == "head" and part.root.tag == "html"
        assert all(copy.tag == original.tag for copy, original in part.copies.items())
    chapters = [part.root[1][0] for part in parts[2:]]
    assert [chapter.tag for chapter in chapters] == ["main"] * 3
    assert [[child.get("id") for child in chapter] for chapter in chapters] == [
        ["alpha"], ["beta"], ["gamma", None]][:2] + [["gamma"]]
    assert parts[-1].root[1][0][0][-1].get("id") == "end"  # the end mark stays in its part


def test_laid_out_in_parts_the_pages_are_those_of_the_whole_document(tmp_path):
    for number, html in enumerate((briefing(), briefing(style=SIDES))):
        whole = HTML(string=html).render()
        assert len(whole.pages) > 6
        assert pictures(in_parts(html).document, tmp_path / f"parts{number}") == pictures(
            whole, tmp_path / f"whole{number}")


def test_a_mark_where_no_page_begins_lays_the_document_out_whole(tmp_path):
    html = briefing().replace(f"<p>{WORDS * 8}", f"<p data-part>{WORDS * 8}")
    laid = in_parts(html)
    assert laid.laid_out == 1
    assert pictures(laid.document, tmp_path / "parts") == pictures(
        HTML(string=html).render(), tmp_path / "whole")


def test_footnotes_running_past_a_part_lay_the_document_out_whole(tmp_path):
    # The note at the end of alpha does not fit on its last page: the whole document
    # sets it at the foot of beta's first page, where a part of its own could not.
    html = briefing(alpha=31, note_last=True)
    pages = [" ".join(text for number, text, _ in laid_out_text(HTML(string=html).render())
                      if number == page) for page in range(1, 9)]
    assert [page for page, text in enumerate(pages) if "A note on the alpha" in text] == [
        page for page, text in enumerate(pages) if "Beta has no heading" in text]
    laid = in_parts(html)
    assert laid.laid_out == 1
    assert pictures(laid.document, tmp_path / "parts") == pictures(
        HTML(string=html).render(), tmp_path / "whole")


def test_an_edit_lays_out_again_only_the_parts_it_changes(tmp_path):
    layouts = Layouts()
    in_parts(briefing(), layouts)
    edited = in_parts(briefing(beta="A new sentence. "), layouts)
    assert edited.laid_out == 1
    fresh = in_parts(briefing(beta="A new sentence. "))
    assert fresh.laid_out == 5 + 1  # every part, then the contents once its anchors are known
    assert edited.document.write_pdf() == fresh.document.write_pdf()


def test_a_part_that_grows_moves_the_page_numbers_after_it(tmp_path):
    layouts = Layouts()
    before = in_parts(briefing(), layouts)
    longer = in_parts(briefing(alpha=60), layouts)
    # Alpha, and the contents whose page numbers moved; beta and gamma only get new
    # margins ("page 4 of 6" and their running heads).
    assert longer.laid_out == 2
    assert len(longer.document.pages) > len(before.document.pages)
    assert longer.document.write_pdf() == in_parts(briefing(alpha=60)).document.write_pdf()
    assert pictures(longer.document, tmp_path / "parts") == pictures(
        HTML(string=briefing(alpha=60)).render(), tmp_path / "whole")


def test_when_page_sides_differ_a_part_moved_by_a_page_is_laid_out_again():
    layouts = Layouts()
    in_parts(briefing(style=SIDES), layouts)
    longer = in_parts(briefing(alpha=60, style=SIDES), layouts)
    assert longer.laid_out == 4  # alpha, the contents, beta and gamma: each side changed
