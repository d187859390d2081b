"""Quote verification: hits, misses, tolerated differences and ¶ locators."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.build import load as load_project
from reportgen.content.model import Seed
from reportgen.errors import CitationError
from reportgen.verify.citations import (
    Locator,
    SourceText,
    normalise,
    paragraph_spans,
    verify_citations,
)

from .conftest import SEED


def source(text: str = SEED) -> SourceText:
    return SourceText(Seed("gazette.txt", text))


def test_paragraphs_are_blocks_between_blank_lines():
    spans = paragraph_spans(SEED)
    assert [SEED[a:b] for a, b in spans][:3] == [
        "Harbour Town Gazette", "River flood closes the old bridge",
        "On 3 March 2020 the river rose two metres and the council closed the old bridge."]
    # Lines not separated by a blank line belong to one paragraph.
    assert SEED[slice(*spans[3])].endswith("every pier.”\nEngineers began work on 5 March.")
    assert len(spans) == 5


def test_a_text_without_blank_lines_has_one_paragraph_per_line():
    assert paragraph_spans("First line.\nSecond line.\n\nThird.") == [(0, 24), (26, 32)]
    assert paragraph_spans("First line.\nSecond line.\nThird.") == [(0, 11), (12, 24), (25, 31)]


def test_a_quote_is_found_and_located():
    assert source().find("the river rose two metres") == (3, 3)
    assert source().find("Engineers began work on 5 March.") == (4, 4)


def test_typographic_quotes_apostrophes_spaces_and_line_breaks_are_tolerated():
    text = "The mayor said: “We’ll reopen it\nonce engineers have inspected it.”\n\nEnd."
    assert source(text).find('said: "We\'ll reopen it once   engineers have inspected it."') == (1, 1)
    assert source("It's ‘fine’ here.").find("It’s 'fine' here.") == (1, 1)


def test_other_differences_are_not_tolerated():
    assert source().find("the River rose two metres") is None
    assert source().find("the river rose 2 metres") is None
    assert source().find("the river rose two metres.") is None


def test_a_quote_across_paragraphs_gets_a_range():
    assert source().find("closed the old bridge.\n\nThe mayor said") == (3, 4)
    assert str(Locator(((3, 4), (5, 5)))) == "¶3–4, ¶5"


def test_the_closest_passage_is_offered_for_a_miss():
    number, passage = source().closest("the council shut the old bridge")
    assert number == 3
    assert passage == "the council closed the old bridge."


def test_a_missing_quote_fails_naming_file_line_and_closest_passage(make_project):
    root = make_project({"report/summaries.yaml": """\
        summaries:
          - source: gazette
            points:
              - text: The bridge was closed.
                cite:
                  - source: gazette
                    quote: the council shut the old bridge
        """})
    with pytest.raises(CitationError) as caught:
        verify_citations(load_project(root))
    assert str(caught.value) == (
        "report/summaries.yaml:7:20: the quote is not in source 'gazette': "
        "“the council shut the old bridge”\n"
        "    Closest passage in seeds/gazette.txt (¶3): “the council closed the old bridge.”\n"
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may differ.")


def test_a_quote_from_another_source_says_which(make_project):
    root = make_project({
        "seeds/other.txt": "A different paper.\n\nThe ferry kept running all week.\n",
        "report/sources.yaml": """\
            sources:
              - {id: gazette, file: gazette.txt, title: Flood}
              - {id: other, file: other.txt, title: Ferry}
            """,
        "report/summaries.yaml": """\
            summaries:
              - source: gazette
                points:
                  - text: The ferry ran.
                    cite: {source: gazette, quote: The ferry kept running all week.}
            """})
    with pytest.raises(CitationError) as caught:
        verify_citations(load_project(root))
    assert caught.value.problems[0].hint == (
        "These words are in source 'other': did you mean 'source: other'?")


def test_every_citation_gets_a_locator(make_project):
    project = load_project(make_project())
    verified = verify_citations(project)
    assert [str(verified.locate(c)) for c in project.citations()] == [
        "¶5", "¶4", "¶3", "¶4", "¶3", "¶4"]


def test_reference_links_must_be_in_their_source(make_project):
    actors = """\
        categories: [{id: aid, label: Aid}]
        actors:
          - code: FR
            categories: [aid]
            details: Sent engineers.
            status: Helping
            as-of: 2020-03
            cite: {source: gazette, quote: Engineers began work}
            references:
              - source: gazette
                url: https://example.org/bridge
        """
    with pytest.raises(CitationError, match="the link https://example.org/bridge is not in source"):
        verify_citations(load_project(make_project({"report/actors.yaml": actors})))


@given(st.text())
def test_normalising_is_idempotent_and_never_leaves_runs_of_space(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "  " not in once and "\n" not in once


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1), st.data())
def test_any_slice_of_a_source_is_found_again(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    passage = text[start:end]
    if normalise(passage):
        assert source(text).find(passage) is not None


WORDS = st.text(alphabet="abcdefghijXYZ0123456789.,;'\"’“”-", min_size=1, max_size=8)
PARAGRAPHS = st.lists(st.lists(WORDS, min_size=1, max_size=12), min_size=1, max_size=6)
GAPS = st.sampled_from([" ", "  ", "\n", " \n  ", "\t"])
RESTYLE = str.maketrans({"'": "’", "’": "'", '"': "“", "“": '"', "”": '"'})


@given(PARAGRAPHS, st.data())
def test_a_passage_is_found_in_its_paragraphs_whatever_its_spacing_and_quote_marks(
        paragraphs, data):
    gap = data.draw(GAPS)
    # A closing paragraph keeps a blank line in the text, so lines are not paragraphs.
    text = "\n\n".join(gap.join(words) for words in [*paragraphs, ["End."]])
    # Number every word with its paragraph, then quote a run of words.
    words = [(number, word) for number, para in enumerate(paragraphs, 1) for word in para]
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, min(len(words) - 1, first + 15)))
    passage = data.draw(GAPS).join(word for _, word in words[first:last + 1]).translate(RESTYLE)
    found = source(text).find(passage)
    assert found is not None
    # The run may also stand earlier in the text (even inside longer words); if it stands
    # only once, it is located in its own paragraphs.
    assert found[0] <= words[first][0] and found[1] <= words[last][0]
    run = normalise(passage)
    if len(re.findall(f"(?={re.escape(run)})", normalise(text))) == 1:
        assert found == (words[first][0], words[last][0])


@given(PARAGRAPHS, st.data())
def test_a_changed_word_is_never_found_and_the_closest_passage_is_in_the_text(paragraphs, data):
    text = "\n\n".join(" ".join(words) for words in paragraphs)
    words = text.split()
    first = data.draw(st.integers(0, len(words) - 1))
    changed = words[first:first + 6]
    changed[data.draw(st.integers(0, len(changed) - 1))] = "§changed"
    passage = " ".join(changed)
    assert source(text).find(passage) is None
    number, closest = source(text).closest(passage)
    assert 1 <= number <= len(paragraphs)
    assert closest and closest in normalise(text)
