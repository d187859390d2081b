"""Progress lines on stderr: one per pipeline step, with its duration."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progress:
    """Numbered steps, printed as '[2/6] Verifying citations … 0.05 s' when each ends."""

    def __init__(self, total: int, stream: TextIO | None = sys.stderr) -> None:
        self.total = total
        self.number = 0
        self.stream = stream

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        self.number += 1
        started = time.perf_counter()
        yield
        self.say(f"[{self.number}/{self.total}] {label} … {time.perf_counter() - started:.2f} s")

    def say(self, line: str) -> None:
        if self.stream is not None:
            print(line, file=self.stream, flush=True)
