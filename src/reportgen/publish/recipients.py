"""Who receives a copy: report/recipients.yaml, their copies' file names and passwords."""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import yaml

from ..atomic import write_atomically
from ..content.folders import RECIPIENTS_FILE
from ..content.model import NOWHERE, spec
from ..content.schema import read_record
from ..content.yamlfile import read_yaml
from ..errors import Collector, Position, UsageError
from ..render.fontadvice import suggested_package
from ..render.fonts import uncovered_characters

PASSWORDS_HEADER = """\
# Passwords of the encrypted copies that 'reportgen distribute --encrypt' writes, one per
# recipient; a recipient without one gets a new random password. Send each password by
# another channel than the copy. Never commit this file or send it to anyone.
"""


@dataclass
class Recipient:
    """A person who receives a stamped copy of the briefing."""

    what: ClassVar[str] = "recipient"

    name: str = spec("the name printed on every page of their copy")
    organisation: str = spec("their organisation, printed after the name")
    language: str = spec("an insert language to put first in their copy", default="")
    email: str = spec("where their copy goes, for the manifest", default="")
    position: Position = NOWHERE


@dataclass
class RecipientsFile:
    """report/recipients.yaml."""

    what: ClassVar[str] = "recipients file"

    recipients: list[Recipient] = spec("one entry per person receiving a copy")
    position: Position = NOWHERE


@dataclass
class RecipientPassword:
    """The password that opens one recipient's encrypted copy."""

    what: ClassVar[str] = "password entry"

    name: str = spec("the recipient's name, as in the recipients file")
    organisation: str = spec("the recipient's organisation, as in the recipients file")
    password: str = spec("the password of their copy")
    position: Position = NOWHERE


@dataclass
class PasswordsFile:
    """report/recipient-passwords.yaml: kept out of version control."""

    what: ClassVar[str] = "passwords file"

    passwords: list[RecipientPassword] = spec("one entry per recipient", default_factory=list)
    position: Position = NOWHERE


def read_recipients(root: Path, path: Path, languages: list[str]) -> list[Recipient]:
    """Read and check the recipients; `languages` are those a copy may put first."""
    if not path.is_file():
        raise UsageError(f"there is no recipients file {path}: list the recipients in "
                         f"{RECIPIENTS_FILE}, or name the file with --recipients.")
    base = root if path.resolve().is_relative_to(root.resolve()) else path.parent
    problems = Collector()
    data = read_yaml(path.resolve(), base.resolve())
    listing = read_record(RecipientsFile, data, Position(path.relative_to(base), 1), problems)
    problems.raise_if_any()
    recipients = listing.recipients
    _check_recipients(recipients, languages, problems)
    problems.raise_if_any()
    return recipients


def _check_recipients(recipients: list[Recipient], languages: list[str],
                      problems: Collector) -> None:
    seen: set[tuple[str, str]] = set()
    for recipient in recipients:
        if (recipient.name, recipient.organisation) in seen:
            problems.add(recipient.position, f"{recipient.name} of {recipient.organisation} is "
                                             "listed twice", "Keep one of the two entries.")
        seen.add((recipient.name, recipient.organisation))
        if recipient.language and recipient.language not in languages:
            problems.add(recipient.position, f"'{recipient.language}' is not a language of "
                                             "this briefing's inserts",
                         f"Use one of: {', '.join(languages)}; or leave 'language' out.")
        if recipient.email and not re.fullmatch(r"[^@\s]+@[^@\s]+", recipient.email):
            problems.add(recipient.position, f"'{recipient.email}' is not an email address",
                         "Write it as name@example.org, or leave 'email' out.")
    _check_glyphs(recipients, problems)


def _check_glyphs(recipients: list[Recipient], problems: Collector) -> None:
    everything = "".join(f"{r.name}{r.organisation}" for r in recipients)
    missing = set(uncovered_characters(everything))
    for recipient in recipients:
        lacking = sorted(missing & set(recipient.name + recipient.organisation))
        if lacking:
            problems.add(recipient.position,
                         f"no installed font can print {' '.join(lacking)} in "
                         f"“{recipient.name}, {recipient.organisation}”",
                         f"Install a font for it: {suggested_package(lacking[0])}.")


def copy_file_names(recipients: list[Recipient]) -> list[str]:
    """'07-ana-perez.pdf': the copy number, then the name in ASCII letters and digits."""
    width = max(2, len(str(len(recipients))))
    return [f"{number:0{width}d}-{_slug(recipient)}.pdf"
            for number, recipient in enumerate(recipients, 1)]


def _slug(recipient: Recipient) -> str:
    # Accents are dropped (é -> e); a name in another script leaves nothing ASCII, and
    # the organisation or the word 'recipient' stands in: the number keeps names unique.
    for text in (recipient.name, recipient.organisation):
        ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
        if slug:
            return slug
    return "recipient"


def passwords_for(root: Path, path: Path, recipients: list[Recipient]) -> list[str]:
    """Each recipient's password from the passwords file; new ones are made and saved."""
    known: dict[tuple[str, str], str] = {}
    if path.is_file():
        problems = Collector()
        data = read_yaml(path, root)
        listing = read_record(PasswordsFile, data or {}, Position(path.relative_to(root), 1),
                              problems)
        problems.raise_if_any()
        known = {(p.name, p.organisation): p.password for p in listing.passwords}
    passwords = [known.get((r.name, r.organisation)) or secrets.token_urlsafe(12)
                 for r in recipients]
    if any((r.name, r.organisation) not in known for r in recipients):
        entries = [{"name": name, "organisation": organisation, "password": password}
                   for (name, organisation), password in known.items()]
        entries += [{"name": r.name, "organisation": r.organisation, "password": password}
                    for r, password in zip(recipients, passwords, strict=False)
                    if (r.name, r.organisation) not in known]
        text = PASSWORDS_HEADER + yaml.safe_dump({"passwords": entries}, allow_unicode=True,
                                                 sort_keys=False)
        write_atomically(path, text.encode("utf-8"), mode=0o600)
    return passwords
