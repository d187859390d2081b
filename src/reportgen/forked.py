"""A copy of this process that gets ready for a job while this one goes on, then does it.

A cold build spends a third of a second importing the renderer and as long loading and
checking the content; neither needs the other until layout. The build forks a copy
that imports the renderer while this process checks, then hands it what it checked.
The copy holds everything this process held when it forked, so only the job's
arguments and its outcome cross over (pickled, through pipes). Where the system
cannot fork, or another thread runs (a lock it holds would stay held in the copy), the
job runs here.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from .errors import RenderError, ReportgenError


class Forked:
    """A forked copy that runs `prepare` at once, then `job` with the arguments sent."""

    def __init__(self, prepare: Callable[[], None], job: Callable[..., Any]) -> None:
        self.job = job
        self.arguments: tuple = ()
        self.pid: int | None = None
        if not hasattr(os, "fork") or threading.active_count() > 1:
            return
        to_copy, from_copy = os.pipe(), os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            os.close(to_copy[1])
            os.close(from_copy[0])
            _serve(prepare, job, to_copy[0], from_copy[1])
        os.close(to_copy[0])
        os.close(from_copy[1])
        self.pid = pid
        self.send, self.receive = os.fdopen(to_copy[1], "wb"), os.fdopen(from_copy[0], "rb")

    def start(self, *arguments: Any) -> None:
        """Hand the copy the job's arguments; result() waits for its outcome. Where there
        is no copy, the job runs in result()."""
        self.arguments = arguments
        if self.pid is None:
            return
        try:
            with self.send:
                pickle.dump(arguments, self.send)
        except BaseException:
            self.cancel()
            raise

    def result(self) -> Any:
        """The job's result for the arguments started with; its error is raised here."""
        if self.pid is None:
            return self.job(*self.arguments)
        try:
            with self.receive:
                outcome = self.receive.read()
        except BaseException:
            self.cancel()
            raise
        status = self._reap()
        if not outcome:
            raise RenderError(f"the renderer stopped before it finished ({_ended(status)}): "
                              "the previous outputs are as they were")
        done, value = pickle.loads(outcome)
        if done:
            return value
        raise value

    def cancel(self) -> None:
        """Stop the copy without a job (an error before it was needed, or an interrupt)."""
        if self.pid is None:
            return
        self.send.close()
        self.receive.close()
        os.kill(self.pid, signal.SIGTERM)
        self._reap()

    def _reap(self) -> int:
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        return status


def _ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        return f"killed by signal {-code}, {signal.Signals(-code).name}: out of memory?"
    return f"exit status {code}"


def _serve(prepare: Callable[[], None], job: Callable[..., Any], receive: int,
           send: int) -> None:
    """In the copy: prepare, wait for the arguments, send the outcome back, exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle.
    try:
        failed = None
        # What preparing imports is never garbage: the collector would only walk it
        # (0.03 s of a cold build). The job collects as this process would have.
        gc.disable()
        try:
            prepare()
        except Exception as error:  # noqa: BLE001 - reported as the job's outcome
            failed = _failure(error)
        gc.enable()
        with os.fdopen(receive, "rb") as pipe:
            arguments = pipe.read()
        if arguments:
            outcome = failed or _outcome(job, pickle.loads(arguments))
            with os.fdopen(send, "wb") as pipe:
                pickle.dump(outcome, pipe)
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def _outcome(job: Callable[..., Any], arguments: tuple) -> tuple[bool, Any]:
    try:
        return True, job(*arguments)
    except BaseException as error:  # noqa: BLE001 - handed to the parent, which raises it
        return _failure(error)


def _failure(error: BaseException) -> tuple[bool, BaseException]:
    """An error to raise in the parent: the same, with where it happened if unforeseen."""
    if not isinstance(error, ReportgenError):
        error.add_note(f"In the build's renderer process:\n{traceback.format_exc()}")
    try:
        pickle.dumps(error)
    except Exception:  # noqa: BLE001 - an error that cannot be pickled is told in words
        return False, RuntimeError(f"{type(error).__name__}: {error}\n"
                                   f"{traceback.format_exc()}")
    return False, error
