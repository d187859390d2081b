"""Rebuilds in one process that keeps the laid-out parts, as `reportgen watch` does, each
beside a full render of the same files in that process (nothing reused, everything warm).

    python benchmarks/incremental.py [--runs N] [--scales 1 10 50]

Three edits: one event retitled, one event grown by a page, one catalog entry changed.
At 10× and 50× content the same edits touch a chapter of the same size as at 1×, so an
edit's cost follows the chapter it touches while a full render grows with the project.
"""

from __future__ import annotations

import argparse
import gc
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml
from synthetic import generate
from warm import edit_one_event

from reportgen import build
from reportgen.content.yamlfile import parse_yaml, plain
from reportgen.progress import Progress
from reportgen.render.layout import Layouts

# A page of the chronology or more at the theme's type size.
PAGE_OF_TEXT = (" The militia's hold on the border trade outlasted every ceasefire of the"
                " decade, and each offensive against it ended where the last one had.") * 40
HEADING = re.compile(r'(msgid "Executive summary"\nmsgstr ")([^"]*)(")')


@dataclass
class Rebuilds:
    """Medians of paired runs: the rebuild after an edit, a full render of the same files."""

    rebuild: float
    full: float
    ratio: float  # the median of the runs' ratios
    parts: str  # parts laid out by the last rebuild, of all parts
    pages: str  # pages it painted, of all pages
    runs: int


def grow_one_event(project: Path, run: int) -> None:
    """Add about a page of text to an event of the chronology (a different one each run)."""
    path = project / "report" / "chronology.yaml"
    data = plain(parse_yaml(path.read_text(encoding="utf-8"), path))
    event = data["events"][run % len(data["events"])]
    event["description"] = event.get("description", "") + PAGE_OF_TEXT
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def edit_catalog_entry(project: Path, run: int) -> None:
    """Change the Thai heading of the executive summary (a different one each run)."""
    path = project / "report" / "translations" / "th.po"
    text = path.read_text(encoding="utf-8")
    edited = HEADING.sub(lambda match: f"{match[1]}บทสรุปสำหรับผู้บริหาร ฉบับ {run}{match[3]}",
                         text, count=1)
    assert edited != text, "the catalog has no heading to edit"
    path.write_text(edited, encoding="utf-8")


ONE_EVENT = "a one-event edit"
EDITS: dict[str, Callable[[Path, int], None]] = {
    ONE_EVENT: edit_one_event,
    "an edit adding a page to the chronology": grow_one_event,
    "a catalog (PO) entry edit": edit_catalog_entry,
}


def _timed(action: Callable[[], build.Built]) -> tuple[float, build.Built]:
    started = time.perf_counter()
    built = action()
    seconds = time.perf_counter() - started
    gc.collect()  # as watch does after each build, while waiting for the next change
    return seconds, built


def rebuilds(project: Path, edit: Callable[[Path, int], None], runs: int,
             layouts: Layouts) -> Rebuilds:
    """Edit, rebuild reusing layouts, then render the same files whole; runs times."""
    quiet = Progress(build.BUILD_STEPS, None)
    pairs = []
    for run in range(1, runs + 1):
        _, built = _timed(lambda: build.build_if_changed(project, quiet, layouts=layouts))
        pages = built.pages
        edit(project, run)
        seconds, built = _timed(lambda: build.build_if_changed(project, quiet, layouts=layouts))
        if edit is grow_one_event and built.pages <= pages:
            raise RuntimeError("the edit meant to add a page did not")
        painted = built.pages - layouts.painted.reused
        full, _ = _timed(lambda: build.build(project, quiet))
        pairs.append((seconds, full))
    laid_out, parts = layouts.last
    return Rebuilds(statistics.median(rebuild for rebuild, _ in pairs),
                    statistics.median(full for _, full in pairs),
                    statistics.median(rebuild / full for rebuild, full in pairs),
                    f"{laid_out} of {parts}", f"{painted} of {built.pages}", runs)


def measure_rebuilds(work: Path, scales: list[int],
                     runs: int) -> Iterator[tuple[tuple[int, str], Rebuilds]]:
    """Each edit's rebuilds at each scale, as measured; fewer runs at larger scales."""
    for scale in scales:
        project = generate(scale, work / f"incremental-{scale}")
        layouts = Layouts()
        for what, edit in EDITS.items():
            count = runs if scale == 1 else max(1, runs // (2 if scale <= 10 else 7))
            yield (scale, what), rebuilds(project, edit, count, layouts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs at 1× (default 5)")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 50])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as folder:
        for (scale, what), figure in measure_rebuilds(Path(folder), args.scales,
                                                      args.runs):
            print(f"{scale}×, {what}: rebuild {figure.rebuild:.2f} s, full render "
                  f"{figure.full:.2f} s, ratio {figure.ratio:.2f}× (median of "
                  f"{figure.runs}), parts laid out {figure.parts}, pages painted "
                  f"{figure.pages}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
