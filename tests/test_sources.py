"""Sources as analysts have them: a PDF and a saved web page added with add-source,
quoted, built as PDF/A-3 and read back; a library imported; a changed document noticed."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from reportgen import cli
from reportgen.documents import kinds

from .conftest import MINIMAL, write_files
from .handmade import Labels, Sheet, handmade_pdf

BODY = [
    ["The junta seized power in February 2021.",
     "It has since moved to protect the secur-",
     "ity of its own officers above all else.",
     "Neighbouring states continued to"],
    ["supply fuel to the air force, the review says.",
     "Trade fell by a fifth in the first year."],
    ["Refugees crossed the border in their thousands.",
     "Aid agencies lost their access to the north."],
    ["Observers called for an embargo on aviation fuel.",
     "Talks stalled by the summer."],
]
HEAD = "Myanmar Policy Review 2024"


def review_pdf() -> bytes:
    """Six pages: a cover and contents numbered i and ii, then pages printed 11 to 14."""
    sheets = [Sheet(["Myanmar Policy Review", "Volume 3"]), Sheet(["Contents", "1 The junta"])]
    sheets += [Sheet(lines, head=HEAD, foot=str(11 + n)) for n, lines in enumerate(BODY)]
    return handmade_pdf(sheets, Labels([(0, "/r", 1), (2, "/D", 11)]),
                        {"/Title": "Myanmar Policy Review", "/Author": "Burma Analysis Unit",
                         "/CreationDate": "D:20240312090000Z"})


PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ceasefire talks stall | Harbour Post</title>
<meta name="citation_title" content="Ceasefire talks stall in the north">
<meta name="citation_author" content="Aung, Seng Mai">
<meta name="citation_publication_date" content="2024/01/17">
<meta property="og:site_name" content="Harbour Post">
<link rel="canonical" href="https://example.org/ceasefire">
<script>window.track = "page view";</script></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Ceasefire talks stall in the north</h1><p>By Seng Mai Aung</p>
<p>Negotiators left the border town without an agreement on Tuesday.</p>
<p>Both sides blamed the other for the failure of the talks.</p></article></main>
<footer>© Harbour Post</footer></body></html>"""

SUMMARIES = """\
summaries:
  - source: gazette
    points:
      - text: The council closed the old bridge after the flood.
        cite: {source: gazette, quote: the council closed the old bridge}
  - source: myanmar-policy-review
    points:
      - text: The junta took power in 2021.
        cite: {source: myanmar-policy-review, quote: The junta seized power in February 2021.}
      - text: It protects its officers first.
        cite:
          source: myanmar-policy-review
          quote: It has since moved to protect the security of its own officers
      - text: Fuel still reaches the air force.
        cite:
          source: myanmar-policy-review
          quote: Neighbouring states continued to supply fuel to the air force
      - text: Refugees fled.
        cite:
          source: myanmar-policy-review
          quote: Refugees crossed the border in their thousands.
  - source: ceasefire-talks-stall-north
    points:
      - text: The talks failed.
        cite:
          source: ceasefire-talks-stall-north
          quote: Negotiators left the border town without an agreement
"""


def added(root: Path, path: Path, capsys) -> str:
    """add-source through the command line's entry point; what it printed."""
    assert cli.main(["add-source", str(path), str(root)]) == 0
    return capsys.readouterr().err


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """MINIMAL with a PDF report and a saved web page added from outside the project."""
    outside = tmp_path_factory.mktemp("downloads")
    (outside / "review.pdf").write_bytes(review_pdf())
    (outside / "ceasefire.html").write_text(PAGE, encoding="utf-8")
    root = tmp_path_factory.mktemp("sources") / "project"
    write_files(root, MINIMAL)
    for name in ("review.pdf", "ceasefire.html"):
        assert cli.main(["add-source", "-q", str(outside / name), str(root)]) == 0
    (root / "report/summaries.yaml").write_text(SUMMARIES, encoding="utf-8")
    assert cli.main(["build", "--pdf-a", "-q", str(root)]) == 0
    return root


def entry(root: Path, source_id: str) -> str:
    """The lines of one source's entry in report/sources.yaml."""
    text = (root / "report/sources.yaml").read_text(encoding="utf-8")
    return text.split(f"  - id: {source_id}\n", 1)[1].split("\n\n", 1)[0]


def notes(root: Path) -> str:
    """The briefing's text as pdftotext reads it, on one line."""
    text = subprocess.run(["pdftotext", str(root / "build/briefing.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    return " ".join(text.replace("\u00ad", "").split())


def test_a_pdf_is_copied_into_seeds_and_described_from_its_metadata(project):
    assert (project / "seeds/review.pdf").read_bytes() == review_pdf()
    assert entry(project, "myanmar-policy-review").splitlines() == [
        "    file: review.pdf",
        "    # type: CSL type: report, article-newspaper, webpage…",
        "    title: Myanmar Policy Review",
        "    author:",
        "      - Burma Analysis Unit",
        "    # publisher: who published it, as the document says",
        "    issued: 2024-03-12",
        "    # genre: report, briefing, op-ed…",
        "    metadata:",
        "      title: PDF /Title",
        "      author: PDF /Author",
        "    inferred:",
        "      issued: The PDF's /CreationDate says when the file was made (2024-03-12); the "
        "document does not state when it was published.",
        f"    sha256: {__import__('hashlib').sha256(review_pdf()).hexdigest()}"]


def test_quotes_from_a_pdf_give_its_printed_pages_in_the_notes(project):
    text = notes(project)
    # Page 5 of the file is printed 13; a quote across a line-end hyphen, and one across
    # the break from page 11 to page 12, verify; later notes are short.
    assert ("Burma Analysis Unit, “Myanmar Policy Review”, [c. 12 March 2024], p. 11." in text)
    assert "Burma Analysis Unit, “Myanmar Policy Review”, p. 11." in text
    assert "Burma Analysis Unit, “Myanmar Policy Review”, pp. 11–12." in text
    assert "Burma Analysis Unit, “Myanmar Policy Review”, p. 13." in text
    assert "p. 5." not in text


def test_a_saved_web_page_is_described_from_its_metadata_and_located_by_paragraph(project):
    assert entry(project, "ceasefire-talks-stall-north").splitlines() == [
        "    file: ceasefire.html",
        "    # type: CSL type: report, article-newspaper, webpage…",
        "    title: Ceasefire talks stall in the north",
        "    author:",
        "      - {family: Aung, given: Seng Mai}",
        "    container-title: Harbour Post",
        "    # publisher: who published it, as the document says",
        "    issued: 2024-01-17",
        "    URL: https://example.org/ceasefire",
        "    # genre: report, briefing, op-ed…",
        "    language: en",
        "    metadata:",
        "      title: HTML citation_title",
        "      author: HTML citation_author",
        "      issued: HTML citation_publication_date",
        "      URL: HTML link rel=canonical",
        "      container-title: HTML og:site_name",
        "      language: HTML lang attribute",
        f"    sha256: {__import__('hashlib').sha256(PAGE.encode()).hexdigest()}"]
    assert ("Seng Mai Aung, “Ceasefire talks stall in the north”, Harbour Post, 17 January "
            "2024, ¶3." in notes(project))


def test_the_archival_pdf_embeds_the_documents_as_received(project):
    reader = PdfReader(project / "build/briefing.pdf")
    names = reader.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    files = {str(names[i]): names[i + 1].get_object() for i in range(0, len(names), 2)}
    embedded = {name: (str(spec["/EF"]["/F"].get_object()["/Subtype"]),
                       str(spec["/AFRelationship"]), spec["/EF"]["/F"].get_object().get_data())
                for name, spec in files.items() if name.startswith("seeds/")}
    assert embedded == {
        "seeds/gazette.txt": ("/text/plain", "/Source",
                              (project / "seeds/gazette.txt").read_bytes()),
        "seeds/review.pdf": ("/application/pdf", "/Source", review_pdf()),
        "seeds/ceasefire.html": ("/text/html", "/Source", PAGE.encode())}


def test_the_running_head_of_a_pdf_cannot_be_quoted(project, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(project, root)
    summaries = root / "report/summaries.yaml"
    summaries.write_text(summaries.read_text().replace(
        "quote: Refugees crossed the border in their thousands.",
        f"quote: {HEAD}"), encoding="utf-8")
    assert cli.main(["check", "-q", str(root)]) == 1
    assert capsys.readouterr().err == (
        "reportgen: 1 problem found (no output was changed):\n"
        "report/summaries.yaml:21:18: the quote is not in source 'myanmar-policy-review': "
        "“Myanmar Policy Review 2024” is in a running head or foot of seeds/review.pdf "
        "(“Myanmar Policy Review 2024”), which is not part of its text\n"
        "    A line repeated at the top or bottom of the pages is left out, with the page "
        "numbers: quote the words of the page itself.\n")


def test_coverage_counts_a_pdfs_pages_by_their_printed_numbers(project, capsys):
    assert cli.main(["check", "-q", "--coverage", str(project)]) == 0
    out = capsys.readouterr().out
    assert ("myanmar-policy-review (seeds/review.pdf): 3 of 6 pages cited; not cited: pp. i, "
            "ii, 14\n    p. i Myanmar Policy Review Volume 3\n    p. ii Contents 1 The junta\n"
            "    p. 14 Observers called for an embargo on aviation fuel. Talks stalled by th…\n"
            ) in out
    assert out.endswith("In all: 4 of 9 paragraphs and 3 of 6 pages of 3 sources cited\n")


def test_adding_the_same_document_again_changes_nothing(project, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(project, root)
    before = (root / "report/sources.yaml").read_bytes()
    printed = added(root, root / "seeds/review.pdf", capsys)
    assert printed.splitlines()[-1].startswith(
        "Nothing to do: seeds/review.pdf is source 'myanmar-policy-review' already, unchanged "
        "since it was added in ")
    assert (root / "report/sources.yaml").read_bytes() == before


def test_a_changed_document_is_reported_by_build_check_and_add_source(project, tmp_path,
                                                                      capsys):
    root = tmp_path / "project"
    shutil.copytree(project, root)
    changed = review_pdf().replace(b"an embargo on", b"a ban on")
    assert changed != review_pdf()
    (root / "seeds/review.pdf").write_bytes(changed)
    warning = ("warning: report/sources.yaml:9:5: the document of source "
               "'myanmar-policy-review', seeds/review.pdf, has changed since it was added: "
               "quotes may no longer verify\n"
               "    Check the quotes from it, then run 'reportgen add-source seeds/review.pdf' "
               "to record its new hash.")
    assert cli.main(["check", str(root)]) == 0
    assert warning in capsys.readouterr().err
    printed = added(root, root / "seeds/review.pdf", capsys)
    assert ("seeds/review.pdf has changed since it was added as source 'myanmar-policy-review': "
            "quotes may no longer verify; run 'reportgen check' to verify them") in printed
    digest = __import__("hashlib").sha256(changed).hexdigest()
    assert f"    sha256: {digest}\n" in (root / "report/sources.yaml").read_text()
    assert cli.main(["check", str(root)]) == 0
    assert "warning" not in capsys.readouterr().err


def test_a_different_document_of_the_same_name_is_never_copied_over(project, tmp_path, capsys):
    root = tmp_path / "project"
    shutil.copytree(project, root)
    other = tmp_path / "review.pdf"
    other.write_bytes(handmade_pdf([Sheet(["Another review altogether, of other things."])]))
    assert cli.main(["add-source", str(other), str(root)]) == 1
    assert capsys.readouterr().err.endswith(
        "seeds/review.pdf: a different document already has this name in seeds/, so "
        f"{other} is not copied over it\n"
        f"    Rename {other} before adding it; or, if it is a new version of the same document, "
        "replace seeds/review.pdf yourself and run add-source on it.\n")
    assert (root / "seeds/review.pdf").read_bytes() == review_pdf()


def test_add_source_refuses_other_kinds_of_file_as_wrong_usage(project, tmp_path, capsys):
    (tmp_path / "notes.docx").write_bytes(b"PK")
    assert cli.main(["add-source", str(tmp_path / "notes.docx"), str(project)]) == 2
    assert "add-source reads PDF (.pdf), web pages saved from a browser (.html, .htm) and " \
           "text (.txt) documents" in capsys.readouterr().err


def test_extracted_text_is_kept_by_hash_and_never_used_for_another_document(
        project, tmp_path, capsys, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(project, root)
    digest = hashlib.sha256(review_pdf()).hexdigest()
    kept = root / "build/.cache/text" / f"{digest}.json"
    entry = json.loads(kept.read_text(encoding="utf-8"))
    assert [page[1] for page in entry["record"]["pages"]] == ["i", "ii", "11", "12", "13", "14"]
    # The kept text is what the next build reads: the PDF and the page are not read again...
    read = kinds.read_document
    with monkeypatch.context() as patched:
        patched.setattr(kinds, "read_document", lambda data, file: read(data, file)
                        if file.suffix == ".txt" else pytest.fail(f"{file} read again"))
        assert cli.main(["check", "-q", str(root)]) == 0, capsys.readouterr().err
    # ...but a document with another hash is read again, never from another's entry.
    (root / "seeds/review.pdf").write_bytes(review_pdf() + b"\n% appended comment\n")
    shutil.copyfile(kept, kept.with_name(
        hashlib.sha256((root / "seeds/review.pdf").read_bytes()).hexdigest() + ".json"))
    assert cli.main(["check", "-q", str(root)]) == 0, capsys.readouterr().err


def test_text_planted_in_a_project_s_build_folder_is_not_trusted(project, tmp_path, capsys):
    """A project received with its build/ folder cannot make a quote verify against text
    the document does not hold: the kept text carries this user's seal."""
    root = tmp_path / "project"
    shutil.copytree(project, root)
    kept = root / "build/.cache/text" / f"{hashlib.sha256(review_pdf()).hexdigest()}.json"
    entry = json.loads(kept.read_text(encoding="utf-8"))
    entry["record"]["text"] = entry["record"]["text"].replace("seized power", "took power")
    kept.write_text(json.dumps(entry), encoding="utf-8")  # as a forger would: no key
    assert cli.main(["check", "-q", str(root)]) == 0, capsys.readouterr().err
    assert "seized power" in json.loads(kept.read_text(encoding="utf-8"))["record"]["text"]


CSL = [
    {"id": "farmaner2021", "type": "report", "title": "Countries involved in training",
     "author": [{"family": "Farmaner", "given": "Mark"}], "issued": {"date-parts": [["2021", "3"]]},
     "publisher": "Burma Campaign UK", "DOI": "10.1234/x",
     "file": "Full Text PDF:files/12/briefing-54.pdf:application/pdf"},
    {"id": "http://zotero.org/users/1/items/AB12", "type": "article-newspaper",
     "title": "Junta loses border posts", "issued": {"raw": "2023-11-20"}},
]


def test_a_csl_json_library_is_imported_and_its_gaps_are_listed(tmp_path, capsys):
    root = tmp_path / "project"
    write_files(root, MINIMAL)
    (root / "seeds/briefing-54.pdf").write_bytes(handmade_pdf([Sheet(
        ["Burma Briefing No. 54", "Countries involved in training the military."])]))
    (root / "seeds/unlisted.html").write_text(
        "<html><head><title>Minutes</title></head><body><p>Minutes of a meeting held in "
        "Yangon.</p></body></html>", encoding="utf-8")
    library = tmp_path / "My Library.json"
    library.write_text(json.dumps(CSL), encoding="utf-8")
    assert cli.main(["import-sources", str(library), str(root)]) == 0
    printed = capsys.readouterr().err
    assert printed.splitlines()[3:] == [
        "Added source 'farmaner2021' for seeds/briefing-54.pdf (matched by file name)",
        "No document in seeds/ for item http://zotero.org/users/1/items/AB12 (Junta loses "
        "border posts)",
        "No item of the library for seeds/unlisted.html",
        printed.splitlines()[-1]]
    assert printed.splitlines()[-1].startswith("Added 1 of 2 items to report/sources.yaml in ")
    digest = __import__("hashlib").sha256((root / "seeds/briefing-54.pdf").read_bytes())
    assert entry(root, "farmaner2021").splitlines() == [
        "    file: briefing-54.pdf",
        "    # the library also gives: DOI",
        "    type: report",
        "    title: Countries involved in training",
        "    author:",
        "      - {family: Farmaner, given: Mark}",
        "    publisher: Burma Campaign UK",
        "    issued: 2021-03",
        "    # genre: report, briefing, op-ed…",
        "    metadata:",
        *(f"      {name}: CSL-JSON My Library.json, item farmaner2021"
          for name in ("type", "title", "author", "publisher", "issued")),
        f"    sha256: {digest.hexdigest()}"]
    assert cli.main(["check", "-q", str(root)]) == 0
