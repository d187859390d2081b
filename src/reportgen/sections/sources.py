"""The sources in brief: a structured summary of each source, its key points cited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from ..content.folders import REPORT, SOURCES_FILE
from ..content.load import check_known, check_unique
from ..content.messages import N_
from ..content.model import NOWHERE, Citation, ContentFile, Project, part, spec
from ..errors import Collector, Position
from ..render import citation_style
from ..render.assemble import Assembly
from ..render.context import Change, Chapter, Cited, TocEntry
from .base import Comparison, Section, ordered_changes

SUMMARIES_FILE = ContentFile(REPORT / "summaries.yaml", "summaries file")


@dataclass
class KeyPoint:
    """One point of a source's structured summary."""

    what: ClassVar[str] = "key point"

    text: str = spec("the point, in the briefing's words")
    cite: list[Citation] = spec("where the source says it")
    position: Position = NOWHERE


@dataclass
class SourceSummary:
    """The structured summary of one source."""

    what: ClassVar[str] = "source summary"

    source: str = spec("the id of the source summarised")
    points: list[KeyPoint] = spec("its key points, each cited")
    position: Position = NOWHERE


@dataclass
class SourceBrief:
    """A source's structured summary as printed."""

    anchor: str
    title: str
    byline: str
    points: list[Cited]


@dataclass
class SourcesChapter(Chapter):
    """Every source's summary, in the order of report/summaries.yaml."""

    briefs: list[SourceBrief]


@dataclass
class SourceSummaries(Section):
    """The sources in brief."""

    kind: ClassVar[str] = "sources"
    title: ClassVar[str] = N_("The sources in brief")
    template: ClassVar[str] = "sources.html.j2"
    changes_title: ClassVar[str] = N_("Key points of the sources")
    example: ClassVar[str] = """\
# A structured summary of each source: its key points, each cited.
summaries: []
#  - source: first-source             # a source's id, from report/sources.yaml
#    points:
#      - text: A point the source makes, in the briefing's words.
#        cite:
#          - source: first-source
#            quote: the exact words where the source makes it
"""

    summaries: list[SourceSummary] = part(SUMMARIES_FILE, "one structured summary per source")

    def check(self, project: Project, problems: Collector) -> None:
        check_unique(problems, "a summarised source",
                     [(summary.source, summary.position) for summary in self.summaries])
        known = [source.id for source in project.sources]
        for summary in self.summaries:
            check_known(problems, summary.position, "source", summary.source, known,
                        str(SOURCES_FILE))

    def chapter(self, assembly: Assembly) -> SourcesChapter:
        briefs = [_brief(assembly.project.source(summary.source), summary.points, assembly)
                  for summary in self.summaries]
        return SourcesChapter(self.template, self.anchor, assembly.project.heading(self), briefs)

    def contents(self, chapter: SourcesChapter) -> list[TocEntry]:
        return [TocEntry(chapter.anchor, chapter.title, 1),
                *(TocEntry(brief.anchor, brief.title, 2) for brief in chapter.briefs)]

    def snapshot(self, project: Project) -> dict[str, list[dict[str, str]]]:
        return {summary.source: [{"text": point.text} for point in summary.points]
                for summary in self.summaries}

    def changes(self, before: Any, now: Any, project: Project) -> list[Change]:
        before, words = before or {}, Comparison(project.messages)
        titles = {source.id: citation_style.display_title(source) for source in project.sources}
        changes = []
        for source in [*now, *(source for source in before if source not in now)]:
            name = titles.get(source, source)

            def label(number: int, _: dict, name: str = name) -> str:
                return words.messages.gettext("%(source)s, point %(number)s", source=name,
                                              number=number)

            changes += ordered_changes(before.get(source, []), now.get(source, []), label, words)
        return changes


def _brief(source: Any, points: list[KeyPoint], assembly: Assembly) -> SourceBrief:
    return SourceBrief(f"source-{source.id}", citation_style.display_title(source),
                       citation_style.byline(source, assembly.project.messages),
                       [Cited(point.text, assembly.notes.cite(point.cite)) for point in points])
