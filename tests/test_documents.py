"""The document readers: a PDF's text cleaned and located by page, a saved web page's
paragraphs, what each states about itself as CSL, and CSL-JSON libraries matched to them."""

from __future__ import annotations

import json
from bisect import bisect_right
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject

from reportgen.documents.csljson import load_items, match_items
from reportgen.documents.htmltext import extract_html
from reportgen.documents.metadata import csl_date, csl_name, html_metadata, pdf_metadata
from reportgen.documents.pdfclean import build_text
from reportgen.documents.pdftext import extract_pdf
from reportgen.errors import ContentError
from reportgen.verify.citations import paragraph_spans
from reportgen.verify.places import place_name

FILE = Path("seeds/doc.pdf")


def pdf_text(path: Path):
    """The cleaned text of a PDF file, as the loader reads a seed."""
    return extract_pdf(path.read_bytes(), FILE)


def html_text(path: Path):
    """The paragraphs of a saved page, as the loader reads a seed."""
    return extract_html(path.read_bytes(), Path("seeds/page.html"))


def pdf_meta(path: Path):
    return pdf_metadata(path.read_bytes(), FILE)


def html_meta(path: Path):
    return html_metadata(path.read_bytes(), Path("seeds/page.html"))


def items_of(path: Path):
    return load_items(path.read_bytes(), path)


def locator(result, start: int, end: int) -> str:
    """How the editor's messages name the place of text[start:end]: p. 12, ¶3…"""
    pages = getattr(result, "pages", ())
    starts = ([page.start for page in pages] if pages else
              [first for first, _ in paragraph_spans(result.text)])
    return place_name((bisect_right(starts, start), bisect_right(starts, max(start, end - 1))),
                      pages)


def add_page_labels(path: Path, ranges: list[tuple[int, str]]) -> None:
    """Give the PDF page labels: (first page index, style) pairs, style /r, /D, ..."""
    writer = pypdf.PdfWriter(clone_from=path)
    nums = ArrayObject()
    for first, style in ranges:
        nums += [NumberObject(first), DictionaryObject({NameObject("/S"): NameObject(style)})]
    writer._root_object[NameObject("/PageLabels")] = DictionaryObject({NameObject("/Nums"): nums})
    writer.write(path)


@pytest.fixture
def make_pdf(tmp_path: Path):
    """A function that typesets HTML into a PDF in the test's folder, with WeasyPrint."""
    import weasyprint

    def make(html: str, name: str = "doc.pdf", labels: list[tuple[int, str]] | None = None) -> Path:
        path = tmp_path / name
        weasyprint.HTML(string=html).write_pdf(path)
        if labels:
            add_page_labels(path, labels)
        return path

    return make


LOREM = ("Every quote in the briefing is verified verbatim against its source document, "
         "and the security of that verification depends on the quality of the text. ")


def text_of(*pages: str) -> str:
    """The joined text that build_text makes of raw pages numbered 1, 2, 3…"""
    return build_text(list(pages), [str(n) for n in range(1, len(pages) + 1)]).text


def fold(text: str) -> str:
    """Text with runs of white space made one space, as reportgen compares quotes."""
    return " ".join(text.split())


# Hyphenation at line ends.

def test_a_word_hyphenated_by_the_typesetter_is_joined():
    assert fold(text_of("the secur-\nity of it")) == "the security of it"


def test_a_hyphenated_compound_found_elsewhere_keeps_its_hyphen():
    text = text_of("a well-\nknown fact and a well-known case")
    assert fold(text) == "a well-known fact and a well-known case"


def test_the_more_frequent_form_in_the_document_wins():
    text = text_of("co-operation, co-operation and co-\noperation")
    assert fold(text).endswith("and co-operation")
    assert fold(text_of("cooperation and co-\noperation")).endswith("and cooperation")


def test_the_last_part_of_a_compound_counts_too():
    text = text_of("Myanmar and the Russia-My-\nanmar talks")
    assert "Russia-Myanmar talks" in text


def test_a_capital_or_a_digit_after_the_hyphen_keeps_it():
    assert fold(text_of("non-\nEU states in 1990-\n1995")) == "non-EU states in 1990-1995"


def test_a_word_in_capitals_is_joined_only_when_the_document_has_it_so():
    assert "EVALUATION" in text_of("EVALUA-\nTION and EVALUATION")
    assert "AP-CEIU" in text_of("the AP-\nCEIU office")


def test_a_compound_with_a_hyphen_before_the_break_keeps_it():
    assert "state-of-the-art" in text_of("a state-of-the-\nart method")


def test_a_document_whose_known_breaks_are_real_hyphens_keeps_unknown_ones_too():
    text = text_of("a well-\nknown and well-known rule; co-\noperation, co-operation;\n"
                   "a two-\nway and two-way road;\na single-\nstage run")
    assert "a single-stage run" in text


def test_a_soft_hyphen_ending_a_line_joins_and_other_soft_hyphens_go():
    assert fold(text_of("under\u00ad\nstand-\u00ading")) == "understand-ing"


def test_a_line_broken_at_an_unspaced_dash_is_joined_without_a_space():
    assert "enemy—the military" in text_of("the common enemy\n—the military")
    assert "1990–1995" in text_of("from 1990–\n1995")


def test_a_raised_note_number_split_off_by_pdftotext_stays_with_its_word():
    assert "weak3, said" in text_of("was weak3\n, said the report")


def test_a_dash_at_the_end_of_a_paragraph_is_left_alone():
    assert fold(text_of("first item -\nSecond")) == "first item - Second"


# Ligatures.

def test_ligature_characters_become_letters():
    assert text_of("the ﬁnal ﬂow of ﬀ ﬃ ﬄ") == "the final flow of ff ffi ffl"


# Running heads and feet.

SENTENCES = ["The junta seized power in February.", "Protests spread to every city.",
             "Sanctions followed within weeks.", "Neighbours kept trading arms.",
             "Armed groups formed an alliance.", "Talks stalled by the summer.",
             "Aid agencies lost their access.", "Refugees crossed the border.",
             "The economy shrank by a fifth.", "Elections were postponed again.",
             "Courts jailed the opposition.", "Observers called for an embargo."]


def body(page: int, lines: int = 6) -> str:
    """Distinct body lines for a raw test page."""
    return "\n".join(SENTENCES[(page * lines + n) % len(SENTENCES)] + f" ({chr(97 + page)}{n})"
                      for n in range(lines))


def test_running_heads_and_numbered_feet_are_removed():
    pages = [f"Myanmar briefing 2024\n{body(n)}\nPage {n} of 6" for n in range(1, 7)]
    text = text_of(*pages)
    assert "Myanmar briefing" not in text and "Page " not in text
    assert fold(text) == fold("\n".join(body(n) for n in range(1, 7)))


def test_alternating_left_and_right_heads_are_removed():
    pages = [f"{'Chapter title' if n % 2 else 'Section title'}\n{body(n)}\n{n}"
             for n in range(1, 7)]
    assert fold(text_of(*pages)) == fold("\n".join(body(n) for n in range(1, 7)))


def test_a_head_carrying_the_page_number_is_removed_even_when_its_words_change():
    pages = [f"Chapter {n}: Topic {chr(65 + n)} {n + 4}\n{body(n)}" for n in range(1, 7)]
    assert fold(text_of(*pages)) == fold("\n".join(body(n) for n in range(1, 7)))


def test_a_line_repeated_away_from_the_edges_is_kept():
    pages = [f"Head\n{body(n, 3)}\nRepeated middle line\n{body(n + 1, 3)}\nHead"
             for n in range(1, 5)]
    assert text_of(*pages).count("Repeated middle line") == 4


# Pages, labels and locators.

def test_each_page_starts_at_its_offset_and_a_match_is_located_by_labels():
    result = build_text(["First page text.", "Second page text."], ["xii", "1"])
    assert result.text == "First page text.\nSecond page text."
    assert [page.start for page in result.pages] == [0, len("First page text.\n")]
    start = result.text.index("page text.\nSecond")
    assert locator(result, start, start + 18) == "pp. xii–1"
    assert locator(result, 0, 5) == "p. xii"


def test_a_label_that_several_pages_have_is_completed_by_the_page_position():
    result = build_text(["Part one.", "Part two.", "Part three."], ["1", "2", "1"])
    assert locator(result, 0, 4) == "p. 1 (PDF p. 1)"
    start = result.text.index("two")
    assert locator(result, start, start + 3) == "p. 2"
    assert locator(result, start, len(result.text)) == "pp. 2–1 (PDF pp. 2–3)"


def test_a_word_split_across_a_page_break_spans_both_pages():
    result = build_text(["It concerns secur-", "ity in the region."], ["12", "13"])
    start = result.text.index("security")
    assert result.text == "It concerns security in the region."
    assert result.pages[1].start == len("It concerns secur")
    assert locator(result, start, start + len("security")) == "pp. 12–13"


# Real PDFs typeset by WeasyPrint.

def test_a_hyphenated_two_column_pdf_gives_back_its_paragraphs(make_pdf):
    html = (f'<html lang="en"><body style="columns: 2; font-family: serif">'
            f'<p style="hyphens: auto; text-align: justify">{LOREM * 40}</p></body></html>')
    result = pdf_text(make_pdf(html))
    assert fold(LOREM * 3) in fold(result.text)


def test_pdftotext_raw_keeps_a_line_end_hyphen_for_the_rule_to_judge(make_pdf):
    html = "<p>A well-<br>known fact, and a well-known case; a secur-<br>ity matter.</p>"
    assert fold(pdf_text(make_pdf(html)).text) == (
        "A well-known fact, and a well-known case; a security matter.")


def test_ligature_characters_in_a_pdf_come_out_as_letters(make_pdf):
    assert pdf_text(make_pdf("<p>The ﬁnal ﬂow of ﬃliates</p>")).text == (
        "The final flow of ffiliates")


def test_page_labels_of_the_pdf_name_the_pages(make_pdf):
    pages = "".join(f'<p style="break-after: page">Page {n} text. {sentence}</p>'
                    for n, sentence in enumerate(SENTENCES[:4]))
    html = f"<html><body>{pages}</body></html>"
    result = pdf_text(make_pdf(html, labels=[(0, "/r"), (2, "/D")]))
    assert [page.label for page in result.pages] == ["i", "ii", "1", "2"]
    start = result.text.index("Page 1 text")
    assert locator(result, start, result.text.index("Page 2 text") + 4) == "pp. ii–1"


def test_running_heads_from_css_margin_boxes_are_removed(make_pdf):
    style = ('@page { @top-center { content: "Policy brief on Myanmar" } '
             '@bottom-center { content: "Page " counter(page) " of " counter(pages) } }')
    body = "".join(f'<p style="break-after: page">Body {n}. {sentence}</p>'
                   for n, sentence in enumerate(SENTENCES[:5]))
    result = pdf_text(make_pdf(f"<html><style>{style}</style><body>{body}</body></html>"))
    assert "Policy brief" not in result.text and "of 5" not in result.text
    assert all(result.text[page.start:].startswith(f"Body {n}.")
               for n, page in enumerate(result.pages))
    assert set(result.running) >= {"Policy brief on Myanmar", "Page 1 of 5"}


# Problems an editor must be told about.

def test_a_web_page_saved_as_pdf_is_named_as_such(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    with pytest.raises(ContentError, match="is not a PDF: it is a web page saved"):
        pdf_text(path)


def test_an_empty_or_missing_file_is_reported(tmp_path):
    (tmp_path / "empty.pdf").write_bytes(b"")
    with pytest.raises(ContentError, match="the file is empty"):
        pdf_text(tmp_path / "empty.pdf")


def test_a_pdf_without_text_is_reported_as_a_probable_scan(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(tmp_path / "scan.pdf")
    with pytest.raises(ContentError, match="no text layer"):
        pdf_text(tmp_path / "scan.pdf")


def test_a_password_protected_pdf_is_reported(make_pdf, tmp_path):
    writer = pypdf.PdfWriter(clone_from=make_pdf(f"<p>{LOREM}</p>"))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    writer.write(tmp_path / "locked.pdf")
    with pytest.raises(ContentError, match="protected by a password"):
        pdf_text(tmp_path / "locked.pdf")


def test_a_pdf_with_copying_restricted_but_no_password_is_read(make_pdf, tmp_path):
    writer = pypdf.PdfWriter(clone_from=make_pdf(f"<p>{LOREM}</p>"))
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0,
                   algorithm="AES-128")
    writer.write(tmp_path / "restricted.pdf")
    assert "verified verbatim" in pdf_text(tmp_path / "restricted.pdf").text


def test_a_truncated_pdf_is_reported_as_damaged(make_pdf, tmp_path):
    data = make_pdf(f"<p>{LOREM}</p>").read_bytes()
    (tmp_path / "cut.pdf").write_bytes(data[:len(data) // 3])
    with pytest.raises(ContentError, match="damaged|cannot be read"):
        pdf_text(tmp_path / "cut.pdf")


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Site | Report</title>
<style>p { color: red }</style><script>var tracking = "not text";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<p>Site banner</p></header>
<main><article><header><h1>The  Need for
  Trust-building</h1><p>By <a href="/a">Seng Mai Aung</a></p></header>
<p>Achieving <em>unity</em> poses the greatest
   challenge.<br>A second line.</p>
<blockquote><p>A quoted paragraph.</p></blockquote>
<ul><li>First point</li><li>Second point<ul><li>Nested point</li></ul></li></ul>
<aside>Related stories</aside><div hidden>Hidden text</div>
<div style="display:none">Collapsed text</div><p aria-hidden="true">Decoration</p>
<table><tr><th>Country</th><th>Kind</th></tr><tr><td>Russia</td><td>Arms</td></tr></table>
<pre>line one
    indented line

line three</pre>
<!-- a comment --><div>Loose text in a div</div>
<footer>Filed under: politics</footer></article></main>
<footer><p>© 2024 The Site</p><form><button>Subscribe</button></form></footer>
<noscript>Enable JavaScript</noscript></body></html>"""


def write(tmp_path: Path, content: str | bytes, name: str = "page.html") -> Path:
    """A saved page in the test's folder."""
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def test_each_block_is_one_paragraph_with_its_spaces_collapsed(tmp_path):
    result = html_text(write(tmp_path, ARTICLE))
    assert result.paragraphs == (
        "The Need for Trust-building", "By Seng Mai Aung",
        "Achieving unity poses the greatest challenge.\nA second line.", "A quoted paragraph.",
        "First point", "Second point", "Nested point", "Country", "Kind", "Russia", "Arms",
        "line one\n    indented line\nline three", "Loose text in a div", "Filed under: politics")


def test_the_joined_text_numbers_paragraphs_as_a_text_source_would(tmp_path):
    result = html_text(write(tmp_path, ARTICLE))
    assert result.text.split("\n\n") == list(result.paragraphs)
    start = result.text.index("unity poses")
    assert locator(result, start, start + 5) == "¶3"
    end = result.text.index("quoted paragraph") + 5
    assert locator(result, start, end) == "¶3–4"


def test_scripts_styles_navigation_and_hidden_text_are_left_out(tmp_path):
    text = html_text(write(tmp_path, ARTICLE)).text
    for absent in ("tracking", "color", "Home", "Site banner", "Related stories", "Hidden",
                   "Collapsed", "Decoration", "© 2024", "Subscribe", "JavaScript", "comment"):
        assert absent not in text


@pytest.mark.parametrize("encoding, declaration", [
    ("windows-1252", '<meta charset="windows-1252">'),
    ("iso-8859-7", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-7">'),
    ("shift_jis", "<meta charset=shift_jis>"),
])
def test_a_page_is_decoded_by_its_declared_charset(tmp_path, encoding, declaration):
    words = {"windows-1252": "Café “déjà vu”", "iso-8859-7": "Μιανμάρ",
             "shift_jis": "ミャンマー"}[encoding]
    page = f"<html><head>{declaration}</head><body><p>{words}</p></body></html>"
    assert html_text(write(tmp_path, page.encode(encoding))).paragraphs == (words,)


def test_a_byte_order_mark_decides_the_encoding(tmp_path):
    page = "\ufeff<html><body><p>Naypyidaw – နေပြည်တော်</p></body></html>"
    assert html_text(write(tmp_path, page.encode("utf-16-le"))).paragraphs == (
        "Naypyidaw – နေပြည်တော်",)


def test_an_undeclared_page_is_read_as_utf8_when_it_is_valid_utf8(tmp_path):
    path = write(tmp_path, "<p>Aung San Suu Kyi’s party</p>".encode())
    assert html_text(path).paragraphs == ("Aung San Suu Kyi’s party",)


def test_an_undeclared_page_that_is_not_utf8_is_read_as_windows_1252(tmp_path):
    path = write(tmp_path, "<p>Aung San Suu Kyi’s party</p>".encode("windows-1252"))
    assert html_text(path).paragraphs == ("Aung San Suu Kyi’s party",)


def test_a_single_file_web_archive_is_read_with_its_part_charset(tmp_path):
    archive = MIMEMultipart("related")
    archive.attach(MIMEText("<html><body><p>Déclaration finale</p></body></html>",
                            "html", "iso-8859-1"))
    path = write(tmp_path, archive.as_bytes(), "page.mhtml")
    assert html_text(path).paragraphs == ("Déclaration finale",)


def test_a_page_without_text_tells_how_to_save_it_again(tmp_path):
    path = write(tmp_path, '<html><body><div id="app"></div><script>render()</script></body>')
    with pytest.raises(ContentError, match="JavaScript"):
        html_text(path)


def test_an_empty_file_or_a_pdf_under_a_web_page_name_is_reported(tmp_path):
    with pytest.raises(ContentError, match="empty"):
        html_text(write(tmp_path, ""))
    with pytest.raises(ContentError, match="is a PDF"):
        html_text(write(tmp_path, b"%PDF-1.7\n..."))


XMP = """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/"
 xmp:CreateDate="2022-07-05T09:00:00+07:00" prism:publicationDate="2022-07">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Time is not on our side</rdf:li>
</rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>ASEAN Parliamentarians for Human Rights</rdf:li>
<rdf:li>Tun, Aung</rdf:li></rdf:Seq></dc:creator>
<prism:publicationName>APHR Reports</prism:publicationName>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"""


def info_pdf(path: Path, info: dict[str, str], xmp: str | None = None) -> Path:
    """A one-page PDF with document information and, if given, an XMP packet."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata(info)
    if xmp:
        stream = StreamObject()
        stream.set_data(xmp.encode())
        stream.update({NameObject("/Type"): NameObject("/Metadata"),
                       NameObject("/Subtype"): NameObject("/XML")})
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)
    writer.write(path)
    return path


def test_xmp_comes_before_the_document_information(tmp_path):
    path = info_pdf(tmp_path / "r.pdf", {"/Title": "Old title", "/Author": "Someone",
                                         "/CreationDate": "D:20220701120000+07'00'"}, XMP)
    found = pdf_meta(path)
    assert found.fields == {
        "title": "Time is not on our side",
        "author": [{"literal": "ASEAN Parliamentarians for Human Rights"},
                   {"family": "Tun", "given": "Aung"}],
        "container-title": "APHR Reports", "issued": {"date-parts": [[2022, 7]]}}
    assert found.origins["issued"] == "XMP prism:publicationDate"


def test_the_document_information_is_read_and_its_creation_date_named_as_such(tmp_path):
    path = info_pdf(tmp_path / "r.pdf", {"/Title": "Burma Briefing No. 54",
                                         "/Author": "Burma Campaign UK; Mark Farmaner",
                                         "/Subject": "Military training",
                                         "/CreationDate": "D:20210315103000Z"})
    found = pdf_meta(path)
    assert found.fields["author"] == [{"literal": "Burma Campaign UK"},
                                      {"literal": "Mark Farmaner"}]
    assert found.fields["issued"] == {"date-parts": [[2021, 3, 15]]}
    assert found.origins["issued"] == "PDF /CreationDate"
    assert found.fields["abstract"] == "Military training"


def test_word_processor_defaults_are_not_taken_for_a_title_or_an_author(tmp_path):
    path = info_pdf(tmp_path / "r.pdf", {"/Title": "Microsoft Word - draft3.docx",
                                         "/Author": "Administrator"})
    assert pdf_meta(path).fields == {}


def test_a_notice_in_the_author_field_is_not_taken_for_an_author(tmp_path):
    """As LaTeX-made manuals do: the licence in /Author, the real names in the text."""
    notice = ("Copyright © 1995–2006 The LaTeX Project, All rights reserved. This file may be "
              "distributed and/or modified under the conditions of the LaTeX Project Public "
              "License")
    path = info_pdf(tmp_path / "r.pdf", {"/Title": "A guide", "/Author": notice})
    assert pdf_meta(path).fields == {"title": "A guide"}


def test_an_unreadable_pdf_is_reported(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"%PDF-1.7\nnothing else")
    with pytest.raises(ContentError, match="metadata cannot be read"):
        pdf_meta(tmp_path / "bad.pdf")


PAGE = """<html lang="en-GB"><head><meta charset="utf-8"><title>Report | APHR</title>
<meta name="citation_title" content="“Time is not on our side”">
<meta name="citation_author" content="ASEAN Parliamentarians for Human Rights">
<meta name="citation_publication_date" content="2022/11/03">
<meta name="DC.title" content="Dublin Core title"><meta name="DC.creator" content="Dc Author">
<meta property="og:title" content="Open Graph title"><meta property="og:site_name" content="APHR">
<meta property="og:url" content="https://example.org/og">
<meta property="article:author" content="https://facebook.com/someone">
<link rel="canonical" href="https://example.org/report">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Report", "headline": "JSON-LD headline", "author": {"@id": "#org"},
  "datePublished": "2022-11-02", "publisher": {"@id": "#org"}},
 {"@id": "#org", "@type": "Organization", "name": "APHR"}]}</script>
</head><body><p>Text</p></body></html>"""


def page(tmp_path: Path, html: str) -> Path:
    """A saved page in the test's folder."""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return path


def test_citation_tags_come_first_then_json_ld_then_the_rest(tmp_path):
    found = html_meta(page(tmp_path, PAGE))
    assert found.fields == {
        "title": "“Time is not on our side”",
        "author": [{"literal": "ASEAN Parliamentarians for Human Rights"}],
        "issued": {"date-parts": [[2022, 11, 3]]}, "URL": "https://example.org/report",
        "publisher": "APHR", "container-title": "APHR", "language": "en-GB"}
    assert found.origins["publisher"] == "HTML JSON-LD publisher"
    assert found.origins["container-title"] == "HTML og:site_name"


def test_json_ld_names_follow_id_references(tmp_path):
    html = PAGE.replace('<meta name="citation_author" content="ASEAN Parliamentarians for '
                        'Human Rights">', "")
    assert html_meta(page(tmp_path, html)).fields["author"] == [{"literal": "APHR"}]


def test_dublin_core_then_open_graph_then_the_title_element(tmp_path):
    html = ('<html><head><meta name="dcterms.issued" content="2024-01-17">'
            '<meta property="og:title" content="OG title"><meta property="article:author" '
            'content="Seng Mai Aung"><title>Page title</title></head><body>x</body></html>')
    found = html_meta(page(tmp_path, html))
    assert found.fields == {"title": "OG title", "issued": {"date-parts": [[2024, 1, 17]]},
                            "author": [{"literal": "Seng Mai Aung"}]}
    found = html_meta(page(tmp_path, "<title>Page title</title><p>x"))
    assert found.fields == {"title": "Page title"} and found.origins == {"title": "HTML title element"}


@pytest.mark.parametrize("text, date", [
    ("2022", {"date-parts": [[2022]]}), ("2022-07", {"date-parts": [[2022, 7]]}),
    ("2022-07-03T23:30:00-05:00", {"date-parts": [[2022, 7, 3]]}),
    ("D:20220703120000+02'00'", {"date-parts": [[2022, 7, 3]]}),
    ("November 3rd, 2022", {"date-parts": [[2022, 11, 3]]}),
    ("17 January 2024", {"date-parts": [[2024, 1, 17]]}),
    ("March 2021", {"date-parts": [[2021, 3]]}),
    ("17/01/2024", {"raw": "17/01/2024"}), ("2022-13-01", {"raw": "2022-13-01"}),
])
def test_dates_keep_only_the_precision_written(text, date):
    assert csl_date(text) == date


def test_a_name_is_split_only_when_written_family_comma_given():
    assert csl_name("Aung, Seng Mai") == {"family": "Aung", "given": "Seng Mai"}
    assert csl_name("Seng Mai Aung") == {"literal": "Seng Mai Aung"}
    assert csl_name("Min Aung Hlaing, Senior General, retd") == {
        "literal": "Min Aung Hlaing, Senior General, retd"}


EXPORT = [
    {"id": "aphr-2022", "type": "report", "title": "“Time is not on our side”: The failed "
     "international response to the Myanmar coup",
     "author": [{"literal": "ASEAN Parliamentarians for Human Rights"}],
     "issued": {"date-parts": [["2022", "11", "3"]]}, "publisher": "APHR", "language": "en",
     "URL": "https://aseanmp.org/report"},
    {"id": "bcuk-54", "type": "report", "title": "Countries involved in training",
     "collection-title": "Burma Briefing", "number": "54",
     "author": [{"family": "Farmaner", "given": "Mark"}], "issued": {"raw": "2021-03"},
     "file": "Full Text PDF:files/12/briefing-54.pdf:application/pdf;/home/ed/notes.txt"},
    {"id": "ige-2024", "type": "post-weblog", "title": "The Need for Trust-building in a "
     "Post-Coup Future Myanmar", "author": [{"family": "Aung", "given": "Seng Mai"}],
     "issued": {"raw": "winter 2024"}, "genre": "Commentary",
     "attachments": [{"path": "C:\\Users\\ed\\Zotero\\storage\\AB12\\ige.html",
                      "title": "Snapshot"}]},
]


def export(tmp_path: Path, data: object) -> Path:
    """A CSL-JSON file in the test's folder."""
    path = tmp_path / "library.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_items_keep_csl_names_with_dates_as_integers(tmp_path):
    items = items_of(export(tmp_path, EXPORT))
    assert items[0]["issued"] == {"date-parts": [[2022, 11, 3]]}
    assert items[0]["author"] == [{"literal": "ASEAN Parliamentarians for Human Rights"}]
    assert items[1]["issued"] == {"date-parts": [[2021, 3]]}
    assert items[2]["issued"] == {"raw": "winter 2024"}
    assert (items[1]["collection-title"], items[1]["number"]) == ("Burma Briefing", "54")
    assert items[2]["genre"] == "Commentary"


def test_attachments_from_better_bibtex_and_zotero_become_file_paths(tmp_path):
    items = items_of(export(tmp_path, EXPORT))
    assert items[1]["file"] == ["files/12/briefing-54.pdf", "/home/ed/notes.txt"]
    assert items[2]["file"] == ["C:\\Users\\ed\\Zotero\\storage\\AB12\\ige.html"]
    assert "file" not in items[0]


def test_a_date_range_and_an_object_with_items_are_read(tmp_path):
    data = {"items": [{"id": 7, "type": "event", "title": "Talks",
                       "event-date": {"raw": "2022-07-20/2022-07-21"}}]}
    item = items_of(export(tmp_path, data))[0]
    assert item["id"] == "7"
    assert item["event-date"] == {"date-parts": [[2022, 7, 20], [2022, 7, 21]]}


@pytest.mark.parametrize("data, message", [
    ("not json", "is not valid JSON"),
    ({"id": "x"}, "should be a list of items"),
    ([{"type": "report"}], "item 1: has no id"),
    ([{"id": "a", "author": [{"given": "Mark"}]}], r"item 1 \(id 'a'\): author has a name "
                                                    "without family or literal part"),
    ([{"id": "b", "issued": {"date-parts": [["spring"]]}}], "item 1 .*not numbers"),
])
def test_a_broken_export_names_the_item_at_fault(tmp_path, data, message):
    path = tmp_path / "library.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError, match=message):
        items_of(path)


def test_items_pair_by_file_name_then_by_title(tmp_path):
    items = items_of(export(tmp_path, EXPORT))
    openings = {
        Path("seeds/briefing-54.pdf"): "Burma Briefing\nSomething else entirely",
        Path("seeds/aphr.pdf"): "Report 512 Views\n“Time is not on our side”: The failed "
                                "international response to the Myanmar coup\nNovember 3rd",
        Path("seeds/ige.html"): "",
        Path("seeds/other.pdf"): "Minutes of a meeting",
    }
    result = match_items(items, openings)
    assert [(m.item["id"], m.path.name, m.how) for m in result.matched] == [
        ("bcuk-54", "briefing-54.pdf", "file name"), ("ige-2024", "ige.html", "file name"),
        ("aphr-2022", "aphr.pdf", "title")]
    assert result.unmatched_items == []
    assert result.unmatched_documents == [Path("seeds/other.pdf")]


def test_a_title_is_compared_without_case_accents_or_punctuation_and_may_lose_its_subtitle():
    items = [{"id": "a", "title": "Déclaration finale: annexe"},
             {"id": "b", "title": "The junta's allies"}]
    openings = {Path("a.pdf"): "DECLARATION FINALE\n...", Path("b.html"): "The Junta’s Allies"}
    result = match_items(items, openings)
    assert [(m.item["id"], m.path.name) for m in result.matched] == [("a", "a.pdf"),
                                                                      ("b", "b.html")]


def test_a_title_found_in_two_documents_is_left_unmatched():
    items = [{"id": "a", "title": "Myanmar after the coup"}]
    openings = {Path("1.pdf"): "Myanmar after the coup, part 1",
                Path("2.pdf"): "Myanmar after the coup, part 2"}
    result = match_items(items, openings)
    assert result.matched == [] and result.unmatched_items == items
    assert len(result.unmatched_documents) == 2
