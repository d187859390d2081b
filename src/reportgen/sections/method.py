"""How the briefing was made: the paragraphs of report.yaml's 'method', if any."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..content.messages import N_
from ..render.assemble import Assembly
from ..render.context import Chapter
from .base import Section


@dataclass
class MethodChapter(Chapter):
    """The notes on method."""

    paragraphs: list[str]


@dataclass
class Method(Section):
    """Notes on how the briefing was made."""

    kind: ClassVar[str] = "method"
    title: ClassVar[str] = N_("How this briefing was made")
    template: ClassVar[str] = "method.html.j2"

    def chapter(self, assembly: Assembly) -> MethodChapter | None:
        project = assembly.project
        if not project.report.method:
            return None
        return MethodChapter(self.template, self.anchor, project.heading(self),
                             project.report.method)
