"""Shared fixtures: throwaway projects written from inline files, and the real briefing."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest

from reportgen import build
from reportgen.content.theme import BUILT_IN
from reportgen.progress import Progress

REPO = Path(__file__).resolve().parents[1]

SEED = """\
Harbour Town Gazette

River flood closes the old bridge

On 3 March 2020 the river rose two metres and the council closed the old bridge.

The mayor said: “We will reopen it once engineers have inspected every pier.”
Engineers began work on 5 March.

Traders on the east bank reported losses of 40 percent in the first week.
"""

MINIMAL: dict[str, str] = {
    "seeds/gazette.txt": SEED,
    "report/report.yaml": """\
        title: Test briefing
        subtitle: A small project for the tests
        edition: 2
        date: 2024-05-06
        publisher: Test Desk
        authors: [Test Desk editors]
        language: en-GB
        distribution: For the test suite only.
        subject: A flood and a bridge.
        keywords: [flood, bridge]
        """,
    "report/sources.yaml": """\
        sources:
          - id: gazette
            file: gazette.txt
            title: River flood closes the old bridge
            author: [Harbour Town Gazette]
            issued: 2020-03
            genre: news
        """,
    "report/summaries.yaml": """\
        summaries:
          - source: gazette
            points:
              - text: The council closed the old bridge after the flood.
                cite:
                  - source: gazette
                    quote: the council closed the old bridge
        """,
    "report/executive-summary.yaml": """\
        summary:
          - text: A flood closed the bridge and hurt trade.
            cite:
              - source: gazette
                quote: Traders on the east bank reported losses of 40 percent
        recommendations:
          - text: Reopen the bridge after inspection.
            by: The mayor
            cite:
              - source: gazette
                quote: We will reopen it once engineers have inspected every pier.
        """,
    "report/chronology.yaml": """\
        events:
          - date: 2020-03-05
            title: Engineers begin work
            cite:
              - source: gazette
                quote: Engineers began work on 5 March.
          - date: 2020-03-03
            title: The river rises
            cite:
              - source: gazette
                quote: On 3 March 2020 the river rose two metres
        """,
    "report/actors.yaml": """\
        categories:
          - id: aid
            label: Aid
        actors:
          - code: FR
            name: Freedonia
            categories: [aid]
            details: Sent engineers.
            status: Helping
            as-of: 2020-03
            cite:
              - source: gazette
                quote: Engineers began work
        """,
}

# A Thai catalog for MINIMAL's executive summary, with 'translations: [th]' in report.yaml.
THAI_CATALOG = """\
    # Thai translation of the test briefing.
    msgid ""
    msgstr ""
    "Language: th\\n"
    "Content-Type: text/plain; charset=utf-8\\n"

    msgid "A flood closed the bridge and hurt trade."
    msgstr "น้ำท่วมทำให้สะพานปิดและการค้าเสียหาย"

    msgid "Reopen the bridge after inspection."
    msgstr "เปิดสะพานอีกครั้งหลังการตรวจสอบ"
    """


def reportgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the command line as an editor does, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "reportgen", *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def own_copy(root: Path, name: str) -> Path:
    """The project's own copy of a file of the built-in theme, made as an editor would."""
    path = root / name
    if not path.exists() and name.startswith("templates/"):
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(BUILT_IN / name.removeprefix("templates/"), path)
    return path


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write files (dedented) under root, creating folders as needed."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Build a throwaway project: MINIMAL, overridden, with the built-in theme."""

    def make(files: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> Path:
        root = tmp_path / "project"
        write_files(root, {name: text for name, text in {**MINIMAL, **(files or {})}.items()
                           if name not in drop})
        return root

    return make


def copy_briefing(destination: Path) -> Path:
    """Copy the real briefing project (seeds, report) to a folder."""
    for folder in ("seeds", "report"):
        shutil.copytree(REPO / folder, destination / folder)
    return destination


@pytest.fixture(scope="session")
def briefing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real briefing, built once in a temporary copy; returns the project folder."""
    root = copy_briefing(tmp_path_factory.mktemp("briefing"))
    build.build(root, Progress(build.BUILD_STEPS, None))
    return root


@pytest.fixture
def server(monkeypatch):
    """An HTTP server on 127.0.0.1 that counts the requests it gets."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    hits: list[str] = []

    class Counting(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the name http.server calls
            hits.append(self.path)
            body = b"h1 { color: red }" if self.path.endswith(".css") else b""
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{httpd.server_port}", hits=hits)
    httpd.shutdown()
    httpd.server_close()
