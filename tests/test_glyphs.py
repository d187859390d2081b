"""The missing-glyph preflight: a character no chosen font has fails the build, by name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import build
from reportgen.errors import ContentError, RenderError
from reportgen.progress import Progress
from reportgen.render.fontadvice import describe, language_name, suggested_package

from .conftest import own_copy, write_files
from .pdfread import fonts

QUIET = Progress(build.BUILD_STEPS, None)

BURMESE = {
    "report/report.yaml": """\
        title: Test briefing
        edition: 2
        date: 2024-05-06
        publisher: Test Desk
        language: en
        translations: [my]
        """,
    "report/translations/my.po": """\
        # Status: test translation
        msgid ""
        msgstr ""
        "Language: my\\n"
        "Content-Type: text/plain; charset=utf-8\\n"

        msgid "Executive summary"
        msgstr "အနှစ်ချုပ်"

        msgid "Recommendations"
        msgstr "အကြံပြုချက်များ"

        msgid "A flood closed the bridge and hurt trade."
        msgstr "ရေကြီးမှုကြောင့် တံတားပိတ်ခဲ့ပြီး ကုန်သွယ်မှု ထိခိုက်ခဲ့သည်။"

        msgid "Reopen the bridge after inspection."
        msgstr "စစ်ဆေးပြီးနောက် တံတားကို ပြန်ဖွင့်ရန်။"
        """,
}


def theme_with(root: Path, language: str, families: str) -> None:
    """The project's own font choice for a language, in its templates/theme.yaml."""
    write_files(root, {"templates/theme.yaml": f"""\
        fonts:
          - language: {language}
            families: {families}
        """})


def test_burmese_insert_builds_in_its_fonts(make_project):
    outputs = build.build(make_project(BURMESE), QUIET)
    names = [font["name"] for font in fonts(outputs.pdf)]
    assert any("Noto-Sans-Myanmar" in name for name in names)


def test_pointing_burmese_at_a_font_without_it_names_the_character_and_the_fix(make_project):
    root = make_project(BURMESE)
    theme_with(root, "my", "[Noto Serif]")
    with pytest.raises(ContentError) as caught:
        build.build(root, QUIET)
    assert str(caught.value) == (
        "report/translations/my.po:11:10: no glyph for “က” (U+1000 MYANMAR LETTER KA) and 34 "
        "other characters in the fonts set for this Burmese (my) text, \"Noto Serif\" "
        "(“အကြံပြုချက်များ”)\n"
        "    Noto Sans Myanmar (Debian package fonts-noto-core) has it: list it for 'my' in "
        "templates/theme.yaml, or remove the character.")
    assert not (root / "build/briefing.pdf").exists()


FONTS_WITHOUT_BURMESE = """\
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont><rejectfont><glob>*Myanmar*</glob></rejectfont></selectfont>
</fontconfig>
"""


def test_removing_the_burmese_font_fails_the_build_naming_the_package(make_project, tmp_path):
    root = make_project(BURMESE)
    config = tmp_path / "fonts.conf"
    config.write_text(FONTS_WITHOUT_BURMESE)
    result = subprocess.run([sys.executable, "-m", "reportgen", "build", "-q", str(root)],
                            capture_output=True, text=True,
                            env={**os.environ, "FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert result.stderr == (
        "reportgen: 1 problem found (no output was changed):\n"
        "(built-in theme)/theme.yaml:40:5: the font Noto Sans Myanmar, set for Burmese (my) "
        "text, is not installed: “က” (U+1000 MYANMAR LETTER KA) and 34 other characters would "
        "be drawn in another font or as an empty box (report/translations/my.po:11:10, "
        "“အကြံပြုချက်များ”)\n"
        "    Install it with the Debian package fonts-noto-core (apt-get install "
        "fonts-noto-core), or choose another font for 'my' in a 'fonts' entry of "
        "templates/theme.yaml (it replaces the built-in choice) ('fc-list : family' lists the "
        "installed fonts).\n")


def test_a_font_that_is_not_installed_fails_even_if_another_covers_the_text(make_project):
    root = make_project()
    theme_with(root, "default", "[Noto Serif Pro, Noto Serif]")
    with pytest.raises(ContentError) as caught:
        build.build(root, QUIET)
    [problem] = caught.value.problems
    assert str(problem.position) == "templates/theme.yaml:2:5"
    assert problem.message == ("the font Noto Serif Pro, set for English (en-GB) text, is not "
                               "installed: fontconfig puts Noto Sans in its place")


def test_a_character_no_installed_font_has_is_found_in_its_yaml_line(make_project):
    root = make_project({"report/chronology.yaml": """\
        events:
          - date: 2020-03-03
            title: The river rises at 🧿 bridge
            cite: {source: gazette, quote: the river rose two metres}
        """})
    with pytest.raises(ContentError) as caught:
        build.build(root, QUIET)
    assert str(caught.value) == (
        "report/chronology.yaml:3:31: no glyph for “🧿” (U+1F9FF NAZAR AMULET) in the fonts set "
        "for this English (en-GB) text, \"Noto Serif\", \"Noto Sans\" (“The river rises at 🧿 "
        "bridge”)\n"
        "    No installed font has it: install one that does (for emoji, Debian's "
        "fonts-noto-color-emoji), list it for 'default' in a 'fonts' entry of "
        "templates/theme.yaml (it replaces the built-in choice), or remove the character.")


def test_the_words_of_the_advice():
    assert describe("ก") == "“ก” (U+0E01 THAI CHARACTER KO KAI)"
    assert language_name("my") == "Burmese (my)"
    assert language_name("pt-BR") == "Portuguese (pt-BR)"
    assert language_name("xx-nonsense") == "xx-nonsense"
    assert suggested_package("😀") == "for emoji, Debian's fonts-noto-color-emoji"
    assert suggested_package("한") == "for this script, Debian's fonts-noto-cjk"


def test_a_stylesheet_font_without_the_script_is_caught_too(make_project):
    root = make_project(BURMESE)
    css = own_copy(root, "templates/inserts.css")
    css.write_text(css.read_text().replace(".translated h3 { font-family: var(--headings); }",
                                           ".translated h3 { font-family: 'Noto Sans'; }"))
    with pytest.raises(RenderError) as caught:
        build.build(root, QUIET)
    assert str(caught.value) == (
        "report/translations/my.po:11:10: no glyph for “က” (U+1000 MYANMAR LETTER KA) and 14 "
        "other characters in the fonts set for this Burmese (my) text, \"Noto Sans\" "
        "(PDF page 8: “အကြံပြုချက်များ”)\n"
        "    Noto Sans Myanmar (Debian package fonts-noto-core) has it: list it in the "
        "font-family that the stylesheets in templates/ set for this text, or remove the "
        "character.")
