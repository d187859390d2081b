"""A briefing whose own language is written right to left: the whole document mirrored.

tests/projects/jisr-ar is a FICTIONAL briefing in Arabic with an English insert. It is
built once in a temporary copy; where words stand on the page is read back with
pdftotext -bbox (x grows to the right; a word of Arabic letters may come out in either
order, so words are compared both ways).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from .pdfread import outline, page_texts, structure

PROJECT = Path(__file__).parent / "projects" / "jisr-ar"
WIDTH = 595.3  # A4, in points


@dataclass
class Word:
    text: str
    left: float
    top: float
    right: float

    def is_(self, text: str) -> bool:
        return self.text in (text, text[::-1])


def words(pdf: Path, page: int) -> list[Word]:
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    return [Word(text, float(left), float(top), float(right)) for left, top, right, text in
            re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                       r'yMax="[\d.]+">([^<]*)</word>', bbox)]


def find(found: list[Word], text: str) -> Word:
    """The word, set largest where it stands more than once (a heading, not a running head)."""
    return max((word for word in found if word.is_(text)), key=lambda word: word.right - word.left)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rtl") / "jisr-ar"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns("build"))
    built = subprocess.run([sys.executable, "-m", "reportgen", "build", "-q", str(root)],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    return root / "build" / "briefing.pdf"


@pytest.fixture(scope="module")
def pages(pdf: Path) -> dict[str, int]:
    """The page of each first-level bookmark, by title."""
    return {title: page for level, title, page in outline(pdf) if level == 1}


def test_the_document_is_right_to_left_and_the_english_insert_left_to_right(pdf):
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<div class="translated" lang="en" dir="ltr"' in html
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "ar"
    assert "en" in {element.lang for element in structure(pdf)}


def test_headings_and_paragraphs_stand_against_the_right_margin(pdf, pages):
    page = words(pdf, pages["الملخص التنفيذي"] + 1)
    heading = find(page, "الملخص")  # its first word, the rightmost
    assert heading.right > 0.85 * WIDTH and heading.left > WIDTH / 2
    first_word = find(page, "أغلق")
    assert abs(first_word.right - heading.right) < 3


def test_recommendation_numbers_stand_on_the_right(pdf, pages):
    page = words(pdf, pages["التوصيات"] + 1)
    number = find(page, "1.")
    line = [word for word in page if abs(word.top - number.top) < 2 and word is not number]
    assert line and all(word.right < number.left for word in line)


def test_the_actors_table_runs_from_right_to_left(pdf, pages):
    page = words(pdf, pages["الجهات الفاعلة"] + 1)
    header = [word for word in page if word.is_("الوضع") or word.is_("الفئة")]
    status, category = sorted(header, key=lambda word: word.left)
    assert status.is_("الوضع") and category.is_("الفئة")  # the last column is leftmost


def test_footnotes_stand_against_the_right_margin(pdf, pages):
    page = words(pdf, pages["الملخص التنفيذي"] + 1)
    heading = find(page, "الملخص")
    note_number = next(word for word in page if word.is_("1.") and word.top > 600)
    assert abs(note_number.right - heading.right) < 3


def test_notes_use_the_arabic_comma(pdf):
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert "نشرة المرصد المائي، «فيضان النهر يغلق الجسر القديم»، مارس 2020، ¶6." in html


def test_the_contents_are_not_numbered_as_a_list(pdf):
    contents = re.sub("[\u202a-\u202e]", "", page_texts(pdf)[1])
    assert not re.search(r"(^|\s)\.?\d+\.(\s|$)", contents)


def test_the_english_insert_reads_left_to_right(pdf, pages):
    page = words(pdf, pages["ملخصات مترجمة"] + 1)
    english = find(page, "Executive")
    assert english.left < 0.2 * WIDTH
    assert "The flood closed the old bridge and hurt trade on the east bank." in (
        page_texts(pdf)[pages["ملخصات مترجمة"]])
