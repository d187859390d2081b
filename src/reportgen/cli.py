"""Command line: parses arguments, runs the command, turns errors into exit statuses.

What each command does is in commands.py; errors carry their own exit status (1 for
problems in the content, 2 for wrong usage).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import NoReturn

from . import __version__
from .commands import COMMANDS
from .errors import ReportgenError, report
from .progress import Progress


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="Compile a policy briefing from seeds/ and report/ into a PDF.",
        epilog="Exit status: 0 success, 1 errors in the content, 2 wrong usage.")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _init_parser(commands)
    for name, summary in (
            ("build", "build build/briefing.pdf and build/briefing.html"),
            ("check", "check all a build can fail on (content, quotes, translations, theme, "
                      "fonts) without laying out a page"),
            ("watch", "build, then rebuild whenever a file in report/, seeds/ or templates/ "
                      "changes")):
        _project_command(commands, name, summary)
    _add_build_options(commands.choices["build"])
    commands.choices["check"].add_argument(
        "--strict", action="store_true",
        help="treat fuzzy and missing translations as errors (exit status 1)")
    commands.choices["check"].add_argument(
        "--coverage", action="store_true",
        help="also list, per source, the paragraphs the briefing cites and those it leaves out")
    _sources_parsers(commands)
    fonts = _project_command(commands, "fonts", "list the fonts each language of the briefing "
                                                "is set in, and what is missing")
    fonts.add_argument("--packages", action="store_true",
                       help="print only the Debian packages the languages need (for make pdf)")
    _translations_parser(commands)
    _project_command(commands, "release", "record the content as the edition report.yaml "
                                          "names, for 'Changes since edition N'")
    distribute = _project_command(
        commands, "distribute", "write one copy per recipient, their name stamped on every "
                                "page, to build/distribution/ with a manifest")
    distribute.add_argument("--recipients", type=Path, metavar="FILE",
                            help="the recipients (default: report/recipients.yaml in the "
                                 "project)")
    distribute.add_argument("--encrypt", action="store_true",
                            help="encrypt each copy (AES-256) with its recipient's password "
                                 "from report/recipient-passwords.yaml, made when missing")
    return parser


def _project_command(commands: argparse._SubParsersAction, name: str, summary: str
                     ) -> argparse.ArgumentParser:
    command = commands.add_parser(name, help=summary, description=summary[0].upper() +
                                  summary[1:] + ".")
    command.add_argument("project", nargs="?", default=".", type=Path, metavar="PROJECT_DIR",
                         help="the folder holding report/, seeds/ and templates/ "
                              "(default: the current folder)")
    command.add_argument("-q", "--quiet", action="store_true",
                         help="print errors only, no progress lines")
    return command


def _init_parser(commands: argparse._SubParsersAction) -> None:
    summary = "start a new project that builds as it is, its files showing every field"
    init = commands.add_parser("init", help=summary, description=summary[0].upper() +
                               summary[1:] + ".")
    init.add_argument("project", type=Path, metavar="PROJECT_DIR",
                      help="the new project's folder (new, or empty)")
    init.add_argument("--language", default="en", metavar="LANG",
                      help="the briefing's language, a BCP 47 code (default: en)")
    init.add_argument("--inserts", default="", metavar="LANG,LANG",
                      help="languages of the translated inserts, separated by commas")
    init.add_argument("-q", "--quiet", action="store_true",
                      help="print errors only, no progress lines")


def _sources_parsers(commands: argparse._SubParsersAction) -> None:
    for name, argument, summary, help_text in (
            ("add-source", "FILE", "copy a document (.pdf, .html, .htm, .txt) into seeds/ and "
                                   "describe it in report/sources.yaml from its own metadata",
             "the document to add, inside the project's seeds/ or anywhere else"),
            ("import-sources", "LIBRARY", "describe the documents of seeds/ in "
                                          "report/sources.yaml from a Zotero or Better BibTeX "
                                          "CSL-JSON export",
             "the CSL-JSON file exported from the reference manager")):
        command = commands.add_parser(name, help=summary, description=summary[0].upper() +
                                      summary[1:] + ".")
        command.add_argument("file", type=Path, metavar=argument, help=help_text)
        command.add_argument("project", nargs="?", default=".", type=Path,
                             metavar="PROJECT_DIR", help="the folder holding report/ and seeds/ "
                                                         "(default: the current folder)")
        command.add_argument("-q", "--quiet", action="store_true",
                             help="print errors only, no progress lines")


def _translations_parser(commands: argparse._SubParsersAction) -> None:
    summary = "keep the PO catalogs of the translated inserts in step with the briefing's text"
    translations = commands.add_parser("translations", help=summary,
                                       description=summary[0].upper() + summary[1:] + ".")
    actions = translations.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (
            ("update", "merge the changed text into every catalog, marking changed entries fuzzy"),
            ("status", "list per language how many entries are translated, fuzzy and missing")):
        _project_command(actions, name, text)


def _add_build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--allow-network", action="store_true",
                         help="let templates and content fetch http(s) resources (by default "
                              "rendering reads only files inside the project)")
    command.add_argument("--pdf-a", action="store_true",
                         help="write an archival PDF/A-3b with the seed documents, report/ "
                              "YAML and PO catalogs embedded")


def run() -> NoReturn:
    """The reportgen command: main(), then the process ends at once.

    Nothing main() leaves behind needs tearing down: the outputs are written and closed,
    and Python freeing what a build loaded, object by object, took 0.05-0.1 s more.
    """
    status = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a reader gone (reportgen … | head): nothing more can be said
        status = status or 1
    os._exit(status)


def main(argv: list[str] | None = None) -> int:
    """Run reportgen; return the exit status."""
    args = _parser().parse_args(argv)
    run, steps = COMMANDS[" ".join(filter(None, (args.command, getattr(args, "action", ""))))]
    progress = Progress(steps, None if args.quiet else sys.stderr)
    started = time.perf_counter()
    try:
        summary = run(args, progress)
    except ReportgenError as error:
        print(report(error), file=sys.stderr)
        return error.exit_status
    except KeyboardInterrupt:
        print("reportgen: interrupted", file=sys.stderr)
        return 130
    except OSError as error:  # the system refused a read or write no stage foresaw
        where = f" {error.filename}" if error.filename else ""
        print(f"reportgen: could not use{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    progress.say(f"{summary} in {time.perf_counter() - started:.1f} s")
    return 0
