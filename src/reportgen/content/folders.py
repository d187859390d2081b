"""Where things are in a project folder: every path the tool knows, named once.

Imported by the build cache before anything else runs, so it imports nothing heavy.
"""

from __future__ import annotations

from pathlib import Path

REPORT = Path("report")
SEEDS = Path("seeds")
TEMPLATES = Path("templates")
OUTPUT = Path("build")

REPORT_FILE = REPORT / "report.yaml"
SOURCES_FILE = REPORT / "sources.yaml"
CATALOGS = REPORT / "translations"
EDITIONS = REPORT / "editions"
RECIPIENTS_FILE = REPORT / "recipients.yaml"
PASSWORDS_FILE = REPORT / "recipient-passwords.yaml"
THEME_FILE = TEMPLATES / "theme.yaml"
SEEDS_NOTE = SEEDS / "README.txt"  # what `reportgen init` says goes in seeds/

# reportgen's own theme (templates, stylesheets, theme.yaml) and message catalogs.
BUILT_IN_THEME = Path(__file__).resolve().parents[1] / "theme"
LOCALE = Path(__file__).resolve().parents[1] / "locale"

# What a build reads: every file under these folders, except the distribution files,
# which only `distribute` reads.
INPUT_FOLDERS = (REPORT, SEEDS, TEMPLATES)
DISTRIBUTION_FILES = frozenset({RECIPIENTS_FILE, PASSWORDS_FILE})
