"""The "Changes since edition N" page: the content compared with the last released edition.

Each section compares its own snapshot (base.Section.snapshot and .changes): events and
country rows are matched by their keys, paragraphs, recommendations and key points by
their order, so that inserting one shows as one addition rather than as every later
item changed. Footnotes and the bibliography are not compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content.dates import PartialDate
from ..content.model import EditionSnapshot, Project
from ..errors import Collector, ContentError, Position, Problem
from ..render.assemble import Assembly
from ..render.context import Change, Chapter
from .base import Section
from .upgrade import upgraded


@dataclass
class ChangeGroup:
    """The changes of one section."""

    title: str
    changes: list[Change]


@dataclass
class ChangesChapter(Chapter):
    """The changes page: what the previous edition was, and each section's changes."""

    intro: str
    groups: list[ChangeGroup]


@dataclass
class ChangesSince(Section):
    """The changes since the last released edition, when there are any."""

    kind: ClassVar[str] = "changes"
    title: ClassVar[str] = "Changes since edition"  # the edition number follows
    template: ClassVar[str] = "changes.html.j2"

    def check(self, project: Project, problems: Collector) -> None:
        try:
            changes_since(project)
        except ContentError as error:
            problems.extend(error.problems)

    def chapter(self, assembly: Assembly) -> ChangesChapter | None:
        project = assembly.project
        previous = project.previous_edition
        groups = changes_since(project)
        if previous is None or not groups:
            return None
        date = PartialDate.parse(previous.date).english() if previous.date else "an earlier date"
        return ChangesChapter(
            self.template, self.kind, f"{project.heading(self)} {previous.number}",
            f"Edition {previous.number}, dated {date}, was the previous edition. This edition "
            "differs from it as listed here; footnotes and the bibliography are not compared.",
            groups)


def changes_since(project: Project) -> list[ChangeGroup]:
    """Each section's changes since the previous edition, for the sections that changed."""
    previous = project.previous_edition
    if previous is None:
        return []
    try:
        content = upgraded(previous, project)
    except (TypeError, ValueError, KeyError, AttributeError):
        raise _malformed(previous, "content") from None
    return [group for section in project.sections
            if (group := _compared(section, content, previous, project)) and group.changes]


def _compared(section: Any, content: dict[str, Any], previous: EditionSnapshot,
              project: Project) -> ChangeGroup | None:
    now = section.snapshot(project)
    if now is None:
        return None
    title = section.changes_title or section.title
    try:
        return ChangeGroup(title, section.changes(content.get(section.kind), now, project))
    except ValueError as error:
        detail = f": {error}"
    except (TypeError, KeyError, AttributeError):
        detail = ""
    raise _malformed(previous, title.lower(), detail)


def _malformed(previous: EditionSnapshot, what: str, detail: str = "") -> ContentError:
    return ContentError(Problem(
        Position(previous.path), f"the {what} recorded for edition {previous.number} is not "
                                 f"as 'reportgen release' writes it{detail}",
        "Restore the file from version control: it is written by 'reportgen release' and "
        "is not to be edited by hand."))
