"""The one error a document reader raises: a document whose text cannot be used, and why."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Position, Problem


def unusable(file: Path, message: str, hint: str = "") -> ContentError:
    """A ContentError naming the document (its path in the project) and what to do."""
    return ContentError(Problem(Position(file), message, hint))
