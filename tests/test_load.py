"""The loader: YAML and seeds into the model, and every content error with its position."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.build import load as load_project
from reportgen.content.dates import PartialDate
from reportgen.content.model import Report, SourcesFile
from reportgen.content.schema import read_record
from reportgen.content.yamlfile import parse_yaml
from reportgen.errors import Collector, ContentError, Position, UsageError
from reportgen.sections.actors import ActorRow
from reportgen.sections.chronology import ChronologyEvent


def problems_of(root) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(root)
    return [str(problem) for problem in caught.value.problems]


def test_minimal_project_loads_into_the_model(make_project):
    project = load_project(make_project())
    assert project.report.title == "Test briefing"
    assert project.report.date == PartialDate(2024, 5, 6)
    assert [source.id for source in project.sources] == ["gazette"]
    assert project.sources[0].issued.precision == "month"
    assert project.seeds["gazette"].text.startswith("Harbour Town Gazette")
    assert [event.title for event in project.section("chronology").events] == [
        "Engineers begin work", "The river rises"]
    assert project.section("actors").actors[0].as_of == PartialDate(2020, 3)
    assert len(project.citations()) == 6


def test_a_folder_without_report_yaml_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError,
                       match="is not a reportgen project: it has no report/report.yaml"):
        load_project(tmp_path)


def test_yaml_syntax_error_names_line_and_column(make_project):
    root = make_project({"report/chronology.yaml":
                         "events:\n  - date: 2020-03-05\n    title: [unclosed\n"})
    [problem] = problems_of(root)
    assert problem.startswith("report/chronology.yaml:4:1: YAML syntax error:")
    assert "Check the indentation" in problem


def test_unknown_key_suggests_the_closest_known_one(make_project):
    root = make_project({"report/sources.yaml": """\
        sources:
          - id: gazette
            file: gazette.txt
            titel: River flood closes the old bridge
        """})
    problems = problems_of(root)
    assert problems[0] == (
        "report/sources.yaml:2:5: this source has no 'title' (the title as the document gives it)\n"
        "    Add a line 'title: …' to it.")
    assert problems[1].startswith(
        "report/sources.yaml:4:5: unknown key 'titel' in this source\n"
        "    Did you mean 'title'? The keys a source takes: id, file, title,")


def test_wrong_types_and_yes_no_words_are_explained(make_project):
    root = make_project({"report/actors.yaml": """\
        categories:
          - id: aid
            label: Aid
        actors:
          - code: NO
            categories: {aid: 1}
            details: Sent engineers.
            status: Helping
            as-of: 2020-03
            cite:
              - source: gazette
                quote: Engineers began work
        """})
    assert problems_of(root) == [
        "report/actors.yaml:5:11: 'code' reads as false (yes/no), not as text\n"
        "    YAML turns words like yes, no, on, off into true/false: put the text in double "
        "quotes.",
        "report/actors.yaml:6:17: 'categories' should be a list, not a block of keys\n"
        "    Write each item on its own line starting with '- '.",
    ]


@pytest.mark.parametrize("date, message", [
    ("2021-02-30", "'date': '2021-02-30' is not a real date: February 2021 has 28 days"),
    ("2021-13", "'date': '2021-13' has no month 13: months run from 01 to 12"),
    ("03/05/2020", "'date': '03/05/2020' is ambiguous (day/month or month/day?): "
                   "write it as 2020-05-03 or 2020-03-05"),
    ("March 2020", "'date': 'March 2020' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2020-3-5", "'date': '2020-3-5' needs two digits for the month and the day: write it as "
                 "2020-03-05"),
    ("2020-03-5", "'date': '2020-03-5' needs two digits for the month and the day: write it as "
                  "2020-03-05"),
    ("2020-3", "'date': '2020-3' needs two digits for the month: write it as 2020-03"),
    ("2020-2-30", "'date': '2020-2-30' is not a real date: February 2020 has 29 days"),
])
def test_impossible_or_ambiguous_dates(make_project, date, message):
    root = make_project({"report/chronology.yaml": f"""\
        events:
          - date: {date}
            title: The river rises
            cite:
              - source: gazette
                quote: the river rose
        """})
    assert problems_of(root) == [f"report/chronology.yaml:2:11: {message}"]


@pytest.mark.parametrize("text, message", [
    ("2023-1-5", "'2023-1-5' needs two digits for the month and the day: write it as 2023-01-05"),
    ("2023-01-5", "'2023-01-5' needs two digits for the month and the day: write it as "
                  "2023-01-05"),
    ("2023-1-05", "'2023-1-05' needs two digits for the month and the day: write it as "
                  "2023-01-05"),
    ("2023-1", "'2023-1' needs two digits for the month: write it as 2023-01"),
    ("2023-2-30", "'2023-2-30' is not a real date: February 2023 has 28 days"),
    ("2023-13-1", "'2023-13-1' has no month 13: months run from 01 to 12"),
    ("2023-1-5-", "'2023-1-5-' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"),
    ("5/1/2023", "'5/1/2023' is ambiguous (day/month or month/day?): write it as 2023-01-05 "
                 "or 2023-05-01"),
])
def test_dates_not_written_as_documented_get_the_way_to_write_them(text, message):
    with pytest.raises(ValueError) as raised:
        PartialDate.parse(text)
    assert str(raised.value) == message


@pytest.mark.parametrize("text, date", [
    ("2023", PartialDate(2023)), (2023, PartialDate(2023)),
    ("2023-01", PartialDate(2023, 1)), ("2023-01-05", PartialDate(2023, 1, 5)),
    (" 2024-02-29 ", PartialDate(2024, 2, 29)),
])
def test_the_documented_date_forms_parse(text, date):
    assert PartialDate.parse(text) == date
    assert PartialDate.parse(date.iso()) == date


@pytest.mark.parametrize("file, old, new, message", [
    ("report/report.yaml", "date: 2024-05-06", "date: 2024-5-6",
     "report/report.yaml:4:7: 'date': '2024-5-6' needs two digits for the month and the day: "
     "write it as 2024-05-06"),
    ("report/actors.yaml", "as-of: 2020-03", "as-of: 2020-3",
     "report/actors.yaml:10:12: 'as-of': '2020-3' needs two digits for the month: write it as "
     "2020-03"),
    ("report/sources.yaml", "issued: 2020-03", "issued: 2020-3",
     "report/sources.yaml:6:13: 'issued': '2020-3' needs two digits for the month: write it as "
     "2020-03"),
])
def test_one_digit_months_and_days_are_refused_wherever_a_date_is_read(make_project, file, old,
                                                                        new, message):
    root = make_project()
    path = root / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new))
    assert problems_of(root) == [message]


def test_missing_and_empty_required_content(make_project):
    root = make_project(
        {"report/summaries.yaml": "summaries:\n  - source: gazette\n    points: []\n"},
        drop=("report/actors.yaml",))
    assert problems_of(root) == [
        "report/actors.yaml: the file report/actors.yaml is missing\n"
        "    Create it with the actors, or leave its section out of 'sections' in "
        "report/report.yaml.",
        "report/summaries.yaml:3:13: 'points' is empty in this source summary\n"
        "    Give it a value: its key points, each cited.",
    ]


def test_duplicate_ids_unknown_sources_and_duplicate_keys(make_project):
    root = make_project({
        "report/sources.yaml": """\
            sources:
              - id: gazette
                file: gazette.txt
                title: One
              - id: gazette
                file: gazette.txt
                title: Two
            """,
        "report/summaries.yaml": """\
            summaries:
              - source: gazete
                points:
                  - text: A point.
                    text: The same key again.
                    cite: {source: gazette, quote: the river rose}
            """})
    assert problems_of(root) == [
        "report/summaries.yaml:5:9: the key 'text' appears twice in the same block (first at "
        "line 4)\n"
        "    Keep one of the two; YAML would silently use only the last.",
    ]
    write = root / "report/summaries.yaml"
    write.write_text(write.read_text().replace("        text: The same key again.\n", ""))
    assert problems_of(root) == [
        "report/sources.yaml:5:5: 'gazette' appears twice as a source id\n"
        "    Each must be unique: rename or merge one of the two.",
        "report/summaries.yaml:2:5: there is no source 'gazete'\n"
        "    Did you mean 'gazette'? Known ones are listed in report/sources.yaml: gazette.",
    ]


def test_missing_and_non_utf8_seeds(make_project):
    root = make_project({"report/sources.yaml": """\
        sources:
          - id: gazette
            file: gazete.txt
            title: River flood
          - id: other
            file: latin1.txt
            title: Other
        """})
    (root / "seeds/latin1.txt").write_bytes("Caf\xe9 closes".encode("latin-1"))
    assert problems_of(root) == [
        "report/sources.yaml:2:5: source 'gazette' names the file seeds/gazete.txt, which does "
        "not exist\n"
        "    Did you mean 'gazette.txt'?",
        "seeds/latin1.txt: the document is not UTF-8 text (byte 3 cannot be read)\n"
        "    Convert it to UTF-8, for example with: iconv -f WINDOWS-1252 -t UTF-8",
    ]


def test_all_errors_of_all_files_are_reported_together(make_project):
    root = make_project({
        "report/report.yaml": "title: T\nedition: one\ndate: 2024-05-06\npublisher: P\n",
        "report/chronology.yaml": "events:\n  - date: 2020-02-31\n    title: X\n    cite: []\n",
    })
    problems = problems_of(root)
    assert [problem.split(": ")[0] for problem in problems] == [
        "report/chronology.yaml:2:11", "report/chronology.yaml:4:11", "report/report.yaml:2:10"]


# Property-based: whatever an editor types, the loader answers with ContentError problems
# placed inside the file, never with a crash.
YAML_FILE = Path("report/chronology.yaml")
YAMLISH = st.lists(st.sampled_from(
    list(" \n\t:-[]{},#'\"!&*?|>%@`~=\\<abcdxyz0129.") + ["é", "\u1000", "\x00", "\ufeff",
                                                           "\r", "- date: ", "title: "]),
    max_size=120).map("".join)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["2020-02-30", "2021-13", "1/2/2020",
                                                           "2020-03-05", "yes", "NO", "~"]))
KEYS = st.sampled_from(["events", "date", "title", "cite", "source", "quote", "places",
                        "approximate", "inferred", "titel", "categories", "actors", "as-of"])
DOCUMENTS = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=25)


def assert_inside(problems: list, text: str) -> None:
    lines = text.count("\n") + text.count("\r") + 2
    for problem in problems:
        assert problem.position.file == YAML_FILE
        assert 0 <= problem.position.line <= lines and problem.position.column >= 0
        assert problem.message


def read_chronology(text: str) -> list:
    try:
        data = parse_yaml(text, YAML_FILE)
    except ContentError as error:
        return error.problems
    problems = Collector()
    for cls in (ChronologyEvent, ActorRow, Report, SourcesFile):
        read_record(cls, data, Position(YAML_FILE, 1), problems)
    return problems.problems


@settings(max_examples=300, deadline=None)
@given(YAMLISH)
def test_any_text_is_read_or_refused_with_positions_inside_the_file(text):
    assert_inside(read_chronology(text), text)


@settings(max_examples=200, deadline=None)
@given(DOCUMENTS)
def test_any_yaml_document_is_read_or_refused_with_positions_inside_the_file(document):
    text = yaml.safe_dump(document, allow_unicode=True)
    assert_inside(read_chronology(text), text)
