"""The briefing laid out in parts is the PDF of its layout as one document; rebuilds in one
process lay out only what an edit changed, and write the very PDF a build from scratch of
the same files writes: edits to the chronology, to a catalog and to a stylesheet, one
after the other, on a copy of the real briefing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reportgen import build
from reportgen.content.theme import BUILT_IN
from reportgen.progress import Progress
from reportgen.render import layout
from reportgen.render.layout import Layouts
from reportgen.render.parts import whole

from .conftest import copy_briefing

TIMEOUT = 300
EXTRA = (" The militia's hold on the border trade outlasted every ceasefire of the decade,"
         " and each offensive against it ended where the last one had.") * 28


def edit(root: Path, name: str, old: str, new: str) -> None:
    """Replace old (which must be there) with new in a project file, or in a copy of the
    built-in theme's file of that name under templates/."""
    path = root / name
    text = path.read_text(encoding="utf-8") if path.exists() else (
        BUILT_IN / path.name).read_text(encoding="utf-8")
    assert old in text
    path.parent.mkdir(exist_ok=True)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def from_scratch(root: Path, folder: Path) -> bytes:
    """The PDF a build of a fresh copy of root's files writes, in a process of its own."""
    for name in ("seeds", "report", "templates"):
        if (root / name).exists():
            shutil.copytree(root / name, folder / name)
    subprocess.run([sys.executable, "-m", "reportgen", "build", "-q", str(folder)],
                   check=True, timeout=TIMEOUT)
    return (folder / "build" / "briefing.pdf").read_bytes()


EDITS = (  # (what, file, old, new)
    ("an event's text", "report/chronology.yaml",
     "A militia that enriches itself", "A militia which enriches itself"),
    # Glyphs drawn first on this page now: the pages after it map them in another order.
    ("an event's title with glyphs new to its font",
     "report/chronology.yaml", "title: A pro-junta militia takes hold of Kokang",
     "title: A pro-junta militia takes hold of Kokang (Q4 2009, §7)"),
    ("the same title as it was", "report/chronology.yaml",
     "title: A pro-junta militia takes hold of Kokang (Q4 2009, §7)",
     "title: A pro-junta militia takes hold of Kokang"),
    ("an event that grows the chronology by a page", "report/chronology.yaml",
     "the border with China, since 2009.", "the border with China, since 2009." + EXTRA),
    ("a catalog entry", "report/translations/th.po",
     'msgstr "บทสรุปสำหรับผู้บริหาร"', 'msgstr "บทสรุปผู้บริหาร"'),
    ("a stylesheet", "templates/page.css",
     "margin: 22mm 20mm 24mm 20mm;", "margin: 22mm 20mm 26mm 20mm;"),
)


def test_each_rebuild_after_an_edit_is_the_pdf_of_a_build_from_scratch(tmp_path):
    root = copy_briefing(tmp_path / "edited")
    layouts = Layouts()
    first = build.build_if_changed(root, Progress(build.BUILD_STEPS, None), layouts=layouts)
    assert layouts.last.laid_out >= layouts.last.parts > 1
    pages = first.pages
    for step, (what, name, old, new) in enumerate(EDITS):
        edit(root, name, old, new)
        built = build.build_if_changed(root, Progress(build.BUILD_STEPS, None),
                                       layouts=layouts)
        assert not built.up_to_date
        expected = from_scratch(root, tmp_path / f"scratch-{step}")
        assert built.pdf.read_bytes() == expected, what
        laid_out, parts = layouts.last
        painted = built.pages - layouts.painted.reused
        if name.startswith("templates/"):
            assert laid_out >= parts, f"{what}: every part is laid out again"
            assert painted == built.pages, f"{what}: every page is painted again"
        else:
            assert laid_out < parts, f"{what}: laid out {laid_out} of {parts} parts"
        if "page" in what:
            assert built.pages > pages, "the edit was to add a page"
        elif not name.startswith("templates/"):
            assert painted < built.pages / 2, f"{what}: painted {painted} of {built.pages}"
        pages = built.pages


def test_laid_out_in_parts_the_briefing_is_the_pdf_of_one_whole_layout(briefing, tmp_path,
                                                                       monkeypatch):
    root = copy_briefing(tmp_path)
    monkeypatch.setattr(layout, "split", lambda element: [whole(element)])
    build.build(root, Progress(build.BUILD_STEPS, None))
    in_parts = (briefing / "build" / "briefing.pdf").read_bytes()
    assert (root / "build" / "briefing.pdf").read_bytes() == in_parts
