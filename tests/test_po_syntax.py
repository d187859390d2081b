"""PO catalogs: the strict syntax check run before Babel reads them (content/postrict.py).

Babel's reader is lenient where it should not be: it takes whatever lies between the first
and last character of a line for the text, so an unterminated Thai msgstr loses its last
letter without a word. Whatever the check accepts, Babel must read exactly as written;
whatever it refuses is a located error in an editor's words.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.pofile import PoFileError, read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen.content.catalogs import parse_catalog, read_babel_catalog
from reportgen.content.postrict import check_po_syntax, lines_for_babel, parse_po
from reportgen.errors import ContentError, Position

from .conftest import REPO

TRANSLATIONS = REPO / "report" / "translations"
CATALOGS = sorted(TRANSLATIONS.glob("*.po"))
RELATIVE = Path("report/translations/th.po")
HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
          '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')


def compare_with_babel(text: str, locale: str = "th") -> str | None:
    """Does Babel read the catalog exactly as the checker read it?

    None when the checker reports problems (nothing reaches Babel), "babel-error…" when
    Babel refuses the catalog (located, reported as a ContentError: not silent), "" when
    every entry Babel read has the checker's msgctxt, msgid, plural and msgstr texts, and
    the first difference otherwise: text Babel would have changed without a word.
    """
    entries, problems = parse_po(text)
    if problems:
        return None
    try:
        catalog = read_po(lines_for_babel(text), locale=locale, abort_invalid=True)
    except PoFileError as error:
        return f"babel-error: {error}"
    except (ValueError, LookupError, TypeError) as error:  # a header field Babel parses
        return f"babel-error (header): {type(error).__name__}: {error}"
    count = {False: 0, True: 0}
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            continue  # the header, which Babel turns into the catalog's metadata
        count[entry.obsolete] += 1
        if entry.msgid_plural is not None:
            msgid: object = (entry.msgid, entry.msgid_plural)
            string: object = tuple(entry.msgstr.get(index, "")
                                   for index in range(catalog.num_plurals))
        else:
            msgid, string = entry.msgid, entry.msgstr.get(0, "")
        lookup = (entry.msgid, entry.msgctxt) if entry.msgctxt is not None else entry.msgid
        message = (catalog.obsolete.get(lookup) if entry.obsolete
                   else catalog.get(entry.msgid, entry.msgctxt))
        if message is None:
            return f"line {entry.line}: Babel has no entry for {msgid!r}"
        for what, babel, checker in (("msgid", message.id, msgid),
                                     ("msgstr", message.string, string),
                                     ("msgctxt", message.context, entry.msgctxt)):
            if babel != checker:
                return f"line {entry.line}: {what} {babel!r} (Babel) != {checker!r} (checker)"
    active = sum(1 for message in catalog if message.id != "")
    if active != count[False]:
        return f"Babel has {active} entries, the checker {count[False]}"
    if len(catalog.obsolete) != count[True]:
        return f"Babel has {len(catalog.obsolete)} obsolete entries, the checker {count[True]}"
    return ""


def th_text() -> str:
    return (TRANSLATIONS / "th.po").read_text(encoding="utf-8")


def edited(old: str, new: str) -> tuple[str, int]:
    """th.po with one edit, and the line of the edit."""
    text = th_text()
    assert text.count(old) == 1, old
    return text.replace(old, new), text.count("\n", 0, text.index(old)) + 1


def lines(problems: list[tuple[int, str, str]]) -> list[int]:
    return [line for line, _, _ in problems]


def babel_alone(text: str) -> BabelCatalog:
    """What Babel reads from the bytes with no check before it."""
    return read_po(io.BytesIO(text.encode()), locale="th", abort_invalid=True)


# The project's catalogs

@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.name)
def test_the_catalogs_of_the_briefing_are_clean_and_babel_reads_them_as_the_checker(path):
    text = path.read_text(encoding="utf-8")
    assert check_po_syntax(text) == []
    assert compare_with_babel(text, path.stem) == ""


@pytest.mark.parametrize("path", CATALOGS, ids=lambda path: path.name)
def test_reading_through_the_check_gives_the_same_catalog_as_babel_alone(path):
    alone = read_po(io.BytesIO(path.read_bytes()), locale=path.stem, abort_invalid=True)
    checked = read_babel_catalog(path, REPO, path.stem)
    assert [(m.id, m.string, m.flags, m.auto_comments, m.lineno) for m in checked] == \
           [(m.id, m.string, m.flags, m.auto_comments, m.lineno) for m in alone]
    assert checked.header_comment == alone.header_comment


# What Babel damaged without a word, one by one

def test_an_unterminated_thai_msgstr_is_an_error_at_its_line_not_truncated_text(tmp_path):
    broken, line = edited('msgstr "ข้อเสนอแนะ"', 'msgstr "ข้อเสนอแนะ')
    # Babel alone takes the last letter for the closing quote.
    assert babel_alone(broken).get("Recommendations").string == "ข้อเสนอแน"
    assert check_po_syntax(broken) == [(
        line, "the text of msgstr is never closed: there is no double quote at the end of "
              "“ข้อเสนอแนะ”",
        'End the text with a double quote (") on this line. To go on over several lines, '
        'close the quote at the end of each line and start the next line with another: "…"')]
    path = tmp_path / RELATIVE
    path.parent.mkdir(parents=True)
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        read_babel_catalog(path, tmp_path, "th")
    [problem] = raised.value.problems
    assert problem.position == Position(RELATIVE, line)
    assert problem.message == ("PO syntax error: the text of msgstr is never closed: there is "
                               "no double quote at the end of “ข้อเสนอแนะ”")


def test_a_msgstr_without_quote_marks_is_an_error():
    broken, line = edited('msgstr "ข้อเสนอแนะ"', "msgstr ข้อเสนอแนะ")
    assert babel_alone(broken).get("Recommendations").string == "้อเสนอแน"  # both ends lost
    assert check_po_syntax(broken) == [(
        line, "the text after msgstr is not in double quotes: ‘ข้อเสนอแนะ’",
        'Put the text in straight double quotes on the same line: msgstr "…". A double quote '
        'inside the text is written \\".')]


def test_a_stray_line_of_text_is_an_error():
    broken, line = edited('msgstr "ข้อเสนอแนะ"\n', 'msgstr "ข้อเสนอแนะ"\nและข้อความที่หลุดออกมา\n')
    assert [(found, message) for found, message, _ in check_po_syntax(broken)] == [
        (line + 1, "this line is not part of any entry: ‘และข้อความที่หลุดออกมา’ stands outside "
                   "double quotes")]


def test_a_translation_continued_without_quotes_is_reported_on_both_lines():
    broken, line = edited('msgstr "ข้อเสนอแนะ"', 'msgstr "ข้อเสนอ\nแนะ"')
    problems = check_po_syntax(broken)
    assert lines(problems) == [line, line + 1]
    assert problems[0][1] == ("the text of msgstr is never closed: there is no double quote at "
                              "the end of “ข้อเสนอ”")


def test_the_end_shown_of_an_unclosed_text_starts_at_a_letter_not_a_mark_cut_from_it():
    text = "ก" * 30 + "นี้" + "ข" * 21  # the last 23 characters start with two marks
    [(_, message, _)] = check_po_syntax(HEADER + f'msgid "A"\nmsgstr "{text}\n')
    assert message == ("the text of msgstr is never closed: there is no double quote at the "
                       f"end of “…{'ข' * 21}”")


def test_a_missing_msgstr_is_reported_at_its_msgid():
    broken, line = edited('msgid "Recommendations"\nmsgstr "ข้อเสนอแนะ"\n',
                          'msgid "Recommendations"\n')
    assert check_po_syntax(broken) == [(
        line, "the msgid “Recommendations” has no msgstr",
        'Add a msgstr line after it: msgstr "…" with the translation, or msgstr "" if it is '
        'not translated yet.')]


def test_a_missing_msgstr_at_the_end_of_the_file():
    text = th_text().rstrip("\n")
    last_msgid = text.rindex("\nmsgid ") + 1
    problems = check_po_syntax(text[:text.rindex("\nmsgstr ")] + "\n")
    assert lines(problems) == [text.count("\n", 0, last_msgid) + 1]
    assert problems[0][1].endswith("has no msgstr")


@pytest.mark.parametrize("body, line, message", [
    ('msgid "A"\nmsgstring "a"\n', 7, "'msgstring' is not a PO keyword"),
    ('msgid "A"\nMSGSTR "a"\n', 7, "'MSGSTR' is not a PO keyword"),
    ('msgid "A"\nmsgstr "a\\q"\n', 7, "'\\q' is not an escape a PO file knows"),
    ('msgid "A"\nmsgstr "a\\x41"\n', 7, "the escape \\x is not understood by the PO reader "
                                        "reportgen uses (Babel): it would print a backslash "
                                        "and 'x'"),
    ('msgid "A"\nmsgstr ""\nnot quoted"\n', 8, "this line is not part of any entry: "
                                                "‘not quoted\"’ stands outside double quotes"),
    ('msgid "A"\nmsgstr ""\n"unterminated\n', 8, "this quoted text is never closed: there "
                                                  "is no double quote at the end of "
                                                  "“unterminated”"),
    ('msgid "A"\nmsgstr "a\\"\n', 7, "the text of msgstr is never closed: the backslash before "
                                      'the last double quote (\\") makes that quote part of '
                                      "the text"),
    ('msgid "A"\nmsgstr "a" "b\\\n', 7, "the text of msgstr is never closed: the line ends with "
                                         "a backslash, which would escape the closing quote"),
    ('msgid "A"\nmsgstr "He said "no" today"\n', 7, "there is text after the closing quote: "
                                                    "‘no\" today\"’"),
    ('msgid "A"\nmsgstr “a”\n', 7, "the text after msgstr is in typographic quotation marks "
                                     "(“…) instead of straight double quotes"),
    ('msgid "A"\n# note\nmsgstr "a"\n', 7, "a comment line stands inside an entry, after "
                                            "its msgid"),
    ('msgid "A"\nmsgstr "a"\nmsgstr "b"\n', 8, "a second msgstr for the same msgid"),
    ('msgstr "a"\n', 6, "a second msgstr for the same msgid"),  # after the header's
    ('msgid "A"\nmsgstr ""\n# note\n"a"\n', 9, "this quoted text belongs to no keyword"),
    ('msgid "A"\n#~ msgstr "a"\n', 7, "this entry mixes obsolete lines (#~) and normal lines"),
    ('msgid "A"\nmsgid_plural "As"\nmsgstr "a"\n', 8, "this entry has a msgid_plural, so its "
                                                      "translations are msgstr[0], msgstr[1], "
                                                      "…, not msgstr"),
    ('msgid "A"\nmsgstr[0] "a"\n', 7, "msgstr[0] in an entry without msgid_plural"),
    ('msgid "A"\nmsgid_plural "As"\nmsgstr[0] "a"\nmsgstr[2] "b"\n', 9,
     "msgstr[2] where msgstr[1] belongs"),
    ('msgid "A"\nmsgid_plural "As"\nmsgstr [0] "a"\nmsgstr [1] "b"\n', 8,
     "'msgstr [0]': the number of the plural form must follow msgstr directly, in brackets, "
     "with no spaces"),
    ('msgid "A"\nmsgstr "a"\n\nmsgid "A"\nmsgstr "b"\n', 9,
     "the msgid “A” is defined a second time (first at line 6)"),
    ('msgid "A" msgstr "a"\n', 6, "msgstr starts on the same line as the text before it"),
    ('msgid "A" "B"\nmsgstr "a"\n', 6, "two quoted texts stand on one line"),
    ('msgid "A"\nmsgstr "a" # note\n', 7, "a comment follows the text on the same line: "
                                          "‘# note’"),
    ('msgid "A"\nmsgstr\n', 7, "msgstr has no text in double quotes"),
    ('msgid\t"A"\nmsgstr "a"\n', 6, "msgid is separated from its text by a tab"),
    ('\u00a0msgid "A"\nmsgstr "a"\n', 6, "an invisible character (U+00A0 NO-BREAK SPACE) "
                                         "stands at the start of this line"),
    ('msgctxt "c"\n', 6, "this msgctxt is not followed by a msgid"),
    ('msgid "A"\nmsgctxt "c"\nmsgstr "a"\n', 7, "the msgctxt comes after the msgid"),
    ('msgid "A"\n#| msgid "old"\nmsgstr "a"\n', 7, "a comment line stands inside an entry, "
                                                   "after its msgid"),
])
def test_each_kind_of_syntax_error_is_reported_at_its_line(body, line, message):
    problems = check_po_syntax(HEADER + body)
    assert (line, message) in [(found, text) for found, text, _ in problems], problems
    assert all(hint for _, _, hint in problems)


def test_every_problem_of_a_catalog_is_reported_at_once():
    text = th_text()
    broken = text.replace('msgstr "ข้อเสนอแนะ"', 'msgstr "ข้อเสนอแนะ').replace(
        'msgstr "บทสรุปสำหรับผู้บริหาร"', "msgstr บทสรุปสำหรับผู้บริหาร")
    with pytest.raises(ContentError) as raised:
        parse_catalog(broken, RELATIVE, "th")
    assert [problem.position.line for problem in raised.value.problems] == [
        text.count("\n", 0, text.index(old)) + 1
        for old in ('msgstr "บทสรุปสำหรับผู้บริหาร"', 'msgstr "ข้อเสนอแนะ"')]


# What must be accepted

VALID = HEADER + '''\
# translator comment
#. extracted comment
#: src/file.py:12 src/other.py:3
#, fuzzy, python-brace-format
#| msgctxt "old context"
#| msgid "Old"
#| " text"
msgctxt "menu"
msgid "Open"
msgstr "เปิด"

msgid ""
"Multi-line "
"text\\n"
msgstr ""
"ข้อความ "

"หลายบรรทัด\\t\\"quoted\\" \\\\ back\\r"

msgid "One file"
msgid_plural "{n} files"
msgstr[0] "ไฟล์ {n} ไฟล์"
msgstr[1] "ไฟล์ {n} ไฟล์"

msgid
"Keyword alone, text below"
msgstr
"ok"

   msgid "Indented lines"
\tmsgstr "ok"

msgid "A form feed \f and a line separator \u2028 inside the text"
msgstr "ok"

#~| msgid "Older"
#~ msgid "Obsolete"
#~ msgstr ""
#~ "ล้าสมัย"

#~ msgctxt "x"
#~ msgid "Obsolete with context"
#~ msgstr "y"
'''


def test_everything_valid_po_files_contain_is_accepted_and_read_alike_by_babel():
    assert check_po_syntax(VALID) == []
    assert compare_with_babel(VALID) == ""
    assert check_po_syntax(VALID.replace("\n", "\r\n")) == []


def test_the_texts_are_decoded_as_gettext_decodes_them():
    entries, problems = parse_po(VALID)
    assert problems == []
    texts = {entry.msgid: entry for entry in entries}
    assert texts["Multi-line text\n"].msgstr == {0: 'ข้อความ หลายบรรทัด\t"quoted" \\ back\r'}
    assert texts["One file"].msgid_plural == "{n} files"
    assert texts["Open"].msgctxt == "menu"
    assert texts["Obsolete"].obsolete and texts["Obsolete"].msgstr == {0: "ล้าสมัย"}


def test_obsolete_previous_lines_are_hidden_from_babel_which_refuses_them():
    with pytest.raises(PoFileError):
        read_po(VALID.split("\n"), locale="th", abort_invalid=True)
    catalog = parse_catalog(VALID, RELATIVE, "th")
    assert catalog.get("Open", "menu").string == "เปิด"
    assert len(lines_for_babel(VALID)) == len(VALID.split("\n"))  # line numbers kept


def test_a_charset_other_than_utf8_is_refused_instead_of_read_as_mojibake():
    text, line = edited("charset=utf-8", "charset=ISO-8859-1")
    assert babel_alone(text).get("Recommendations").string != "ข้อเสนอแนะ"  # mojibake
    with pytest.raises(ContentError) as raised:
        parse_catalog(text, RELATIVE, "th")
    assert str(raised.value) == (
        f"{RELATIVE}:{line}: the catalog's header says charset=ISO-8859-1, but reportgen reads "
        "and writes catalogs as UTF-8\n"
        '    Change it to "Content-Type: text/plain; charset=UTF-8\\n" (the file itself is '
        "UTF-8 text).")


def test_a_catalog_that_is_not_utf8_is_refused_at_the_line_of_the_first_bad_byte(tmp_path):
    _, line = edited('msgstr "ข้อเสนอแนะ"', "")
    path = tmp_path / RELATIVE
    path.parent.mkdir(parents=True)
    path.write_bytes(th_text().encode().replace("ข้อเสนอแนะ".encode(), b"Caf\xe9"))
    with pytest.raises(ContentError) as raised:
        read_babel_catalog(path, tmp_path, "th")
    assert str(raised.value) == (
        f"{RELATIVE}:{line}: the catalog is not UTF-8 text\n"
        "    Save it as UTF-8 and keep 'charset=UTF-8' in its header.")


def test_babel_crashes_on_a_spaced_plural_index_the_check_reports_it_first():
    text = HEADER + 'msgid "A"\nmsgid_plural "As"\nmsgstr[ 0 ] "a"\n'
    with pytest.raises(ValueError):
        babel_alone(text)
    with pytest.raises(ContentError) as raised:
        parse_catalog(text, RELATIVE, "th")
    assert [(problem.position.line, problem.message) for problem in raised.value.problems] == [
        (8, "PO syntax error: 'msgstr[ 0 ]': the number of the plural form must follow msgstr "
            "directly, in brackets, with no spaces")]


def test_a_header_babel_cannot_parse_is_a_located_error_not_a_traceback():
    text = HEADER.replace("nplurals=2; plural=(n != 1);", "nplurals=x; plural=(n !=") + \
        'msgid "A"\nmsgstr "a"\n'
    assert check_po_syntax(text) == []
    with pytest.raises(ContentError) as raised:
        parse_catalog(text, RELATIVE, "th")
    [problem] = raised.value.problems
    assert problem.position == Position(RELATIVE, 1)
    assert problem.message.startswith("the catalog's header (its first entry, msgid \"\") "
                                      "cannot be read: ")


# Against GNU gettext

MSGFMT_VARIANTS = {
    "unterminated": 'msgid "A"\nmsgstr "ข้อเสนอแนะ\n',
    "no quotes": 'msgid "A"\nmsgstr ข้อเสนอแนะ\n',
    "stray": 'msgid "A"\nmsgstr "a"\nhello there\n',
    "missing msgstr": 'msgid "A"\n\nmsgid "B"\nmsgstr "b"\n',
    "bad escape": 'msgid "A"\nmsgstr "a\\q"\n',
    "unknown keyword": 'msgid "A"\nmsgstring "a"\n',
    "inner quote": 'msgid "A"\nmsgstr "He said "no""\n',
    "comment inside": 'msgid "A"\n# c\nmsgstr "a"\n',
    "msgctxt alone": 'msgctxt "c"\n',
    "second msgstr": 'msgid "A"\nmsgstr "a"\nmsgstr "b"\n',
    "plain msgstr in plural": 'msgid "A"\nmsgid_plural "As"\nmsgstr "a"\n',
    "index gap": 'msgid "A"\nmsgid_plural "As"\nmsgstr[0] "a"\nmsgstr[2] "b"\n',
    "obsolete mix": 'msgid "A"\n#~ msgstr "a"\n',
    "duplicate": 'msgid "A"\nmsgstr "a"\n\nmsgid "A"\nmsgstr "b"\n',
    "curly quotes": 'msgid "A"\nmsgstr “a”\n',
    "bare keyword": 'msgid "A"\nmsgstr\n',
    "continuation after comment": 'msgid "A"\nmsgstr ""\n# c\n"a"\n',
    "no-break space": '\u00a0msgid "A"\nmsgstr "a"\n',
    "valid": 'msgctxt "c"\nmsgid "A"\nmsgstr ""\n"a"\n',
}

# The one deliberate difference: '#|' lines are comments to Babel, and Babel itself writes
# them wrapped like prose (see the test after), which msgfmt refuses.
DELIBERATELY_ACCEPTED = {
    "previous text unterminated": '#| msgid "old\nmsgid "A"\nmsgstr "a"\n',
    "previous text before a flag": '#| msgid "old"\n#, fuzzy\nmsgid "A"\nmsgstr "a"\n',
}

needs_msgfmt = pytest.mark.skipif(not shutil.which("msgfmt"),
                                  reason="GNU gettext's msgfmt is not installed")


def msgfmt_accepts(text: str, folder: Path) -> bool:
    path = folder / "variant.po"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
                          capture_output=True, text=True, check=False).returncode == 0


@needs_msgfmt
@pytest.mark.parametrize("name", MSGFMT_VARIANTS)
def test_whatever_msgfmt_rejects_the_checker_rejects(name, tmp_path):
    text = HEADER + MSGFMT_VARIANTS[name]
    assert msgfmt_accepts(text, tmp_path) == (check_po_syntax(text) == [])


@needs_msgfmt
@pytest.mark.parametrize("name", DELIBERATELY_ACCEPTED)
def test_malformed_previous_text_comments_are_left_to_msgfmt(name, tmp_path):
    text = HEADER + DELIBERATELY_ACCEPTED[name]
    assert not msgfmt_accepts(text, tmp_path)
    assert check_po_syntax(text) == [] and compare_with_babel(text) == ""


def test_a_catalog_babel_wrote_with_previous_texts_is_accepted():
    """'reportgen translations update' writes with write_po(include_previous=True), which
    wraps a long previous msgid over '#|' lines without quotes: the check must not refuse
    the project's own output."""
    catalog = BabelCatalog(locale="th")
    old = "Since the military seized power on 1 February 2021 it has killed at least " * 2
    catalog.add(old.replace("killed", "murdered"), "แปล", flags=["fuzzy"],
                previous_id=[old.strip()])
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=True)
    text = buffer.getvalue().decode("utf-8")
    assert sum(line.startswith("#|") for line in text.split("\n")) > 1  # wrapped
    assert check_po_syntax(text) == []
    assert compare_with_babel(text) == ""


# Properties: no exception on any input; what the checker accepts, Babel reads as written.

@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_the_checker_never_raises(text):
    for line, message, hint in check_po_syntax(text):
        assert 1 <= line <= text.count("\n") + 1 and message and hint


_PLAIN = st.text(alphabet=st.characters(exclude_categories=("Cs",),
                                        exclude_characters='"\\\n'), max_size=8)
_ESCAPE = st.sampled_from(["\\n", "\\t", '\\"', "\\\\", "\\r"])
_TEXT = st.lists(st.one_of(_PLAIN, _ESCAPE), max_size=4).map("".join)


@st.composite
def catalogs(draw):
    """Valid catalogs: a header, then entries of every shape, some obsolete, some split."""
    lines = HEADER.rstrip("\n").split("\n") + [""]

    def quoted(keyword: str, text: str, prefix: str) -> None:
        lines.append(f'{prefix}{keyword} "{text}"')
        lines.extend(f'{prefix}"{piece}"' for piece in draw(st.lists(_TEXT, max_size=2)))

    for number in range(draw(st.integers(0, 5))):
        prefix = "#~ " if draw(st.booleans()) else ""
        lines.extend(draw(st.lists(st.sampled_from(["# c", "#. x", "#: f.py:1", "#, fuzzy"]),
                                   max_size=2)))
        if draw(st.booleans()):
            quoted("msgctxt", draw(_TEXT), prefix)
        quoted("msgid", f"id{number} " + draw(_TEXT), prefix)
        if draw(st.booleans()):
            quoted("msgid_plural", draw(_TEXT), prefix)
            for index in range(draw(st.integers(1, 2))):
                quoted(f"msgstr[{index}]", draw(_TEXT), prefix)
        else:
            quoted("msgstr", draw(_TEXT), prefix)
        lines.append("")
    return "\n".join(lines)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_valid_catalogs_are_accepted_and_babel_reads_them_as_written(text):
    assert check_po_syntax(text) == []
    assert compare_with_babel(text) == ""


_EDIT = st.tuples(st.integers(0, 10_000), st.sampled_from(
    ['"', '"', "\\", "#", "\n", " ", "[", "]", "~", "|", "x", "ก", "\t", "“", "#~ ", "msgstr ",
     "", ""]))


def read_alike_or_refused(text: str) -> None:
    verdict = compare_with_babel(text)
    assert verdict is None or verdict == "" or verdict.startswith("babel-error"), verdict


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(), st.lists(_EDIT, min_size=1, max_size=3))
def test_whatever_the_checker_accepts_babel_reads_as_written(text, edits):
    for position, insert in edits:
        position %= len(text) + 1
        text = text[:position] + insert + text[position + (not insert):]
    read_alike_or_refused(text)


def test_a_real_catalog_with_random_edits_never_reaches_babel_damaged():
    rng = random.Random(7)
    base = th_text()
    refused = 0
    for _ in range(150):
        text = base
        for _ in range(rng.randint(1, 3)):
            position = rng.randrange(len(text) + 1)
            text = text[:position] + rng.choice(['"', "\\", "\n", "#", " ", "x"]) + text[position:]
        read_alike_or_refused(text)
        refused += check_po_syntax(text) != []
    assert refused > 50  # the edits do break the catalog, and each time it is refused
