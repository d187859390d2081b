"""Progress lines on stderr: one per pipeline step, with its duration."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Numbered steps, printed as '[2/6] Verifying 120 citations … 0.05 s' when each ends.

    The steps are declared up front, in order; a step is numbered by its place in that
    list, so the count printed can never drift from the steps the command runs.
    """

    def __init__(self, steps: Sequence[str], stream: TextIO | None = sys.stderr) -> None:
        self.steps = tuple(steps)
        self.stream = stream

    @contextmanager
    def step(self, label: str, *values: object) -> Iterator[None]:
        """Time one declared step; `values` fill the label's {} placeholders."""
        number = self.steps.index(label) + 1
        started = time.perf_counter()
        yield
        took = time.perf_counter() - started
        self.say(f"[{number}/{len(self.steps)}] {label.format(*values)} … {took:.2f} s")

    def say(self, line: str) -> None:
        if self.stream is not None:
            print(line, file=self.stream, flush=True)


class Bar:
    """Progress through many items: a bar redrawn in place on a terminal, else a line each."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream: TextIO | None = sys.stderr) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.stream = stream
        self.terminal = stream is not None and stream.isatty()

    def advance(self, item: str) -> None:
        """Count one more item done."""
        self.done += 1
        if self.stream is None:
            return
        if self.terminal:
            filled = self.WIDTH * self.done // max(self.total, 1)
            bar = "#" * filled + "." * (self.WIDTH - filled)
            end = "\n" if self.done == self.total else ""
            print(f"\r{self.label} [{bar}] {self.done}/{self.total}", end=end,
                  file=self.stream, flush=True)
        else:
            print(f"{self.label} {self.done}/{self.total}: {item}", file=self.stream, flush=True)
