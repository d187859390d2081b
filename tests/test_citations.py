"""Quote verification: hits, misses, tolerated differences and ¶ locators."""

from __future__ import annotations

import re
import textwrap
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.build import load as load_project
from reportgen.content.model import Seed
from reportgen.errors import CitationError
from reportgen.verify.citations import (
    Locator,
    SourceText,
    paragraph_spans,
    verify_citations,
)
from reportgen.verify.normalise import normalise

from .conftest import MINIMAL, SEED


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
    assert source().find_all("the river rose two metres") == [(3, 3)]
    assert source().find_all("Engineers began work on 5 March.") == [(4, 4)]


def test_typographic_quotes_apostrophes_spaces_and_line_breaks_are_tolerated():
    text = "The mayor said: “We’ll reopen it\nonce engineers have inspected it.”\n\nEnd."
    quote = 'said: "We\'ll reopen it once   engineers have inspected it."'
    assert source(text).find_all(quote) == [(1, 1)]
    assert source("It's ‘fine’ here.").find_all("It’s 'fine' here.") == [(1, 1)]


def test_other_differences_are_not_tolerated():
    assert source().find_all("the River rose two metres") == []
    assert source().find_all("the river rose 2 metres") == []
    assert source().find_all("the river rose two metres.") == []


def test_a_quote_across_paragraphs_gets_a_range():
    assert source().find_all("closed the old bridge.\n\nThe mayor said") == [(3, 4)]
    assert str(Locator(((3, 4), (5, 5)))) == "¶3–4, ¶5"


def test_a_repeated_quote_is_found_in_each_of_its_paragraphs():
    text = "Intro.\n\nThe bridge is closed today.\n\nNews.\n\nThe bridge is closed today."
    assert source(text).find_all("The bridge is closed") == [(2, 2), (4, 4)]


def test_the_closest_passage_is_offered_for_a_miss():
    assert source().closest("the council shut the old bridge") == (
        "¶3", "the council closed the old bridge.")
    assert source().closest("zebra yak okapi") is None


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
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may "
        "differ.")


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


def locator_of(project, words: str) -> str:
    """The locator verified for the citation quoting these words."""
    verified = verify_citations(project)
    return next(str(verified.locate(citation)) for citation in project.citations()
                if citation.quote[0].text == words)


def problems_of(make_project, quote_lines: str, seed: str | None = None) -> list[str]:
    """The citation problems of a project whose one key point cites these quote lines."""
    files = {"report/summaries.yaml": textwrap.dedent("""\
        summaries:
          - source: gazette
            points:
              - text: The bridge was closed.
                cite:
                  - source: gazette
        """) + textwrap.indent(textwrap.dedent(quote_lines), " " * 12)}
    if seed is not None:
        files["seeds/gazette.txt"] = seed
    with pytest.raises(CitationError) as caught:
        verify_citations(load_project(make_project(files)))
    return [str(problem) for problem in caught.value.problems]


def test_a_quote_of_fewer_than_three_words_is_refused_with_advice(make_project):
    assert problems_of(make_project, "quote: two metres\n") == [
        "report/summaries.yaml:7:20: the quote “two metres” is too short to check against "
        "source 'gazette'\n"
        "    So few words could be found by chance: quote at least 3 words (in Thai, Burmese "
        "and other scripts written without spaces, 15 letters; in Chinese, 5 characters). To "
        "cite a single word, a figure or an address, quote the phrase around it: “the river "
        "rose two metres”, not “two metres”."]


def test_a_blank_quote_is_called_blank_and_invisible_ones_are_named(make_project):
    assert problems_of(make_project, 'quote: " "\n') == [
        "report/summaries.yaml:7:20: the quote is blank: there are no words to find in source "
        "'gazette'\n"
        "    Copy the words of the source that support the statement."]
    assert problems_of(make_project, 'quote: "\\u200b\\u2060"\n')[0].startswith(
        "report/summaries.yaml:7:20: the quote holds only the invisible characters U+200B ZERO "
        "WIDTH SPACE and U+2060 WORD JOINER: there are no words to find in source 'gazette'")


REPEATED = (SEED + "\nAgain the council closed the old bridge.\n\n"
            "Later the council closed the old bridge.\n")


def test_a_quote_found_in_several_paragraphs_lists_them(make_project):
    assert problems_of(make_project, "quote: the council closed the old bridge\n",
                       REPEATED) == [
        "report/summaries.yaml:7:20: the quote is in source 'gazette' 3 times (¶3, ¶6, ¶7): "
        "“the council closed the old bridge”\n"
        "    Say which one the footnote cites: quote more of the words around it, until they "
        "stand in one place only, or give its paragraph, writing the quote as 'text: …' with "
        "'paragraph: 3' on the line below."]


def test_a_paragraph_given_with_the_quote_chooses_among_its_occurrences(make_project):
    summaries = """\
        summaries:
          - source: gazette
            points:
              - text: The bridge was closed.
                cite:
                  - source: gazette
                    quote:
                      - text: the council closed the old bridge
                        paragraph: 6
        """
    project = load_project(make_project({"report/summaries.yaml": summaries,
                                         "seeds/gazette.txt": REPEATED}))
    assert locator_of(project, "the council closed the old bridge") == "¶6"


def test_a_paragraph_that_does_not_hold_the_quote_says_which_do(make_project):
    assert problems_of(make_project, """\
        quote:
          - text: the council closed the old bridge
            paragraph: 5
        """, REPEATED) == [
        "report/summaries.yaml:8:17: the quote is not in ¶5 of source 'gazette', but in ¶3, "
        "¶6, ¶7: “the council closed the old bridge”\n"
        "    Correct 'paragraph' to the paragraph the footnote should cite."]


def test_a_quote_twice_in_one_paragraph_is_located_there(make_project):
    seed = SEED + "\nThe ferry ran and ran; the ferry ran and ran.\n"
    summaries = MINIMAL["report/summaries.yaml"].replace(
        "the council closed the old bridge", "the ferry ran and ran")
    project = load_project(make_project({"report/summaries.yaml": summaries,
                                         "seeds/gazette.txt": seed}))
    assert locator_of(project, "the ferry ran and ran") == "¶6"


def test_invisible_characters_in_a_missing_quote_are_named(make_project):
    assert problems_of(make_project, 'quote: "the river rose two\\u200b metres"\n') == [
        "report/summaries.yaml:7:20: the quote is not in source 'gazette' as written: it holds "
        "the invisible character U+200B ZERO WIDTH SPACE (after “river rose two”)\n"
        "    Delete it (retype the words around it if need be).\n"
        "    Closest passage in seeds/gazette.txt (¶3): “the river rose two metres”\n"
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may "
        "differ."]


def test_invisible_characters_in_the_source_passage_are_named(make_project):
    seed = SEED.replace("old bridge.", "old bri\u00addge.")
    assert problems_of(make_project, "quote: the council closed the old bridge.\n", seed) == [
        "report/summaries.yaml:7:20: the quote is not in source 'gazette': “the council closed "
        "the old bridge.”\n"
        "    Closest passage in seeds/gazette.txt (¶3): “the council closed the old "
        "bri\u00addge.”\n"
        "    The source's passage holds the invisible character U+00AD SOFT HYPHEN (after “the "
        "old bri”): copy the passage from seeds/gazette.txt itself, with it.\n"
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may "
        "differ."]


def test_a_seed_saved_decomposed_matches_quotes_typed_precomposed(make_project):
    seed = unicodedata.normalize("NFD", SEED.replace("old bridge", "vieux pont été"))
    summaries = MINIMAL["report/summaries.yaml"].replace("old bridge", "vieux pont été")
    project = load_project(make_project({"report/summaries.yaml": summaries,
                                         "seeds/gazette.txt": seed}))
    assert locator_of(project, "the council closed the vieux pont été") == "¶3"


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
    found = source(text).find_all(passage)
    # The run may also stand elsewhere, where other words hold it, but it is found here.
    here = (words[first][0], words[last][0])
    assert here in found or any(a <= here[0] and here[0] <= b for a, b in found)
    run = normalise(passage)
    if len(re.findall(f"(?={re.escape(run)})", normalise(text))) == 1:
        assert found == [here]


@given(PARAGRAPHS, st.data())
def test_a_changed_word_is_never_found_and_the_closest_passage_is_in_the_text(paragraphs, data):
    text = "\n\n".join(" ".join(words) for words in paragraphs)
    words = text.split()
    first = data.draw(st.integers(0, len(words) - 1))
    changed = words[first:first + 6]
    changed[data.draw(st.integers(0, len(changed) - 1))] = "§changed"
    passage = " ".join(changed)
    assert source(text).find_all(passage) == []
    closest = source(text).closest(passage)
    if closest is not None:  # None only when the quote shares no word with the text
        assert 1 <= int(closest[0].lstrip("¶")) <= len(paragraphs)
        assert closest[1] and closest[1] in text
