"""The benchmarks' synthetic projects are valid briefings with the content multiplied."""

from __future__ import annotations

import sys

from reportgen.citations import verify_citations
from reportgen.load import load_project

from .conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))
from synthetic import generate  # noqa: E402


def test_a_project_at_three_times_the_content_checks_and_holds_three_copies(tmp_path):
    single = load_project(REPO)
    project = load_project(generate(3, tmp_path / "triple"))
    verify_citations(project)
    assert len(project.sources) == 3 * len(single.sources)
    assert len(project.summaries) == 3 * len(single.summaries)
    assert len(project.events) == 3 * len(single.events)
    assert len(project.countries) == 3 * len(single.countries)
    # The executive summary and recommendations (and the inserts) stay as they are.
    assert [p.text for p in project.summary] == [p.text for p in single.summary]
    fixed = sum(len(item.cite) for item in (*single.summary, *single.recommendations))
    assert len(project.citations()) == fixed + 3 * (len(single.citations()) - fixed)
