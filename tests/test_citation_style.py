"""The citation style: footnotes and bibliography entries, inferred fields in brackets."""

from __future__ import annotations

from reportgen.content.dates import PartialDate
from reportgen.content.messages import Messages
from reportgen.content.model import Name, Source
from reportgen.render.citation_style import (
    bibliography_text,
    byline,
    note_text,
    short_note_text,
    sort_key,
)


def source(**fields) -> Source:
    defaults = {"id": "s", "file": "s.txt", "title": "A title"}
    return Source(**{**defaults, **fields})


ENGLISH = Messages("en-GB")
PERSON = [Name(given="Myra", family="Dahgaypaw"), Name(given="Carson", family="Montgomery")]


def test_note_with_every_field():
    item = source(author=[Name(literal="Seng Mai Aung")], container_title="Institute for Global Engagement",
                  issued=PartialDate(2024, 1, 17))
    assert note_text(item, "¶5", ENGLISH) == (
        "Seng Mai Aung, “A title”, Institute for Global Engagement, 17 January 2024, ¶5.")


def test_note_of_a_series_with_a_publisher():
    item = source(author=[Name(literal="Burma Campaign UK")], collection_title="Burma Briefing",
                  number="54", publisher="Burma Campaign UK", issued=PartialDate(2021, 3))
    assert note_text(item, "¶12–13", ENGLISH) == (
        "Burma Campaign UK, “A title”, Burma Briefing No. 54, Burma Campaign UK, March 2021, ¶12–13.")


def test_inferred_fields_are_bracketed_and_an_inferred_date_is_circa():
    item = source(author=PERSON, title="Op-ed on a boycott", issued=PartialDate(2022, 7),
                  inferred={"title": "no headline", "issued": "from context"})
    assert note_text(item, "¶2", ENGLISH) == (
        "Myra Dahgaypaw and Carson Montgomery, [Op-ed on a boycott], [c. July 2022], ¶2.")


def test_quotation_marks_inside_a_title_become_single():
    item = source(title="“Time is not on our side”: The failed response", issued=PartialDate(2022, 11, 3))
    assert note_text(item, "¶1", ENGLISH) == "“‘Time is not on our side’: The failed response”, 3 November 2022, ¶1."


def test_undated_source():
    assert note_text(source(), "¶1", ENGLISH) == "“A title”, n.d., ¶1."


def test_bibliography_entry_puts_the_first_family_name_first():
    item = source(author=PERSON, title="Op-ed on a boycott", issued=PartialDate(2022, 7), genre="op-ed",
                  inferred={"title": "no headline", "issued": "from context", "genre": "style"})
    assert bibliography_text(item, ENGLISH) == (
        "Dahgaypaw, Myra and Carson Montgomery. [Op-ed on a boycott]. [c. July 2022]. [Op-ed].")


def test_bibliography_entry_with_container_series_and_publisher():
    item = source(author=[Name(literal="Burma Campaign UK")], title="Countries involved",
                  collection_title="Burma Briefing", number="54", publisher="Burma Campaign UK",
                  issued=PartialDate(2021, 3), genre="briefing")
    assert bibliography_text(item, ENGLISH) == (
        "Burma Campaign UK. “Countries involved.” Burma Briefing No. 54. "
        "Burma Campaign UK, March 2021. Briefing.")


def test_byline_and_sort_order():
    item = source(author=[Name(literal="Seng Mai Aung")], container_title="IGE",
                  issued=PartialDate(2024, 1, 17), genre="commentary", inferred={"genre": "style"})
    assert byline(item, ENGLISH) == "Seng Mai Aung · IGE · 17 January 2024 · [commentary]"
    untitled = source(title="News article", inferred={"title": "no headline"})
    assert sorted([item, untitled], key=sort_key) == [untitled, item]


def test_later_notes_are_short_author_short_title_and_locator():
    item = source(author=[Name(literal="ASEAN Parliamentarians for Human Rights")],
                  title="“Time is not on our side”: The failed international response",
                  issued=PartialDate(2022, 11, 3))
    assert short_note_text(item, "¶12", ENGLISH) == (
        "ASEAN Parliamentarians for Human Rights, “Time is not on our side”, ¶12.")
    long = source(author=PERSON, title="The Need for Trust-building in a Post-Coup Future Myanmar")
    assert short_note_text(long, "¶2", ENGLISH) == (
        "Myra Dahgaypaw and Carson Montgomery, “The Need for Trust-building…”, ¶2.")
    inferred = source(title="Op-ed calling on the United States to boycott the meeting",
                      inferred={"title": "no headline"})
    assert short_note_text(inferred, "¶1", ENGLISH) == "[Op-ed calling on the…], ¶1."


def test_page_locators_are_written_the_briefing_languages_way():
    from reportgen.content.messages import Messages
    from reportgen.documents.pdfclean import Page
    from reportgen.render.citation_style import locator_text
    from reportgen.verify.citations import Locator

    pages = (Page(1, "i", 0), Page(2, "11", 10), Page(3, "12", 20), Page(4, "13", 30))
    across, several = Locator(((2, 3),), pages), Locator(((2, 2), (4, 4)), pages)
    one = Locator(((3, 3),), pages)
    written = {language: [locator_text(locator, Messages(language))
                          for locator in (one, across, several)]
               for language in ("en", "fr", "es", "ar")}
    assert written == {"en": ["p. 12", "pp. 11–12", "pp. 11, 13"],
                       "fr": ["p. 12", "p. 11-12", "p. 11, 13"],
                       "es": ["p. 12", "pp. 11-12", "pp. 11, 13"],
                       "ar": ["ص. 12", "ص. 11–12", "ص. 11، 13"]}
    assert locator_text(Locator(((3, 3), (5, 5))), Messages("fr")) == "¶3, ¶5"
    repeated = (Page(1, "1", 0), Page(2, "2", 5), Page(3, "1", 9))
    assert locator_text(Locator(((3, 3),), repeated), Messages("en")) == "p. 1 (PDF p. 3)"
