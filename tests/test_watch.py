"""Watch mode, driven as an editor would: a real process, real saves, Ctrl+C to stop."""

from __future__ import annotations

import queue
import signal
import subprocess
import sys
import threading
import time

import pytest

from reportgen.content.theme import BUILT_IN

from .pdfread import page_texts

TIMEOUT = 60


class Output:
    """The lines a process writes to a stream, read in the background."""

    def __init__(self, stream) -> None:  # noqa: ANN001 - a text stream
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:  # noqa: ANN001
        for line in stream:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, start: str) -> list[str]:
        """Lines up to and including the first one beginning with `start`."""
        deadline = time.monotonic() + TIMEOUT
        read = []
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=deadline - time.monotonic())
            except queue.Empty:
                break
            read.append(line)
            self.seen.append(line)
            if line.startswith(start):
                return read
        raise AssertionError(f"no line starting {start!r}; output so far:\n" + "\n".join(self.seen))

    def rest(self) -> list[str]:
        """What is left once the process has ended."""
        time.sleep(0.2)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return self.seen


@pytest.fixture
def watching(make_project):
    """A project being watched: (project folder, process, its stderr)."""
    root = make_project()
    process = subprocess.Popen([sys.executable, "-m", "reportgen", "watch", str(root)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    output = Output(process.stderr)
    yield root, process, output
    if process.poll() is None:
        process.kill()
        process.wait()


def stop(process, output) -> list[str]:
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=TIMEOUT) == 0
    return output.rest()


def test_must_show_watch_survives_a_yaml_error_and_rebuilds_once_fixed(watching):
    root, process, output = watching
    output.wait_for("Watching report/, seeds/, templates/ in ")
    pdf = root / "build/briefing.pdf"
    good = pdf.read_bytes()
    chronology = root / "report/chronology.yaml"
    text = chronology.read_text()

    chronology.write_text(text.replace("title: The river rises", "title: The river: [rises"))
    lines = output.wait_for("The last good build is kept; fix the file and save it again.")
    assert "Changed since the last build: report/chronology.yaml" in lines
    assert "reportgen: 1 problem found (no output was changed):" in lines
    assert ("report/chronology.yaml:8:21: YAML syntax error: mapping values are not allowed "
            "here") in lines
    assert pdf.read_bytes() == good

    chronology.write_text(text.replace("The river rises", "The river bursts its banks"))
    lines = output.wait_for("Rebuilt ")
    assert lines[-1].startswith(f"Rebuilt {pdf} (")
    assert "The river bursts its banks" in "".join(page_texts(pdf))

    seen = stop(process, output)
    assert seen[-1].startswith("Stopped watching after 2 builds in ")
    assert not any("Traceback" in line for line in seen)


def test_a_burst_of_saves_gives_one_rebuild_and_a_save_without_change_none(watching):
    root, process, output = watching
    output.wait_for("Watching ")
    for name, old, new in (("report/chronology.yaml", "The river rises", "The river swells"),
                           ("report/actors.yaml", "Helping", "Still helping"),
                           ("templates/page.css", "size: A4;", "size: A4; /* paper */")):
        path = root / name
        text = path.read_text() if path.exists() else (BUILT_IN / path.name).read_text()
        path.parent.mkdir(exist_ok=True)
        path.write_text(text.replace(old, new))
    lines = output.wait_for("Rebuilt ")
    assert ("Changed since the last build: report/actors.yaml, report/chronology.yaml, "
            "templates/page.css (new)") in lines
    time.sleep(1)
    (root / "report/chronology.yaml").write_text((root / "report/chronology.yaml").read_text())
    output.wait_for("Up to date: nothing changed in what the briefing is built from")
    seen = stop(process, output)
    assert seen[-1].startswith("Stopped watching after 2 builds in ")
    assert sum(line.startswith("Rebuilt ") for line in seen) == 2


def test_watch_refuses_a_folder_that_is_not_a_project(tmp_path):
    result = subprocess.run([sys.executable, "-m", "reportgen", "watch", str(tmp_path)],
                            capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 2
    assert "is not a reportgen project" in result.stderr
