"""Watch mode: rebuild after every burst of saves, in one process that stays warm.

The process imports the renderer once and reuses build_if_changed(), so a rebuild costs
the layout alone; an edit that leaves the content as it was (a save without changes)
costs a hash of the inputs. Errors in the content are printed and the watch goes on:
the last good PDF stays in build/ until a build succeeds again.
"""

from __future__ import annotations

import gc
import signal
import sys
import time
from pathlib import Path
from typing import TextIO

from .build import BUILD_STEPS, build_if_changed
from .content.folders import INPUT_FOLDERS
from .content.load import check_project_folder
from .errors import ReportgenError, report
from .progress import Progress

# A burst of saves is the changes that follow each other less than STEP_MS apart
# (up to DEBOUNCE_MS in all): it gives one rebuild.
STEP_MS = 200
DEBOUNCE_MS = 1600
# Idle time after which the watcher reports in, so that the first quiet moment can
# catch up with anything saved while the first build ran, before the watcher started.
IDLE_MS = 500


class Watcher:
    """Builds a project now and after every burst of changes, until interrupted."""

    def __init__(self, root: Path, stream: TextIO | None) -> None:
        self.root = root
        self.stream = stream
        self.builds = 0
        self.layouts = None  # the parts of the briefing laid out, for the next rebuild

    def run(self) -> int:
        """Watch until Ctrl+C; return how many builds ran."""
        import watchfiles

        from .render.libraries import import_weasyprint

        import_weasyprint()
        from .render import finish, pdf  # noqa: F401 - the renderer, imported once for all builds
        from .render.layout import Layouts

        self.layouts = Layouts()

        check_project_folder(self.root)
        _stop_on_signals()
        watching = False
        try:
            self.rebuild()
            # The project folder, so that a templates/ folder made while watching is seen too.
            for changes in watchfiles.watch(self.root, watch_filter=self.is_input,
                                            step=STEP_MS, debounce=DEBOUNCE_MS,
                                            rust_timeout=IDLE_MS, yield_on_timeout=True):
                if changes:
                    self.rebuild()
                elif not watching:
                    self.rebuild(quiet_when_up_to_date=True)
                    watching = True
                    self.say(f"Watching {', '.join(f'{name}/' for name in INPUT_FOLDERS)} in "
                             f"{self.root} (Ctrl+C to stop)")
        except KeyboardInterrupt:
            pass
        return self.builds

    def rebuild(self, quiet_when_up_to_date: bool = False) -> None:
        """Build if anything changed; print the outcome, or the errors and keep the last PDF."""
        started = time.perf_counter()
        try:
            built = build_if_changed(self.root, Progress(BUILD_STEPS, self.stream),
                                     layouts=self.layouts)
        except ReportgenError as error:
            print(report(error), file=sys.stderr, flush=True)
            self.say("The last good build is kept; fix the file and save it again.")
            gc.collect()
            return
        took = time.perf_counter() - started
        if not built.up_to_date:
            self.builds += 1
            self.say(f"Rebuilt {built.pdf} ({built.pages} pages) in {took:.2f} s")
            # A build leaves its reference cycles uncollected (render/pdf.py's
            # _collecting_less): free them now, while waiting for the next change.
            gc.collect()
        elif not quiet_when_up_to_date:
            self.say(f"Up to date: nothing changed in what the briefing is built from "
                     f"({took:.2f} s)")

    def is_input(self, change: object, path: str) -> bool:
        """True for a file under report/, seeds/ or templates/: what a build reads."""
        parts = Path(path).resolve().relative_to(self.root.resolve()).parts
        return bool(parts) and Path(parts[0]) in INPUT_FOLDERS

    def say(self, line: str) -> None:
        if self.stream is not None:
            print(line, file=self.stream, flush=True)


def _stop_on_signals() -> None:
    """Let Ctrl+C and SIGTERM end the watch cleanly, even when started from a script.

    A shell starts background jobs with SIGINT ignored, and Python then leaves it ignored.
    """
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
