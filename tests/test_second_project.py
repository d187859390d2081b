"""A second project, unlike the example: French, with Arabic and Chinese inserts.

tests/projects/bassin-orvane is a FICTIONAL briefing written for these tests: a dispute over
a dam on an invented river between two invented states, from three invented documents. It
is built once in a temporary copy and read back from the PDF and its HTML.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import reportgen
from .pdfread import fonts, outline, page_texts, structure

PROJECT = Path(__file__).parent / "projects" / "bassin-orvane"

NARRATIVE = "Contexte du différend"
NARRATIVE_HEADINGS = ["Le barrage de Hautefonte", "Une route sous contrôle armé"]
ACTORS = "Parties au différend de l’Orvane"
ARMED_GROUP = "Brigades de la Source"
BASIN_BODY = "Commission du bassin de l’Orvane"

# What each insert prints: translated headings, names from the catalogs, CLDR's Switzerland.
ARABIC = {"heading": "خلفية النزاع", "armed group": "كتائب المنبع",
          "basin body": "لجنة حوض أورفان", "summary": "الملخص التنفيذي",
          "sentence": "تضاعفت ملوحة المياه", "Switzerland": "سويسرا"}
CHINESE = {"heading": "争端背景", "armed group": "源泉旅", "basin body": "奥尔瓦讷河流域委员会",
           "summary": "摘要", "sentence": "盐度翻了一番", "Switzerland": "瑞士"}
# The actors table's last lines in each insert: a category, and its actors named and
# listed the language's way (the two invented states, the basin body; CLDR's Switzerland).
ARABIC_GROUPS = {"التحكم في المنشآت المائية على النهر": "فالدوري",
                 "أطراف المفاوضات": "فالدوري وميريساند ولجنة حوض أورفان",
                 "تهديدات مسلحة": "كتائب المنبع", "مكان المفاوضات": "سويسرا"}
CHINESE_GROUPS = {"控制河上水利设施": "瓦尔多里", "谈判各方": "瓦尔多里、梅里桑德和奥尔瓦讷河流域委员会",
                  "武装威胁": "源泉旅", "谈判地点": "瑞士"}

FRENCH_FIXED = ["Sommaire", "Synthèse", "Recommandations", "Recommandée par",
                "page 1 sur 9", "Résumés traduits", "Bibliographie", "Texte utilisé : ",
                "Comment cette note a été élaborée", "(situation : juin 2031)"]
ACTORS_HEADINGS = ["Partie", "Rôle dans le différend", "Ce qu’en disent les sources",
                   "Position"]
ENGLISH_FIXED = ["Contents", "Recommended by", "page 1 of", "Bibliography",
                 "Executive summary", "Translated summaries", "Text used", "as of",
                 "How this briefing was made"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("second") / "bassin-orvane"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns("build"))
    return root


@pytest.fixture(scope="module")
def built(project: Path) -> subprocess.CompletedProcess:
    return reportgen("build", str(project))


@pytest.fixture(scope="module")
def pdf(project: Path, built: subprocess.CompletedProcess) -> Path:
    assert built.returncode == 0, built.stderr
    return project / "build" / "briefing.pdf"


@pytest.fixture(scope="module")
def texts(pdf: Path) -> list[str]:
    return page_texts(pdf)


@pytest.fixture(scope="module")
def bookmarks(pdf: Path) -> list[tuple[int, str, int]]:
    return outline(pdf)


def insert_text(texts: list[str], bookmarks: list[tuple[int, str, int]], name: str) -> str:
    """The text of an insert's pages: from its bookmark to the next bookmark's page."""
    index = next(i for i, (_, title, _) in enumerate(bookmarks) if title == name)
    return "".join(texts[bookmarks[index][2]:bookmarks[index + 1][2]])


def cells(text: str) -> list[list[str]]:
    """Each line's cells (runs of two spaces or more apart), without bidi control marks."""
    text = re.sub(r"[\u202a-\u202e]", "", text)
    return [re.split(r"\s{2,}", line.strip()) for line in text.splitlines() if line.strip()]


def groups(insert: str, labels: dict[str, str]) -> dict[str, str]:
    """The insert's lines that hold a category label, as {label: the other cell}."""
    return {label: next(cell for cell in row if cell != label)
            for row in cells(insert) for label in labels if label in row and len(row) == 2}


def test_the_build_succeeds(built, pdf):
    assert built.returncode == 0
    assert built.stderr.splitlines()[-1].startswith(f"Wrote {pdf} (11 pages) and briefing.html")


def test_check_strict_reports_no_problem(project):
    result = reportgen("check", "--strict", str(project))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[2].startswith("[3/3] Checking templates, fonts and glyphs … ")
    assert lines[3].startswith("All good: 25 citations of 3 sources verified in ")
    assert len(lines) == 4


def test_every_catalog_entry_is_translated(project):
    result = reportgen("translations", "status", str(project))
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[1:]]
    assert [row[:5] for row in rows] == [["ar", "Arabic", "23", "0", "0"],
                                         ["zh", "Chinese", "23", "0", "0"]]


def test_the_document_is_left_to_right_and_the_arabic_insert_right_to_left(project, pdf):
    html = (project / "build" / "briefing.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="fr" dir="ltr">', html)
    assert re.search(r'<div class="translated" lang="ar" dir="rtl"', html)
    assert re.search(r'<div class="translated" lang="zh" dir="ltr"', html)


def test_the_arabic_insert_reads_in_logical_order(texts, bookmarks):
    arabic = insert_text(texts, bookmarks, "Arabe")
    for words in ARABIC.values():
        assert words in arabic
    assert re.findall(r"[\u4e00-\u9fff]", arabic) == []


def test_the_chinese_insert_prints_the_translation(texts, bookmarks):
    chinese = insert_text(texts, bookmarks, "Chinois")
    for words in CHINESE.values():
        assert words in chinese
    assert "\ufffd" not in chinese
    assert re.findall(r"[\u0600-\u06ff]", chinese) == []


def test_each_insert_is_tagged_with_its_language(pdf):
    languages = {element.lang for element in structure(pdf)}
    assert {"ar", "zh"} <= languages


def test_arabic_and_cjk_noto_fonts_are_embedded(pdf):
    table = fonts(pdf)
    assert table and all(font["embedded"] == "yes" for font in table)
    names = [re.sub(r"^[A-Z]{6}\+", "", font["name"]) for font in table]
    assert "Noto-Naskh-Arabic" in names and "Noto-Sans-Arabic-Bold" in names
    assert "Noto-Serif-CJK-SC" in names and "Noto-Sans-CJK-SC-Bold" in names


def test_reportgen_s_fixed_words_are_french(texts):
    whole = "".join(texts)
    for words in FRENCH_FIXED + ACTORS_HEADINGS:
        assert words in whole
    for words in ENGLISH_FIXED:
        assert words not in whole


def test_the_actors_table_takes_its_headings_from_the_content(texts):
    page = next(text for text in texts if re.search(rf"^{ACTORS}$", text, re.MULTILINE))
    header = re.split(r"\s{2,}", next(line for line in page.splitlines()
                                     if "Rôle dans le différend" in line).strip())
    assert header == ACTORS_HEADINGS
    assert "5 acteurs et les catégories dans lesquelles les sources les classent" in page
    assert ARMED_GROUP in page and "Suisse" in page


def test_the_contents_list_the_narrative_and_the_actors_table(texts):
    contents = texts[1]
    assert contents.lstrip().startswith("Sommaire")
    for title, page in ((NARRATIVE, 3), (ACTORS, 5), ("Arabe", 6), ("Chinois", 7)):
        assert re.search(rf"^\s*{title} ?\.+ {page}\s*$", contents, re.MULTILINE), title


def test_the_bookmarks_hold_the_narrative_its_sub_headings_and_the_actors(bookmarks, texts):
    titles = [(level, title) for level, title, _ in bookmarks]
    start = titles.index((1, NARRATIVE))
    assert titles[start:start + 3] == [(1, NARRATIVE), *((2, h) for h in NARRATIVE_HEADINGS)]
    assert (1, ACTORS) in titles
    assert titles[titles.index((1, "Résumés traduits")):][:3] == [
        (1, "Résumés traduits"), (2, "Arabe"), (2, "Chinois")]
    narrative_page = {title: page for _, title, page in bookmarks}[NARRATIVE]
    assert re.search(rf"^{NARRATIVE}$", texts[narrative_page], re.MULTILINE)
    assert "page 3 sur 9" in texts[narrative_page]


def test_each_insert_has_the_narrative_and_the_non_state_actors(texts, bookmarks):
    arabic = insert_text(texts, bookmarks, "Arabe")
    chinese = insert_text(texts, bookmarks, "Chinois")
    for insert, words, table in ((arabic, ARABIC, ARABIC_GROUPS),
                                 (chinese, CHINESE, CHINESE_GROUPS)):
        assert [words["heading"]] in cells(insert)
        assert groups(insert, table) == table
        assert NARRATIVE not in insert and ARMED_GROUP not in insert
