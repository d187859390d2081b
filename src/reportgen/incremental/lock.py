"""One build of a project at a time: a lock on build/.lock held for the whole build."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import Position, Problem, RenderError
from ..progress import Progress

LOCK_NAME = ".lock"


@contextmanager
def build_lock(folder: Path, progress: Progress) -> Iterator[None]:
    """Hold the output folder's lock; wait, saying so, while another build holds it.

    The lock is an flock on build/.lock, so the kernel releases it when a build ends
    in any way, even killed; the file itself stays, empty.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / LOCK_NAME).open("a")
    except OSError as error:
        hint = (f"{folder.name} is a file: move it away, so that reportgen can make the "
                "folder." if folder.is_file() else
                f"Check that the {folder.name}/ folder is writable.")
        raise RenderError(Problem(Position(Path(folder.name)),
                                  f"cannot use the output folder: {error.strerror}",
                                  hint)) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            progress.say("Another build of this project is running: waiting for it to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
