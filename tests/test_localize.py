"""Names and dates in the inserts' languages: CLDR forms, placeholders and their checks."""

from __future__ import annotations

import io

import pytest

from reportgen import build
from reportgen.build import load as load_project
from reportgen.content.dates import PartialDate
from reportgen.content.localize import country_name, expand, local_date, name_list
from reportgen.errors import ContentError
from reportgen.progress import Progress

from .conftest import MINIMAL
from .pdfread import page_texts

THAI_CATALOG = """\
    # Thai translation of the test briefing.
    # Status: draft translation, awaiting review by a native speaker
    msgid ""
    msgstr ""
    "Language: th\\n"
    "Content-Type: text/plain; charset=utf-8\\n"

    msgid "A flood closed the bridge and hurt trade."
    msgstr "{country:FR} ปิดสะพานเมื่อ {date:2020-03-03}"

    msgid "Reopen the bridge after inspection."
    msgstr "เปิดสะพานอีกครั้งในเดือน{date:2020-04}"
    """


def thai_project(make_project, catalog: str = THAI_CATALOG):
    return make_project({
        "report/report.yaml": MINIMAL["report/report.yaml"].rstrip(" ")
        + "        translations: [th]\n",
        "report/translations/th.po": catalog})


@pytest.mark.parametrize("language, day, month, year", [
    ("th", "1 กุมภาพันธ์ ค.ศ. 2021", "กุมภาพันธ์ 2021", "2021"),
    ("my", "၂၀၂၁ ဖေဖော်ဝါရီ ၁", "၂၀၂၁ ဖေဖော်ဝါရီ", "၂၀၂၁"),
    ("id", "1 Februari 2021", "Februari 2021", "2021"),
    ("ms", "1 Februari 2021", "Februari 2021", "2021"),
])
def test_dates_take_the_language_form_at_their_precision(language, day, month, year):
    assert local_date(PartialDate(2021, 2, 1), language) == day
    assert local_date(PartialDate(2021, 2), language) == month
    assert local_date(PartialDate(2021), language) == year


def test_country_names_and_lists_come_from_cldr():
    assert [country_name("KP", lang) for lang in ("my", "th", "id", "ms")] == [
        "မြောက်ကိုရီးယား", "เกาหลีเหนือ", "Korea Utara", "Korea Utara"]
    assert country_name("gb", "id") == "Inggris Raya"
    assert name_list(["Rusia", "Tiongkok", "Korea Utara"], "id") == \
        "Rusia, Tiongkok, dan Korea Utara"
    assert name_list(["Rusia", "China", "Korea Utara"], "ms") == "Rusia, China dan Korea Utara"


def test_placeholders_are_filled_in_and_other_text_kept():
    text = "{country:NZ} menarik diri pada {date:2022-07}; {country: AU } pada {date:2021-03-07}."
    assert expand(text, "id") == ("Selandia Baru menarik diri pada Juli 2022; Australia pada "
                                  "7 Maret 2021.")
    assert expand("ไม่มีตัวแทน", "th") == "ไม่มีตัวแทน"


def test_the_insert_shows_cldr_names_and_dates(make_project):
    root = thai_project(make_project)
    outputs = build.build(root, Progress(build.BUILD_STEPS, None))
    html = outputs.html.read_text(encoding="utf-8")
    assert '<p lang="th" dir="ltr">ฝรั่งเศส ปิดสะพานเมื่อ 3 มีนาคม ค.ศ. 2020</p>' in html
    assert "เปิดสะพานอีกครั้งในเดือนเมษายน 2020" in html
    # The actors table's categories, with the countries named in Thai; 'Aid' has no
    # translation, so it stays in English, marked.
    assert ('<th scope="row" lang="en-GB" dir="ltr" class="original">Aid '
            '<span class="stale original" lang="en-GB">'
            '[not yet translated: original text]</span></th><td>ฝรั่งเศส</td>') in html
    insert = next(text for text in page_texts(outputs.pdf) if "Draft translation" in text)
    assert "3 มีนาคม ค.ศ. 2020" in insert


def test_a_wrong_country_code_in_the_table_is_reported(make_project):
    actors = MINIMAL["report/actors.yaml"].replace("code: FR", "code: UK")
    with pytest.raises(ContentError) as raised:
        load_project(make_project({"report/actors.yaml": actors}))
    assert str(raised.value) == (
        "report/actors.yaml:5:5: 'UK' is not an ISO 3166 country code\n"
        "    Give the two-letter code (e.g. TH for Thailand, KP for North Korea), or for an "
        "actor that is not a country, its 'name' instead.")


def test_broken_placeholders_are_reported_with_their_catalog_line(make_project):
    catalog = THAI_CATALOG.replace("{country:FR}", "{country:EU}").replace(
        "{date:2020-04}", "{date:2020-13} {place:Rome} {date:2020-4} {date:April}").replace(
        "ปิดสะพาน", "ปิด{สะพาน", 1)
    with pytest.raises(ContentError) as raised:
        load_project(thai_project(make_project, catalog))
    hint = ("Write {country:CODE} with a two-letter ISO 3166 code (e.g. {country:TH}) or "
            "{date:YYYY-MM-DD} (or YYYY-MM, YYYY).")
    where = "report/translations/th.po"
    assert [(str(p.position), p.message) for p in raised.value.problems] == [
        (f"{where}:8", "the translation's placeholder {country:EU} cannot be filled in: 'EU' "
                       "is not a two-letter ISO 3166 country code"),
        (f"{where}:8", "the translation has a brace that is not part of a placeholder"),
        (f"{where}:11", "the translation's placeholder {date:2020-13} cannot be filled in: "
                        "'2020-13' has no month 13: months run from 01 to 12"),
        (f"{where}:11", "the translation's placeholder {place:Rome} cannot be filled in: "
                        "'place' is not a kind of placeholder"),
        (f"{where}:11", "the translation's placeholder {date:2020-4} cannot be filled in: "
                        "'2020-4' needs two digits for the month: write it as 2020-04"),
        (f"{where}:11", "the translation's placeholder {date:April} cannot be filled in: "
                        "'April' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY")]
    assert {p.hint for p in raised.value.problems} == {hint}


def test_a_language_without_reportgen_s_catalog_is_printed_in_english_with_one_warning(
        make_project):
    root = make_project({"report/report.yaml": MINIMAL["report/report.yaml"].replace(
        "language: en-GB", "language: de")})
    err = io.StringIO()
    outputs = build.build(root, Progress(build.BUILD_STEPS, err))
    warnings = [line for line in err.getvalue().splitlines() if line.startswith("warning:")]
    assert warnings == ["warning: report/report.yaml:1:1: reportgen has no catalog of its own "
                        "words in German (de): they are printed in English"]
    assert "Contents" in page_texts(outputs.pdf)[1]
