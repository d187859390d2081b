"""`reportgen check` is a pre-flight: everything a build can fail on, in one run, unrendered.

A theme with an unknown key, a font that is not installed and a country code that does
not exist are three problems of three files; check reports them together, without
loading the renderer or writing anything.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).parent / "projects" / "bassin-orvane"

THEME = """\
stylesheets: [extra.css]
colours: dark
fonts:
  - language: fr
    families: [Noto Serf]
"""

# Runs check in a fresh interpreter, then says whether the renderer was ever imported.
CHECK = """\
import sys
from reportgen.cli import main
status = main(["check", sys.argv[1]])
print(status, "weasyprint" in sys.modules)
"""


def broken_copy(tmp_path: Path) -> Path:
    root = tmp_path / "bassin-orvane"
    shutil.copytree(PROJECT, root, ignore=shutil.ignore_patterns("build"))
    (root / "templates").mkdir()
    (root / "templates" / "theme.yaml").write_text(THEME, encoding="utf-8")
    (root / "templates" / "extra.css").write_text("h1 { color: black }\n", encoding="utf-8")
    actors = root / "report" / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("code: CH", "code: UK"),
                      encoding="utf-8")
    return root


def test_check_reports_theme_font_and_country_code_together_without_rendering(tmp_path):
    root = broken_copy(tmp_path)
    result = subprocess.run([sys.executable, "-c", CHECK, str(root)], capture_output=True,
                            text=True, check=False)
    assert result.stdout == "1 False\n"
    assert result.stderr.split("\n", 1)[1] == (
        "report/actors.yaml:75:5: 'UK' is not an ISO 3166 country code\n"
        "    Give the two-letter code (e.g. TH for Thailand, KP for North Korea), or for an "
        "actor that is not a country, its 'name' instead.\n"
        "templates/theme.yaml:2:1: unknown key 'colours' in this theme\n"
        "    The keys a theme takes: template, stylesheets, fonts.\n"
        "templates/theme.yaml:4:5: the font Noto Serf, set for French (fr) text, is not "
        "installed: fontconfig puts Noto Sans in its place\n"
        "    Install a font package that provides it, or correct the name for 'fr' in "
        "templates/theme.yaml ('fc-list : family' lists the installed fonts).\n")
    assert result.stderr.startswith("reportgen: 3 problems found (no output was changed):\n")
    assert not (root / "build").exists()


def test_a_family_that_is_not_a_name_is_reported_once(tmp_path):
    root = broken_copy(tmp_path)
    (root / "templates" / "theme.yaml").write_text(
        THEME.replace("colours: dark\n", "").replace("Noto Serf", "'x; src: url(/etc/passwd)'"),
        encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "reportgen", "check", "-q", str(root)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.count("templates/theme.yaml") == 1
    assert "templates/theme.yaml:3:5: 'x; src: url(/etc/passwd)' is not a font family name" in (
        result.stderr)
