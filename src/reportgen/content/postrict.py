"""A strict syntax check of gettext PO catalogs, run before Babel's read_po parses them.

Babel's PO parser is lenient in ways that damage text without a word: it takes the text
of ``msgstr "…`` to be whatever lies between the first and the last character of the line,
so an unterminated ``msgstr "ข้อเสนอแนะ`` is read as ``ข้อเสนอแน`` (the last character is
taken for the closing quote) and ``msgstr ข้อเสนอแนะ`` loses its first and last characters;
``msgstr [0] "a"`` becomes the text ``[0] "a``; a second ``msgstr``, a plain ``msgstr`` in a
plural entry or a second definition of the same msgid is silently dropped; an escape other
than \\n \\t \\r \\" \\\\ is kept as a backslash and a letter. This module reads a catalog line
by line the way GNU gettext's ``msgfmt`` does and reports every such line, in an editor's
words, so that whatever it accepts, Babel reads exactly as written (the tests check that
property against Babel on random catalogs).

    check_po_syntax(text) -> [(line, message, hint), ...]   # [] when the catalog is sound

What it accepts: everything GNU gettext, PO editors and Babel write — comments (``#``,
``#.``, ``#:``, ``#,``), previous-text comments (``#|``, ``#~|``), obsolete entries (``#~``),
``msgctxt``, ``msgid_plural``, ``msgstr[N]``, strings continued over several lines, a
keyword alone with its text on the lines below, the escapes \\n \\t \\r \\" \\\\, CRLF line
ends, blank lines anywhere.

What it reports: (1) everything ``msgfmt`` rejects as a syntax error (unterminated or
unquoted text, text outside any keyword, unknown keywords, bad escapes, a msgid with no
msgstr, msgstr without msgid, a continuation line that belongs to no keyword, a comment
inside an entry, a mix of ``#~`` and normal lines in one entry, wrongly numbered plural
forms, duplicate definitions) — except inside ``#|`` comments: Babel reads those as
comments, never prints them, and its own write_po (``reportgen translations update``)
wraps a long previous msgid over several ``#|`` lines without quotes, which msgfmt
refuses; (2) the few constructs that are valid gettext but that Babel misreads or
refuses, each with the way to write it that both read alike: two quoted texts or a
keyword after a text on one line, ``msgstr [0]`` with a space, a tab or nothing between
keyword and quote, a comment after the text, and the escapes \\a \\b \\f \\v, octal and
\\x (Babel prints them as a backslash and letters).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

__all__ = ["check_po_syntax", "parse_po", "PoEntry"]

KEYWORDS = ("msgctxt", "msgid", "msgid_plural", "msgstr")

# gettext's own white space between tokens (po-lex.c): anything else that looks blank,
# a no-break space or a byte-order mark, is a character msgfmt refuses.
_SPACE = " \t\r\f\v"
# Escapes both msgfmt and Babel decode, to the same character.
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
# Escapes msgfmt decodes but Babel keeps as written (backslash and letters).
_GETTEXT_ONLY_ESCAPES = set("abfv01234567x")
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?")
_SPACED_INDEX = re.compile(r"msgstr([ \t]*)\[([ \t]*)(\d*)([ \t]*)\]")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\[[^\]]*\])?")
_TYPOGRAPHIC_QUOTES = "“”„‟«»‘’‚‛「」『』〝〞＂"

Problem = tuple[int, str, str]

_QUOTE_HINT = ('Put the text in straight double quotes on the same line: msgstr "…". '
               'A double quote inside the text is written \\".')
_UNTERMINATED_HINT = ('End the text with a double quote (") on this line. To go on over '
                      'several lines, close the quote at the end of each line and start the '
                      'next line with another: "…"')
_STRAY_HINT = ('Text belongs in double quotes after msgid or msgstr; a line that continues '
               'a long text starts and ends with a double quote: "…"')


@dataclass
class PoEntry:
    """One entry as the checker read it, text decoded: what Babel must read too."""

    line: int  # the line of its msgctxt or msgid
    obsolete: bool
    msgctxt: str | None = None
    msgid: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # plain msgstr is form 0
    plural_forms: bool = False  # msgstr[N] rather than msgstr


class _Token:
    """One line as the lexer read it (a plain class with slots: catalogs have many lines)."""

    __slots__ = ("kind", "line", "obsolete", "keyword", "index", "pieces", "comment_kind")

    def __init__(self, kind: str, line: int, obsolete: bool = False, keyword: str = "",
                 index: int | None = None, pieces: list[str] | None = None,
                 comment_kind: str = "") -> None:
        self.kind = kind  # 'comment', 'keyword' or 'string'
        self.line = line
        self.obsolete = obsolete
        self.keyword = keyword  # for 'keyword'
        self.index = index  # N of msgstr[N]
        self.pieces = pieces  # None: a bare keyword, its text on the next lines
        self.comment_kind = comment_kind


def check_po_syntax(text: str) -> list[Problem]:
    """Every syntax problem of a PO catalog as (1-based line, message, hint), in line order."""
    return parse_po(text)[1]


def parse_po(text: str) -> tuple[list[PoEntry], list[Problem]]:
    """The catalog's entries as read (meaningful only when there are no problems) and its
    syntax problems."""
    problems: list[Problem] = []
    tokens = _tokens(text, problems)
    entries = _Entries(problems).read(tokens)
    problems.sort(key=lambda problem: problem[0])
    return entries, problems


# Lexing: one line at a time, as Babel reads them (split at "\n" only: a U+2028 LINE
# SEPARATOR or a form feed inside a text is part of the text, for Babel and msgfmt alike).

def _tokens(text: str, problems: list[Problem]) -> list[_Token]:
    tokens: list[_Token] = []
    for number, line in enumerate(text.split("\n"), start=1):
        tails: list[str] = []
        token = _line_token(line, number, problems, tails)
        if token is not None:
            tokens.append(token)
        while tails:  # a keyword written after a text on the same line, read on
            more: list[str] = []
            token = _message_token(tails.pop(0), number, problems, tokens[-1].obsolete
                                   if tokens else False, tails=more)
            tails.extend(more)
            if token is not None:
                tokens.append(token)
    return tokens


# The lines of a sound catalog, in one match each: a comment, or a keyword or continuation
# line with one quoted text whose escapes are the five both readers decode alike.
_SOUND = re.compile(r'(?:(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? )?'
                    r'"([^"\\]*(?:\\[ntr"\\][^"\\]*)*)"[ \t\r\f\v]*')
_UNESCAPE = re.compile(r"\\(.)")


def _line_token(line: str, number: int, problems: list[Problem],
                tails: list[str]) -> _Token | None:
    if line[:1] == "#" and line[1:2] not in ("~", ""):
        return _Token("comment", number, comment_kind=line[1:2])
    sound = _SOUND.fullmatch(line)
    if sound:  # the common case, read at once; anything else goes the long way below
        keyword, index, body = sound.groups()
        if index is not None and keyword != "msgstr":
            return _message_token(line.strip(_SPACE), number, problems, False, tails=tails)
        if "\\" in body:
            body = _UNESCAPE.sub(lambda match: _ESCAPES[match.group(1)], body)
        if keyword is None:
            return _Token("string", number, pieces=[body])
        return _Token("keyword", number, keyword=keyword,
                      index=int(index) if index is not None else None, pieces=[body])
    stripped = line.strip(_SPACE)
    invisible = 0
    while invisible < len(stripped) and _is_invisible(stripped[invisible]):
        invisible += 1
    if invisible:
        problems.append((number, f"an invisible character ({_character_name(stripped[0])}) "
                                 "stands at the start of this line",
                         "Delete it: a PO file allows only ordinary spaces and tabs there. "
                         "It usually comes from pasting, or from saving with a byte-order "
                         "mark."))
        stripped = stripped[invisible:].strip(_SPACE)
    if not stripped:
        return None
    if stripped[0] == "#":
        return _comment_token(stripped, number, problems, tails)
    return _message_token(stripped, number, problems, obsolete=False, tails=tails)


def _is_invisible(char: str) -> bool:
    """A character that looks like (or is) nothing: no-break spaces, BOM, zero widths."""
    return not char.isascii() and unicodedata.category(char) in ("Zs", "Zl", "Zp", "Cf", "Cc")


def _comment_token(line: str, number: int, problems: list[Problem],
                   tails: list[str]) -> _Token | None:
    marker = line[1:2]
    if marker == "~":  # an obsolete entry: the rest is read as message lines
        rest = line[2:].strip(_SPACE)
        if not rest:
            return _Token("comment", number, obsolete=True, comment_kind="~")
        if rest.startswith("|"):  # the previous text of an obsolete entry: a comment
            return _Token("comment", number, obsolete=True, comment_kind="~|")
        return _message_token(rest, number, problems, obsolete=True, tails=tails)
    # '#|' lines (the previous English text) are comments to Babel, which even writes them
    # wrapped like prose, without quotes; they never reach the printed text.
    return _Token("comment", number, comment_kind=marker)


def _message_token(line: str, number: int, problems: list[Problem], obsolete: bool,
                   tails: list[str] | None = None) -> _Token | None:
    """A keyword line or a continuation line (already stripped), or None if unreadable."""
    where = "this line"
    if line[0] == '"':
        pieces = _strings(line, 0, number, problems, tails=tails)
        return _Token("string", number, obsolete, pieces=pieces)
    if line[0] in _TYPOGRAPHIC_QUOTES:
        problems.append((number, f"{where} starts with a typographic quotation mark "
                                 f"({line[0]}) where a straight double quote (\") belongs",
                         'Write the text as "…" with the straight double quote of the '
                         'keyboard; typographic quotes may stand inside the text.'))
        return _Token("string", number, obsolete, pieces=[""])
    spaced = _SPACED_INDEX.match(line)
    if spaced and (spaced.group(1) or spaced.group(2) or spaced.group(4)
                   or not spaced.group(3)):
        number_text = spaced.group(3)
        written = spaced.group(0)
        problems.append((number, f"'{written}': the number of the plural form must follow "
                                 "msgstr directly, in brackets, with no spaces",
                         f'Write msgstr[{number_text or "0"}] "…" (the PO reader reportgen '
                         "uses, Babel, would otherwise take the bracket for part of the "
                         "text or stop with an internal error)."))
        return _keyword_token("msgstr", int(number_text) if number_text else 0,
                              line[spaced.end():], number, problems, obsolete,
                              report_separator=False, tails=tails)
    keyword = _KEYWORD.match(line)
    if keyword and not (line[keyword.end():keyword.end() + 1].isalnum()
                        or line[keyword.end():keyword.end() + 1] in ("_", "[")):
        name, index = keyword.group(1), keyword.group(2)
        if index is not None and name != "msgstr":
            problems.append((number, f"'{keyword.group(0)}' is not a PO keyword: only msgstr "
                                     "takes the number of a plural form",
                             f'Write {name} "…" without the number.'))
            index = None
        return _keyword_token(name, int(index) if index is not None else None,
                              line[keyword.end():], number, problems, obsolete, tails=tails)
    word = _WORD.match(line)
    guess = None
    if word:
        bare = re.sub(r"\[.*", "", word.group(0))
        guesses = difflib.get_close_matches(bare.lower(), KEYWORDS, n=1, cutoff=0.75)
        guess = guesses[0] if guesses else None
    if word and (guess or line[word.end():].lstrip(_SPACE).startswith('"')):
        what = f"'{word.group(0)}' is not a PO keyword"
        hint = (f"Did you mean {guess}? " if guess else "") + (
            "The keywords are msgctxt, msgid, msgid_plural, msgstr and msgstr[N], "
            "in lower case.")
        problems.append((number, what, hint))
        if guess:  # read on as that keyword, so that one typo gives one problem
            return _keyword_token(guess, None, line[word.end():], number, problems, obsolete,
                                  tails=tails)
        return None
    problems.append((number, f"{where} is not part of any entry: {_shorten(line)} stands "
                             "outside double quotes", _STRAY_HINT))
    return None


def _keyword_token(name: str, index: int | None, rest: str, number: int,
                   problems: list[Problem], obsolete: bool,
                   report_separator: bool = True, tails: list[str] | None = None) -> _Token:
    label = f"{name}[{index}]" if index is not None else name
    token = _Token("keyword", number, obsolete, keyword=name, index=index)
    if not rest.strip(_SPACE):
        token.pieces = None  # its text may follow on the next lines
        return token
    separator = rest[0]
    after = rest.strip(_SPACE)
    if report_separator and separator != " ":
        if separator == '"':
            problems.append((number, f"there is no space between {label} and its text",
                             f'Write {label} "…" with one space: the PO reader reportgen '
                             "uses (Babel) cannot read the line otherwise."))
        elif separator in _SPACE:
            problems.append((number, f"{label} is separated from its text by a "
                                     f"{'tab' if separator == chr(9) else 'special space'}",
                             f'Write {label} "…" with one ordinary space: the PO reader '
                             "reportgen uses (Babel) cannot read the line otherwise."))
    if after[0] == '"':
        token.pieces = _strings(after, 0, number, problems, label, tails)
        return token
    if after[0] in _TYPOGRAPHIC_QUOTES:
        problems.append((number, f"the text after {label} is in typographic quotation marks "
                                 f"({after[0]}…) instead of straight double quotes",
                         f'Write {label} "…" with the straight double quote (") of the '
                         "keyboard; typographic quotes may stand inside the text."))
    else:
        problems.append((number, f"the text after {label} is not in double quotes: "
                                 f"{_shorten(after)}", _QUOTE_HINT))
    token.pieces = [""]
    return token


def _strings(line: str, start: int, number: int, problems: list[Problem],
             label: str = "", tails: list[str] | None = None) -> list[str]:
    """The quoted texts of a line from `start` (a double quote), decoded. A keyword after
    them is reported and put in `tails`, to be read as a line of its own."""
    pieces: list[str] = []
    position = start
    while True:
        piece, position = _string(line, position, number, problems, label)
        pieces.append(piece)
        if position < 0:
            return pieces
        rest = line[position:].lstrip(_SPACE)
        if not rest:
            return pieces
        if rest[0] == '"':
            if len(pieces) == 1:
                problems.append((number, "two quoted texts stand on one line",
                                 "Put the second on a line of its own: the PO reader "
                                 "reportgen uses (Babel) would read the quotes between them as "
                                 "part of the text."))
            position = len(line) - len(rest)
            continue
        keyword = _KEYWORD.match(rest)
        if keyword and rest[keyword.end():keyword.end() + 1] in (" ", "\t", '"'):
            problems.append((number, f"{keyword.group(0)} starts on the same line as the text "
                                     "before it",
                             f"Start {keyword.group(0)} on a new line."))
            if tails is not None:
                tails.append(rest)
        elif rest[0] == "#":
            problems.append((number, f"a comment follows the text on the same line: "
                                     f"{_shorten(rest)}",
                             "Comments (#) go on a line of their own, above the msgid."))
        else:
            problems.append((number, f"there is text after the closing quote: {_shorten(rest)}",
                             'If the text itself contains a double quote, write it as \\" '
                             '(msgstr "He said \\"no\\"") or use typographic quotes “ ”.'))
        return pieces


def _decode(body: str, number: int, problems: list[Problem]) -> str:
    """The text of a quoted string's body with its escapes decoded, bad ones reported."""

    def replace(match: re.Match) -> str:
        escape = match.group(1)
        if escape in _ESCAPES:
            return _ESCAPES[escape]
        if escape in _GETTEXT_ONLY_ESCAPES:
            problems.append((number, f"the escape \\{escape} is not understood by the PO "
                                     "reader reportgen uses (Babel): it would print a "
                                     f"backslash and '{escape}'",
                             "Type the character itself instead; the escapes that work "
                             'are \\n (new line), \\t (tab), \\" (double quote) and \\\\ '
                             "(backslash)."))
        else:
            problems.append((number, f"'\\{escape}' is not an escape a PO file knows",
                             'Write \\\\ for a backslash, \\" for a double quote, \\n for a '
                             "new line, \\t for a tab."))
        return "\\" + escape

    return _ESCAPE.sub(replace, body)


# A quoted text and its end; one that runs to the end of the line (the unrolled form
# [^"\\]*(?:\\.[^"\\]*)* is several times faster than (?:[^"\\]|\\.)* on long Thai lines).
_CLOSED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_OPEN = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)\\?$', re.DOTALL)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)


def _string(line: str, start: int, number: int, problems: list[Problem],
            label: str) -> tuple[str, int]:
    """One quoted text from line[start] == '"': (decoded text, index after it or -1)."""
    closed = _CLOSED.match(line, start)
    body = closed.group(1) if closed else _OPEN.match(line, start).group(1)
    text = _decode(body, number, problems) if "\\" in body else body
    if closed:
        return text, closed.end()
    what = f"the text of {label}" if label else "this quoted text"
    if line.endswith('\\"') and len(text) >= 1 and text.endswith('"'):
        problems.append((number, f"{what} is never closed: the backslash before the last "
                                 'double quote (\\") makes that quote part of the text',
                         'Delete the backslash, or write \\\\" to end the text with a '
                         "backslash."))
    elif line.endswith("\\") and (len(line) - len(line.rstrip("\\"))) % 2 == 1:
        problems.append((number, f"{what} is never closed: the line ends with a backslash, "
                                 "which would escape the closing quote",
                         'Delete the backslash, or write \\\\" to end the text with a '
                         "backslash."))
    else:
        problems.append((number, f"{what} is never closed: there is no double quote at the "
                                 f"end of {_tail(text)}", _UNTERMINATED_HINT))
    return text, -1


# Structure: which keyword may follow which, entry by entry.

class _Entries:
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        self.entries: list[PoEntry] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.current: PoEntry | None = None
        self.target: tuple[str, int] | None = None  # where a continuation line goes
        self.target_line = 0
        self.waiting: tuple[int, str] | None = None  # a bare keyword still without text
        # A comment after a msgid that has no msgstr yet: inside the entry if a msgstr
        # follows, else the entry lacks its msgstr (reported once, as such).
        self.interrupted: tuple[int, str] | None = None

    def read(self, tokens: list[_Token]) -> list[PoEntry]:
        handlers = {"comment": self._comment, "keyword": self._keyword, "string": self._string}
        for token in tokens:
            handlers[token.kind](token)
        self._check_waiting()
        self.interrupted = None  # the entry lacks its msgstr: _finish says so
        self._finish()
        return self.entries

    def _add(self, line: int, message: str, hint: str) -> None:
        self.problems.append((line, message, hint))

    # An entry is complete once it has a msgid and a msgstr.
    def _complete(self) -> bool:
        entry = self.current
        return entry is not None and entry.msgid is not None and bool(entry.msgstr)

    def _finish(self) -> None:
        """Close the current entry: report what it lacks, record it."""
        entry = self.current
        self.current, self.target = None, None
        if entry is None:
            return
        if entry.msgid is None:
            self._add(entry.line, "this msgctxt is not followed by a msgid",
                      'An entry is: msgctxt "…" (optional), msgid "…", msgstr "…".')
            return
        if not entry.msgstr:
            self._add(entry.line, f"the msgid {_shorten(entry.msgid, 40, quoted=True)} has "
                                  "no msgstr",
                      'Add a msgstr line after it: msgstr "…" with the translation, or '
                      'msgstr "" if it is not translated yet.')
            return
        if entry.msgid_plural is not None and 0 not in entry.msgstr:
            return  # already reported with the wrong form number
        key = (entry.msgctxt, entry.msgid)
        first = self.seen.get(key)
        if first is not None:
            self._add(entry.line, f"the msgid {_shorten(entry.msgid, 40, quoted=True)} is "
                                  f"defined a second time (first at line {first})",
                      "Keep one of the two entries (an obsolete #~ copy included): only one "
                      "of them would be used, without a warning.")
        else:
            self.seen[key] = entry.line
        self.entries.append(entry)

    def _check_waiting(self) -> None:
        if self.waiting:
            line, label = self.waiting
            self.waiting = None
            self._add(line, f"{label} has no text in double quotes",
                      f'Write {label} "…", or {label} "" for an empty text.')

    def _comment(self, token: _Token) -> None:
        self._check_waiting()
        if self._interrupts(token, "a comment line"):
            return
        self._finish()

    def _interrupts(self, token: _Token, what: str) -> bool:
        """Whether a comment line falls inside an unfinished entry."""
        entry = self.current
        if entry is None or self._complete():
            return False
        if entry.msgid is None:  # between msgctxt and msgid: msgfmt refuses it
            self._add(token.line, f"{what} stands inside an entry, after its msgctxt",
                      "Move it above the entry's msgctxt: the PO format allows comments "
                      "only there.")
        elif self.interrupted is None:
            self.interrupted = (token.line, f"{what} stands inside an entry, after its "
                                            f"{self._last_keyword()}")
        return True

    def _continue_after_interruption(self, continues: bool) -> None:
        """The line after comments in an unfinished entry: does the entry go on?"""
        if self.interrupted is None:
            return
        line, message = self.interrupted
        self.interrupted = None
        if continues:
            self._add(line, message, "Move the comment above the entry's msgctxt or msgid: "
                                     "the PO format allows comments only there.")

    def _last_keyword(self) -> str:
        entry = self.current
        if entry is None or entry.msgid is None:
            return "msgctxt"
        return "msgid_plural" if entry.msgid_plural is not None else "msgid"

    def _string(self, token: _Token) -> None:
        self._continue_after_interruption(True)
        entry = self.current
        if entry is None or self.target is None:
            self._add(token.line, "this quoted text belongs to no keyword",
                      "A continuation line must directly follow the msgid, msgstr or "
                      "continuation line it continues, with no comment between them; if it "
                      "starts a translation, write msgstr before it.")
            self.waiting = None
            return
        if token.obsolete != entry.obsolete:
            self._inconsistent(token)
        self.waiting = None
        self._append(token.pieces or [])

    def _append(self, pieces: list[str]) -> None:
        entry, (name, index) = self.current, self.target
        text = "".join(pieces)
        if name == "msgstr":
            entry.msgstr[index] = entry.msgstr.get(index, "") + text
        else:
            setattr(entry, name, (getattr(entry, name) or "") + text)

    def _inconsistent(self, token: _Token) -> None:
        self._add(token.line, "this entry mixes obsolete lines (#~) and normal lines",
                  "Either start every line of the entry with #~ (an obsolete entry, not "
                  "used) or none of them.")

    def _keyword(self, token: _Token) -> None:
        self._check_waiting()
        self._continue_after_interruption(token.keyword in ("msgstr", "msgid_plural"))
        handler = {"msgctxt": self._msgctxt, "msgid": self._msgid,
                   "msgid_plural": self._msgid_plural, "msgstr": self._msgstr}[token.keyword]
        handler(token)
        if token.pieces is None and self.target is not None:
            label = token.keyword + (f"[{token.index}]" if token.index is not None else "")
            self.waiting = (token.line, label)

    def _start(self, token: _Token) -> PoEntry:
        self._finish()  # the entry before, reporting what it lacks
        self.current = PoEntry(token.line, token.obsolete)
        return self.current

    def _set(self, name: str, token: _Token, index: int = 0) -> None:
        self.target = (name, index)
        self.target_line = token.line
        if name == "msgstr":
            self.current.msgstr[index] = ""
        else:
            setattr(self.current, name, "")
        self._append(token.pieces or [])

    def _same_entry(self, token: _Token) -> bool:
        if self.current is not None and token.obsolete != self.current.obsolete:
            self._inconsistent(token)
        return self.current is not None

    def _msgctxt(self, token: _Token) -> None:
        entry = self.current
        if (entry is not None and entry.msgid is not None and not entry.msgstr
                and entry.msgctxt is None and entry.msgid_plural is None):
            self._add(token.line, "the msgctxt comes after the msgid",
                      "Put the msgctxt line above the msgid line of its entry.")
            self._same_entry(token)
            self._set("msgctxt", token)
            return
        if self.current is not None and self.current.msgid is None:
            self._add(token.line, "a second msgctxt before the msgid",
                      "An entry has at most one msgctxt line; delete one of them.")
            self._same_entry(token)
        else:
            self._start(token)
        self._set("msgctxt", token)

    def _msgid(self, token: _Token) -> None:
        if self.current is not None and self.current.msgid is None:
            self._same_entry(token)  # the msgid after the entry's msgctxt
        else:
            self._start(token)
        self._set("msgid", token)

    def _msgid_plural(self, token: _Token) -> None:
        entry = self.current
        if entry is None or entry.msgid is None:
            self._add(token.line, "msgid_plural without a msgid before it",
                      'Write the singular first: msgid "…", then msgid_plural "…".')
            self.target = None
            return
        self._same_entry(token)
        if entry.msgstr:
            self._add(token.line, "msgid_plural comes after the msgstr",
                      "Put msgid_plural directly after the msgid, before msgstr[0].")
            self.target = None
            return
        if entry.msgid_plural is not None:
            self._add(token.line, "a second msgid_plural in this entry",
                      "An entry has one msgid_plural; delete the other.")
        self._set("msgid_plural", token)

    def _msgstr(self, token: _Token) -> None:
        entry = self.current
        label = "msgstr" if token.index is None else f"msgstr[{token.index}]"
        if entry is None or entry.msgid is None:
            self._add(token.line, f"{label} without a msgid before it",
                      f'Each {label} follows the msgid it translates: msgid "…" then msgstr '
                      '"…". A second translation of the same text cannot be added this way.')
            self.target = None
            return
        self._same_entry(token)
        if entry.msgid_plural is None:
            if token.index is not None:
                self._add(token.line, f"{label} in an entry without msgid_plural",
                          'Write msgstr "…": numbered forms belong to entries with a '
                          "msgid_plural.")
                index = 0
            else:
                index = 0
            if index in entry.msgstr:
                self._add(token.line, "a second msgstr for the same msgid",
                          "An entry has one msgstr; delete one of them (only one would be "
                          "used, without a warning).")
                self.target = None
                return
            self._set("msgstr", token, index)
            return
        entry.plural_forms = True
        if token.index is None:
            self._add(token.line, "this entry has a msgid_plural, so its translations are "
                                  "msgstr[0], msgstr[1], …, not msgstr",
                      "Number the forms: msgstr[0] \"…\", msgstr[1] \"…\" (as many as the "
                      "language's plural forms).")
            index = len(entry.msgstr)
        else:
            index = token.index
            expected = len(entry.msgstr)
            if index in entry.msgstr:
                self._add(token.line, f"a second {label} in this entry",
                          "Each plural form appears once; delete one of them.")
                self.target = None
                return
            if index != expected:
                self._add(token.line, f"{label} where msgstr[{expected}] belongs",
                          "Number the plural forms 0, 1, 2, … in order, with none left out.")
        self._set("msgstr", token, index)


def _character_name(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'control character')}"


def _shorten(text: str, limit: int = 30, quoted: bool = False) -> str:
    text = text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
    return f"“{text}”" if quoted else f"‘{text}’"


def _tail(text: str) -> str:
    """The last words of an unclosed text, to show where the quote is missing."""
    text = text.rstrip()
    if not text:
        return "the line"
    if len(text) <= 24:
        return f"“{text}”"
    start = len(text) - 23
    # Start at a letter, not at a vowel sign or tone mark cut from it (Thai, Burmese):
    # alone, it prints on a dotted circle.
    while start < len(text) and unicodedata.category(text[start]).startswith("M"):
        start += 1
    return f"“…{text[start:].lstrip()}”"


# What Babel is given once the check has passed.

_OBSOLETE_PREVIOUS = re.compile(r"[ \t]*#~[ \t]*\|")


def lines_for_babel(text: str) -> list[str]:
    """The catalog's lines for babel.messages.pofile.read_po, once check_po_syntax passed.

    Text rather than bytes: the file was decoded as UTF-8 once, so Babel does not decode it
    again with whatever charset the header names (a wrong 'charset=' would otherwise turn
    every Thai or Burmese text into mojibake without a word, or stop Babel with a
    LookupError). The '#~|' lines (the previous text of an obsolete entry, which msgmerge
    writes) are blanked, line numbers kept: Babel refuses them although they are valid, and
    they mean nothing to a build.
    """
    return ["" if _OBSOLETE_PREVIOUS.match(line) else line for line in text.split("\n")]
