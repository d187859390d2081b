"""Assembly: chronology order and date wording, footnote numbers, inserts' states."""

from __future__ import annotations

from reportgen.build import load as load_project
from reportgen.content.dates import PartialDate
from reportgen.content.messages import Messages
from reportgen.content.theme import load_theme
from reportgen.render.assemble import assemble
from reportgen.sections.chronology import ChronologyEvent, event_date, sorted_events
from reportgen.verify.citations import verify_citations


def event(date: str, title: str = "", **extra) -> ChronologyEvent:
    return ChronologyEvent(date=PartialDate.parse(date), title=title or date, cite=[], **extra)


def test_events_sort_by_date_with_coarser_dates_first():
    events = [event("2021-02-01"), event("2017"), event("2021"), event("2021-02"),
              event("2020-12-31"), event("2021-01-15")]
    assert [e.date.iso() for e in sorted_events(events)] == [
        "2017", "2020-12-31", "2021", "2021-01-15", "2021-02", "2021-02-01"]


def test_events_on_the_same_date_keep_the_editor_order():
    events = [event("2021-04", "B"), event("2021-04", "A"), event("2021-04", "C")]
    assert [e.title for e in sorted_events(events)] == ["B", "A", "C"]


def test_date_wording_follows_precision_approximation_and_inference():
    def worded(date: str, approximate: bool = False, inferred: bool = False) -> str:
        return event_date(PartialDate.parse(date), Messages("en-GB"), approximate, inferred)

    assert worded("2021-02-01") == "1 February 2021"
    assert worded("2021-04") == "April 2021"
    assert worded("2017") == "2017"
    assert worded("2017", approximate=True) == "c. 2017"
    assert worded("2023-11-06", inferred=True) == "6 November [2023]"
    assert worded("2022-07", inferred=True) == "July [2022]"
    assert worded("2019", inferred=True) == "[2019]"


def chapters_of(root) -> dict:
    project = load_project(root)
    context = assemble(project, verify_citations(project), load_theme(root))
    return {chapter.anchor: chapter for chapter in (*context.front, *context.body)}


def test_chronology_is_grouped_by_year_and_numbered_in_print_order(make_project):
    chapters = chapters_of(make_project())
    years = chapters["chronology"].years
    assert [(year.year, [e.date for e in year.events]) for year in years] == [
        ("2020", ["3 March 2020", "5 March 2020"])]
    numbers = [note.number for cited in (*chapters["summary"].paragraphs,
                                         *chapters["recommendations"].items)
               for note in cited.notes]
    numbers += [note.number for brief in chapters["sources"].briefs for point in brief.points
                for note in point.notes]
    numbers += [note.number for year in years for e in year.events for note in e.notes]
    numbers += [note.number for row in chapters["actors"].rows for note in row.notes]
    assert numbers == [1, 2, 3, 4, 5, 6]


def test_an_inferred_date_gets_a_footnote_with_the_reasoning(make_project):
    root = make_project({"report/chronology.yaml": """\
        events:
          - date: 2020-03-05
            inferred: The article gives the day and month; the flood was in 2020.
            title: Engineers begin work
            cite: {source: gazette, quote: Engineers began work on 5 March.}
        """})
    [year] = chapters_of(root)["chronology"].years
    [item] = year.events
    assert item.date == "5 March [2020]"
    assert [note.text for note in item.notes] == [
        # The source is cited before: the note is the short form.
        "Harbour Town Gazette, “River flood closes the old bridge”, ¶4.",
        "Date inferred: The article gives the day and month; the flood was in 2020."]
    assert item.notes[0].target == "bib-gazette" and item.notes[1].target == ""


def test_contents_lists_every_chapter_and_named_part(make_project):
    contents = chapters_of(make_project())["contents"]
    assert [(entry.anchor, entry.level) for entry in contents.entries] == [
        ("summary", 1), ("recommendations", 1), ("sources", 1), ("source-gazette", 2),
        ("chronology", 1), ("actors", 1), ("bibliography", 1)]
