"""Stale translations: catalogs follow the English, status counts them, check and build say so."""

from __future__ import annotations

import re
import subprocess

from reportgen import build
from reportgen.cli import main
from reportgen.progress import Progress

from .conftest import MINIMAL, copy_briefing
from .pdfread import page_texts

WITH_INSERTS = {"report/report.yaml": MINIMAL["report/report.yaml"] + "translations: [th, id]\n"}
SUMMARY = "A flood closed the bridge and hurt trade."
EDITED = "A flood closed the old bridge and hurt trade."


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def translate_everything(root) -> None:
    """Stand in for a translator: give every entry of each catalog a translation."""
    for language in ("th", "id"):
        path = root / f"report/translations/{language}.po"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r'msgid "(.+)"\nmsgstr ""', rf'msgid "\1"\nmsgstr "[{language}] \1"', text)
        path.write_text(text.replace("# Status: not yet translated", "# Status: reviewed"),
                        encoding="utf-8")


def edit_summary(root) -> None:
    path = root / "report/executive-summary.yaml"
    path.write_text(path.read_text().replace(SUMMARY, EDITED))


def test_update_creates_missing_catalogs_with_every_english_text(make_project, capsys):
    root = make_project(WITH_INSERTS)
    status, _, err = run(capsys, "check", "-q", str(root))
    assert status == 1 and "there is no catalog for the language 'th'" in err
    status, _, err = run(capsys, "translations", "update", str(root))
    assert status == 0
    assert "report/translations/th.po: created, 6 entries to translate" in err
    th = (root / "report/translations/th.po").read_text(encoding="utf-8")
    assert th.startswith("# Thai (th) translation of what the briefing's translated inserts "
                         "print.\n# Status: not yet translated\n")
    for english in ("Executive summary", "Recommendations", SUMMARY,
                    "Reopen the bridge after inspection.", "Actors", "Aid"):
        assert f'msgid "{english}"\nmsgstr ""\n' in th
    status, out, _ = run(capsys, "translations", "status", str(root))
    assert out.splitlines() == [
        "language       translated  fuzzy  missing  catalog",
        "th Thai                 0      0        6  report/translations/th.po",
        "id Indonesian           0      0        6  report/translations/id.po"]


def test_a_changed_paragraph_becomes_fuzzy_in_every_catalog(make_project, capsys):
    root = make_project(WITH_INSERTS)
    run(capsys, "translations", "update", str(root))
    translate_everything(root)
    assert run(capsys, "translations", "status", str(root))[1].splitlines()[1:] == [
        "th Thai                 6      0        0  report/translations/th.po",
        "id Indonesian           6      0        0  report/translations/id.po"]
    edit_summary(root)
    status, _, err = run(capsys, "translations", "update", str(root))
    assert "report/translations/id.po: 1 marked fuzzy, 0 new, 0 no longer used" in err
    th = (root / "report/translations/th.po").read_text(encoding="utf-8")
    assert (f'#, fuzzy\n#| msgid "{SUMMARY}"\nmsgid "{EDITED}"\nmsgstr "[th] {SUMMARY}"\n') in th
    assert "\n# Status: reviewed\n" in th
    assert run(capsys, "translations", "status", str(root))[1].splitlines()[1:] == [
        "th Thai                 5      1        0  report/translations/th.po",
        "id Indonesian           5      1        0  report/translations/id.po"]


def test_update_leaves_an_unchanged_catalog_byte_for_byte(make_project, capsys):
    root = make_project(WITH_INSERTS)
    run(capsys, "translations", "update", str(root))
    translate_everything(root)
    before = (root / "report/translations/th.po").read_bytes()
    status, _, err = run(capsys, "translations", "update", str(root))
    assert "report/translations/th.po: already up to date" in err
    assert err.splitlines()[-1].startswith("All 2 catalogs were already up to date")
    assert (root / "report/translations/th.po").read_bytes() == before


def test_check_warns_about_stale_entries_and_strict_fails(make_project, capsys):
    root = make_project(WITH_INSERTS)
    run(capsys, "translations", "update", str(root))
    translate_everything(root)
    edit_summary(root)
    run(capsys, "translations", "update", str(root))
    line = (root / "report/translations/th.po").read_text().splitlines().index(
        f'msgid "{EDITED}"') + 1
    message = (f"report/translations/th.po:{line}: the translation of “{EDITED}” is marked "
               "fuzzy: the English has changed since it was translated\n"
               "    Bring the translation up to date, then delete the '#, fuzzy' line.")
    status, _, err = run(capsys, "check", str(root))
    assert status == 0
    assert f"warning: {message}" in err
    assert "; 2 warnings, listed above (--strict makes those of the translations errors)" in err.splitlines()[-1]
    status, _, err = run(capsys, "check", "--strict", "-q", str(root))
    assert status == 1
    assert err.splitlines()[0] == "reportgen: 2 problems found (no output was changed):"
    assert message in err


def test_the_insert_marks_a_fuzzy_entry_and_falls_back_for_a_missing_one(make_project, capsys):
    root = make_project(WITH_INSERTS)
    run(capsys, "translations", "update", str(root))
    translate_everything(root)
    edit_summary(root)
    run(capsys, "translations", "update", str(root))
    path = root / "report/translations/id.po"
    path.write_text(path.read_text().replace(
        'msgstr "[id] Reopen the bridge after inspection."', 'msgstr ""'))
    build.build(root, Progress(build.BUILD_STEPS, None))
    text = " ".join(" ".join(page_texts(root / "build/briefing.pdf")).split())
    assert f"[th] {SUMMARY} [translation not yet updated]" in text
    assert f"[id] {SUMMARY} [translation not yet updated]" in text
    assert "Reopen the bridge after inspection. [not yet translated: original text]" in text
    assert "[th] Reopen the bridge after inspection." in text


def test_must_show_an_edited_summary_paragraph_is_fuzzy_in_all_four_languages(tmp_path, capsys):
    root = copy_briefing(tmp_path)
    path = root / "report/executive-summary.yaml"
    text = path.read_text()
    assert "jailed more than" in text
    path.write_text(text.replace("jailed more than", "imprisoned more than", 1))
    assert run(capsys, "translations", "update", "-q", str(root))[0] == 0
    status, out, _ = run(capsys, "translations", "status", str(root))
    rows = [line.split() for line in out.splitlines()[1:]]
    assert [(row[0], row[-3], row[-2]) for row in rows] == [
        ("my", "1", "0"), ("th", "1", "0"), ("id", "1", "0"), ("ms", "1", "0")]
    assert run(capsys, "build", "-q", str(root))[0] == 0
    text = "".join(page_texts(root / "build/briefing.pdf"))
    assert len(re.findall(r"\[translation\s+not\s+yet\s+updated\]", text)) == 4


def test_updating_the_briefing_keeps_every_translation_current(tmp_path, capsys):
    root = copy_briefing(tmp_path)
    before = {path.name: path.read_text() for path in (root / "report/translations").glob("*.po")}
    assert run(capsys, "translations", "update", "-q", str(root))[0] == 0
    after = {path.name: path.read_text() for path in (root / "report/translations").glob("*.po")}
    # Everything the inserts print is in the template: nothing was left over as obsolete.
    assert after == before
    status, out, _ = run(capsys, "translations", "status", str(root))
    rows = [line.split() for line in out.splitlines()[1:]]
    assert {(row[0], row[-3], row[-2]) for row in rows} == {
        (lang, "0", "0") for lang in ("my", "th", "id", "ms")}


def test_a_long_changed_paragraph_leaves_a_catalog_gnu_msgfmt_accepts(make_project, capsys):
    """The previous text of a fuzzy entry stays one quoted string, however long."""
    long_summary = SUMMARY + " " + "The council met again and again to discuss it. " * 4
    files = {**WITH_INSERTS, "report/executive-summary.yaml": MINIMAL[
        "report/executive-summary.yaml"].replace(SUMMARY, long_summary.strip())}
    root = make_project(files)
    run(capsys, "translations", "update", str(root))
    translate_everything(root)
    path = root / "report/executive-summary.yaml"
    path.write_text(path.read_text().replace("met again", "met once more"))
    run(capsys, "translations", "update", str(root))
    th = root / "report/translations/th.po"
    assert f'#| msgid "{long_summary.strip()}"\n' in th.read_text(encoding="utf-8")
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(th)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr  # warnings about header dates aside
