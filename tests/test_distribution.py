"""Distribution: stamped copies per recipient, read back page by page, and their manifest."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import stat
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from reportgen.cli import main

from .conftest import MINIMAL
from .pdfread import outline, page_texts

PEOPLE = [("Ana Pérez", "Oxfam"), ("အောင်ဆန်း", "National League for Democracy"),
          ("สมชาย ใจดี", "Thai Parliament"), ("Dr. J. O'Brien/UN", "../U.N."),
          (".hidden", "Press"), ("Ελένη Παππά", "Βουλή"), ("..", "/")]


def recipients_yaml(people: list[tuple[str, str]], extra: str = "") -> str:
    lines = ["recipients:"]
    for name, organisation in people:
        lines += [f"  - name: {json.dumps(name, ensure_ascii=False)}",
                  f"    organisation: {json.dumps(organisation, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n" + extra


def twenty_five() -> list[tuple[str, str]]:
    return PEOPLE + [(f"Reader {n}", f"Parliament {n % 4}") for n in range(8, 26)]


def distribute(root, capsys, *args: str) -> tuple[int, str]:
    status = main(["distribute", *args, str(root)])
    return status, capsys.readouterr().err


def test_must_show_25_copies_carry_their_recipient_on_every_page(make_project, capsys):
    people = twenty_five()
    root = make_project({"report/recipients.yaml": recipients_yaml(people)})
    status, err = distribute(root, capsys)
    assert status == 0, err
    assert err.splitlines()[-1].startswith(f"Wrote 25 copies and their manifest (CSV, JSON) to "
                                           f"{root}/build/distribution in ")
    folder = root / "build/distribution"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["title"] == "Test briefing" and manifest["edition"] == 2
    copies = manifest["copies"]
    assert [(c["recipient"], c["organisation"]) for c in copies] == people
    briefing_pages = len(PdfReader(root / "build/briefing.pdf").pages)
    for number, entry in enumerate(copies, 1):
        pdf = folder / entry["file"]
        assert hashlib.sha256(pdf.read_bytes()).hexdigest() == entry["sha256"]
        texts = page_texts(pdf)
        assert len(texts) == entry["pages"] == briefing_pages
        stamp = (f"Prepared for {entry['recipient']}, {entry['organisation']} · copy {number} "
                 "of 25 · Edition 2 · 6 May 2024")
        for text in texts:
            assert stamp in text
        others = [name for name, _ in people if name != entry["recipient"] and len(name) > 2]
        assert not any(name in "".join(texts) for name in others)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [c["file"] for c in copies] + ["manifest.csv", "manifest.json"])
    with (folder / "manifest.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["sha256"] for row in rows] == [c["sha256"] for c in copies]
    assert rows[0] == {"copy": "1", "file": "01-ana-perez.pdf", "recipient": "Ana Pérez",
                       "organisation": "Oxfam", "language": "", "email": "",
                       "encrypted": "false", "sha256": copies[0]["sha256"],
                       "pages": str(briefing_pages)}


def test_file_names_are_safe_whatever_the_name(make_project, capsys):
    root = make_project({"report/recipients.yaml": recipients_yaml(PEOPLE)})
    assert distribute(root, capsys, "-q")[0] == 0
    names = [c["file"] for c in json.loads(
        (root / "build/distribution/manifest.json").read_text())["copies"]]
    assert names == ["01-ana-perez.pdf", "02-national-league-for-democracy.pdf",
                     "03-thai-parliament.pdf", "04-dr-j-o-brien-un.pdf", "05-hidden.pdf",
                     "06-recipient.pdf", "07-recipient.pdf"]
    assert all(re.fullmatch(r"\d\d-[a-z0-9]+(-[a-z0-9]+)*\.pdf", name) for name in names)


def test_copies_keep_outline_links_labels_and_tags(make_project, capsys):
    root = make_project({"report/recipients.yaml": recipients_yaml(PEOPLE[:2])})
    assert distribute(root, capsys, "-q")[0] == 0
    briefing = root / "build/briefing.pdf"
    copy = root / "build/distribution/02-national-league-for-democracy.pdf"
    original, stamped = PdfReader(briefing), PdfReader(copy)
    assert outline(copy) == outline(briefing)
    assert stamped.page_labels == original.page_labels
    assert [len(page.get("/Annots", [])) for page in stamped.pages] == [
        len(page.get("/Annots", [])) for page in original.pages]
    for key in ("/StructTreeRoot", "/MarkInfo", "/Lang", "/Outlines"):
        assert key in stamped.trailer["/Root"]
    assert stamped.metadata.title == original.metadata.title
    content = stamped.pages[3].get_contents().get_data()
    assert b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC" in content
    result = subprocess.run(["qpdf", "--check", str(copy)], capture_output=True, text=True)
    assert result.returncode == 0 and "No syntax or stream encoding errors" in result.stdout


def test_encrypted_copies_open_with_their_own_password_only(make_project, capsys):
    root = make_project({"report/recipients.yaml": recipients_yaml(PEOPLE[:3])})
    status, err = distribute(root, capsys, "--encrypt")
    assert status == 0, err
    assert ("Passwords are in report/recipient-passwords.yaml: send each by another channel "
            "than the copy, and never commit the file.") in err
    secrets = root / "report/recipient-passwords.yaml"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    entries = {e["name"]: e["password"] for e in
               yaml.safe_load(secrets.read_text())["passwords"]}
    copies = json.loads((root / "build/distribution/manifest.json").read_text())["copies"]
    for entry in copies:
        reader = PdfReader(root / "build/distribution" / entry["file"])
        assert reader.is_encrypted and entry["encrypted"] is True
        assert reader.decrypt("not the password") == 0
        assert reader.decrypt(entries[entry["recipient"]]) != 0
        encryption = reader.trailer["/Encrypt"]
        assert (encryption["/V"], encryption["/R"]) == (5, 6)  # AES-256
        assert encryption["/CF"]["/StdCF"]["/CFM"] == "/AESV3"
        assert f"Prepared for {entry['recipient']}," in reader.pages[0].extract_text()
    before = secrets.read_text()
    assert distribute(root, capsys, "--encrypt", "-q")[0] == 0
    assert secrets.read_text() == before


def test_a_preferred_language_puts_its_insert_first(make_project, capsys):
    report = MINIMAL["report/report.yaml"] + "translations: [th, id]\n"
    root = make_project({"report/report.yaml": report, "report/recipients.yaml": (
        "recipients:\n  - {name: Siti, organisation: DPR, language: id}\n"
        "  - {name: Ann, organisation: Desk}\n  - {name: Somchai, organisation: House, "
        "language: th}\n")})
    assert main(["translations", "update", "-q", str(root)]) == 0
    status, err = distribute(root, capsys)
    assert status == 0, err
    assert "The briefing with the id insert first, for the recipients who prefer it:" in err
    assert (root / "build/briefing-id-first.pdf").is_file()
    assert not (root / "build/briefing-th-first.pdf").exists()
    folder = root / "build/distribution"
    for name, first, second in (("01-siti.pdf", "Indonesian", "Thai"),
                                ("02-ann.pdf", "Thai", "Indonesian"),
                                ("03-somchai.pdf", "Thai", "Indonesian")):
        titles = [title for level, title, _ in outline(folder / name) if level == 2]
        assert titles.index(first) < titles.index(second), name
    capsys.readouterr()
    status, err = distribute(root, capsys)
    assert "Laying out" not in err  # the briefing and its variant are both up to date


def test_a_second_distribution_replaces_the_first(make_project, capsys):
    root = make_project({"report/recipients.yaml": recipients_yaml(PEOPLE[:3])})
    distribute(root, capsys, "-q")
    (root / "report/recipients.yaml").write_text(recipients_yaml(PEOPLE[:1]))
    assert distribute(root, capsys)[0] == 0
    assert sorted(p.name for p in (root / "build/distribution").iterdir()) == [
        "01-ana-perez.pdf", "manifest.csv", "manifest.json"]
    assert sorted(p.name for p in (root / "build").iterdir() if p.name.startswith(".")) == [
        ".cache.json", ".lock"]


def test_progress_is_a_line_per_copy_when_stderr_is_not_a_terminal(make_project, capsys):
    root = make_project({"report/recipients.yaml": recipients_yaml(PEOPLE[:2])})
    err = distribute(root, capsys)[1]
    assert "Copies 1/2: 01-ana-perez.pdf\nCopies 2/2: 02-national-league-for-democracy.pdf\n" in err


@pytest.mark.parametrize("recipients, message", [
    ("recipients:\n  - {name: A, organisation: B, language: fr}\n",
     "report/recipients.yaml:2:5: 'fr' is not a language of this briefing's inserts\n"
     "    Use one of: en-GB; or leave 'language' out."),
    ("recipients:\n  - {name: A, organisation: B}\n  - {name: A, organisation: B}\n",
     "report/recipients.yaml:3:5: A of B is listed twice\n    Keep one of the two entries."),
    ("recipients:\n  - {name: A, organisation: B, email: nobody}\n",
     "report/recipients.yaml:2:5: 'nobody' is not an email address\n"
     "    Write it as name@example.org, or leave 'email' out."),
    ("recipients:\n  - {name: A}\n",
     "report/recipients.yaml:2:5: this recipient has no 'organisation'"),
])
def test_recipient_errors_name_the_line(make_project, capsys, recipients, message):
    root = make_project({"report/recipients.yaml": recipients})
    status, err = distribute(root, capsys, "-q")
    assert status == 1
    assert message in err
    assert not (root / "build/distribution").exists()


def installed_font_covers(code_point: int) -> bool:
    return bool(subprocess.run(["fc-list", f":charset={code_point:x}"], capture_output=True,
                               text=True).stdout.strip())


@pytest.mark.skipif(installed_font_covers(0xAC00), reason="a Korean font is installed")
def test_a_name_no_installed_font_can_print_is_an_error(make_project, capsys):
    # The set-up installs fonts-noto-core, which has no Korean (Hangul) font.
    root = make_project({"report/recipients.yaml": (
        "recipients:\n  - {name: Ana, organisation: Oxfam}\n"
        "  - {name: 김민수, organisation: Assembly}\n")})
    status, err = distribute(root, capsys, "-q")
    assert status == 1
    assert err.splitlines()[1:] == [
        "report/recipients.yaml:3:5: no installed font can print 김 민 수 in "
        "“김민수, Assembly”",
        "    Install a font for it: for this script, Debian's fonts-noto-cjk."]


def test_a_missing_recipients_file_is_a_usage_error(make_project, capsys):
    root = make_project()
    status, err = distribute(root, capsys, "-q")
    assert status == 2
    assert err == (f"reportgen: there is no recipients file {root}/report/recipients.yaml: list "
                   "the recipients in report/recipients.yaml, or name the file with "
                   "--recipients.\n")


def test_the_stamps_of_a_right_to_left_briefing_are_written_right_to_left(tmp_path):
    """A line opening with a Latin name: in a right-to-left line the name stands rightmost."""
    from reportgen.publish.stamp import render_stamps

    stamps = tmp_path / "stamps.pdf"
    stamps.write_bytes(render_stamps(["Salma أعدت"], ["Noto Sans", "Noto Naskh Arabic"],
                                     (595.0, 842.0), tmp_path, "ar"))
    assert PdfReader(stamps).trailer["/Root"]["/Lang"] == "ar"
    bbox = subprocess.run(["pdftotext", "-bbox", str(stamps), "-"], capture_output=True,
                          text=True, check=True).stdout
    left = dict((word, float(x)) for x, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)<',
                                                          bbox))
    arabic = next(x for word, x in left.items() if word != "Salma")
    assert left["Salma"] > arabic
