"""`reportgen init`: a new project that builds as it is, its files showing every field.

The project has report.yaml (the briefing's identity, its language and insert languages,
its sections), an empty sources.yaml, a content file per kind of section with a
commented example of every field, a PO catalog per insert language, and an empty seeds/
folder with a note. It has no templates: the built-in theme sets it. It lists only the
sections that need no content yet (the contents and the translated inserts); each other
is listed, commented, in report.yaml, to be uncommented once written.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError

from .atomic import write_atomically
from .content.folders import REPORT, REPORT_FILE, SEEDS_NOTE, SOURCES_FILE
from .content.load import parts
from .content.messages import Messages
from .errors import UsageError
from .progress import Progress
from .publish import translations
from .sections.registry import LISTED

EMPTY_SECTIONS = ("contents", "translations")
SEEDS_TEXT = """\
Put here the documents the briefing quotes, one file each, as they were received: a
report as a PDF, an article as a web page saved from the browser (.html), or any text as
UTF-8 text (.txt). 'reportgen add-source FILE' copies one here and lists it in
report/sources.yaml with what the document itself says of its title, author and date.
Every quote in the briefing must stand word for word in the document it cites: the
build checks it.
"""
SOURCES = """\
# Each document in seeds/, with what it states about itself (CSL field names). Anything
# the document does not state goes under 'inferred', with the reasoning; it is printed
# in square brackets. Never add a URL, author or date the document does not give.
sources: []
#  - id: first-source                 # a short id that citations use
#    file: first-source.txt           # its file in seeds/
#    type: report                     # CSL type: report, article-newspaper, webpage…
#    title: The title as the document gives it
#    author: [The Organisation]       # or {given: Ana, family: Pérez}
#    container-title: the website, journal or series it appeared in
#    collection-title: a series name
#    number: "12"                     # its number in the series
#    publisher: Who published it
#    issued: 2024-05                  # as precise as the document is
#    URL: https://example.org/report  # only if the document states it
#    genre: report
#    language: en
#    note: anything an editor should know about the document
#    inferred:
#      issued: why the date is inferred, from the text
"""


def init_project(root: Path, language: str, inserts: list[str], progress: Progress) -> None:
    """Write a new project in root, an empty or new folder."""
    _check_languages([language, *inserts])
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file: give a new folder for the project.")
    if root.exists() and any(root.iterdir()):
        raise UsageError(f"{root} is not empty: give a new folder for the project, so that "
                         "nothing there is overwritten.")
    messages = Messages(language)
    files = {REPORT_FILE: _report(messages, language, inserts), SOURCES_FILE: SOURCES,
             SEEDS_NOTE: SEEDS_TEXT, Path(".gitignore"): "/build/\n",
             **_section_files(messages)}
    for relative, text in files.items():
        write_atomically(root / relative, text.encode("utf-8"))
    if inserts:
        translations.update(root, progress)


def _report(messages: Messages, language: str, inserts: list[str]) -> str:
    listed = [f"  - {kind}" if kind in EMPTY_SECTIONS else _entry(kind) for kind in LISTED]
    title = messages.gettext("Untitled briefing")
    publisher = messages.gettext("Your organisation")
    return "\n".join([
        "# The briefing's identity: printed on the cover and written into the PDF's metadata.",
        "# Every field is described in reportgen's README, under \"Fields of the content files\".",
        f"title: {_quoted(title)}",
        "subtitle: \"\"",
        "edition: 1",
        _commented(f"date: {datetime.date.today().isoformat()}", "the edition's date"),
        f"publisher: {_quoted(publisher)}",
        "authors: []",
        _commented(f"language: {language}", "the briefing's language (BCP 47)"),
        _commented("distribution: \"\"", "who may receive it, printed on the cover"),
        _commented("subject: \"\"", "one sentence for the PDF's subject field"),
        "keywords: []",
        _commented(f"translations: [{', '.join(inserts)}]", "languages of the translated inserts"),
        _commented("method: []", "paragraphs on how the briefing was made"),
        "# The sections, in order. Uncomment each once its file has content: a section",
        "# listed without content is an error. The cover, the bibliography and the notes on",
        "# method are placed for you.",
        "sections:", *listed, ""])


def _commented(line: str, comment: str) -> str:
    return f"{line:<31} # {comment}"


def _entry(kind: str) -> str:
    unit = LISTED[kind]
    file = _file(unit)
    if file.path is None and not file.default_name:
        file_line = _commented("  #   file: background.yaml", "any number, each its own file")
        return f"  # - kind: {kind}\n{file_line}"
    return _commented(f"  # - {kind}", str(file.path or REPORT / file.default_name))


def _section_files(messages: Messages) -> dict[Path, str]:
    files: dict[Path, list[str]] = {}
    for unit in LISTED.values():
        if example := unit.example_for(messages):
            file = _file(unit)
            path = file.path or REPORT / (file.default_name or "background.yaml")
            files.setdefault(path, []).append(example)
    return {path: "\n".join(examples) for path, examples in files.items()}


def _file(unit: type):  # noqa: ANN202 - a ContentFile
    return parts(unit)[0].metadata["file"]


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _check_languages(languages: list[str]) -> None:
    for language in languages:
        try:
            Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            raise UsageError(f"'{language}' is not a language code reportgen knows: give a "
                             "BCP 47 code such as en, fr, ar or zh-TW.") from None
