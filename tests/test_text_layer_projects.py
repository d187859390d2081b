"""The text layer of the test projects in other scripts, read back as printed.

tests/projects/bassin-orvane (French) has Arabic and Chinese inserts; tests/projects/jisr-ar
is written in Arabic, right to left throughout, with an English insert. Each is built once
in a temporary copy and read back with pdftotext (its default mode and -raw) and pypdf;
the words of each catalog, or of the content an Arabic page prints, must come back in
logical order, ligatures (lam-alef: "لا", "لأ", "لإ") included.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
import yaml
from babel.messages.pofile import read_po

from reportgen import build
from reportgen.content.localize import expand

from .pdfread import inconsistent_widths
from .test_text_layer import (
    NOT_IN_WORDS,
    OTHER_BIDI_CONTROLS,
    POPPLER_EMBEDDINGS,
    QUIET,
    catalog_words,
    missing,
    pdftotext,
    pypdf_text,
    words,
)

PROJECTS = Path(__file__).parent / "projects"
EXTRACTORS = ["pdftotext", "pdftotext -raw", "pypdf"]


def built(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A test project built in a temporary copy; returns its PDF."""
    root = tmp_path_factory.mktemp(name) / name
    shutil.copytree(PROJECTS / name, root, ignore=shutil.ignore_patterns("build"))
    build.build(root, QUIET)
    return root / "build" / "briefing.pdf"


def extracted(pdf: Path, pages: range) -> dict[str, str]:
    """The text of the pages (0-based) by extractor."""
    poppler = ["-f", str(pages.start + 1), "-l", str(pages.stop)]
    return {"pdftotext": pdftotext(pdf, pdf.parent, *poppler),
            "pdftotext -raw": pdftotext(pdf, pdf.parent, "-raw", *poppler),
            "pypdf": pypdf_text(pdf, pages)}


def outline_pages(pdf: Path) -> dict[str, int]:
    """The page (0-based) of every bookmark, by title."""
    reader = pypdf.PdfReader(pdf)

    def walk(items: list) -> dict[str, int]:
        found = {}
        for item in items:
            found.update(walk(item) if isinstance(item, list) else
                         {item.title: reader.get_destination_page_number(item)})
        return found
    return walk(reader.outline)


# Chinese is written without spaces, so a word is not a unit the text gives. Each
# translation is cut at its punctuation into phrases, and a phrase's units are its
# overlapping pairs of characters (a one-character phrase is its own unit): most Chinese
# words are one or two characters, so a pair is about a word; a character lost, doubled
# or out of place loses the pairs around it, and a phrase split by a line or page break
# loses only the pair astride the break. Pairs are looked for in the extracted text with
# all white space removed, as pdftotext may space or break Chinese lines anywhere.
PHRASE_BREAK = re.compile(r"[\s\u3000-\u303f\uff00-\uffef\u2010-\u206f,.;:!?()\"']+")


def character_pairs(text: str) -> list[str]:
    """The overlapping character pairs of each phrase of text (see above)."""
    pairs = []
    for phrase in filter(None, PHRASE_BREAK.split(text)):
        pairs.extend([phrase] if len(phrase) == 1 else
                     [phrase[i:i + 2] for i in range(len(phrase) - 1)])
    return pairs


def catalog_pairs(root: Path, language: str) -> list[str]:
    """The character pairs of a catalog's translations, placeholders filled in."""
    with open(root / "report/translations" / f"{language}.po", "rb") as file:
        catalog = read_po(file, locale=language)
    return [pair for message in catalog if message.id and message.string
            for pair in character_pairs(expand(message.string, language))]


def missing_pairs(expected: list[str], text: str) -> list[str]:
    """The pairs not found in the text, white space and poppler's marks removed."""
    flat = re.sub(r"\s+", "", text.translate(NOT_IN_WORDS))
    return [pair for pair in expected if pair not in flat]


# What jisr-ar prints of its own content, in Arabic: the cover, the sections, their
# headings, notes, table cells and the method; reportgen's own words come in through the
# headings of the bookmarks.
PRINTED = {
    "report.yaml": ["title", "subtitle", "publisher", "distribution", "method"],
    "executive-summary.yaml": ["summary.text", "recommendations.text", "recommendations.by"],
    "khalfiya.yaml": ["title", "paragraphs.text", "paragraphs.heading"],
    "summaries.yaml": ["summaries.points.text"],
    "chronology.yaml": ["events.title"],
    "actors.yaml": ["categories.label", "actors.name", "actors.details", "actors.status"],
    "sources.yaml": ["sources.title", "sources.author"],
}


def values(data: object, path: list[str]) -> list[str]:
    """The strings found at a dotted path in YAML data, through lists."""
    if isinstance(data, list):
        return [text for item in data for text in values(item, path)]
    if not path:
        return [data] if isinstance(data, str) else []
    return values(data.get(path[0]), path[1:]) if isinstance(data, dict) else []


def printed_texts(pdf: Path) -> list[str]:
    """jisr-ar's Arabic texts that its pages print."""
    report = pdf.parents[1] / "report"
    texts = list(outline_pages(pdf))
    for name, paths in PRINTED.items():
        data = yaml.safe_load((report / name).read_text(encoding="utf-8"))
        texts.extend(text for path in paths for text in values(data, path.split(".")))
    return [text for text in texts if re.search("[\u0600-\u06ff]", text)]


# The inserts of bassin-orvane and jisr-ar, and jisr-ar's body.

@pytest.fixture(scope="module")
def bassin_orvane(tmp_path_factory) -> Path:
    """bassin-orvane built."""
    return built(tmp_path_factory, "bassin-orvane")


@pytest.fixture(scope="module")
def jisr_ar(tmp_path_factory) -> Path:
    """jisr-ar built."""
    return built(tmp_path_factory, "jisr-ar")


@pytest.fixture(scope="module")
def readings(bassin_orvane, jisr_ar) -> dict[str, tuple[list[str], dict[str, str], bool]]:
    """Per text: the expected units, the extracted text by extractor, and whether units
    are character pairs (Chinese) rather than words."""
    orvane, jisr = outline_pages(bassin_orvane), outline_pages(jisr_ar)
    root = bassin_orvane.parents[1]
    return {
        "bassin-orvane ar": (catalog_words(root, "ar"),
                             extracted(bassin_orvane, range(orvane["Arabe"],
                                                            orvane["Chinois"])), False),
        "bassin-orvane zh": (catalog_pairs(root, "zh"),
                             extracted(bassin_orvane, range(orvane["Chinois"],
                                                            orvane["Bibliographie"])), True),
        "jisr-ar ar": ([word for text in printed_texts(jisr_ar) for word in words(text)],
                       extracted(jisr_ar, range(len(pypdf.PdfReader(jisr_ar).pages))), False),
        "jisr-ar en": (catalog_words(jisr_ar.parents[1], "en"),
                       extracted(jisr_ar, range(jisr["الإنجليزية"], jisr["المراجع"])), False),
    }


# Where the extractor, not the text layer, loses a word: two names of bassin-orvane's
# Arabic insert hold a hyphen-minus. pdftotext -raw reads every page as left to right and
# takes the hyphen for part of a number ('#' in poppler's UnicodeTypeTable.cc), so
# reorderText gives the halves of the word in the order they are drawn, left half first;
# and Noto Naskh Arabic has no hyphen-minus, so the hyphen is set in the next font of the
# theme (Noto Serif), and pypdf gives a line's text one font at a time (it flushes its
# text at each Tf), the left half first again. Plain pdftotext reads both names.
HYPHENATED = {"بون-فيو", "بور-لومن"}
EXTRACTOR_LOSSES = {("bassin-orvane ar", "pdftotext -raw"): HYPHENATED,
                    ("bassin-orvane ar", "pypdf"): HYPHENATED}


@pytest.mark.parametrize("text", ["bassin-orvane ar", "bassin-orvane zh", "jisr-ar ar",
                                  "jisr-ar en"])
@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_the_test_projects_read_back_as_printed(readings, text, extractor):
    """At least 99 % of the words (Chinese: character pairs) come back, with no direction
    control but poppler's own embeddings."""
    expected, texts, pairs = readings[text]
    found = texts[extractor]
    known = EXTRACTOR_LOSSES.get((text, extractor), set())
    lost = missing_pairs(expected, found) if pairs else missing(expected, found)
    lost = [word for word in lost if word not in known]
    assert len(expected) > 20 and 1 - len(lost) / len(expected) >= 0.99, lost
    assert not set(OTHER_BIDI_CONTROLS) & set(found)
    if extractor == "pypdf":
        assert not set(POPPLER_EMBEDDINGS) & set(found)


# Words that poppler spelled with a ligature's letters reversed: "مكتب الاختبار" as
# "مكتب االختبار", "إلى" as "إىل", "لاختبار" as "الختبار".
LIGATURES = {"الاختبار": "االختبار", "إلى": "إىل", "لاختبار": "الختبار"}


@pytest.mark.parametrize("extractor", EXTRACTORS)
def test_ligatures_read_back_exactly(readings, extractor):
    """jisr-ar's words with lam-alef read back exactly, never with the letters reversed."""
    text = readings["jisr-ar ar"][1][extractor]
    found = set(words(text.translate(NOT_IN_WORDS)))
    assert set(LIGATURES) <= found
    assert not set(LIGATURES.values()) & found


def test_widths_are_the_font_programs(bassin_orvane, jisr_ar):
    """Right to left, the pieces of a ligature and the blanks opening mark spans have
    widths of their own: their glyph copies advance by them (PDF/A-1 6.2.11.5)."""
    assert inconsistent_widths(bassin_orvane) == []
    assert inconsistent_widths(jisr_ar) == []
