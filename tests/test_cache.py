"""Incremental builds: an unchanged project does not render again; any change does."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict

from reportgen.build import BuildOptions
from reportgen.cli import main
from reportgen.incremental import cache, fontfiles

from .conftest import own_copy
from .pdfread import page_texts


def run_build(root, capsys) -> list[str]:
    assert main(["build", str(root)]) == 0
    return capsys.readouterr().err.splitlines()


def test_a_second_build_is_up_to_date_and_an_edit_rebuilds(make_project, capsys):
    root = make_project()
    first = run_build(root, capsys)
    assert first[-1].startswith(f"Wrote {root}/build/briefing.pdf (")
    pdf_before = (root / "build/briefing.pdf").read_bytes()

    second = run_build(root, capsys)
    assert len(second) == 1
    assert second[0].startswith(f"Up to date: {root}/build/briefing.pdf (")
    assert "nothing changed since the last build" in second[0]
    assert (root / "build/briefing.pdf").read_bytes() == pdf_before

    chronology = root / "report/chronology.yaml"
    chronology.write_text(chronology.read_text().replace("Engineers begin work",
                                                         "Engineers start inspecting the piers"))
    third = run_build(root, capsys)
    assert third[0] == "Changed since the last build: report/chronology.yaml"
    assert third[1].startswith("[1/5] Loading content")
    text = "".join(page_texts(root / "build/briefing.pdf"))
    assert "Engineers start inspecting the piers" in text
    assert "Engineers begin work" not in text


def test_saving_a_file_unchanged_does_not_rebuild(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    chronology = root / "report/chronology.yaml"
    chronology.write_text(chronology.read_text())
    assert run_build(root, capsys)[0].startswith("Up to date: ")


def test_new_templates_seeds_and_removed_files_rebuild(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    page = own_copy(root, "templates/page.css")
    (root / "seeds/extra.txt").write_text("Another document.\n")
    assert run_build(root, capsys)[0] == ("Changed since the last build: seeds/extra.txt (new), "
                                          "templates/page.css (new)")
    page.write_text(page.read_text() + "\n/**/")
    assert run_build(root, capsys)[0] == "Changed since the last build: templates/page.css"
    (root / "seeds/extra.txt").unlink()
    assert run_build(root, capsys)[0] == "Changed since the last build: seeds/extra.txt (removed)"


def test_an_output_changed_or_deleted_since_is_built_again(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    (root / "build/briefing.pdf").write_bytes(b"%PDF-1.7 damaged")
    assert run_build(root, capsys)[-1].startswith("Wrote ")
    (root / "build/briefing.html").unlink()
    assert run_build(root, capsys)[-1].startswith("Wrote ")
    assert (root / "build/briefing.html").is_file()
    assert run_build(root, capsys)[0].startswith("Up to date: ")


def test_a_forged_pdf_with_a_forged_record_is_built_again(make_project, capsys):
    """A project received with its build/ folder cannot pass a PDF off as its build: the
    record carries this user's seal, which a forger cannot make."""
    root = make_project()
    run_build(root, capsys)
    forged = b"%PDF-1.7 forged"
    (root / "build/briefing.pdf").write_bytes(forged)
    records = json.loads((root / "build/.cache.json").read_text(encoding="utf-8"))
    records["briefing"]["outputs"]["briefing.pdf"] = hashlib.sha256(forged).hexdigest()
    (root / "build/.cache.json").write_text(json.dumps(records), encoding="utf-8")
    assert run_build(root, capsys)[-1].startswith("Wrote ")
    assert (root / "build/briefing.pdf").read_bytes() != forged
    assert run_build(root, capsys)[0].startswith("Up to date: ")


def test_the_recipients_file_does_not_invalidate_the_build(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    (root / "report/recipients.yaml").write_text("recipients: []\n")
    assert run_build(root, capsys)[0].startswith("Up to date: ")


def test_a_failed_build_keeps_the_last_good_record(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    record = (root / "build/.cache.json").read_text()
    summaries = root / "report/summaries.yaml"
    good = summaries.read_text()
    summaries.write_text(good.replace("the council closed", "the mayor closed"))
    assert main(["build", "-q", str(root)]) == 1
    capsys.readouterr()
    assert (root / "build/.cache.json").read_text() == record
    summaries.write_text(good)
    assert run_build(root, capsys)[0].startswith("Up to date: ")


def test_the_key_covers_software_fonts_and_options(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    data = json.loads((root / "build/.cache.json").read_text())["briefing"]
    inputs = data["inputs"]
    assert inputs["software"]["weasyprint"] == "70.0"
    assert inputs["software"]["pypdf"] == "7.1.0"
    assert inputs["software"]["reportgen"].startswith("0.1.0 ")
    assert any(name.endswith("NotoSerif-Regular.ttf") for name in inputs["fonts"])
    assert all(value != "missing" for value in inputs["fonts"].values())
    assert set(data["outputs"]) == {"briefing.pdf", "briefing.html"}

    record = cache.read_record(root / "build", "briefing")
    options = asdict(BuildOptions())
    same = cache.current_inputs(root, options, record)
    assert cache.is_up_to_date(record, same, root / "build")
    with_option = cache.current_inputs(root, {**options, "archival": True}, record)
    assert not cache.is_up_to_date(record, with_option, root / "build")
    assert with_option.changes_since(record.inputs) == ["build options"]
    # Without a record the font files are left to resolve, once the build is under way.
    unresolved = cache.current_inputs(root, options, None)
    assert unresolved.fonts is None and not cache.is_up_to_date(None, unresolved, root / "build")
    assert cache.with_fonts(unresolved, root).fonts == record.inputs.fonts == same.fonts


def test_fonts_are_those_fontconfig_gives_for_the_named_families(make_project):
    root = make_project()
    assert {"Noto Serif", "Noto Sans Myanmar", "Noto Sans Thai", "Noto Sans"} <= set(
        fontfiles.named_families(root))
    names = [path.rsplit("/", 1)[-1] for path in fontfiles.resolve_font_files(root)]
    assert {"NotoSerif-Regular.ttf", "NotoSansMyanmar-Regular.ttf", "NotoSansThai-Regular.ttf",
            "NotoSans-Bold.ttf"} <= set(names)


def test_an_up_to_date_build_loads_no_rendering_library(make_project, capsys):
    root = make_project()
    run_build(root, capsys)
    probe = ("import sys; from reportgen.cli import main; status = main(['build', '-q', "
             f"{str(root)!r}]); heavy = ['weasyprint', 'pypdf', 'jinja2', 'babel', 'yaml']; "
             "print(status, [m for m in heavy if m in sys.modules])")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout == "0 []\n", result.stderr


def test_a_change_to_the_code_of_any_sub_package_changes_the_key(tmp_path, monkeypatch):
    copy = tmp_path / "reportgen"
    shutil.copytree(cache.PACKAGE_FOLDER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "PACKAGE_FOLDER", copy)
    before = cache.software()["reportgen"]
    with (copy / "sections" / "chronology.py").open("a") as module:
        module.write("\n# a change deep in the package\n")
    assert cache.software()["reportgen"] != before


def test_without_a_place_for_its_key_each_run_builds_and_trusts_nothing_kept(make_project,
                                                                             tmp_path):
    root = make_project()
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    environment = {**os.environ, "XDG_CACHE_HOME": str(blocked)}

    def build_once() -> str:
        done = subprocess.run([sys.executable, "-m", "reportgen", "build", str(root)],
                              capture_output=True, text=True, env=environment, check=False)
        assert done.returncode == 0, done.stderr
        return done.stderr.splitlines()[-1]

    assert build_once().startswith("Wrote ")
    assert build_once().startswith("Wrote ")
