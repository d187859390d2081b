"""One build of a project at a time: a second waits, and both leave valid outputs."""

from __future__ import annotations

import fcntl
import subprocess
import sys
import time

from pypdf import PdfReader


def start_build(root, *flags: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reportgen", "build", *flags, str(root)],
                            stderr=subprocess.PIPE, text=True)


def test_a_build_waits_while_another_holds_the_lock(make_project):
    root = make_project()
    (root / "build").mkdir()
    with open(root / "build/.lock", "a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        waiting = start_build(root)
        assert waiting.stderr.readline() == (
            "Another build of this project is running: waiting for it to finish\n")
        time.sleep(0.5)
        assert waiting.poll() is None
        assert not (root / "build/briefing.pdf").exists()
    assert waiting.wait(timeout=120) == 0, waiting.stderr.read()
    assert len(PdfReader(root / "build/briefing.pdf").pages) > 3


def test_two_builds_at_once_leave_valid_outputs(make_project):
    root = make_project()
    builds = [start_build(root, "-q"), start_build(root, "-q", "--pdf-a")]
    assert [process.wait(timeout=120) for process in builds] == [0, 0]
    assert sorted(path.name for path in (root / "build").iterdir()) == [
        ".cache.json", ".lock", "briefing.html", "briefing.pdf"]
    reader = PdfReader(root / "build/briefing.pdf")
    assert len(reader.pages) > 3
    assert "The council closed the old bridge after the flood." in \
        (root / "build/briefing.html").read_text(encoding="utf-8")
    result = subprocess.run(["qpdf", "--check", str(root / "build/briefing.pdf")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
