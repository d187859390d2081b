"""The "Changes since edition N" page: the content compared with the last released edition.

Each section compares its own snapshot (base.Section.snapshot and .changes): events and
actors are matched by their keys, paragraphs, recommendations and key points by their
order, so that inserting one shows as one addition rather than as every later item
changed. Footnotes and the bibliography are not compared.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content.dates import PartialDate
from ..content.messages import N_, Messages
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
    title: ClassVar[str] = N_("Changes since edition %(number)s")
    template: ClassVar[str] = "changes.html.j2"

    def default_heading(self, messages: Messages) -> str:
        return messages.gettext(self.title, number="%(number)s")

    def check(self, project: Project, problems: Collector) -> None:
        try:
            changes_since(project)
        except ContentError as error:
            problems.extend(error.problems)

    def chapter(self, assembly: Assembly) -> ChangesChapter | None:
        project, messages = assembly.project, assembly.messages
        previous = project.previous_edition
        groups = changes_since(project)
        if previous is None or not groups:
            return None
        date = (messages.date(PartialDate.parse(previous.date)) if previous.date else
                messages.gettext("an earlier date"))
        heading = project.heading(self)
        heading = (heading.replace("%(number)s", str(previous.number)) if "%(number)s" in heading
                   else f"{heading} {previous.number}")
        return ChangesChapter(
            self.template, self.anchor, heading,
            messages.gettext("Edition %(number)s, dated %(date)s, was the previous edition. "
                             "This edition differs from it as listed here; footnotes and the "
                             "bibliography are not compared.", number=previous.number,
                             date=date), groups)


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
    title = section.changes_heading(project)
    try:
        return ChangeGroup(title, section.changes(content.get(section.anchor), now, project))
    except ValueError as error:
        detail = f": {error}"
    except (TypeError, KeyError, AttributeError):
        detail = ""
    raise _malformed(previous, section.anchor, detail)


def _malformed(previous: EditionSnapshot, what: str, detail: str = "") -> ContentError:
    return ContentError(Problem(
        Position(previous.path), f"the '{what}' section recorded for edition {previous.number} "
                                 f"is not as 'reportgen release' writes it{detail}",
        "Restore the file from version control: it is written by 'reportgen release' and "
        "is not to be edited by hand."))
