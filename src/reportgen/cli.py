"""Command line: parses arguments, runs the pipeline, turns errors into exit statuses."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import __version__, build
from .errors import ContentError, ReportgenError
from .progress import Progress

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="Compile a policy briefing from seeds/ and report/ into a PDF.",
        epilog="Exit status: 0 success, 1 errors in the content, 2 wrong usage.")
    parser.add_argument("--version", action="version", version=f"reportgen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, summary in (
            ("build", "build build/briefing.pdf and build/briefing.html"),
            ("check", "check content, citations and translations without rendering"),
            ("watch", "build, then rebuild whenever a file in report/, seeds/ or templates/ "
                      "changes"),
            ("release", "record the content as the edition report.yaml names, for "
                        "'Changes since edition N'")):
        _project_command(commands, name, summary)
    _add_build_options(commands.choices["build"])
    commands.choices["check"].add_argument(
        "--strict", action="store_true",
        help="treat fuzzy and missing translations as errors (exit status 1)")
    distribute = _project_command(
        commands, "distribute", "write one copy per recipient, their name stamped on every "
                                "page, to build/distribution/ with a manifest")
    distribute.add_argument("--recipients", type=Path, metavar="FILE",
                            help="the recipients (default: report/recipients.yaml in the "
                                 "project)")
    distribute.add_argument("--encrypt", action="store_true",
                            help="encrypt each copy (AES-256) with its recipient's password "
                                 "from report/recipient-passwords.yaml, made when missing")
    _translations_parser(commands)
    commands.choices["check"].add_argument(
        "--coverage", action="store_true",
        help="also list, per source, the paragraphs the briefing cites and those it leaves out")
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


def _translations_parser(commands: argparse._SubParsersAction) -> None:
    summary = "keep the PO catalogs of the translated inserts in step with the English"
    translations = commands.add_parser("translations", help=summary,
                                       description=summary[0].upper() + summary[1:] + ".")
    actions = translations.add_subparsers(dest="action", required=True, metavar="ACTION")
    for name, text in (
            ("update", "merge changed English into every catalog, marking changed entries fuzzy"),
            ("status", "list per language how many entries are translated, fuzzy and missing")):
        _project_command(actions, name, text)


def _add_build_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--allow-network", action="store_true",
                         help="let templates and content fetch http(s) resources (by default "
                              "rendering reads only files inside the project)")
    command.add_argument("--pdf-a", action="store_true",
                         help="write an archival PDF/A-3b with the seed documents, report/ "
                              "YAML and PO catalogs embedded")


# Commands import what they need when they run: an up-to-date build must start fast.


def _build(args: argparse.Namespace, progress: Progress) -> str:
    options = build.BuildOptions(allow_network=args.allow_network, archival=args.pdf_a)
    built = build.build_if_changed(args.project, progress, options)
    if built.up_to_date:
        return (f"Up to date: {built.pdf} ({built.pages} pages), nothing changed since the last "
                "build")
    return f"Wrote {built.pdf} ({built.pages} pages) and {built.html.name}"


def _check(args: argparse.Namespace, progress: Progress) -> str:
    from . import translations
    from .coverage import format_coverage, measure_coverage

    checked = build.check(args.project, progress)
    project = checked.project
    stale = translations.stale_translations(project)
    if stale and args.strict:
        raise ContentError(stale)
    for problem in stale:
        progress.say(f"warning: {problem}")
    if args.coverage:
        print(format_coverage(measure_coverage(project, checked.citations)))
    verified = f"{len(project.citations())} citations of {len(project.sources)} sources verified"
    if stale:
        return f"{verified}; {len(stale)} translation warnings (--strict makes them errors)"
    return f"All good: {verified}"


def _translations_update(args: argparse.Namespace, progress: Progress) -> str:
    from . import translations

    updates = translations.update(args.project, progress)
    for update in updates:
        progress.say(translations.describe_update(update))
    changed = sum(update.written for update in updates)
    return f"Updated {changed} of {len(updates)} catalogs" if changed else (
        f"All {len(updates)} catalogs were already up to date")


def _translations_status(args: argparse.Namespace, progress: Progress) -> str:
    from . import translations

    statuses = translations.status(args.project, progress)
    print(translations.status_table(statuses))
    fuzzy, missing = (sum(getattr(s, name) for s in statuses) for name in ("fuzzy", "missing"))
    return f"{len(statuses)} catalogs: {fuzzy} fuzzy and {missing} missing entries"


def _watch(args: argparse.Namespace, progress: Progress) -> str:
    from .watch import Watcher

    builds = Watcher(args.project, progress.stream, _report).run()
    return f"Stopped watching after {builds} {'build' if builds == 1 else 'builds'}"


def _release(args: argparse.Namespace, progress: Progress) -> str:
    from . import editions

    checked = build.check(args.project, progress)
    edition = checked.project.report.edition
    path = editions.release(checked.project)
    progress.say(f"report/report.yaml now prepares edition {edition + 1}: set its date, and "
                 f"commit it with {path}.")
    return f"Released edition {edition} as {path}"


def _distribute(args: argparse.Namespace, progress: Progress) -> str:
    from .distribution import distribute

    done = distribute(args.project, progress.stream, args.recipients, args.encrypt)
    if done.passwords:
        progress.say(f"Passwords are in {done.passwords}: send each by another channel than "
                     "the copy, and never commit the file.")
    return (f"Wrote {len(done.copies)} copies and their manifest (CSV, JSON) to "
            f"{args.project / done.folder}")


COMMANDS: dict[str, tuple[Callable[[argparse.Namespace, Progress], str], int]] = {
    "build": (_build, build.BUILD_STEPS),
    "check": (_check, build.CHECK_STEPS),
    "watch": (_watch, build.BUILD_STEPS),
    "release": (_release, build.CHECK_STEPS),
    "distribute": (_distribute, 0),
    "translations update": (_translations_update, 1),
    "translations status": (_translations_status, 1),
}


def main(argv: list[str] | None = None) -> int:
    """Run reportgen; return the exit status."""
    args = _parser().parse_args(argv)
    run, steps = COMMANDS[" ".join(filter(None, (args.command, getattr(args, "action", ""))))]
    progress = Progress(steps, None if args.quiet else sys.stderr)
    started = time.perf_counter()
    try:
        summary = run(args, progress)
    except ReportgenError as error:
        _report(error)
        return error.exit_status
    except KeyboardInterrupt:
        print("reportgen: interrupted", file=sys.stderr)
        return 130
    progress.say(f"{summary} in {time.perf_counter() - started:.1f} s")
    return EXIT_OK


def _report(error: ReportgenError) -> None:
    count = len(error.problems)
    if count:
        noun = "problem" if count == 1 else "problems"
        print(f"reportgen: {count} {noun} found (no output was changed):", file=sys.stderr)
    print(f"{error}" if count else f"reportgen: {error}", file=sys.stderr)
