"""The command line as editors use it: help, exit statuses, messages on stderr."""

from __future__ import annotations

import pytest

from .conftest import copy_briefing, reportgen


@pytest.mark.parametrize("command, options", [
    ("build", ""), ("check", " [--coverage]"), ("watch", ""), ("release", ""), ("distribute", ""),
    ("translations update", ""), ("translations status", ""), ("fonts", " [--packages]"),
    ("add-source", " FILE"), ("import-sources", " LIBRARY")])
def test_each_command_has_help(command, options):
    result = reportgen(*command.split(), "--help")
    assert result.returncode == 0
    usage = " ".join(result.stdout.split("\n\n")[0].split())
    assert usage.startswith(f"usage: reportgen {command} [-h] [-q]")
    assert usage.endswith(" [PROJECT_DIR]")
    assert options in usage


def test_init_has_help():
    result = reportgen("init", "--help")
    assert result.returncode == 0
    assert " ".join(result.stdout.split("\n\n")[0].split()) == (
        "usage: reportgen init [-h] [--language LANG] [--inserts LANG,LANG] [-q] PROJECT_DIR")


def test_top_level_help_lists_commands_and_exit_statuses():
    result = reportgen("--help")
    assert result.returncode == 0
    assert "build" in result.stdout and "check" in result.stdout
    assert "Exit status: 0 success, 1 errors in the content, 2 wrong usage." in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert reportgen("frobnicate").returncode == 2
    result = reportgen("check", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr == (f"reportgen: {tmp_path} is not a reportgen project: it has no "
                             "report/report.yaml. Give the folder that holds report/ and seeds/.\n")


def test_check_passes_on_the_briefing_and_reports_progress(tmp_path):
    root = copy_briefing(tmp_path)
    result = reportgen("check", str(root))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith("[1/3] Loading content … ")
    assert lines[1].startswith("[2/3] Verifying ")
    assert lines[2].startswith("[3/3] Checking templates, fonts and glyphs … ")
    assert lines[3].startswith("All good: ")
    assert not (root / "build").exists()


def test_a_quote_changed_to_words_not_in_the_source_fails_check(tmp_path):
    root = copy_briefing(tmp_path)
    summaries = root / "report/summaries.yaml"
    lines = summaries.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1)
                  if "the army currently has about 150,000 troops" in line)
    lines[number - 1] = lines[number - 1].replace("150,000 troops", "250,000 soldiers")
    summaries.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = reportgen("check", "-q", str(root))
    assert result.returncode == 1
    first, second, *_ = result.stderr.splitlines()[1:]
    assert first.startswith(f"report/summaries.yaml:{number}:")
    assert "the quote is not in source 'o1027-article-2023'" in first
    assert "250,000 soldiers" in first
    assert "the army currently has about 150,000 troops" in second
