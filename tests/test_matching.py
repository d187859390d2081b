"""Quote matching: normalisation, word boundaries, substance, repeats, the closest passage."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reportgen.errors import describe_character
from reportgen.verify.matching import SearchableText, Span
from reportgen.verify.normalise import invisible_characters, normalise
from reportgen.verify.words import says_enough

# No deadline: the first decomposed text builds a table of characters once.
EXAMPLES = settings(max_examples=60, deadline=None)

SEED = ("Harbour Town Gazette\n\nRiver flood closes the old bridge\n\n"
        "On 3 March 2020 the river rose two metres and the council closed the old bridge.\n\n"
        "The mayor said: “We’ll reopen it once engineers have inspected every pier.”\n"
        "Engineers began work on 5 March 2020. Then the ferry ran again.\n")


def found(text: str, quote: str) -> list[str]:
    """The source passages where a quote is found."""
    return [text[span.start:span.end] for span in SearchableText(text).find_all(quote)]


def closest(text: str, quote: str) -> str | None:
    """The source passage offered as closest to a quote."""
    span = SearchableText(text).closest(quote)
    return None if span is None else text[span.start:span.end]


def substantial(quote: str) -> bool:
    return says_enough(normalise(quote))


# Normalisation

def test_spaces_line_breaks_and_quote_styles_are_tolerated_and_offsets_are_original():
    text = "The mayor said: “We’ll reopen it\nonce   engineers have\tinspected it.”\n"
    quote = 'said: "We\'ll reopen it once engineers have inspected it."'
    assert found(text, quote) == [text[10:-1]]


def test_nothing_else_is_tolerated():
    assert found(SEED, "the River rose two metres") == []
    assert found(SEED, "the river rose 2 metres") == []
    assert found(SEED, "the river rose two metres.") == []
    assert found(SEED, "the river rose two\u200b metres") == []


def test_normalise_is_nfc_single_spaced_straight_quoted_and_stripped():
    assert normalise("  “Café”\u00a0\n au\u0301\t‘lait’ ") == '"Café" aú \'lait\''
    assert normalise("\u212b") == "\u00c5"  # a singleton: ANGSTROM SIGN becomes Å


def test_an_nfd_source_matches_an_nfc_quote_at_exact_offsets():
    text = unicodedata.normalize("NFD", "Le café résumé était très à la mode à Paris.")
    decomposed = unicodedata.normalize("NFD", "café résumé était")
    assert found(text, "café résumé était") == [text[3:3 + len(decomposed)]]
    ending = unicodedata.normalize("NFD", "à la mode à Paris.")
    assert found(text, "à la mode à Paris.") == [text[-len(ending):]]


def test_an_nfc_source_matches_an_nfd_quote():
    text = "Die Brücke über den Fluß wurde geschlossen."
    assert found(text, unicodedata.normalize("NFD", "Brücke über den")) == ["Brücke über den"]


# Pieces of words: letters and digits, punctuation, decomposed and precomposed accents,
# Thai and Chinese, a soft hyphen.
TOKEN = st.lists(st.sampled_from(
    list("abcXYZ019.,;'’“”-") + ["e\u0301", "é", "ü", "u\u0308", "กข", "中文", "\u00ad"]),
    min_size=1, max_size=6).map("".join)
GAP = st.sampled_from([" ", "  ", "\n", " \n\n ", "\t", "\u00a0", "\u3000"])


@given(st.lists(TOKEN, min_size=3, max_size=30), st.data())
@EXAMPLES
def test_any_passage_of_whole_words_is_found_at_its_exact_offsets(words, data):
    gaps = [data.draw(GAP) for _ in words]
    starts, text = [], data.draw(GAP)
    for word, gap in zip(words, gaps, strict=True):
        starts.append(len(text))
        text += word + gap
    first = data.draw(st.integers(0, len(words) - 3))
    last = data.draw(st.integers(first + 2, len(words) - 1))
    start, end = starts[first], starts[last] + len(words[last])
    spans = SearchableText(text).find_all(text[start:end])
    # An earlier, overlapping occurrence of the same words may stand for this one.
    assert Span(start, end) in spans or any(s.start < start < s.end for s in spans)
    assert all(normalise(text[s.start:s.end]) == normalise(text[start:end]) for s in spans)


@given(st.text())
@EXAMPLES
def test_normalise_is_the_searchable_form_and_idempotent(text):
    assert SearchableText(text).normal == normalise(text) == normalise(normalise(text))
    assert "  " not in normalise(text) and "\n" not in normalise(text)
    assert unicodedata.is_normalized("NFC", normalise(text))


STRAIGHT = str.maketrans({mark: "'" for mark in "‘’‚‛′"} | {mark: '"' for mark in "“”„‟″"})

# Characters that test NFC: marks to reorder and compose, Hangul jamo, singletons, a
# composition exclusion, Tibetan and Bengali two-part vowels, spaces of every kind.
TRICKY = st.lists(st.sampled_from(list("ab '’“\n\t e\u00a0\u2000\u200b\u3000") + [
    "\u0301", "\u0323", "\u0308", "\u0338", "\u0344", "\u1100", "\u1161", "\u11a8", "\uac00",
    "\u212b", "\uf900", "\u0958", "\u0915", "\u093c", "\u0e01", "\u0e35", "\u0f71", "\u0f72",
    "\u0f73", "\u09c7", "\u09be", "\u0b47", "\u0b3e", "\u2adc"]), min_size=1, max_size=40)


@given(st.one_of(st.text(min_size=1), TRICKY.map("".join)))
@EXAMPLES
def test_normalise_agrees_with_unicodedata(text):
    expected = unicodedata.normalize("NFC", text).translate(STRAIGHT)
    assert normalise(text) == " ".join(expected.split())


@given(st.one_of(st.text(min_size=1), TRICKY.map("".join)), st.data())
@EXAMPLES
def test_every_occurrence_maps_back_to_text_that_normalises_to_the_quote(text, data):
    normal = normalise(text)
    assume(normal)
    start = data.draw(st.integers(0, len(normal) - 1))
    quote = normal[start:data.draw(st.integers(start + 1, len(normal)))]
    for span in SearchableText(text).find_all(quote):
        assert normalise(text[span.start:span.end]) == normalise(quote)


# Word boundaries

def test_a_quote_may_not_start_or_end_inside_a_word():
    assert found("the other side of the river", "he other side") == []
    assert found("the other side of the river", "other side of the riv") == []
    assert found("another", "the") == []
    assert found("the others", "the other") == []


def test_punctuation_at_the_edges_of_a_quote_is_fine():
    assert found(SEED, "closed the old bridge.") == ["closed the old bridge."]
    assert found(SEED, "said: “We’ll") == ["said: “We’ll"]
    assert found("a well-known fact here", "known fact here") == ["known fact here"]


def test_apostrophes_and_decimal_points_join_words():
    assert found("we don't go home", "t go home") == []
    assert found("we don't go home", "we don") == []
    assert found("we don’t go home", "we don't go") == ["we don’t go"]
    assert found("about 3.5 million people", "5 million people") == []
    assert found("about 1,500 people left", "500 people left") == []
    assert found("in 2020. Then we left", "in 2020. Then") == ["in 2020. Then"]


def test_scripts_without_spaces_match_mid_line():
    thai = "ประเทศไทยมีประชากรประมาณหกสิบเก้าล้านคนและมีกรุงเทพเป็นเมืองหลวง"
    assert found(thai, "ประชากรประมาณหกสิบเก้าล้านคน") == ["ประชากรประมาณหกสิบเก้าล้านคน"]
    burmese = "မြန်မာနိုင်ငံ၏ မြို့တော်မှာ နေပြည်တော် ဖြစ်သည်။"
    assert found(burmese, "မြို့တော်မှာ နေပြည်တော်") == ["မြို့တော်မှာ နေပြည်တော်"]
    chinese = "二零二零年三月三日河水上涨两米，议会关闭了旧桥。"
    assert found(chinese, "河水上涨两米，议会关闭") == ["河水上涨两米，议会关闭"]
    japanese = "東京都は新しい橋の建設を決めました。"
    assert found(japanese, "新しい橋の建設を") == ["新しい橋の建設を"]


def test_no_script_may_part_a_letter_from_its_marks():
    assert found("ประเทศไทยมีประชากร", "ประเทศไทยม") == []  # next is the vowel mark ี
    assert found("नमस्ते दुनिया के लोग", "नमस्त दुनिया") == []
    assert found("नमस्ते दुनिया के लोग", "स्ते दुनिया के") == []  # inside a Devanagari word


# Repeated passages

@pytest.mark.parametrize("times", [2, 3, 4])
def test_a_repeated_passage_is_found_at_every_location(times):
    passage = "the council closed the old bridge"
    text = "\n\n".join(f"Paragraph {n}: {passage}." for n in range(times))
    spans = SearchableText(text).find_all(passage)
    assert [text[s.start:s.end] for s in spans] == [passage] * times
    assert spans == sorted(spans)


def test_occurrences_do_not_overlap():
    assert found("go go go go go", "go go go") == ["go go go"]


# Substance

@pytest.mark.parametrize("quote", [
    "e", "the", "2020", "two metres", "£5 million", "—  the —", "ประชากรประมาณห", "河水上涨",
    "Donaudampfschifffahrtsgesellschaft", "https://example.org/a-long-address-of-many-words"])
def test_fewer_than_three_words_is_too_short(quote):
    assert not substantial(quote)


@pytest.mark.parametrize("quote", [
    "rose two metres", "on 5 March 2020", "“We’ll reopen it", "ประชากรประมาณหกสิบเก้า", "河水上涨两",
    "議会は旧橋を閉鎖", "in 2020年三月"])
def test_three_words_or_fifteen_unspaced_letters_are_enough(quote):
    assert substantial(quote)


# The closest passage

def test_the_closest_passage_covers_a_changed_final_word():
    assert closest(SEED, "began work on 5 March 2021") == "began work on 5 March 2020."
    assert closest(SEED, "Engineers began work on 5 March 2021") == (
        "Engineers began work on 5 March 2020.")


def test_the_closest_passage_covers_a_changed_first_and_middle_word():
    assert closest(SEED, "Surveyors began work on 5 March") == "Engineers began work on 5 March"
    assert closest(SEED, "the council shut the old bridge") == "the council closed the old bridge."


def test_the_closest_passage_covers_a_word_the_quote_adds_at_its_end():
    assert closest(SEED, "began work on 5 March 2020 exactly") == "began work on 5 March 2020. Then"


def test_the_closest_passage_of_a_quote_with_invisible_characters_looks_identical():
    quote = "the river rose two\u200b metres"
    assert SearchableText(SEED).find_all(quote) == []
    assert closest(SEED, quote) == "the river rose two metres"
    assert [describe_character(c) for _, c in invisible_characters(quote)] == [
        "U+200B ZERO WIDTH SPACE"]


def test_invisible_characters_in_the_source_passage_can_be_named():
    text = "the council closed the old bri\u00addge."
    passage = closest(text, "the council closed the old bridge.")
    assert passage == text
    assert [describe_character(c) for _, c in invisible_characters(passage)] == [
        "U+00AD SOFT HYPHEN"]


def test_no_closest_passage_when_the_quote_shares_nothing():
    assert SearchableText(SEED).closest("zebra yak okapi") is None
    assert SearchableText(SEED).closest(" ") is None


def test_the_closest_passage_among_many_like_paragraphs_is_where_the_rare_words_are():
    text = "\n\n".join(f"Item {n}: the council met on day {n} and spent {n * 7919 % 100003} "
                       "pounds on the north quay." for n in range(2000))
    passage = closest(text, "the council met on day 1500 and spent 72 pounds on the north quay")
    assert passage == f"the council met on day 1500 and spent {1500 * 7919 % 100003} pounds on " \
                      "the north quay."


def test_the_closest_passage_in_a_script_without_spaces():
    chinese = "二零二零年三月三日河水上涨两米，议会关闭了旧桥。工程师三月五日开始施工。"
    assert closest(chinese, "河水上涨三米，议会关闭了旧桥") == "河水上涨两米，议会关闭了旧桥"


@given(st.lists(st.text(alphabet="abcdefghij", min_size=2, max_size=6), min_size=8,
                max_size=60, unique=True), st.data())
@EXAMPLES
def test_a_changed_word_is_not_found_and_the_closest_passage_covers_it(words, data):
    text = " ".join(words)
    first = data.draw(st.integers(0, len(words) - 6))
    changed_at = data.draw(st.integers(first, first + 5))
    quote = words[first:first + 6]
    original = quote[changed_at - first]
    quote[changed_at - first] = "XYZ"
    searchable = SearchableText(text)
    assert searchable.find_all(" ".join(quote)) == []
    span = searchable.closest(" ".join(quote))
    at = len(" ".join(words[:changed_at])) + (1 if changed_at else 0)
    assert span.start <= at and at + len(original) <= span.end
    assert text[span.start:span.end].split() == words[first:first + 6]


# Invisible characters

def test_invisible_and_bidi_control_characters_are_found_and_described():
    text = "a\u200bb\u00adc\u202ed\u2066e\ufefff\u2060g\x07h\u200di\ufe0f"
    assert [describe_character(c) for _, c in invisible_characters(text)] == [
        "U+200B ZERO WIDTH SPACE", "U+00AD SOFT HYPHEN", "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+2066 LEFT-TO-RIGHT ISOLATE", "U+FEFF ZERO WIDTH NO-BREAK SPACE",
        "U+2060 WORD JOINER", "U+0007 CONTROL CHARACTER", "U+200D ZERO WIDTH JOINER",
        "U+FE0F VARIATION SELECTOR-16"]
    assert [i for i, _ in invisible_characters(text)] == [1, 3, 5, 7, 9, 11, 13, 15, 17]
    assert invisible_characters("plain text,\ttabs\nand lines\u00a0") == []
    assert invisible_characters("a bell\x07 in ASCII") == [(6, "\x07")]
