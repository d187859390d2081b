"""Burmese text in the Zawgyi encoding is an error naming its file and line; Unicode is not."""

from __future__ import annotations

import pytest

from reportgen import cli
from reportgen.content.zawgyi import is_zawgyi

from .conftest import REPO
from .test_bad_input import BURMESE_CATALOG, ZAWGYI

# The same words, as Unicode and as Zawgyi text (Universal Declaration of Human Rights,
# its title and article 1).
UNICODE_LINES = ["လူ့အခွင့်အရေး ကမ္ဘာ့ ကြေညာစာတမ်း",
                 "လူတိုင်းသည် တူညီ လွတ်လပ်သော ဂုဏ်သိက္ခာ ဖြင့် လည်းကောင်း"]
ZAWGYI_LINES = ["အျပည္ျပည္ဆိုင္ရာ လူ႔အခြင့္အေရး ေၾကညာစာတမ္း", ZAWGYI, "ျမန္မာ Myanmar 2021"]


@pytest.mark.parametrize("line", ZAWGYI_LINES)
def test_zawgyi_lines_are_found(line):
    assert is_zawgyi(line)


@pytest.mark.parametrize("line", [*UNICODE_LINES, "Myanmar", ""])
def test_unicode_burmese_and_other_text_are_not(line):
    assert not is_zawgyi(line)


def test_the_example_briefings_burmese_catalog_is_unicode():
    lines = (REPO / "report/translations/my.po").read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if "\u1000" <= line[-1:] <= "\u109f" or "ြ" in line) > 10
    assert [line for line in lines if is_zawgyi(line)] == []


def test_check_names_the_catalog_and_line_of_zawgyi_text(make_project, capsys):
    root = make_project({"report/translations/my.po": BURMESE_CATALOG})
    with (root / "report/report.yaml").open("a", encoding="utf-8") as stream:
        stream.write("translations: [my]\n")
    assert cli.main(["check", "-q", str(root)]) == 1
    assert capsys.readouterr().err.splitlines()[1] == (
        "report/translations/my.po:10: the Burmese text of this line is in the Zawgyi "
        "encoding, not Unicode")


def test_zawgyi_in_content_and_in_a_seed_is_found_too(make_project, capsys):
    root = make_project()
    chronology = root / "report/chronology.yaml"
    chronology.write_text(chronology.read_text().replace(
        "title: The river rises", f"title: The river rises {ZAWGYI}"), encoding="utf-8")
    with (root / "seeds/gazette.txt").open("a", encoding="utf-8") as stream:
        stream.write(f"\n{ZAWGYI}\n\n{ZAWGYI_LINES[0]}\n")
    assert cli.main(["check", "-q", str(root)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert [line for line in lines if "Zawgyi encoding" in line] == [
        "report/chronology.yaml:8: the Burmese text of this line is in the Zawgyi encoding, "
        "not Unicode",
        "seeds/gazette.txt:12: the Burmese text of this line (and 1 more line) is in the "
        "Zawgyi encoding, not Unicode"]
