"""The benchmark table: each figure a median of several runs, taken beside its reference.

    python benchmarks/run.py [--runs N]

Prints the table and writes it, with the machine it was taken on, to
benchmarks/results.md. Nothing here passes or fails on time: the table says which
targets are met and by how much the others are missed.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from incremental import ONE_EVENT, measure_rebuilds
from measure import Pair, paired, python, reportgen, run
from synthetic import generate
from warm import warm_rebuilds

HERE = Path(__file__).resolve().parent


@dataclass
class Row:
    """A line of the table."""

    figure: str
    measured: str
    reference: str
    result: str
    target: str
    met: bool
    missed_by: str = ""


def ratio_row(figure: str, pair: Pair, reference: str, target: float) -> Row:
    return Row(figure, f"{pair.measured:.2f} s", f"{pair.reference:.2f} s ({reference})",
               f"{pair.ratio:.2f}×", f"≤ {target:.2f}×", pair.ratio <= target,
               f"{(pair.ratio / target - 1) * 100:.0f}%")


def cold_build(project: Path) -> float:
    shutil.rmtree(project / "build", ignore_errors=True)
    return run(reportgen("build", "-q", project)).seconds


def overhead(work: Path, runs: int) -> list[Row]:
    """A cold build against WeasyPrint alone rendering the same HTML, both whole processes.

    The second row takes as reference the same render with the PDF options reportgen uses
    (tagged PDF/UA-1), to show how much of the overhead the tagging is.
    """
    project = generate(1, work / "overhead")
    cold_build(project)
    html_only = work / "overhead-html"
    shutil.copytree(project / "build", html_only / "build")
    rows = []
    for options, reference, target in (([], "bare WeasyPrint render", 1.10),
                                       (["--tagged"], "bare render, tagged PDF/UA-1", 1.05)):
        bare = python(HERE / "bare_render.py", *options, html_only, work / "bare.pdf")
        pair = paired(lambda: cold_build(project), lambda bare=bare: run(bare).seconds, runs)
        rows.append(ratio_row("Overhead: cold `reportgen build`", pair, reference, target))
    return rows


def no_op(work: Path, runs: int) -> Row:
    """A build with nothing changed, as a whole process, beside `python -c pass`."""
    project = generate(1, work / "no-op")
    cold_build(project)
    pair = paired(lambda: run(reportgen("build", "-q", project)).seconds,
                  lambda: run(python("-c", "pass")).seconds, runs)
    return Row("No-op rebuild (up to date), whole process", f"{pair.measured:.3f} s",
               f"{pair.reference:.3f} s (`python -c pass`)", f"{pair.measured:.3f} s",
               "≤ 0.3 s", pair.measured <= 0.3)


def warm(work: Path, runs: int) -> list[Row]:
    """Rebuilds in the watch process after a one-event edit, beside a warm bare render
    (untagged, then tagged PDF/UA-1 as reportgen renders)."""
    project = generate(1, work / "warm")
    cold_build(project)
    return [ratio_row("Warm rebuild in `watch` after a one-event edit",
                      warm_rebuilds(project, runs, tagged), reference, 1.05)
            for tagged, reference in ((False, "warm bare render"),
                                      (True, "warm bare render, tagged PDF/UA-1"))]


def rebuilds(work: Path, runs: int) -> list[Row]:
    """Rebuilds in one process keeping the laid-out parts, after three kinds of edit, each
    beside a full render of the same files in that process, at 1×, 10× and 50× content."""
    rows = []
    for (scale, what), figure in measure_rebuilds(work, [1, 10, 50], runs):
        target = 0.40 if (scale, what) == (1, ONE_EVENT) else None
        met = target is None or figure.ratio <= target
        rows.append(Row(
            f"Rebuild in one process after {what}, {scale}× content "
            f"({figure.parts} parts laid out, {figure.pages} pages painted)",
            f"{figure.rebuild:.2f} s",
            f"{figure.full:.2f} s (full render, same process)",
            f"{figure.ratio:.2f}× (median of {figure.runs})",
            f"≤ {target:.2f}×" if target else "", met,
            f"{(figure.ratio / target - 1) * 100:.0f}%" if target else ""))
    return rows


def recipients_file(path: Path, count: int) -> Path:
    names = ["Ana Pereira", "Nguyễn Thị Lan", "Aung Min", "สมชาย ใจดี", "Siti Rahmah",
             "O'Brien/Ng", "J. Smith Jr.", "ဒေါ်ခင်မာ"]
    lines = ["recipients:"]
    for number in range(count):
        lines += [f"  - name: \"{names[number % len(names)]} {number + 1}\"",
                  f"    organisation: \"Organisation {number % 7 + 1}\""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def distribution(work: Path, runs: int) -> Row:
    """Stamped copies for 100 recipients (briefing up to date), beside one cold build."""
    project = generate(1, work / "distribution")
    cold_build(project)
    recipients = recipients_file(work / "recipients.yaml", 100)
    copies = project.parent / "copies"
    shutil.copytree(project, copies)
    pair = paired(
        lambda: run(reportgen("distribute", "-q", "--recipients", recipients, copies)).seconds,
        lambda: cold_build(project), runs)
    return ratio_row("Distribution to 100 recipients", pair, "one cold build", 1.5)


def growth(work: Path, runs: int) -> list[Row]:
    """Cold builds of synthetic projects at 1×, 10× and 50× the briefing's content."""
    rows, base = [], 0.0
    for scale in (1, 10, 50):
        project = generate(scale, work / f"scale-{scale}")
        results = []
        for _ in range(runs if scale < 50 else max(1, runs // 2)):
            shutil.rmtree(project / "build", ignore_errors=True)
            results.append(run(reportgen("build", "-q", project)))
        seconds = sorted(r.seconds for r in results)[len(results) // 2]
        peak = max(r.peak_mib for r in results)
        base = base or seconds
        target, met, missed = "", True, ""
        if scale == 50:
            target = "≤ 60× the 1× time, ≤ 1.5 GB"
            met = seconds / base <= 60 and peak <= 1536
            missed = ", ".join([*([f"time {seconds / base / 60 * 100 - 100:.0f}%"]
                                  if seconds / base > 60 else []),
                                *([f"memory {peak / 1536 * 100 - 100:.0f}%"]
                                  if peak > 1536 else [])])
        rows.append(Row(f"Growth: {scale}× content, cold build", f"{seconds:.2f} s",
                        f"{base:.2f} s (1×)", f"{seconds / base:.1f}×, peak {peak:.0f} MiB",
                        target, met, missed))
    return rows


def table(rows: list[Row]) -> str:
    lines = ["| figure | measured | reference | result | target | met |",
             "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {r.figure} | {r.measured} | {r.reference} | {r.result} | {r.target} | "
              f"{'yes' if r.met else f'no, missed by {r.missed_by}'} |" for r in rows]
    return "\n".join(lines)


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo
                if line.startswith("model name")), platform.processor())
    cores = sum(line.startswith("processor") for line in cpuinfo)
    memory = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    return (f"{cpu}, {cores} cores, {memory / 1024 / 1024:.0f} GiB; {platform.system()} "
            f"{platform.release()}; Python {platform.python_version()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (default 5)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="reportgen-bench-") as folder:
        work = Path(folder)
        # The rebuilds run in this process and grow it: a child forked after them would
        # start with its memory, so the figures of whole processes come first.
        rows = [*overhead(work, args.runs), no_op(work, args.runs), *warm(work, args.runs),
                distribution(work, args.runs), *growth(work, args.runs),
                *rebuilds(work, args.runs)]
    text = table(rows)
    print(text)
    (HERE / "results.md").write_text(
        f"# Benchmark results\n\nTaken with `make bench` ({args.runs} runs per figure; the "
        f"50× growth figure takes {max(1, args.runs // 2)}) on: {machine()}\n\n{text}\n",
        encoding="utf-8")


if __name__ == "__main__":
    main()
