"""Timing whole processes: wall time and peak memory of one child, medians of pairs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent


@dataclass
class Run:
    """One process run: wall-clock seconds and peak resident memory in MiB."""

    seconds: float
    peak_mib: float


def run(command: Sequence[str], cwd: Path | None = None) -> Run:
    """Run a command to completion, failing loudly if it fails."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    errors = child.stderr.read().decode() if child.stderr else ""
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{errors}")
    return Run(seconds, usage.ru_maxrss / 1024)


def reportgen(*args: str | Path) -> list[str]:
    return [str(BIN / "reportgen"), *map(str, args)]


def python(*args: str | Path) -> list[str]:
    return [sys.executable, *map(str, args)]


@dataclass
class Pair:
    """Medians of a measured command and its reference, taken alternately in one run."""

    measured: float
    reference: float
    runs: int

    @property
    def ratio(self) -> float:
        return self.measured / self.reference


def paired(measured: Callable[[], float], reference: Callable[[], float], runs: int) -> Pair:
    """Alternate measured and reference runs so machine noise hits both alike."""
    first, second = [], []
    for _ in range(runs):
        first.append(measured())
        second.append(reference())
    return Pair(statistics.median(first), statistics.median(second), runs)
