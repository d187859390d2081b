"""The forked copy a cold build renders in: what crosses over, errors, stopping it."""

from __future__ import annotations

import gc
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from reportgen.errors import ContentError, Position, Problem, RenderError, report
from reportgen.forked import Forked


def run(forked: Forked, *arguments: object) -> object:
    forked.start(*arguments)
    return forked.result()


def test_the_copy_prepares_then_runs_the_job_on_what_it_is_sent(tmp_path):
    marks = tmp_path / "marks"

    def prepare() -> None:
        marks.write_text(f"prepared in {os.getpid()}\n")

    def job(text: str, count: int) -> tuple[str, int, int]:
        return text * count, len(marks.read_text().splitlines()), os.getpid()

    forked = Forked(prepare, job)
    text, lines, pid = run(forked, "ab", 3)
    assert (text, lines) == ("ab" * 3, 1)
    assert pid != os.getpid() and marks.read_text() == f"prepared in {pid}\n"
    assert forked.pid is None  # reaped


def test_this_process_goes_on_while_the_copy_does_the_job(tmp_path):
    go = tmp_path / "go"

    def job() -> str:
        for _ in range(500):
            if go.exists():
                return "went on"
            time.sleep(0.01)
        return "waited for the job"

    forked = Forked(lambda: None, job)
    forked.start()
    go.touch()  # only once start() returned
    assert forked.result() == "went on"


def test_the_copy_prepares_without_collecting_garbage_then_collects(tmp_path):
    collecting = tmp_path / "collecting"

    def prepare() -> None:
        collecting.write_text(str(gc.isenabled()))

    assert run(Forked(prepare, gc.isenabled)) is True
    assert collecting.read_text() == "False" and gc.isenabled()


def test_an_error_of_the_job_is_raised_here_with_its_problems():
    problem = Problem(Position(Path("report/chronology.yaml"), 12), "a date without a year",
                      "Write it as 2021-02-01.")

    def job() -> None:
        raise ContentError([problem])

    with pytest.raises(ContentError) as raised:
        run(Forked(lambda: None, job))
    assert raised.value.problems == [problem]
    assert report(raised.value) == (
        "reportgen: 1 problem found (no output was changed):\n" + str(problem))


def test_an_unforeseen_error_says_where_it_happened():
    def job() -> None:
        {}["missing"]

    with pytest.raises(KeyError) as raised:
        run(Forked(lambda: None, job))
    assert "In the build's renderer process:" in raised.value.__notes__[0]
    assert 'in job\n    {}["missing"]' in raised.value.__notes__[0]


def test_an_interrupt_of_the_job_is_an_interrupt_here():
    def job() -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(Forked(lambda: None, job))


def test_an_error_preparing_is_the_outcome():
    def prepare() -> None:
        raise OSError("cannot load library 'libpango-1.0-0'")

    with pytest.raises(OSError, match="libpango"):
        run(Forked(prepare, lambda: "never"))


def test_a_copy_killed_before_it_answers_is_said_to_have_stopped():
    def job() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(RenderError) as raised:
        run(Forked(lambda: None, job))
    assert str(raised.value) == (
        "the renderer stopped before it finished (killed by signal 9, SIGKILL: out of "
        "memory?): the previous outputs are as they were")


def test_with_another_thread_running_the_job_runs_here():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        forked = Forked(lambda: None, os.getpid)
        assert forked.pid is None and run(forked) == os.getpid()
    finally:
        stop.set()
        thread.join()


def test_cancel_stops_the_copy_and_reaps_it():
    forked = Forked(lambda: signal.pause(), lambda: "never")
    pid = forked.pid
    forked.cancel()
    assert forked.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)
