"""Warm rebuilds: `reportgen watch` rebuilding after one-event edits, beside a warm bare render."""

from __future__ import annotations

import itertools
import re
import statistics
import subprocess
import sys
from pathlib import Path
from typing import IO

import yaml
from measure import Pair, reportgen

from reportgen.content.yamlfile import parse_yaml, plain

HERE = Path(__file__).resolve().parent
# Every edit differs from all before it, whichever measurement makes it.
EDITS = itertools.count(1)
REBUILT = re.compile(r"Rebuilt .* in (\d+\.\d+) s")


def _wait_for(stream: IO[str], pattern: re.Pattern[str] | str) -> re.Match[str]:
    for line in stream:
        match = re.search(pattern, line)
        if match:
            return match
    raise RuntimeError(f"the process ended before printing {pattern!r}")


def edit_one_event(project: Path, run: int) -> None:
    """Retitle the first event of the chronology (a different title each run)."""
    path = project / "report" / "chronology.yaml"
    data = plain(parse_yaml(path.read_text(encoding="utf-8"), path))
    event = data["events"][0]
    event["title"] = re.sub(r" \(edit \d+\)$", "", event["title"]) + f" (edit {run})"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def warm_rebuilds(project: Path, runs: int, tagged: bool = False) -> Pair:
    """Median seconds of watch's rebuilds and of a warm bare render of the same HTML."""
    watch = subprocess.Popen(reportgen("watch", project), stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, text=True, bufsize=1)
    options = ["--tagged"] if tagged else []
    bare = subprocess.Popen([sys.executable, str(HERE / "bare_render.py"), "--serve", *options,
                             str(project), str(project.parent / "warm-bare.pdf")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
    try:
        _wait_for(watch.stderr, "Watching")
        _wait_for(bare.stdout, "ready")
        rebuilds, renders = [], []
        for _ in range(runs):
            edit_one_event(project, next(EDITS))
            rebuilds.append(float(_wait_for(watch.stderr, REBUILT).group(1)))
            bare.stdin.write("render\n")
            renders.append(float(bare.stdout.readline()))
    finally:
        watch.terminate()
        bare.stdin.close()
        watch.wait()
        bare.wait()
    return Pair(statistics.median(rebuilds), statistics.median(renders), runs)
