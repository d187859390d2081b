"""Coverage: which paragraphs of each source the briefing cites, counted by hand here."""

from __future__ import annotations

import subprocess
import sys

from reportgen.build import CHECK_STEPS, check
from reportgen.progress import Progress
from reportgen.verify.coverage import format_coverage, measure_coverage, paragraph_list

from .conftest import MINIMAL

NOTICE = """\
Council notice

Road closures:
the old bridge stays closed until inspection.

Details at https://example.org/bridge-works

Signed, the clerk.

Posted on the town hall door.

Archive copy.
"""

# The minimal project cites the gazette's paragraphs 3, 4 and 5; this adds a second source
# with a quote running over its paragraphs 2 and 3 and a reference link in paragraph 3.
WITH_NOTICE = {
    "seeds/notice.txt": NOTICE,
    "report/sources.yaml": MINIMAL["report/sources.yaml"].rstrip(" ") + """\
          - id: notice
            file: notice.txt
            title: Council notice
        """,
    "report/summaries.yaml": MINIMAL["report/summaries.yaml"].rstrip(" ") + """\
          - source: notice
            points:
              - text: The bridge stays closed until it is inspected.
                cite: {source: notice, quote: "stays closed until inspection. Details at"}
        """,
    "report/actors.yaml": MINIMAL["report/actors.yaml"].rstrip(" ") + """\
            references:
              - {source: notice, url: "https://example.org/bridge-works"}
        """,
}


def test_runs_of_three_or_more_paragraphs_are_joined():
    assert paragraph_list([1, 2, 4, 5, 6, 9]) == "¶1, ¶2, ¶4–6, ¶9"
    assert paragraph_list([]) == ""


def test_cited_paragraphs_include_spanned_ones_and_reference_links(make_project):
    checked = check(make_project(WITH_NOTICE), Progress(CHECK_STEPS, None))
    coverage = measure_coverage(checked.project, checked.citations)
    assert [(c.source, len(c.divisions), sorted(c.cited)) for c in coverage] == [
        ("gazette", 5, [3, 4, 5]), ("notice", 6, [2, 3])]
    assert format_coverage(coverage) == """\
gazette (seeds/gazette.txt): 3 of 5 paragraphs cited; not cited: ¶1, ¶2
    ¶1 Harbour Town Gazette
    ¶2 River flood closes the old bridge
notice (seeds/notice.txt): 2 of 6 paragraphs cited; not cited: ¶1, ¶4–6
    ¶1 Council notice
    ¶4 Signed, the clerk.
    ¶5 Posted on the town hall door.
    ¶6 Archive copy.
In all: 5 of 11 paragraphs of 2 sources cited"""


def test_check_prints_the_coverage_on_request(make_project):
    root = make_project()
    command = [sys.executable, "-m", "reportgen", "check", "-q", str(root)]
    plain = subprocess.run(command, capture_output=True, text=True)
    assert plain.returncode == 0 and plain.stdout == ""
    result = subprocess.run(command + ["--coverage"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "gazette (seeds/gazette.txt): 3 of 5 paragraphs cited; not cited: ¶1, ¶2\n"
        "    ¶1 Harbour Town Gazette\n"
        "    ¶2 River flood closes the old bridge\n"
        "In all: 3 of 5 paragraphs of 1 source cited\n")
