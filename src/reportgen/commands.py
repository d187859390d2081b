"""What each command does, in the words it reports: one function per command line verb.

Each takes the parsed arguments and a Progress, runs the pipeline or a publishing step,
and returns the summary line; the command line (cli.py) prints it and turns errors into
exit statuses.
"""

from __future__ import annotations

import argparse

from . import build
from .content.folders import CATALOGS
from .progress import Progress


def build_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen build."""
    options = build.BuildOptions(allow_network=args.allow_network, archival=args.pdf_a)
    built = build.build_if_changed(args.project, progress, options, overlap=True)
    if built.up_to_date:
        return (f"Up to date: {built.pdf} ({built.pages} pages), nothing changed since the last "
                "build")
    return f"Wrote {built.pdf} ({built.pages} pages) and {built.html.name}"


def check_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen check [--strict] [--coverage]."""
    checked = build.check(args.project, progress, strict=args.strict)
    for problem in checked.warnings:
        progress.say(f"warning: {problem}")
    project = checked.project
    if args.coverage:
        from .verify.coverage import format_coverage, measure_coverage

        print(format_coverage(measure_coverage(project, checked.citations)))
    verified = f"{len(project.citations())} citations of {len(project.sources)} sources verified"
    if checked.warnings:
        count = len(checked.warnings)
        strict = any(CATALOGS in problem.position.file.parents for problem in checked.warnings)
        return (f"{verified}; {count} {'warning' if count == 1 else 'warnings'}, listed above"
                + (" (--strict makes those of the translations errors)" if strict else ""))
    return f"All good: {verified}"


def translations_update(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen translations update."""
    from .publish import translations

    updates = translations.update(args.project, progress)
    for update in updates:
        progress.say(translations.describe_update(update))
    changed = sum(update.written for update in updates)
    return f"Updated {changed} of {len(updates)} catalogs" if changed else (
        f"All {len(updates)} catalogs were already up to date")


def translations_status(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen translations status."""
    from .publish import translations

    statuses = translations.status(args.project, progress)
    print(translations.status_table(statuses))
    fuzzy, missing = (sum(getattr(s, name) for s in statuses) for name in ("fuzzy", "missing"))
    return f"{len(statuses)} catalogs: {fuzzy} fuzzy and {missing} missing entries"


def watch_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen watch."""
    from .watch import Watcher

    builds = Watcher(args.project, progress.stream).run()
    return f"Stopped watching after {builds} {'build' if builds == 1 else 'builds'}"


def release_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen release."""
    from .publish import editions

    checked = build.check(args.project, progress)
    edition = checked.project.report.edition
    path = editions.release(checked.project)
    progress.say(f"report/report.yaml now prepares edition {edition + 1}: set its date, and "
                 f"commit it with {path}.")
    return f"Released edition {edition} as {path}"


def distribute_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen distribute."""
    from .publish.distribution import distribute

    done = distribute(args.project, progress.stream, args.recipients, args.encrypt)
    if done.passwords:
        progress.say(f"Passwords are in {done.passwords}: send each by another channel than "
                     "the copy, and never commit the file.")
    return (f"Wrote {len(done.copies)} copies and their manifest (CSV, JSON) to "
            f"{args.project / done.folder}")


def init_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen init."""
    from .starter import init_project

    inserts = [code.strip() for code in args.inserts.split(",") if code.strip()]
    init_project(args.project, args.language, inserts, progress)
    progress.say(f"Next: put the documents you quote in {args.project / 'seeds'}, describe "
                 "them in report/sources.yaml, write each section's file in report/ and list "
                 f"it under 'sections' in report/report.yaml. 'reportgen build {args.project}' "
                 "builds the briefing as it stands.")
    return f"Wrote a new project in {args.project}"


def fonts_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen fonts [--packages]."""
    from .content.load import read_report
    from .content.theme import load_theme
    from .render.fontchoice import language_fonts

    report = read_report(args.project)
    rows = language_fonts(load_theme(args.project), [report.language, *report.translations])
    if args.packages:
        print(" ".join(dict.fromkeys(row.package for row in rows)))
        return f"{len(rows)} languages"
    for row in rows:
        state = f"missing: {', '.join(row.missing)}" if row.missing else "installed"
        print(f"{row.language:<8} text: {', '.join(row.families)}; headings: "
              f"{', '.join(row.headings)} ({state}; Debian package {row.package})")
    missing = sum(bool(row.missing) for row in rows)
    return f"{len(rows)} languages, {missing} with fonts missing" if missing else (
        f"{len(rows)} languages, all their fonts installed")


def add_source_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen add-source FILE."""
    from .publish.addsource import STEPS, add_source, describe

    *lines, summary = describe(add_source(args.project, args.file,
                                          Progress(STEPS, progress.stream)))
    for line in lines:
        progress.say(line)
    return summary


def import_sources_command(args: argparse.Namespace, progress: Progress) -> str:
    """reportgen import-sources LIBRARY."""
    from .publish.importsources import STEPS, describe, import_sources

    imported = import_sources(args.project, args.file, Progress(STEPS, progress.stream))
    for line in describe(imported):
        progress.say(line)
    return (f"Added {len(imported.added)} of {imported.items} items to report/sources.yaml"
            if imported.added else f"Added none of the {imported.items} items")


# Each command with the progress steps it numbers itself (others number their own).
COMMANDS = {
    "build": (build_command, build.BUILD_STEPS),
    "check": (check_command, build.CHECK_STEPS),
    "watch": (watch_command, build.BUILD_STEPS),
    "release": (release_command, build.CHECK_STEPS),
    "distribute": (distribute_command, ()),
    "translations update": (translations_update, (build.LOAD,)),
    "translations status": (translations_status, (build.LOAD,)),
    "init": (init_command, (build.LOAD,)),
    "fonts": (fonts_command, ()),
    "add-source": (add_source_command, ()),
    "import-sources": (import_sources_command, ()),
}
