"""Distribution: a stamped copy of the briefing per recipient, and a manifest of them all.

The briefing is built (or found up to date) once, plus once per insert language that
some recipient prefers first; every copy is then stamped from those, never rendered
again. build/distribution/ is replaced as a whole, so it never mixes two distributions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import tempfile
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import TextIO

from ..atomic import umask
from ..build import BRIEFING, BUILD_STEPS, Variant, build_if_changed, load
from ..content.folders import OUTPUT, PASSWORDS_FILE, RECIPIENTS_FILE
from ..content.model import Project
from ..content.theme import load_theme
from ..progress import Bar, Progress
from .recipients import Recipient, copy_file_names, passwords_for, read_recipients

DISTRIBUTION = OUTPUT / "distribution"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MANIFEST = "manifest"
READ, RENDER, STAMP, MANIFEST_STEP = ("Reading the recipients", "Rendering {} stamps",
                                      "Stamping {} copies", "Writing the manifest")


@dataclass
class Copy:
    """A line of the manifest: one recipient's copy."""

    copy: int
    file: str
    recipient: str
    organisation: str
    language: str
    email: str
    encrypted: bool
    sha256: str
    pages: int


@dataclass
class Distribution:
    """What `distribute` wrote."""

    folder: Path
    copies: list[Copy]
    passwords: Path | None


def distribute(root: Path, stream: TextIO | None, recipients_file: Path | None = None,
               encrypt: bool = False) -> Distribution:
    """Build if needed, then write one stamped copy per recipient and the manifest."""
    built = build_if_changed(root, Progress(BUILD_STEPS, stream))
    progress = Progress((READ, RENDER, STAMP, MANIFEST_STEP), stream)
    with progress.step(READ):
        project = built.project or load(root)
        report = project.report
        recipients = read_recipients(root, recipients_file or root / RECIPIENTS_FILE,
                                     [report.language, *report.translations])
        passwords = (passwords_for(root, root / PASSWORDS_FILE, recipients) if encrypt
                     else [""] * len(recipients))
    briefings = {"": built.pdf.read_bytes(),
                 **_variants(root, project, recipients, progress)}
    from ..render.libraries import import_weasyprint

    import_weasyprint()
    from .stamp import Stamper, page_size, render_stamps

    with progress.step(RENDER, len(recipients)):
        language = project.report.language
        stamps = render_stamps(_stamp_lines(project, recipients), _families(root, language),
                               page_size(briefings[""]), root, language)
    staging = Path(tempfile.mkdtemp(prefix=".distribution-", dir=root / OUTPUT))
    staging.chmod(0o777 & ~umask())  # mkdtemp makes it private; it replaces a plain folder
    try:
        with progress.step(STAMP, len(recipients)):
            stampers = {language: Stamper(data, stamps) for language, data in briefings.items()}
            copies = _stamp_all(recipients, passwords, stampers, staging, stream)
        with progress.step(MANIFEST_STEP):
            _write_manifest(staging, project, copies)
        _replace(root / DISTRIBUTION, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return Distribution(DISTRIBUTION, copies, PASSWORDS_FILE if encrypt else None)


def insert_first(language: str) -> Variant:
    """The briefing with the insert in `language` before the others."""
    return Variant(f"{BRIEFING.name}-{language}-first", partial(_insert_first, language))


def _insert_first(language: str, project: Project) -> Project:
    ordered = sorted(project.catalogs, key=lambda catalog: catalog.language != language)
    return replace(project, catalogs=ordered)


def _variants(root: Path, project: Project, recipients: list[Recipient],
              progress: Progress) -> dict[str, bytes]:
    """For each insert language some recipient prefers first (and is not), that variant."""
    first = project.report.translations[:1]
    wanted = dict.fromkeys(r.language for r in recipients
                           if r.language in project.report.translations and
                           r.language not in first)
    variants = {}
    for language in wanted:
        progress.say(f"The briefing with the {language} insert first, for the recipients who "
                     "prefer it:")
        built = build_if_changed(root, Progress(BUILD_STEPS, progress.stream),
                                 variant=insert_first(language))
        variants[language] = built.pdf.read_bytes()
    return variants


def _stamp_lines(project: Project, recipients: list[Recipient]) -> list[str]:
    report = project.report
    messages = project.messages
    return [messages.gettext(
        "Prepared for %(name)s, %(organisation)s · copy %(number)s of %(copies)s · Edition "
        "%(edition)s · %(date)s", name=r.name, organisation=r.organisation, number=number,
        copies=len(recipients), edition=report.edition, date=messages.date(report.date))
        for number, r in enumerate(recipients, 1)]


def _families(root: Path, language: str) -> list[str]:
    """Every family the theme names, the briefing language's first: any script a name uses."""
    theme = load_theme(root)
    default = theme.font_for(language).families
    others = [family for choice in theme.fonts for family in choice.families]
    return list(dict.fromkeys([*default, *others]))


def _stamp_all(recipients: list[Recipient], passwords: list[str], stampers: dict,
               folder: Path, stream: TextIO | None) -> list[Copy]:
    bar = Bar("Copies", len(recipients), stream)
    copies = []
    for index, (recipient, password, name) in enumerate(
            zip(recipients, passwords, copy_file_names(recipients), strict=False)):
        stamper = stampers.get(recipient.language, stampers[""])
        data = stamper.copy(index, password)
        (folder / name).write_bytes(data)
        copies.append(Copy(index + 1, name, recipient.name, recipient.organisation,
                           recipient.language, recipient.email, bool(password),
                           hashlib.sha256(data).hexdigest(), stamper.page_count))
        bar.advance(name)
    return copies


def _write_manifest(folder: Path, project: Project, copies: list[Copy]) -> None:
    rows = [asdict(copy) for copy in copies]
    lines = [{name: _cell(value) for name, value in row.items()} for row in rows]
    report = project.report
    summary = {"title": report.title, "edition": report.edition, "date": report.date.iso(),
               "copies": rows}
    (folder / f"{MANIFEST}.json").write_text(
        json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(lines[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(lines)
    (folder / f"{MANIFEST}.csv").write_text(text.getvalue(), encoding="utf-8")


def _cell(value: object) -> str:
    """A manifest value as a CSV cell that a spreadsheet shows as text, never runs.

    A cell starting with =, +, -, @ or a control character is a formula to Excel and
    LibreOffice: such a name gets a leading apostrophe, which they do not display.
    """
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return f"'{text}" if text[:1] in FORMULA_STARTS else text


def _replace(folder: Path, staging: Path) -> None:
    """Put the new distribution in place of the old one."""
    if folder.exists():
        old = staging.with_name(staging.name + "-old")
        folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old)
    else:
        staging.rename(folder)
