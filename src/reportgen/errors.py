"""Domain exceptions: every problem names where it is and how to fix it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Position:
    """A place in a project file: path relative to the project, 1-based line and column."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if not self.line:
            return str(self.file)
        if not self.column:
            return f"{self.file}:{self.line}"
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, in an editor's words."""

    position: Position
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.position}: {self.message}"
        if self.hint:
            text += f"\n    {self.hint}"
        return text


def shorten(text: str, limit: int) -> str:
    """Text cut to at most `limit` characters, with an ellipsis where it was cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def quoted(text: str, limit: int = 61) -> str:
    """Text in quotation marks, shortened: “The council closed…”."""
    return f"“{shorten(text, limit)}”"


def describe_character(char: str) -> str:
    """A character's code point and Unicode name: 'U+200B ZERO WIDTH SPACE'."""
    fallback = {"Cc": "CONTROL CHARACTER", "Co": "PRIVATE USE CHARACTER",
                "Cs": "SURROGATE (NOT A CHARACTER)", "Cn": "UNASSIGNED CHARACTER"}
    name = unicodedata.name(char, fallback.get(unicodedata.category(char), ""))
    return f"U+{ord(char):04X}{' ' + name if name else ''}"


class ReportgenError(Exception):
    """Base of every error the command line reports without a traceback."""

    exit_status = 1

    def __init__(self, problems: list[Problem] | Problem | str) -> None:
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = problems if isinstance(problems, list) else []
        text = problems if isinstance(problems, str) else "\n".join(map(str, self.problems))
        super().__init__(text)

    def __reduce__(self) -> tuple:
        # Pickled with its problems (a build's renderer runs in a process of its own).
        return type(self), (self.problems or str(self),), self.__dict__


class ContentError(ReportgenError):
    """The project's YAML, PO catalogs or seed files are wrong."""


class CitationError(ReportgenError):
    """A quoted passage or reference link is not in the source it names."""


class RenderError(ReportgenError):
    """Templates, resources or fonts prevent the PDF from being produced."""


class UsageError(ReportgenError):
    """The command line was called wrongly (a folder that is not a project, say)."""

    exit_status = 2


def report(error: ReportgenError) -> str:
    """An error as the command line prints it: how many problems, then each one."""
    count = len(error.problems)
    if not count:
        return f"reportgen: {error}"
    noun = "problem" if count == 1 else "problems"
    return f"reportgen: {count} {noun} found (no output was changed):\n{error}"


class Collector:
    """Gathers problems from a whole stage so they are reported together."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, position: Position, message: str, hint: str = "") -> None:
        self.problems.append(Problem(position, message, hint))

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def raise_if_any(self, error: type[ReportgenError] = ContentError) -> None:
        if self.problems:
            raise error(sorted(self.problems, key=_reading_order))


def _reading_order(problem: Problem) -> tuple[str, int, int]:
    position = problem.position
    return (str(position.file), position.line, position.column)
