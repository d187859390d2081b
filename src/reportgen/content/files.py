"""Reading the project's files: only inside the project, only regular files, never too big.

A briefing is assembled from material from many hands, so a file name in the content or
a link in a project folder must not make the tool read (print, embed, send) a file from
elsewhere on the machine, nor hang on a named pipe or read a device without end. Every
file the tool reads from a project goes through here.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import ContentError, Position, Problem

MEGABYTE = 1024 * 1024
CONTENT_LIMIT = 5 * MEGABYTE  # a YAML file, a PO catalog, a template or stylesheet
DOCUMENT_LIMIT = 50 * MEGABYTE  # a source document in seeds/
KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
         (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


class Refused(ValueError):
    """A path the tool will not read: what it is ('a named pipe, not a regular file')."""

    def __init__(self, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


def inside(root: Path, relative: Path) -> Path:
    """The path of a project file, links followed, if it is a regular file inside the project.

    Raise Refused for a path leaving the project (absolute, '..', or a link to elsewhere),
    for a file that is not there, and for anything but a regular file.
    """
    if relative.is_absolute() or ".." in relative.parts:
        raise Refused("outside the project folder",
                      "Name files by their path inside the project, such as seeds/report.txt.")
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()):
        raise Refused(f"a link to {path}, outside the project folder",
                      "Copy the file itself into the project instead of linking to it.")
    try:
        mode = os.stat(path).st_mode
    except OSError:
        raise Refused("not there", "Check the file's name.") from None
    if not stat.S_ISREG(mode):
        kind = next((name for test, name in KINDS if test(mode)), "something else")
        raise Refused(f"{kind}, not a regular file",
                      "Replace it with the file itself, or remove it.")
    return path


def is_readable(root: Path, path: Path) -> bool:
    """True for a regular file inside the project, links followed: what scans may open."""
    try:
        inside(root, path.relative_to(root))
    except (Refused, ValueError):
        return False
    return True


def read_bytes(root: Path, relative: Path, limit: int = CONTENT_LIMIT) -> bytes:
    """A project file's bytes; ContentError naming the file if it may not or cannot be read."""
    try:
        path = inside(root, relative)
    except Refused as refused:
        raise ContentError(Problem(Position(relative), f"this file is {refused.reason}",
                                   refused.hint)) from None
    with path.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise ContentError(Problem(
            Position(relative), f"the file is larger than {limit // MEGABYTE} MB, the most "
                                "reportgen reads",
            "Keep in it only what the briefing uses (the README gives the limits)."))
    return data
