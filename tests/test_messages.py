"""reportgen's own words in other languages: complete catalogs, an up-to-date template."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from reportgen.content.dates import PartialDate
from reportgen.content.messages import TEMPLATE, Messages
from reportgen.render.assemble import folio

REPO = Path(__file__).resolve().parents[1]
CATALOGS = sorted(TEMPLATE.parent.glob("*.po"))
PLACEHOLDER = re.compile(r"%\(\w+\)[a-z]")
NNBSP, NBSP = "\u202f", "\u00a0"  # narrow no-break space, no-break space
FOLIO = "page %(page)s of %(pages)s"
ACTOR = ("%(num)d actor and the categories the sources place it in; the table that follows "
         "gives the details and the sources.")
ACTORS = ACTOR, ("%(num)d actors and the categories the sources place them in; the table that "
                 "follows gives the details and the sources.")


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_french_spanish_and_arabic_have_catalogs():
    assert {path.stem for path in CATALOGS} >= {"ar", "es", "fr"}


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.stem)
def test_a_catalog_translates_every_message_keeping_its_placeholders(path):
    with TEMPLATE.open("rb") as stream:
        template = read_po(stream)
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=path.stem)
    problems = []
    for message in (message for message in template if message.id):
        entry = catalog.get(message.id)
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = (entry.string if isinstance(entry.string, tuple) else (entry.string,)
                 ) if entry else ()
        forms = catalog.num_plurals if isinstance(message.id, tuple) else 1
        if (entry is None or entry.fuzzy or len(texts) != forms or not all(texts)
                or any(placeholders(text) != placeholders(ids[0]) for text in texts)):
            problems.append(ids[0])
    assert problems == []
    assert {m.id for m in catalog if m.id} == {m.id for m in template if m.id}
    assert catalog.locale_identifier == path.stem
    assert "# Status: " in catalog.header_comment


def test_the_template_has_every_message_of_the_code():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "extract-messages"),
                             "--check"], capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")


def test_french_words():
    french = Messages("fr-CA")
    assert french.catalog_language == "fr"
    assert french.gettext(FOLIO, page=1, pages=9) == "page 1 sur 9"
    assert folio(french.gettext(FOLIO)) == (
        '"page " counter(page) " sur " target-counter(url(#end), page)')
    assert french.ngettext(*ACTORS, 1) == (
        f"1 acteur et les catégories dans lesquelles les sources le classent{NNBSP}; le "
        "tableau qui suit en donne le détail et les sources.")
    assert french.ngettext(*ACTORS, 3).startswith(
        "3 acteurs et les catégories dans lesquelles les sources les classent")
    assert french.quoted("Rapport “annuel”") == f"«{NNBSP}Rapport ‘annuel’{NNBSP}»"
    assert french.gettext("“%(text)s.”", text="Rapport") == f"«{NNBSP}Rapport{NNBSP}»."
    assert french.gettext("%(section)s: %(language)s", section="Résumés traduits",
                          language=french.language_name("ar")) == (
        f"Résumés traduits{NNBSP}: arabe")
    assert [french.gettext("n.d."), french.gettext("No. %(number)s", number=12),
            french.gettext("c. %(date)s", date=french.date(PartialDate(2021, 3)))] == [
        f"s.{NBSP}d.", f"nᵒ{NBSP}12", "vers mars 2021"]


def test_arabic_words():
    arabic = Messages("ar")
    assert arabic.direction == "rtl"
    assert arabic.gettext(FOLIO, page=1, pages=9) == "الصفحة 1 من 9"
    assert arabic.ngettext(*ACTORS, 3) == (
        "3 جهات فاعلة والفئات التي تصنّفها فيها المصادر؛ ويعرض الجدول التالي التفاصيل والمصادر.")
    assert [arabic.ngettext(*ACTORS, n).split(" والفئات")[0] for n in (0, 1, 2, 3, 11, 100)] == [
        "0 جهة فاعلة", "1 جهة فاعلة", "2 جهتان فاعلتان", "3 جهات فاعلة", "11 جهة فاعلة",
        "100 جهة فاعلة"]
    assert arabic.quoted("تقرير “سنوي”") == "«تقرير ‘سنوي’»"
    assert arabic.gettext("“%(text)s.”", text="تقرير") == "«تقرير»."
    assert [arabic.gettext("n.d."), arabic.gettext("No. %(number)s", number=12),
            arabic.gettext("c. %(date)s", date=arabic.date(PartialDate(2021, 3)))] == [
        f"د.{NBSP}ت.", f"رقم{NBSP}12", "حوالي مارس 2021"]
