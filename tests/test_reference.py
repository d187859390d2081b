"""The README's reference of the content files' fields is the model's, and current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reportgen.reference import field_reference
from reportgen.sections.registry import LISTED

REPO = Path(__file__).resolve().parents[1]


def test_the_readme_reference_is_current():
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "field-reference"),
                             "--check"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, "run scripts/field-reference to bring README.md up to date"


def test_the_reference_names_every_kind_of_section_and_its_keys():
    reference = field_reference()
    assert all(f"`{kind}`" in reference for kind in LISTED)
    assert "#### The narrative section: `report/NAME.yaml`" in reference
    assert "| `as-of` | the date the status is reported for | optional |" in reference
    assert "| `text` | the exact words, copied from the source | required |" in reference
