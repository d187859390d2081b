"""The benchmarks' synthetic projects are valid briefings with the content multiplied."""

from __future__ import annotations

import re
import sys

from reportgen.build import load as load_project
from reportgen.verify.citations import verify_citations

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import generate  # noqa: E402


def test_a_project_at_three_times_the_content_checks_and_holds_three_copies(tmp_path):
    single = load_project(REPO)
    project = load_project(generate(3, tmp_path / "triple"))
    verify_citations(project)
    assert len(project.sources) == 3 * len(single.sources)
    for kind, records in (("sources", "summaries"), ("chronology", "events"),
                          ("actors", "actors")):
        assert (len(getattr(project.section(kind), records)) ==
                3 * len(getattr(single.section(kind), records)))
    # The executive summary and recommendations (and the inserts) stay as they are.
    summary, recommendations = single.section("summary"), single.section("recommendations")
    assert [p.text for p in project.section("summary").summary] == [
        p.text for p in summary.summary]
    fixed = sum(len(item.cite) for item in (*summary.summary, *recommendations.recommendations))
    assert len(project.citations()) == fixed + 3 * (len(single.citations()) - fixed)


def test_the_synthetic_content_is_written_without_yaml_aliases(tmp_path):
    # The loader allows a file 100 aliases: at ten times the content, the repeated place
    # and actor lists would have taken more.
    root = generate(2, tmp_path / "double")
    for path in (root / "report").glob("*.yaml"):
        assert not re.search(r"(^|\s)[&*]id\d+", path.read_text(encoding="utf-8")), path
