"""The README's table of bad inputs: each row's message, exit status 1, the last PDF kept.

Each case starts from a copy of a project that has built once, breaks one thing and
runs `reportgen build` through the command line's entry point.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from reportgen import build, cli
from reportgen.progress import Progress

from .conftest import MINIMAL, REPO, SEED, THAI_CATALOG, own_copy, write_files
from .handmade import Sheet, handmade_pdf


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = own_copy(root, name)
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def write(name: str, text: str | bytes) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return edit


def append(name: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        with own_copy(root, name).open("a", encoding="utf-8") as stream:
            stream.write(text)
    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for each in edits:
            each(root)
    return edit


def remove(name: str) -> Callable[[Path], None]:
    return lambda root: (root / name).unlink()


def link(name: str, target: str) -> Callable[[Path], None]:
    return lambda root: (root / name).symlink_to(target)


def with_thai(catalog: str) -> Callable[[Path], None]:
    """The project gets a Thai insert, translated by `catalog`."""
    return both(append("report/report.yaml", "translations: [th]\n"),
                write("report/translations/th.po", catalog))


def billion_laughs(levels: int = 9) -> str:
    """Nine anchors, each standing for nine of the one before: 9^9 values once expanded."""
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def gazette_pdf(password: str = "") -> bytes:
    """The gazette as a three-page PDF with a running head and page numbers."""
    lines = [line for line in SEED.splitlines() if line]
    pages = [lines[:3], lines[3:5], lines[5:]]
    data = handmade_pdf([Sheet(page, head="Harbour Town Gazette archive copy", foot=str(n))
                         for n, page in enumerate(pages, 1)])
    if not password:
        return data
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, algorithm="AES-256")
    stream = io.BytesIO()
    writer.write(stream)
    return stream.getvalue()


def with_seed(name: str, data: bytes | str) -> Callable[[Path], None]:
    """The gazette's document replaced by another file, named so in sources.yaml."""
    return both(remove("seeds/gazette.txt"), write(f"seeds/{name}", data),
                replace("report/sources.yaml", "file: gazette.txt", f"file: {name}"))


# A line of the Universal Declaration of Human Rights as Zawgyi text circulates.
ZAWGYI = "လူတိုင္းသည္ တူညီ လြတ္လပ္ေသာ ဂုဏ္သိကၡာ ျဖင့္ လည္းေကာင္း"
BURMESE_CATALOG = f"""\
    msgid ""
    msgstr ""
    "Language: my\\n"
    "Content-Type: text/plain; charset=utf-8\\n"

    msgid "A flood closed the bridge and hurt trade."
    msgstr "ရေကြီးမှုကြောင့် တံတားပိတ်ပြီး ကုန်သွယ်ရေး ထိခိုက်ခဲ့သည်။"

    msgid "Reopen the bridge after inspection."
    msgstr "{ZAWGYI}"
    """


ALIAS_BOMB = (
    "through its aliases (*name), this stands for 66,430 values; aliases may add at most "
    "10,000 values to a YAML file\n"
    "    Write the repeated content out where it is needed, or keep the anchors (&name) and "
    "aliases (*name) to a few: reportgen expands every alias when it reads the file. Aliases of "
    "aliases multiply: this is how a short file can stand for billions of values.")


# name in the README table -> (how to break the project, what `reportgen build` prints)
CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "Malformed YAML": (
        write("report/chronology.yaml", "events:\n  - date: 2020-03-05\n    title: [unclosed\n"),
        "report/chronology.yaml:4:1: YAML syntax error: while parsing a flow sequence, "
        "expected ',' or ']', but got '<stream end>'\n"
        "    Check the indentation (spaces, not tabs) and put text containing ': ' or starting "
        "with a quote mark, '[', '{' or '*' inside double quotes."),
    "Control character in YAML": (
        replace("report/chronology.yaml", "The river rises", "The river\x07 rises"),
        "report/chronology.yaml:8:21: the character U+0007 cannot stand in a YAML file\n"
        "    Delete it: it is an invisible control character, usually pasted in from another "
        "program."),
    "Unknown key": (
        replace("report/sources.yaml", "    genre: news", "    genre: news\n    publsher: Gazette"),
        "report/sources.yaml:8:5: unknown key 'publsher' in this source\n"
        "    Did you mean 'publisher'? The keys a source takes: id, file, title, type, author, "
        "container-title, collection-title, number, publisher, issued, URL, genre, language, "
        "inferred, metadata, sha256, note."),
    "Wrong type": (
        replace("report/actors.yaml", "categories: [aid]", "categories: {aid: 1}"),
        "report/actors.yaml:7:17: 'categories' should be a list, not a block of keys\n"
        "    Write each item on its own line starting with '- '."),
    "A yes/no word": (
        replace("report/actors.yaml", "code: FR", "code: NO"),
        "report/actors.yaml:5:11: 'code' reads as false (yes/no), not as text\n"
        "    YAML turns words like yes, no, on, off into true/false: put the text in double "
        "quotes."),
    "Missing required key": (
        replace("report/sources.yaml", "    title: River flood closes the old bridge\n", ""),
        "report/sources.yaml:2:5: this source has no 'title' (the title as the document gives "
        "it)\n"
        "    Add a line 'title: …' to it."),
    "Empty required section": (
        replace("report/executive-summary.yaml",
                "summary:\n  - text: A flood closed the bridge and hurt trade.\n    cite:\n"
                "      - source: gazette\n"
                "        quote: Traders on the east bank reported losses of 40 percent\n",
                "summary: []\n"),
        "report/executive-summary.yaml:1:10: 'summary' is empty in this executive summary file\n"
        "    Give it a value: the executive summary's paragraphs."),
    "Missing content file": (
        remove("report/chronology.yaml"),
        "report/chronology.yaml: the file report/chronology.yaml is missing\n"
        "    Create it with the chronology, or leave its section out of 'sections' in "
        "report/report.yaml."),
    "Duplicate id": (
        replace("report/actors.yaml", "  - id: aid\n    label: Aid\n",
                "  - id: aid\n    label: Aid\n  - id: aid\n    label: Help\n"),
        "report/actors.yaml:4:5: 'aid' appears twice as a category id\n"
        "    Each must be unique: rename or merge one of the two."),
    "Duplicate key": (
        replace("report/chronology.yaml", "    title: The river rises\n",
                "    title: The river rises\n    title: The river rose\n"),
        "report/chronology.yaml:9:5: the key 'title' appears twice in the same block (first at "
        "line 8)\n"
        "    Keep one of the two; YAML would silently use only the last."),
    "Unknown source id": (
        replace("report/chronology.yaml", "source: gazette", "source: gazete"),
        "report/chronology.yaml:5:9: there is no source 'gazete'\n"
        "    Did you mean 'gazette'? Known ones are listed in report/sources.yaml: gazette."),
    "Quote not in the source": (
        replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                "quote: Engineers started work on 5 March."),
        "report/chronology.yaml:6:16: the quote is not in source 'gazette': “Engineers started "
        "work on 5 March.”\n"
        "    Closest passage in seeds/gazette.txt (¶4): “Engineers began work on 5 March.”\n"
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may "
        "differ."),
    "Quote too short": (
        replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                "quote: began work"),
        "report/chronology.yaml:6:16: the quote “began work” is too short to check against "
        "source 'gazette'\n"
        "    So few words could be found by chance: quote at least 3 words (in Thai, Burmese and "
        "other scripts written without spaces, 15 letters; in Chinese, 5 characters). To cite a "
        "single word, a figure or an address, quote the phrase around it: “the river rose two "
        "metres”, not “two metres”."),
    "Blank quote": (
        replace("report/chronology.yaml", "quote: Engineers began work on 5 March.", 'quote: " "'),
        "report/chronology.yaml:6:16: the quote is blank: there are no words to find in source "
        "'gazette'\n"
        "    Copy the words of the source that support the statement."),
    "Quote found more than once": (
        append("seeds/gazette.txt", "\nOn 3 March 2020 the river rose two metres, a record.\n"),
        "report/chronology.yaml:11:16: the quote is in source 'gazette' twice (¶3, ¶6): “On 3 "
        "March 2020 the river rose two metres”\n"
        "    Say which one the footnote cites: quote more of the words around it, until they "
        "stand in one place only, or give its paragraph, writing the quote as 'text: …' with "
        "'paragraph: 3' on the line below."),
    "Paragraph that does not hold the quote": (
        replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                "quote: {text: Engineers began work on 5 March., paragraph: 5}"),
        "report/chronology.yaml:6:16: the quote is not in ¶5 of source 'gazette', but in ¶4: "
        "“Engineers began work on 5 March.”\n"
        "    Correct 'paragraph' to the paragraph the footnote should cite."),
    "Invisible character in a quote": (
        replace("report/chronology.yaml", "Engineers began work on 5 March.",
                "Engineers began\u200b work on 5 March."),
        "report/chronology.yaml:6:16: the quote is not in source 'gazette' as written: it holds "
        "the invisible character U+200B ZERO WIDTH SPACE (after “Engineers began”)\n"
        "    Delete it (retype the words around it if need be).\n"
        "    Closest passage in seeds/gazette.txt (¶4): “Engineers began work on 5 March.”\n"
        "    Copy the words exactly; only line breaks, spaces and the style of quote marks may "
        "differ."),
    "Impossible date": (
        replace("report/chronology.yaml", "date: 2020-03-05", "date: 2020-02-30"),
        "report/chronology.yaml:2:11: 'date': '2020-02-30' is not a real date: February 2020 has "
        "29 days"),
    "Ambiguous date": (
        replace("report/chronology.yaml", "date: 2020-03-05", "date: 03/05/2020"),
        "report/chronology.yaml:2:11: 'date': '03/05/2020' is ambiguous (day/month or "
        "month/day?): write it as 2020-05-03 or 2020-03-05"),
    "Missing seed file": (
        remove("seeds/gazette.txt"),
        "report/sources.yaml:2:5: source 'gazette' names the file seeds/gazette.txt, which does "
        "not exist\n"
        "    Copy the document into seeds/."),
    "Seed file not UTF-8": (
        write("seeds/gazette.txt", "Caf\xe9 closes the old bridge".encode("latin-1")),
        "seeds/gazette.txt: the document is not UTF-8 text (byte 3 cannot be read)\n"
        "    Convert it to UTF-8, for example with: iconv -f WINDOWS-1252 -t UTF-8"),
    "Content file not UTF-8": (
        write("report/actors.yaml", "categories: [{id: aid, label: Caf\xe9}]".encode("latin-1")),
        "report/actors.yaml: the file is not UTF-8 text (byte 33)\n"
        "    Save it again as UTF-8 in your editor."),
    "Link that is not a web address": (
        replace("report/sources.yaml", "    genre: news", "    genre: news\n    URL: file:///etc/passwd"),
        "report/sources.yaml:2:5: the link file:///etc/passwd is not a web address\n"
        "    Links in the briefing must start with https:// or http://."),
    "HTML markup in content": (
        replace("report/chronology.yaml", "title: The river rises",
                'title: The river rises <img src="file:///etc/passwd">'),
        "report/chronology.yaml:8:28: 'title' holds HTML markup "
        "(<img src=\"file:///etc/passwd\">): content is plain text\n"
        "    Remove the markup and write only what readers should see; the briefing never "
        "interprets, fetches or runs anything written in content."),
    "Template syntax error": (
        replace("templates/cover.html.j2", "{% if section.subtitle %}", "{% if section.subtitle %"),
        "templates/cover.html.j2:4: template syntax error: unexpected '<'\n"
        "    Check the {% %} and {{ }} tags on this line."),
    "Template naming something the briefing lacks": (
        replace("templates/cover.html.j2", "{{ section.publisher }}", "{{ publisher_name }}"),
        "templates/cover.html.j2:2: template error: 'publisher_name' is undefined\n"
        "    The template uses a name the briefing does not provide; check its spelling."),
    "Reference outside the project": (
        replace("templates/cover.html.j2", "</section>",
                '<img src="/etc/passwd" alt="x">\n</section>'),
        "templates/cover.html.j2:7:11: the briefing refers to file:///etc/passwd, which is "
        "outside the project folder\n"
        "    Rendering reads only files inside the project: copy the file into it (templates/ "
        "for stylesheets, fonts and images)."),
    "Reference to the network": (
        append("templates/cover.css", ".cover { background: url(https://example.org/logo.png) }\n"),
        "templates/cover.css:42:26: the briefing would fetch https://example.org/logo.png from "
        "the network\n"
        "    Rendering reads nothing from the network: copy the file into the project and refer "
        "to it by a relative path (or, trusting every template and content file, build with "
        "--allow-network)."),
    "Image without alternative text": (
        both(write("templates/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"/>'),
             replace("templates/cover.html.j2", "</section>",
                     '<img src="../templates/logo.svg">\n</section>')),
        "templates/cover.html.j2:7:11: the image ../templates/logo.svg has no alternative text\n"
        "    Give it an alt attribute saying what it shows, for readers who cannot see it "
        "(screen readers read it from the PDF's tags)."),
    "Font not installed": (
        write("templates/theme.yaml", "fonts:\n  - language: default\n    families: [Noto Serf]\n"),
        "templates/theme.yaml:2:5: the font Noto Serf, set for English (en-GB) text, is not "
        "installed: fontconfig puts Noto Sans in its place\n"
        "    Install a font package that provides it, or correct the name for 'default' in "
        "templates/theme.yaml ('fc-list : family' lists the installed fonts)."),
    "Character no installed font has": (
        replace("report/chronology.yaml", "title: The river rises", "title: The river rises 🧿"),
        "report/chronology.yaml:8:28: no glyph for “🧿” (U+1F9FF NAZAR AMULET) in the fonts set "
        "for this English (en-GB) text, \"Noto Serif\", \"Noto Sans\" (“The river rises 🧿”)\n"
        "    No installed font has it: install one that does (for emoji, Debian's "
        "fonts-noto-color-emoji), list it for 'default' in a 'fonts' entry of "
        "templates/theme.yaml (it replaces the built-in choice), or remove the character."),
    "Source file outside the project": (
        replace("report/sources.yaml", "file: gazette.txt", "file: /etc/passwd"),
        "report/sources.yaml:2:5: source 'gazette' names the file /etc/passwd, which is outside "
        "the seeds folder\n"
        "    Copy the document into seeds/ and give its name there."),
    "Link out of the project": (
        both(remove("seeds/gazette.txt"), link("seeds/gazette.txt", "/etc/passwd")),
        "seeds/gazette.txt: this file is a link to /etc/passwd, outside the project folder\n"
        "    Copy the file itself into the project instead of linking to it."),
    "Special file": (
        both(remove("seeds/gazette.txt"), lambda root: os.mkfifo(root / "seeds/gazette.txt")),
        "seeds/gazette.txt: this file is a named pipe, not a regular file\n"
        "    Replace it with the file itself, or remove it."),
    "File too large": (
        append("seeds/gazette.txt", "x" * (50 * 1024 * 1024)),
        "seeds/gazette.txt: the file is larger than 50 MB, the most reportgen reads\n"
        "    Keep in it only what the briefing uses (the README gives the limits)."),
    "Font family that is not a name": (
        write("templates/theme.yaml",
              "fonts:\n  - language: default\n    families: "
              "['Noto Serif\"; src: url(http://127.0.0.1/f.ttf); x: \"']\n"),
        "templates/theme.yaml:2:5: 'Noto Serif\"; src: url(http://127.0.0.1/f.ttf); x: \"' is "
        "not a font family name\n"
        "    Give the family's name as fontconfig knows it, such as Noto Serif: letters, digits, "
        "spaces, hyphens and dots only ('fc-list : family' lists them)."),
    "Malformed edition snapshot": (
        write("report/editions/1.yaml", """\
            edition: 1
            date: '2024-01-01'
            format: 2
            content:
              chronology:
                The river rises: {date: sometime, approximate: false, inferred: '',
                                  title: The river rises, description: '', places: [], actors: []}
            """),
        "report/editions/1.yaml: the 'chronology' section recorded for edition 1 is not as "
        "'reportgen release' writes it: 'sometime' is not a date: write YYYY-MM-DD, YYYY-MM or "
        "YYYY\n"
        "    Restore the file from version control: it is written by 'reportgen release' and is "
        "not to be edited by hand."),
    "Direction override": (
        replace("report/chronology.yaml", "The river rises", "The river \u202erises"),
        "report/chronology.yaml:8:22: 'title' holds the invisible control character U+202E "
        "RIGHT-TO-LEFT OVERRIDE, which reorders the printed text\n"
        "    Delete it (retype the text around it if need be): the briefing sets right-to-left "
        "text in its direction without such characters."),
    "Seed saved as UTF-16": (
        write("seeds/gazette.txt", SEED.encode("utf-16")),
        "seeds/gazette.txt: the document is not UTF-8 text (byte 0 cannot be read)\n"
        "    It is UTF-16 text: convert it to UTF-8, for example with: iconv -f UTF-16 -t UTF-8"),
    "Duplicate event": (
        append("report/chronology.yaml", "  - date: 2020-03-03\n    title: The river rises\n"
                                         "    cite: {source: gazette, quote: On 3 March 2020 "
                                         "the river rose two metres}\n"),
        "report/chronology.yaml:12:5: this event is already in the chronology, with the same "
        "date and title (line 7)\n"
        "    Keep one of the two, or give each its own title."),
    "Insert language listed twice": (
        both(append("report/report.yaml", "translations: [id, id]\n"),
             write("report/translations/id.po", 'msgid ""\nmsgstr ""\n"Language: id\\n"\n')),
        "report/report.yaml:1:1: 'id' appears twice as a language of 'translations'\n"
        "    Each must be unique: rename or merge one of the two."),
    "Edition number below 1": (
        replace("report/report.yaml", "edition: 2", "edition: -1"),
        "report/report.yaml:1:1: 'edition' is -1: editions are numbered from 1\n"
        "    Write 1 for the first edition."),
    "Source id in the wrong case": (
        replace("report/chronology.yaml", "source: gazette", "source: GAZETTE"),
        "report/chronology.yaml:5:9: there is no source 'GAZETTE'\n"
        "    Did you mean 'gazette'? Known ones are listed in report/sources.yaml: gazette."),
    "Unclosed quote in a catalog": (
        with_thai(THAI_CATALOG.replace('การตรวจสอบ"', "การตรวจสอบ")),
        "report/translations/th.po:11: PO syntax error: the text of msgstr is never closed: "
        "there is no double quote at the end of “…นอีกครั้งหลังการตรวจสอบ”\n"
        '    End the text with a double quote (") on this line. To go on over several lines, '
        "close the quote at the end of each line and start the next line with another: \"…\""),
    "Catalog text without quote marks": (
        with_thai(THAI_CATALOG.replace('msgstr "เปิดสะพานอีกครั้งหลังการตรวจสอบ"',
                                       "msgstr เปิดสะพานอีกครั้งหลังการตรวจสอบ")),
        "report/translations/th.po:11: PO syntax error: the text after msgstr is not in double "
        "quotes: ‘เปิดสะพานอีกครั้งหลังการตรวจส…’\n"
        '    Put the text in straight double quotes on the same line: msgstr "…". A double '
        'quote inside the text is written \\".'),
    "Alias bomb": (
        append("report/chronology.yaml", billion_laughs()),
        f"report/chronology.yaml:16:7: {ALIAS_BOMB}"),
    "Alias bomb in an edition snapshot": (
        write("report/editions/1.yaml", "edition: 1\ndate: '2024-01-01'\nformat: 2\n"
                                        + billion_laughs() + "content:\n  chronology: *lol8\n"),
        f"report/editions/1.yaml:8:7: {ALIAS_BOMB}"),
    "YAML nested too deep": (
        replace("report/chronology.yaml", "title: The river rises",
                "title: " + "[" * 100_000 + "]" * 100_000),
        "report/chronology.yaml:8:59: this is nested 51 levels deep (lists and blocks of keys "
        "inside each other); a YAML file may nest at most 50\n"
        "    Lists and blocks of keys this deep are not content an editor writes: check the "
        "indentation and the brackets, or whether the file was generated by a program."),
    "One-digit month or day": (
        replace("report/chronology.yaml", "date: 2020-03-05", "date: 2020-3-5"),
        "report/chronology.yaml:2:11: 'date': '2020-3-5' needs two digits for the month and "
        "the day: write it as 2020-03-05"),
    "Password-protected PDF": (
        with_seed("gazette.pdf", gazette_pdf(password="secret")),
        "seeds/gazette.pdf: the PDF is protected by a password\n"
        "    Ask for a copy without one: reportgen cannot read its text."),
    "Scanned PDF": (
        with_seed("gazette.pdf", handmade_pdf([Sheet([]), Sheet([])])),
        "seeds/gazette.pdf: the PDF has no text layer, so it is probably a scan\n"
        "    A copy with recognised text (OCR) is needed to quote it: ask for one, or run it "
        "through OCR (ocrmypdf, for example)."),
    "Web page built by JavaScript": (
        with_seed("gazette.html", '<html><body><div id="app"></div>'
                                  '<script>render()</script></body></html>'),
        "seeds/gazette.html: the web page has no text\n"
        "    If the site builds the page with JavaScript, save it again once it has loaded (or "
        "print it to PDF)."),
    "Quote from a running head": (
        both(with_seed("gazette.pdf", gazette_pdf()),
             replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                     "quote: Harbour Town Gazette archive copy")),
        "report/chronology.yaml:6:16: the quote is not in source 'gazette': “Harbour Town "
        "Gazette archive copy” is in a running head or foot of seeds/gazette.pdf (“Harbour "
        "Town Gazette archive copy”), which is not part of its text\n"
        "    A line repeated at the top or bottom of the pages is left out, with the page "
        "numbers: quote the words of the page itself."),
    "Page that does not hold the quote": (
        both(with_seed("gazette.pdf", gazette_pdf()),
             replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                     "quote: {text: Engineers began work on 5 March., page: 3}")),
        "report/chronology.yaml:6:16: the quote is not on p. 3 of source 'gazette', but on "
        "p. 2: “Engineers began work on 5 March.”\n"
        "    Correct 'page' to the page the footnote should cite."),
    "Page given for a text document": (
        replace("report/chronology.yaml", "quote: Engineers began work on 5 March.",
                "quote: {text: Engineers began work on 5 March., page: 4}"),
        "report/chronology.yaml:6:16: the quote gives a page, but source 'gazette' is divided "
        "in paragraphs, not printed pages\n"
        "    Write 'paragraph: …' in place of 'page: …'."),
    "Zawgyi-encoded Burmese": (
        both(append("report/report.yaml", "translations: [my]\n"),
             write("report/translations/my.po", BURMESE_CATALOG)),
        "report/translations/my.po:10: the Burmese text of this line is in the Zawgyi "
        "encoding, not Unicode\n"
        "    Convert it to Unicode (ICU's Zawgyi-my transform, or a converter such as Rabbit, "
        "does it) and check the result: a Unicode font prints Zawgyi text as wrong letters."),
    "Unclosed quote in YAML": (
        replace("report/chronology.yaml", "title: Engineers begin work",
                'title: "Engineers begin work'),
        "report/chronology.yaml:3:12: YAML syntax error: this quoted text is never closed\n"
        '    Add the closing " at the end of the text. As written, the text runs on to the end '
        "of the file and takes in the lines between as part of it."),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A small project built once: every case breaks a copy of it."""
    root = tmp_path_factory.mktemp("good") / "project"
    write_files(root, MINIMAL)
    build.build(root, Progress(build.BUILD_STEPS, None))
    return root


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_gets_its_message_and_the_last_pdf_survives(name, built, tmp_path, capsys):
    breaks, message = CASES[name]
    root = tmp_path / "project"
    shutil.copytree(built, root)
    pdf = root / "build/briefing.pdf"
    before = pdf.read_bytes()
    breaks(root)
    status = cli.main(["build", "-q", str(root)])
    assert (status, capsys.readouterr().err) == (
        1, f"reportgen: 1 problem found (no output was changed):\n{message}\n")
    assert pdf.read_bytes() == before
    assert len(PdfReader(pdf).pages) > 3
    # Only outputs count: the text kept of a PDF source (build/.cache) is not one.
    assert sorted(path.name for path in pdf.parent.iterdir() if path.name != ".cache") == [
        ".lock", "briefing.html", "briefing.pdf"]


def readme_table() -> dict[str, str]:
    """The README's bad-input table: bad input -> the first line of its message."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Bad input and what it gets", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|`]+?) \| [^|]+ \| `(.+)` \|$", section, re.M)
    return dict(rows)


def test_the_readme_table_lists_exactly_these_cases_with_their_messages():
    table = readme_table()
    assert list(table) == list(CASES)
    for name, first_line in table.items():
        assert CASES[name][1].splitlines()[0] == first_line, name
