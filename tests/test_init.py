"""`reportgen init`: a new project that builds as it is, in its own language.

A French project with Arabic and Chinese inserts builds at once, with no English among
reportgen's words; its examples, uncommented as an editor would, build too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import reportgen
from .pdfread import fonts, page_texts

ENGLISH_FIXED = ["Contents", "Translated summaries", "page 1 of", "Edition 1", "Arabic",
                 "Chinese", "Not yet translated", "Untitled", "Your organisation"]

# Every passage the examples quote, each in a paragraph of its own, and the link the
# example row says its source prints.
EXAMPLE_SEED = "\n\n".join([
    "First, the exact words of the source, copied from it.",
    "Here are the exact words in which the source recommends it.",
    "These are the exact words it rests on.",
    "And the exact words where the source makes it.",
    "Then the exact words that date and describe it.",
    "Finally the exact words where the source says it, at https://example.org/page",
]) + "\n"


@pytest.fixture(scope="module")
def french(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "note"
    made = reportgen("init", str(root), "--language", "fr", "--inserts", "ar,zh")
    assert made.returncode == 0, made.stderr
    return root


def test_init_writes_a_project_without_templates(french):
    assert sorted(str(path.relative_to(french)) for path in french.rglob("*")
                  if path.is_file()) == [
        ".gitignore", "report/actors.yaml", "report/background.yaml",
        "report/chronology.yaml", "report/executive-summary.yaml", "report/report.yaml",
        "report/sources.yaml", "report/summaries.yaml", "report/translations/ar.po",
        "report/translations/zh.po", "seeds/README.txt"]
    report = (french / "report" / "report.yaml").read_text(encoding="utf-8")
    assert 'title: "Note sans titre"' in report
    assert "language: fr " in report and "translations: [ar, zh] " in report
    background = (french / "report" / "background.yaml").read_text(encoding="utf-8")
    assert "title: Contexte\n" in background


def test_the_new_project_builds_in_its_language(french):
    built = reportgen("build", str(french))
    assert built.returncode == 0, built.stderr
    pdf = french / "build" / "briefing.pdf"
    text = "\n".join(page_texts(pdf))
    assert "Sommaire" in text and "Résumés traduits" in text and "page 1 sur 2" in text
    assert "Arabe" in text and "Chinois" in text
    assert not [word for word in ENGLISH_FIXED if word in text]
    html = (french / "build" / "briefing.html").read_text(encoding="utf-8")
    assert '<html lang="fr" dir="ltr">' in html
    assert re.search(r'<div class="translated" lang="ar" dir="rtl"', html)
    names = {font["name"].split("+")[-1] for font in fonts(pdf)}
    assert "Noto-Naskh-Arabic" in names and "Noto-Serif-CJK-SC" in names, names


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = reportgen("init", str(tmp_path))
    assert refused.returncode == 2
    assert refused.stderr == (f"reportgen: {tmp_path} is not empty: give a new folder for the "
                              "project, so that nothing there is overwritten.\n")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_init_refuses_an_unknown_language(tmp_path):
    refused = reportgen("init", str(tmp_path / "new"), "--inserts", "xx-nonsense")
    assert refused.returncode == 2
    assert "'xx-nonsense' is not a language code reportgen knows" in refused.stderr
    assert not (tmp_path / "new").exists()


def uncommented(text: str) -> str:
    """A stub with its commented example made content, as an editor would uncomment it."""
    lines = []
    for line in text.splitlines():
        if re.match(r"#  |# [a-z-]+: ", line):
            line = line[2:] if line.startswith("# ") and not line.startswith("#  ") else line[1:]
        lines.append(line)
    text = "\n".join(lines) + "\n"
    return re.sub(r"^([a-z-]+): \[\]$", r"\1:", text, flags=re.MULTILINE)


def test_every_example_of_the_stubs_builds_once_uncommented(tmp_path):
    root = tmp_path / "briefing"
    assert reportgen("init", str(root), "--inserts", "fr").returncode == 0
    for path in (root / "report").glob("*.yaml"):
        if path.name != "report.yaml":
            path.write_text(uncommented(path.read_text(encoding="utf-8")), encoding="utf-8")
    report = root / "report" / "report.yaml"
    report.write_text(re.sub(r"^  # ", "  ", report.read_text(encoding="utf-8"),
                             flags=re.MULTILINE), encoding="utf-8")
    (root / "seeds" / "first-source.txt").write_text(EXAMPLE_SEED, encoding="utf-8")
    assert reportgen("translations", "update", "-q", str(root)).returncode == 0
    built = reportgen("build", str(root))
    assert built.returncode == 0, built.stdout + built.stderr
    text = "\n".join(page_texts(root / "build" / "briefing.pdf"))
    for printed in ("What the briefing finds, in its own words.", "What is recommended.",
                    "A paragraph, in the briefing's words.", "A sub-heading",
                    "A point the source makes", "A short headline", "What it does, or its",
                    "Political support", "The table's heading"):
        assert printed in text


def test_init_refuses_a_file_and_reports_a_folder_it_cannot_make(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = reportgen("init", str(tmp_path / "notes.txt"))
    assert (refused.returncode, refused.stderr) == (
        2, f"reportgen: {tmp_path / 'notes.txt'} is a file: give a new folder for the "
           "project.\n")
    blocked = reportgen("init", str(tmp_path / "notes.txt" / "briefing"))
    assert blocked.returncode == 1
    assert blocked.stderr.startswith("reportgen: could not use ")
    assert "Traceback" not in blocked.stderr
