"""Writing output files in one step, so that a reader never sees half of one.

A single file is written beside its final name and renamed into place. Files that belong
together (the PDF, the HTML it was rendered from, the build record) are all written
first, then renamed in one after the other with a journal beside them: a build killed
between two renames leaves the journal, and the next one finishes the renames before
anything else, so the files are replaced together or not at all.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

JOURNAL = ".replacing.json"
TEMPORARY = ".*.tmp"


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Replace path with data in one step: readers see the old file or the new, never half."""
    temporary = _write_aside(path, data, mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class Replacement:
    """Files of one folder to replace together: staged aside, then committed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.staged: list[tuple[Path, Path]] = []

    def stage(self, path: Path, data: bytes) -> None:
        """Write the new content of path beside it, not yet in place."""
        self.staged.append((_write_aside(path, data), path))

    def commit(self) -> None:
        """Put every staged file in place, the journal seeing the renames through."""
        journal = self.folder / JOURNAL
        write_atomically(journal, json.dumps(
            [[temporary.name, path.name] for temporary, path in self.staged]).encode())
        finish_replacement(self.folder)

    def abandon(self) -> None:
        """Remove the staged files: nothing is replaced."""
        for temporary, _ in self.staged:
            temporary.unlink(missing_ok=True)
        self.staged = []


def finish_replacement(folder: Path) -> None:
    """Complete a replacement a killed build left half done, then clear left-over files.

    Call with the folder's build lock held: another build's staged files are in use.
    """
    journal = folder / JOURNAL
    try:
        renames = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        renames = []
    for temporary, name in renames:
        if (folder / temporary).is_file():
            os.replace(folder / temporary, folder / name)
    journal.unlink(missing_ok=True)
    for left_over in folder.glob(TEMPORARY):
        left_over.unlink(missing_ok=True)


def _write_aside(path: Path, data: bytes, mode: int | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temporary = Path(name)
    try:
        os.chmod(temporary, _mode_for(path) if mode is None else mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def _mode_for(path: Path) -> int:
    """An existing file's permissions, else those the umask gives a new file.

    mkstemp creates files readable by their owner only; a rewritten catalog or a new
    briefing should have the permissions any other file written there would get.
    """
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        return 0o666 & ~umask()


def umask() -> int:
    """The process's umask (reading it means setting it, so it is set back at once)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
