"""The text layer: every word of the PDF is the word printed, read back with pdftotext and
pypdf, for the example briefing's inserts, an Arabic insert and sample paragraphs; and
nothing else about the PDF changes (pixels, tag tree, bytes of Latin text)."""

from __future__ import annotations

import hashlib
import io
import logging
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdf
import pytest
from babel.messages.pofile import read_po
from weasyprint import HTML

from reportgen import build
from reportgen.content.localize import expand
from reportgen.progress import Progress
from reportgen.render import internals, righttoleft, textlayer

from .conftest import MINIMAL
from .pdfread import inconsistent_widths

QUIET = Progress(build.BUILD_STEPS, None)
SAMPLES = {
    "my": ("Noto Sans Myanmar", "ltr",
           "ခုခံတော်လှန်ရေးသည် တိုင်းရင်းသားနယ်နိမိတ်များကို ဖြတ်ကျော်နေသည်။ "
           "အမျိုးသားညီညွတ်ရေးအစိုးရ (NUG) ကို ၂၀၂၁ ဧပြီ တွင် ဖွဲ့စည်းခဲ့သည်။ "
           "ပြည်သူ့ကာကွယ်ရေးတပ်များ တစ်နိုင်ငံလုံးတွင် ပေါ်ပေါက်လာခဲ့ပြီး "
           "တိုင်းရင်းသားလက်နက်ကိုင်အဖွဲ့အစည်းအချို့သည် အမျိုးသားညီညွတ်ရေးအစိုးရနှင့် "
           "မဟာမိတ်ဖွဲ့ခဲ့ကြသည်။ ရုရှား နှင့် တရုတ် တို့သည် စစ်ကောင်စီကို လက်နက်များနှင့် "
           "တရားဝင်မှု ထောက်ပံ့ပေးနေသည်။ ၂၀၂၁ မတ် တွင် ဂျပန်၊ အိန္ဒိယ၊ ရုရှား၊ တရုတ် နှင့် "
           "မြောက်ကိုရီးယား အပါအဝင် နိုင်ငံ ဆယ့်နှစ်နိုင်ငံသည် မြန်မာစစ်တပ်နှင့် "
           "စစ်ရေးလေ့ကျင့်မှု သို့မဟုတ် ပူးပေါင်းဆောင်ရွက်မှုတွင် ပါဝင်ခဲ့ကြပြီး "
           "မည်သည့်နိုင်ငံကမျှ ပွင့်လင်းမြင်သာမှု မရှိခဲ့ပါ။"),
    "th": ("Noto Sans Thai", "ltr",
           "การต่อต้านข้ามพ้นเส้นแบ่งทางชาติพันธุ์ รัฐบาลเอกภาพแห่งชาติ (National Unity "
           "Government) ก่อตั้งขึ้นเมื่อเดือนเมษายน 2021 กองกำลังป้องกันประชาชนเกิดขึ้นทั่วประเทศ "
           "และองค์กรติดอาวุธชาติพันธุ์บางกลุ่มได้เป็นพันธมิตรกับรัฐบาลเอกภาพแห่งชาติ "
           "ตามข้อมูลของกลุ่มติดอาวุธชาติพันธุ์ กองทัพสูญเสียที่มั่นทางทหารราวหนึ่งร้อยแห่ง "
           "และเมืองและหมู่บ้านราวห้าสิบแห่ง และมีผู้พลัดถิ่นมากกว่า 200,000 คน น้ำ ทำ ทา"),
    "ar": ("Noto Naskh Arabic", "rtl",
           "تعمل الحكومة على تحسين الطاقة المتجددة في جميع أنحاء البلاد، وقد أعلنت وزارة "
           "الاقتصاد عن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة. لا يزال الطريق طويلا، "
           "لكن المسؤولين يؤكدون أن النتائج الأولى مشجعة للغاية، وأن التعاون بين المؤسسات "
           "الحكومية والقطاع الخاص سيستمر في السنوات القادمة. وَقَالَ مُدِيرُ الْمَشْرُوعِ "
           "إِنَّ النَّتَائِجَ مُشَجِّعَةٌ جِدًّا، وَإِنَّ الْعَمَلَ سَيَسْتَمِرُّ يَوْمِيًّا."),
    "en": ("Noto Serif", "ltr",
           "The resistance crosses ethnic lines. The National Unity Government was formed "
           "in April 2021; people’s defence forces have sprung up across the country, and "
           "some ethnic armed organisations have allied with the National Unity Government. "
           "Perlawanan melintasi batas-batas etnis; ﬁnally “quoted” café — naïve fjord."),
}
# pdftotext wraps right-to-left lines in the first three itself; the others must not
# appear. A soft hyphen marks where hyphenation broke a word: not part of the word.
POPPLER_EMBEDDINGS = "\u202a\u202b\u202c"
OTHER_BIDI_CONTROLS = "\u061c\u200e\u200f\u202d\u202e\u2066\u2067\u2068\u2069"
NOT_IN_WORDS = dict.fromkeys(map(ord, POPPLER_EMBEDDINGS + textlayer.SOFT_HYPHEN))
ACTUAL_TEXT = re.compile(rb"/Span <</ActualText <([0-9a-f]*)>>> BDC")


def html(language: str) -> str:
    """A one-paragraph A5 document in the sample's language and font."""
    family, direction, text = SAMPLES[language]
    return (f'<html lang="en"><head><style>@page {{ size: A5; margin: 15mm }} '
            f'body {{ font-size: 11pt }}</style></head><body>'
            f'<p lang="{language}" dir="{direction}" style="font-family: {family}">{text}</p>'
            f'</body></html>')


def render(source: str, corrected: bool = True) -> bytes:
    """The tagged PDF/UA-1 WeasyPrint writes, with or without the corrected text layer."""
    def write() -> bytes:
        document = HTML(string=source).render(pdf_tags=True)
        return document.write_pdf(pdf_tags=True, pdf_variant="pdf/ua-1",
                                   pdf_identifier=b"text-layer-tests")
    if not corrected:
        return write()
    with internals.text_layer():
        return write()


def pdftotext(pdf: bytes | Path, tmp_path: Path, *options: str) -> str:
    """The text poppler's pdftotext extracts."""
    if isinstance(pdf, bytes):
        path = tmp_path / f"{hashlib.sha256(pdf).hexdigest()[:12]}.pdf"
        path.write_bytes(pdf)
        pdf = path
    return subprocess.run(["pdftotext", *options, "-enc", "UTF-8", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def pypdf_text(pdf: bytes | Path, pages: range | None = None) -> str:
    """The text pypdf extracts."""
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return "\n".join(reader.pages[i].extract_text() for i in pages or range(len(reader.pages)))


def words(text: str) -> list[str]:
    """The text's words, without the punctuation around them."""
    stripped = (word.strip("".join(c for c in word if unicodedata.category(c)[0] in "PS"))
                for word in text.split())
    return [word for word in stripped if word]


def missing(expected: list[str], extracted: str) -> list[str]:
    """The words not found in the extracted text, its lines joined, spaces kept."""
    flat = re.sub(r"\s+", " ", extracted.translate(NOT_IN_WORDS).replace("\n", ""))
    return [word for word in expected if word not in flat]


def share_found(text: str, extracted: str) -> float:
    """The share of text's words found in extracted."""
    return 1 - len(missing(words(text), extracted)) / len(words(text))


@pytest.fixture(scope="module")
def pdfs() -> dict[str, dict[str, bytes]]:
    """Each sample rendered before and after."""
    return {language: {"before": render(html(language), False),
                       "after": render(html(language))} for language in SAMPLES}


def content_streams(pdf: bytes) -> list[bytes]:
    """The decoded content stream of each page."""
    return [page.get_contents().get_data() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def fonts(pdf: bytes) -> dict[str, pypdf.generic.DictionaryObject]:
    """The Type 0 fonts of the PDF by resource name."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {name: font.get_object() for page in reader.pages
            for name, font in page["/Resources"]["/Font"].items()}


def to_unicode(font: pypdf.generic.DictionaryObject) -> dict[int, str]:
    """A font's ToUnicode bfchar entries."""
    data = font["/ToUnicode"].get_object().get_data()
    entries = b"".join(re.findall(rb"beginbfchar(.*?)endbfchar", data, re.DOTALL))
    return {int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be")
            for code, text in re.findall(rb"<([0-9a-f]{4})> <([0-9a-f]*)>", entries)}


def pixels(pdf: bytes | Path, tmp_path: Path, name: str) -> list[bytes]:
    """Each page rendered by pdftoppm at 80 dpi, as RGB pixels."""
    from PIL import Image
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf if isinstance(pdf, bytes) else pdf.read_bytes())
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(path), str(tmp_path / name)],
                   check=True)
    pages = []
    for png in sorted(tmp_path.glob(f"{name}-*.png")):
        with Image.open(png) as image:
            pages.append(image.convert("RGB").tobytes())
    return pages


# The example briefing: the words of each catalog, as printed, come back from its insert.

def insert_pages(pdf: Path) -> dict[str, range]:
    """Each insert's pages (0-based, from the outline) by language, and the English body's."""
    reader = pypdf.PdfReader(pdf)
    top = {item.title: reader.get_destination_page_number(item)
           for item in reader.outline if not isinstance(item, list)}
    inserts = next(item for item in reversed(reader.outline) if isinstance(item, list))
    starts = [reader.get_destination_page_number(item) for item in inserts]
    end = min(page for page in top.values() if page > starts[-1])
    languages = ["my", "th", "id", "ms"]
    pages = {language: range(first, max(last, first + 1)) for language, first, last
             in zip(languages, starts, [*starts[1:], end], strict=True)}
    return {**pages, "en": range(0, top["Translated summaries"])}


def catalog_words(root: Path, language: str, english: bool = False) -> list[str]:
    """The words of a catalog's translations, placeholders filled in (or its English)."""
    with open(root / "report/translations" / f"{language}.po", "rb") as file:
        catalog = read_po(file, locale=language)
    return [word for message in catalog if message.id and (english or message.string)
            for word in words(message.id if english else expand(message.string, language))]


@pytest.fixture(scope="module")
def briefing_words(briefing: Path) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Per language: the catalog's words, and the insert's text by extractor."""
    pdf = briefing / "build/briefing.pdf"
    result = {}
    for language, pages in insert_pages(pdf).items():
        expected = catalog_words(briefing, "my" if language == "en" else language,
                                 english=language == "en")
        poppler = ["-f", str(pages.start + 1), "-l", str(pages.stop)]
        result[language] = (expected, {
            "pdftotext": pdftotext(pdf, briefing, *poppler),
            "pdftotext -raw": pdftotext(pdf, briefing, "-raw", *poppler),
            "pypdf": pypdf_text(pdf, pages)})
    return result


# Where poppler's reading order, not the text layer, loses a word: in the Thai insert's
# table, the label cells' lines are further apart (line-height 1.7) than pdftotext joins
# into one block (1.5 times the font size), and the country names printed level with the
# label's first line are read before its second line. Its -raw mode, which keeps the
# order the text is drawn in, reads them (checked below).
POPPLER_READING_ORDER = {
    ("th", "pdftotext"): {"การเป็นเจ้าภาพการประชุมหรือการเยือนของรัฐบาลทหาร",
                          "การคว่ำบาตรหรือการเรียกร้องให้เปลี่ยนแปลง"},
}


@pytest.mark.parametrize("language", ["my", "th", "id", "ms", "en"])
@pytest.mark.parametrize("extractor", ["pdftotext", "pdftotext -raw", "pypdf"])
def test_the_briefing_inserts_read_back_as_their_catalogs(briefing_words, language, extractor):
    expected, texts = briefing_words[language]
    known = POPPLER_READING_ORDER.get((language, extractor), set())
    lost = [word for word in missing(expected, texts[extractor]) if word not in known]
    assert 1 - len(lost) / len(expected) >= 0.99, lost


@pytest.fixture(scope="module")
def arabic(tmp_path_factory) -> Path:
    """A briefing with an Arabic insert, set in Noto Naskh Arabic, built."""
    from .conftest import write_files
    root = tmp_path_factory.mktemp("arabic")
    summary = MINIMAL["report/executive-summary.yaml"].replace(
        "- text: A flood closed the bridge and hurt trade.", f"- text: {ARABIC_SUMMARY[0]}")
    entries = "".join(f'msgid "{english}"\nmsgstr "{arabic}"\n\n'
                      for english, arabic in ARABIC.items())
    write_files(root, {
        **MINIMAL,
        "report/report.yaml": MINIMAL["report/report.yaml"] + "translations: [ar]\n",
        "report/executive-summary.yaml": summary,
        "report/translations/ar.po": f'# Status: draft\nmsgid ""\nmsgstr ""\n'
                                     f'"Language: ar\\n"\n'
                                     f'"Content-Type: text/plain; charset=utf-8\\n"\n\n{entries}',
        "templates/theme.yaml": "fonts:\n  - language: ar\n    families: [Noto Naskh Arabic, "
                                "Noto Sans]\n    package: fonts-noto-core\n"})
    build.build(root, QUIET)
    return root


ARABIC_SUMMARY = (
    "A flood closed the bridge and hurt trade. The council says the river rose two metres on "
    "3 March 2020, and traders on the east bank lost much of their income in the first week; "
    "the mayor promised to reopen the bridge once engineers had inspected every pier.",
    "أغلق فيضان الجسر وألحق الضرر بالتجارة. يقول المجلس إن النهر ارتفع مترين في "
    "{date:2020-03-03}، وإن التجار على الضفة الشرقية فقدوا جزءا كبيرا من دخلهم في الأسبوع "
    "الأول؛ ووعد رئيس البلدية بإعادة فتح الجسر بعد أن يفحص المهندسون كل دعامة. لا يزال "
    "الطريق طويلا، لكن المسؤولين يؤكدون أن التعاون بين المؤسسات الحكومية والقطاع الخاص "
    "سيستمر في السنوات القادمة، وأن {country:FR} أرسلت مهندسين للمساعدة.")
ARABIC = {
    "Executive summary": "الملخص التنفيذي",
    ARABIC_SUMMARY[0]: ARABIC_SUMMARY[1],
    "Recommendations": "التوصيات",
    "Reopen the bridge after inspection.": "إعادة فتح الجسر بعد الفحص الكامل لجميع الدعامات.",
    "Actors": "الجهات الفاعلة",
    "Aid": "المساعدات",
}


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_an_arabic_insert_reads_back_in_logical_order(arabic, tmp_path, extractor):
    pdf = arabic / "build/briefing.pdf"
    pages = insert_pages_of_one(pdf)
    if extractor == "pdftotext":
        text = pdftotext(pdf, tmp_path, "-f", str(pages.start + 1), "-l", str(pages.stop))
    else:
        text = pypdf_text(pdf, pages)
        assert not set(POPPLER_EMBEDDINGS) & set(text)
    assert not set(OTHER_BIDI_CONTROLS) & set(text)
    expected = [word for arabic_text in ARABIC.values() for word in words(expand(arabic_text,
                                                                                 "ar"))]
    lost = missing(expected, text)
    assert 1 - len(lost) / len(expected) >= 0.99, lost


def insert_pages_of_one(pdf: Path) -> range:
    reader = pypdf.PdfReader(pdf)
    first = next(reader.get_destination_page_number(item) for item in reader.outline
                 if not isinstance(item, list) and item.title == "Translated summaries")
    return range(first, first + 1)


# Sample paragraphs: round trips, exact words, and what must not change.

@pytest.mark.parametrize("language", SAMPLES)
@pytest.mark.parametrize("extractor", ["pdftotext", "pypdf"])
def test_round_trip(pdfs, tmp_path, language, extractor):
    """At least 99 % of each sample's words come back, spaces inside words included."""
    pdf = pdfs[language]["after"]
    text = pdftotext(pdf, tmp_path) if extractor == "pdftotext" else pypdf_text(pdf)
    assert share_found(SAMPLES[language][2], text) >= 0.99


def test_complex_scripts_exact(tmp_path):
    """The words WeasyPrint 70 gets wrong come back exactly, through both extractors."""
    source = ('<p lang="my" style="font-family: Noto Sans Myanmar">မြန်မာ မ တို့သည်</p>'
              '<p lang="th" style="font-family: Noto Sans Thai">ทำ น้ำ ทา</p>')
    pdf = render(source)
    assert pdftotext(pdf, tmp_path).split() == ["မြန်မာ", "မ", "တို့သည်", "ทำ", "น้ำ", "ทา"]
    assert pypdf_text(pdf).split() == ["မြန်မာ", "မ", "တို့သည်", "ทำ", "น้ำ", "ทา"]


# Right to left: lam-alef ligatures (one glyph for two letters), a hamza drawn apart,
# marks raised or moved onto their letters. No word ends with a mark: pdftotext -raw reads
# every page as left to right and marks as neutral, so it puts a word's last mark first.
RIGHT_TO_LEFT_WORDS = {
    ("ar", "Noto Naskh Arabic"): "مكتب الاختبار إلى لاختبار الأخرى مترًا يوميًا أيًّا أُغلق "
                                 "مُشَجِّعَة",
    ("ar", "Noto Sans Arabic"): "الاختبار إلى لاختبار الأخرى كِتَابًا أَيْضًا",
    ("he", "Noto Serif Hebrew"): "בְּרֵאשִׁית בָּרָא אֱלֹהִים אֵת הַשָּׁמַיִם",
}


@pytest.mark.parametrize(("language", "family"), RIGHT_TO_LEFT_WORDS)
def test_right_to_left_words_exact(tmp_path, language, family):
    """Ligatures and marks come back exactly with pdftotext, pdftotext -raw (which gives
    a line's words left to right) and pypdf; the pixels are the same."""
    text = RIGHT_TO_LEFT_WORDS[language, family]
    source = f'<p lang="{language}" dir="rtl" style="font-family: {family}">{text}</p>'
    pdf = render(source)
    assert pdftotext(pdf, tmp_path).translate(NOT_IN_WORDS).split() == text.split()
    assert pdftotext(pdf, tmp_path, "-raw").translate(NOT_IN_WORDS).split() == \
        text.split()[::-1]
    assert pypdf_text(pdf).split() == text.split()
    assert pixels(render(source, False), tmp_path, "b") == pixels(pdf, tmp_path, "a")


def test_right_to_left_glyphs_stand_for_one_character_each():
    """A right-to-left glyph for several characters is drawn for the last, blank glyphs
    after it for the others, sharing its advance; marks' characters move to letters."""
    assert righttoleft.pieces(textlayer.Glyph(None, 7, "لا", rtl=True)) == ["ا", "ل"]
    assert righttoleft.pieces(textlayer.Glyph(None, 7, "fi")) == ["fi"]
    assert righttoleft.piece_widths(518, 2) == [259, 259]
    assert righttoleft.piece_widths(343, 3) == [115, 114, 114]
    assert righttoleft.piece_widths(200, 2) is None  # Poppler would take 100 for a duplicate.
    # "مترًا" drawn left to right: alef, the tanween (no advance) raised over ra, ra, teh.
    texts, advances = {0: "ا", 1: "ً", 2: "ر", 3: "ت"}, [238, 0, 404, 300]
    assert righttoleft.carry_marks([0, 1, 2, 3], dict(texts), advances,
                                   lambda index, text: True) == [1]
    carried = dict(texts)
    righttoleft.carry_marks([0, 1, 2, 3], carried, advances, lambda index, text: True)
    assert carried == {0: "ا", 1: "", 2: "رً", 3: "ت"}
    # What ra cannot carry goes before the alef, drawn before the mark; else it stays.
    carried = dict(texts)
    righttoleft.carry_marks([0, 1, 2, 3], carried, advances, lambda index, text: index == 0)
    assert carried == {0: "ًا", 1: "", 2: "ر", 3: "ت"}
    carried = dict(texts)
    assert righttoleft.carry_marks([0, 1, 2, 3], carried, advances, lambda *_: False) == []
    assert carried == texts


def test_blank_glyph():
    """A TrueType font's blank glyph draws nothing; a CFF font has none to offer."""
    from fontTools.ttLib import TTFont

    def font_file(family: str) -> Path:
        return Path(subprocess.run(["fc-match", "-f", "%{file}", family], check=True,
                                   capture_output=True, text=True).stdout)
    data = font_file("Noto Naskh Arabic").read_bytes()
    blank = righttoleft.blank_glyph(data, 0)
    font = TTFont(io.BytesIO(data))
    assert blank and font["glyf"][font.getGlyphName(blank)].numberOfContours == 0
    assert righttoleft.blank_glyph(font_file("Noto Sans CJK SC").read_bytes(), 0) is None


def test_hyphens_added_by_hyphenation_read_as_soft_hyphens(tmp_path):
    """A hyphen hyphenation adds is a soft hyphen (ISO 32000-1 14.8.2.2.3); a hyphen of
    the text, at the end of a line or not, stays a hyphen; the pixels are the same."""
    source = ('<p lang="en" style="width: 3.2cm; hyphens: auto; font-family: Noto Serif">'
              'Extraordinarily well-known characteristically intergovernmental well-'
              'documented recommendations</p>')
    before, after = render(source, False), render(source)
    assert "‐\n" in pypdf_text(before) and "‐" not in pypdf_text(after)
    for text in (pdftotext(after, tmp_path), pypdf_text(after)):
        assert text.count(textlayer.SOFT_HYPHEN) >= 3
        assert text.translate(NOT_IN_WORDS).replace("\n", " ").split()[:2] == [
            "Extraordinarily", "well-known"]
        assert "intergovernmental" in text.translate(NOT_IN_WORDS).replace("\n", "")
    assert pixels(before, tmp_path, "b") == pixels(after, tmp_path, "a")


def test_distribution_stamps_read_back_as_printed(tmp_path):
    """A recipient's name in Burmese or Thai on a stamped copy reads back as printed."""
    from reportgen.publish.stamp import render_stamps
    stamps = render_stamps(["Prepared for မြန်မာ မ", "Prepared for ทำ ทา"],
                           ["Noto Sans", "Noto Sans Myanmar", "Noto Sans Thai"],
                           (595.0, 842.0), tmp_path, "en")
    assert [text.split() for text in pypdf_text(stamps).split("\n")] == [
        ["Prepared", "for", "မြန်မာ", "မ"], ["Prepared", "for", "ทำ", "ทา"]]


def test_svg_text_is_corrected():
    """Text in SVG goes through draw_first_line too."""
    source = ('<svg width="300" height="50"><title>t</title><text x="0" y="30" '
              'font-family="Noto Sans Myanmar">မြန်မာ မ</text></svg>')
    assert pypdf_text(render(source)).split() == ["မြန်မာ", "မ"]


def test_missing_glyphs_keep_working(tmp_path):
    """Glyphs no font has still map to their text, next to aliases, and render as before."""
    source = '<p style="font-family: Noto Sans Myanmar">မြန်မာ \ue000 မ \U0010fffd မြ</p>'
    pdf = render(source)
    assert pypdf_text(pdf).split() == ["မြန်မာ", "\ue000", "မ", "\U0010fffd", "မြ"]
    assert pixels(render(source, False), tmp_path, "b") == pixels(pdf, tmp_path, "a")


def test_latin_unchanged(pdfs):
    """Latin text without hyphenation gives the same bytes: no alias, no /ActualText."""
    assert pdfs["en"]["before"] == pdfs["en"]["after"]


def test_deterministic():
    """The same input gives the same bytes, in this process and in another."""
    source = html("my") + html("th").replace("<html", "<div").replace("</html>", "</div>")
    first = render(source)
    assert render(source) == first
    code = ("import sys; from tests.test_text_layer import render; "
            f"sys.stdout.buffer.write(render({source!r}))")
    other = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                           cwd=Path(__file__).parents[1]).stdout
    assert hashlib.sha256(other).hexdigest() == hashlib.sha256(first).hexdigest()


@pytest.mark.parametrize("language", ["my", "th", "ar"])
def test_rendering_unchanged(pdfs, tmp_path, language):
    """Every page gives the same pixels at 80 dpi."""
    before = pixels(pdfs[language]["before"], tmp_path, "before")
    assert before and before == pixels(pdfs[language]["after"], tmp_path, "after")


HARDER = {
    "justified, letter-spaced": (
        '<p lang="th" style="font-family: Noto Sans Thai; text-align: justify; width: 8cm">'
        f'{SAMPLES["th"][2]}</p><p lang="my" style="font-family: Noto Sans Myanmar; '
        f'letter-spacing: 0.1em">{SAMPLES["my"][2][:200]}</p>'),
    "ellipsis": (
        '<p lang="my" style="font-family: Noto Sans Myanmar; width: 5cm; white-space: nowrap; '
        f'overflow: hidden; text-overflow: ellipsis">{SAMPLES["my"][2][:200]}</p>'),
    "nastaliq, harakat": (
        '<p dir="rtl" lang="ur" style="font-family: Noto Nastaliq Urdu">'
        f'{SAMPLES["ar"][2]} اللغة العَرَبِيَّة</p><p dir="rtl" lang="ar" '
        'style="font-family: Noto Sans Arabic">اللغة العَرَبِيَّة لا على</p>'),
    "mixed directions": (
        '<p dir="rtl" lang="ar" style="font-family: Noto Naskh Arabic">'
        'العربية English မြန်မာ ไทย 2024 العربية</p>'),
    "decomposed Latin, styles, hyphens": (
        '<p style="font-family: Noto Serif">cafe\u0301 nai\u0308ve A\u030a ǅ ﬁ</p>'
        '<p lang="my" style="font-family: Noto Sans Myanmar; font-weight: bold; '
        'font-style: italic; font-size: 7pt; text-decoration: underline">'
        f'{SAMPLES["my"][2][:300]}</p><p lang="en" style="hyphens: auto; width: 4cm; '
        'text-align: justify">Characteristically, intergovernmental deliberations '
        'notwithstanding, internationalisation proceeds</p>'),
}


@pytest.mark.parametrize("name", HARDER)
def test_harder_text_rendering_unchanged(tmp_path, caplog, name):
    """Justification, letter spacing, ellipses, Nastaliq, harakat, mixed directions,
    decomposed Latin and hyphenation: same pixels, every line understood (no warning)."""
    source = f'<html lang="en"><body>{HARDER[name]}</body></html>'
    with caplog.at_level(logging.WARNING, logger="weasyprint.textlayer"):
        after = render(source)
    assert not caplog.records
    assert pixels(render(source, False), tmp_path, "b") == pixels(after, tmp_path, "a")


@pytest.mark.parametrize("language", ["my", "th"])
def test_qpdf_check_and_fonts_embedded(pdfs, tmp_path, language):
    """qpdf --check finds nothing; pdffonts lists every font embedded, with ToUnicode."""
    path = tmp_path / "after.pdf"
    path.write_bytes(pdfs[language]["after"])
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout
    rows = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True,
                          text=True).stdout.splitlines()[2:]
    assert rows and all(row.split()[-5:-2] == ["yes", "yes", "yes"] for row in rows)


def tag_tree(pdf: bytes) -> tuple[list, set[int], set[int]]:
    """The structure tree's shape, the MCIDs it reaches, and those the pages mark."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    shape, reached = [], set()

    def walk(element, depth):
        kids = element.get("/K")
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        mcids = [kid for kid in kids if isinstance(kid, int)]
        reached.update(mcids)
        shape.append((depth, str(element.get("/S")), str(element.get("/Lang")), mcids))
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and kid.get("/Type") != "/OBJR":
                walk(kid, depth + 1)

    walk(reader.trailer["/Root"]["/StructTreeRoot"], 0)
    marked = {int(mcid) for stream in content_streams(pdf)
              for mcid in re.findall(rb"/MCID (\d+)", stream)}
    return shape, reached, marked


@pytest.mark.parametrize("language", ["my", "th", "ar"])
def test_tag_tree_unchanged(pdfs, language):
    """The structure tree has the same shape, and reaches every MCID the pages mark."""
    shape, reached, marked = tag_tree(pdfs[language]["after"])
    assert shape == tag_tree(pdfs[language]["before"])[0]
    assert marked and marked == reached


@pytest.mark.parametrize("language", ["my", "ar"])
def test_actual_text_nested_in_marked_content(pdfs, language):
    """Each /ActualText span is a /Span BDC inside an MCID sequence and a text object,
    balanced, in UTF-16BE with a byte order mark; together they spell the sample."""
    spans = []
    for stream in content_streams(pdfs[language]["after"]):
        depth, in_text, mcid_depth = 0, False, None
        for line in stream.split(b"\n"):
            if line == b"BT":
                in_text = True
            elif line == b"ET":
                in_text = False
            elif line.endswith(b"BDC") or line in (b"BMC", b"BDC"):
                depth += 1
                if (match := ACTUAL_TEXT.fullmatch(line)) is not None:
                    assert in_text and mcid_depth is not None and depth == mcid_depth + 1
                    raw = bytes.fromhex(match.group(1).decode())
                    assert raw.startswith(b"\xfe\xff")
                    spans.append(raw[2:].decode("utf-16-be"))
            elif line.startswith(b"<</MCID"):
                mcid_depth = depth + 1
            elif line == b"EMC":
                depth -= 1
                if mcid_depth is not None and depth < mcid_depth:
                    mcid_depth = None
        assert depth == 0
    assert spans and all(span in SAMPLES[language][2] for span in spans)


@pytest.mark.parametrize("language", ["my", "th", "ar"])
def test_every_code_maps_to_unicode(pdfs, language):
    """PDF/UA-1 7.21.7: every code shown has a ToUnicode entry; the only empty ones are
    surplus glyphs of a cluster (Thai SARA AM's NIKHAHIT), Arabic marks whose letter
    carries their text, and the blanks opening their spans, always inside /ActualText."""
    pdf = pdfs[language]["after"]
    maps = {name: to_unicode(font) for name, font in fonts(pdf).items()}
    for stream in content_streams(pdf):
        font, in_span = None, False
        for line in stream.split(b"\n"):
            if line.endswith(b" Tf"):
                font = line.split()[0].decode()
            in_span = (in_span or ACTUAL_TEXT.fullmatch(line) is not None) and line != b"EMC"
            for group in re.findall(rb"<([0-9a-f]*)>", line) if line.endswith(b"TJ") else ():
                for code in re.findall(rb"[0-9a-f]{4}", group):
                    text = maps[font].get(int(code, 16))
                    assert text is not None and (text or in_span)


@pytest.mark.parametrize("language", ["my", "th", "ar"])
def test_aliases_draw_their_glyph(pdfs, language):
    """Alias CIDs come after the font's glyphs; the CIDToGIDMap sends each to a glyph of
    the embedded subset, or to a copy of it with the alias's own width, appended to the
    subset; the glyphs themselves keep their ids."""
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont
    aliases = 0
    for font in fonts(pdfs[language]["after"]).values():
        cid_font = font["/DescendantFonts"][0].get_object()
        if cid_font["/CIDToGIDMap"] == "/Identity":
            continue
        program = TTFont(io.BytesIO(
            cid_font["/FontDescriptor"]["/FontFile2"].get_object().get_data()))
        order, glyphs = program.getGlyphOrder(), program.getGlyphSet()

        def drawing(gid: int, order: list = order, glyphs: object = glyphs) -> list:
            pen = RecordingPen()
            glyphs[order[gid]].draw(pen)
            return pen.value
        cids = cid_font["/CIDToGIDMap"].get_object().get_data()
        gids = [int.from_bytes(cids[i:i + 2], "big") for i in range(0, len(cids), 2)]
        widths, mapped = cid_widths(cid_font["/W"]), to_unicode(font)
        first_alias = min(cid for cid in mapped if gids[cid] != cid)
        for cid in mapped:
            assert cid in widths
            if cid < first_alias:
                assert gids[cid] == cid
            else:
                aliases += 1
                gid = gids[cid]
                assert gid < len(order)
                assert gid in mapped or any(drawing(gid) == drawing(glyph)
                                            for glyph in mapped if glyph < first_alias)
    assert aliases


def cid_widths(array: list) -> dict[int, float]:
    """A /W array as a dictionary."""
    widths, i = {}, 0
    while i < len(array):
        first, values = array[i], array[i + 1]
        widths.update({first + n: value for n, value in enumerate(values)})
        i += 2
    return widths


def test_right_to_left(pdfs, tmp_path):
    """Arabic extracts in logical order, without direction marks of ours; its only
    /ActualText spans are empty, around marks whose letters carry their text."""
    pdf = pdfs["ar"]["after"]
    spans = [span for stream in content_streams(pdf) for span in ACTUAL_TEXT.findall(stream)]
    assert spans and set(spans) == {b"feff"}
    poppler, extracted = pdftotext(pdf, tmp_path), pypdf_text(pdf)
    assert not set(POPPLER_EMBEDDINGS + OTHER_BIDI_CONTROLS) & set(extracted)
    assert not set(OTHER_BIDI_CONTROLS) & set(poppler)
    for text in (poppler, extracted):
        assert share_found(SAMPLES["ar"][2], text) >= 0.99
    assert "العربية" in pypdf_text(render(
        '<p lang="ar" dir="rtl" style="font-family: Noto Sans Arabic">اللغة العربية</p>'))


def test_full_fonts(tmp_path):
    """With fonts embedded whole, the ToUnicode map gets the text layer's entries too."""
    source = html("my")
    before = HTML(string=source).write_pdf(full_fonts=True)
    with internals.text_layer():
        after = HTML(string=source).write_pdf(full_fonts=True)
    assert share_found(SAMPLES["my"][2], pypdf_text(after)) >= 0.99
    assert pixels(before, tmp_path, "b") == pixels(after, tmp_path, "a")


# The context manager.

def test_context_manager_restores_and_nests():
    """Originals come back after the outermost context; nested contexts patch once."""
    from weasyprint.draw import text as draw_text
    from weasyprint.layout import inline
    from weasyprint.pdf import fonts as pdf_fonts
    from weasyprint.pdf.fonts import Font

    def current():
        return (draw_text.draw_first_line, Font.clean, Font.get_unused_glyph_id,
                pdf_fonts._build_vector_font_dictionary, inline.split_text_box)

    originals = current()
    with internals.text_layer():
        patched = current()
        assert all(now is not then for now, then in zip(patched, originals, strict=True))
        with internals.text_layer():
            assert current() == patched
        assert current() == patched
    assert current() == originals


def test_unexpected_operators_are_left_alone(monkeypatch, caplog):
    """A line whose operators don't match Pango's glyphs is left as drawn, with a warning."""
    def mismatch(entries, glyphs):
        raise textlayer.Mismatch
    monkeypatch.setattr(textlayer, "parse", mismatch)
    source = '<p style="font-family: Noto Sans Myanmar">မြန်မာ</p>'
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        pdf = render(source)
    assert "do not match Pango's glyphs" in caplog.text
    assert pdf == render(source, False)


@pytest.mark.parametrize("language", SAMPLES)
def test_widths_are_the_font_programs(pdfs, language):
    """PDF/A-1 6.2.11.5 and PDF/UA-1 7.21.5: every width in /W is its glyph's advance in
    the embedded font, aliases drawn with a width of their own included (their glyph is
    a copy with that advance)."""
    assert inconsistent_widths(pdfs[language]["after"]) == []


def test_the_briefing_widths_are_the_font_programs(briefing):
    assert inconsistent_widths(briefing / "build/briefing.pdf") == []


def test_glyph_copies_draw_the_same_with_their_own_advance():
    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont
    path = subprocess.run(["fc-match", "-f", "%{file}", "Noto Naskh Arabic"], check=True,
                          capture_output=True, text=True).stdout
    original = TTFont(path)
    name = original.getBestCmap()[0x0644]  # lam
    gid = original.getGlyphID(name)
    data, copies = textlayer.with_glyph_copies(Path(path).read_bytes(), [(gid, 123.4), (3, 7)])
    font = TTFont(io.BytesIO(data))
    assert copies == [len(original.getGlyphOrder()), len(original.getGlyphOrder()) + 1]
    copy = font.getGlyphOrder()[copies[0]]
    scale = font["head"].unitsPerEm / 1000
    assert font["hmtx"][copy][0] == round(123.4 * scale)
    assert font["hmtx"][copy][1] == original["hmtx"][name][1]
    drawn = []
    for glyph in (name, copy):
        pen = RecordingPen()
        font.getGlyphSet()[glyph].draw(pen)
        drawn.append(pen.value)
    assert drawn[0] == drawn[1] and drawn[0]
    assert font["head"].modified == original["head"].modified  # Same bytes every build.
