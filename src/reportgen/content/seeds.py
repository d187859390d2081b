"""The source documents of seeds/: each read inside the project, by its kind, into a Seed.

A text document is read as it stands; a PDF by its printed pages and a saved web page by
its block elements (documents/), their text kept between runs (textcache.py). A source
whose 'sha256' is not its document's any more is reported, since its quotes were
checked against other words.
"""

from __future__ import annotations

import difflib
import hashlib
from pathlib import Path

from ..errors import Collector, ContentError, Problem
from .files import DOCUMENT_LIMIT, read_bytes
from .folders import SEEDS
from .model import Seed, Source
from .textcache import document_text


def read_seeds(root: Path, sources: list[Source], problems: Collector) -> dict[str, Seed]:
    """The text of every source's document, by source id; problems for those unreadable."""
    seeds: dict[str, Seed] = {}
    for source in sources:
        data = _seed_bytes(root, source, problems)
        if data is None:
            continue
        try:
            document = document_text(root, SEEDS / source.file, data)
        except ContentError as error:
            problems.extend(error.problems)
            continue
        seeds[source.id] = Seed(source.file, document.text, document.pages,
                                hashlib.sha256(data).hexdigest(), document.running)
    return seeds


def _seed_bytes(root: Path, source: Source, problems: Collector) -> bytes | None:
    relative = Path(source.file)
    if relative.is_absolute() or ".." in relative.parts:
        problems.add(source.position, f"source '{source.id}' names the file {source.file}, "
                                      f"which is outside the {SEEDS} folder",
                     f"Copy the document into {SEEDS}/ and give its name there.")
        return None
    if not (root / SEEDS / relative).exists() and not (root / SEEDS / relative).is_symlink():
        available = sorted(p.name for p in (root / SEEDS).glob("*") if p.is_file())
        close = difflib.get_close_matches(source.file, available, n=1)
        hint = f"Did you mean '{close[0]}'?" if close else f"Copy the document into {SEEDS}/."
        problems.add(source.position, f"source '{source.id}' names the file "
                                      f"{SEEDS / source.file}, which does not exist", hint)
        return None
    try:
        return read_bytes(root, SEEDS / relative, DOCUMENT_LIMIT)
    except ContentError as error:
        problems.extend(error.problems)
        return None


def changed_documents(sources: list[Source], seeds: dict[str, Seed]) -> list[Problem]:
    """A warning for each source whose document no longer has the SHA-256 recorded for it."""
    return [Problem(source.position,
                    f"the document of source '{source.id}', {SEEDS / source.file}, has changed "
                    "since it was added: quotes may no longer verify",
                    f"Check the quotes from it, then run 'reportgen add-source "
                    f"{SEEDS / source.file}' to record its new hash.")
            for source in sources
            if source.sha256 and source.id in seeds
            and seeds[source.id].sha256 != source.sha256.lower()]
