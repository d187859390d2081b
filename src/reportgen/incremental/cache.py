"""The build cache: a content hash of everything a build reads, kept in build/.cache.json.

A build whose inputs hash to the key of the last successful build, and whose outputs are
still the files that build wrote, is up to date and does not render. The key covers every
file under report/, seeds/ and templates/ (except the distribution files, which only
`distribute` reads), reportgen's version and code, the versions of the libraries that
shape the PDF, the font files in use and the build options.

This check runs before anything else on every build, so the module imports nothing
heavier than hashlib and json.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..content.files import Refused, inside
from ..content.folders import DISTRIBUTION_FILES, INPUT_FOLDERS
from ..seal import is_sealed, seal
from . import fontfiles

CACHE_NAME = ".cache.json"
# The distributions whose code decides the bytes of the PDF.
RENDERING_PACKAGES = ("weasyprint", "pydyf", "pypdf", "fonttools", "jinja2", "babel", "pyyaml",
                      "tinycss2", "cssselect2", "pyphen")
PACKAGE_FOLDER = Path(__file__).resolve().parents[1]


@dataclass
class Inputs:
    """What a build reads: project files by content hash, software, fonts and options."""

    files: dict[str, str]
    software: dict[str, str]
    fonts: dict[str, str] | None  # None: to resolve (see with_fonts)
    font_lookup: str
    options: dict[str, Any] = field(default_factory=dict)

    def key(self) -> str:
        """One hash of all the inputs."""
        text = json.dumps(asdict(self), sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def setting(self) -> str:
        """One hash of what the build reads besides the content: the templates, the
        software, the fonts and the options."""
        templates = {name: digest for name, digest in self.files.items()
                     if not name.startswith(("report/", "seeds/"))}
        text = json.dumps([templates, self.software, self.fonts, self.font_lookup, self.options],
                          sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()

    def changes_since(self, earlier: Inputs) -> list[str]:
        """What differs from an earlier build's inputs, file by file."""
        changes = [f"{name} (new)" for name in self.files if name not in earlier.files]
        changes += [f"{name} (removed)" for name in earlier.files if name not in self.files]
        changes += [name for name, digest in self.files.items()
                    if earlier.files.get(name, digest) != digest]
        # The font lookup also changes with the stylesheets: it only counts on its own.
        fonts_installed = self.font_lookup != earlier.font_lookup and not any(
            name.startswith("templates/") for name in changes)
        fonts = self.fonts is not None and self.fonts != earlier.fonts
        others = {"reportgen or its libraries": self.software != earlier.software,
                  "fonts": fonts or fonts_installed,
                  "build options": self.options != earlier.options}
        return sorted(changes) + [what for what, changed in others.items() if changed]


@dataclass
class Record:
    """What build/.cache.json remembers of the last successful build."""

    key: str
    inputs: Inputs
    outputs: dict[str, str]
    pages: int


def read_record(output: Path, stem: str) -> Record | None:
    """The record of the last successful build of `stem` in an output folder, if readable."""
    try:
        data = dict(_read_records(output)[stem])
        if not is_sealed(_sealed_part(data), data.pop("seal", None)):
            return None  # not written by this user's reportgen: build and record anew
        return Record(data["key"], Inputs(**data["inputs"]), data["outputs"], data["pages"])
    except (KeyError, TypeError, ValueError):
        return None  # never built, or recorded by another version: build and record anew


def _read_records(output: Path) -> dict[str, Any]:
    try:
        records = json.loads((output / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def current_inputs(root: Path, options: dict[str, Any], record: Record | None) -> Inputs:
    """Hash what a build of root with these options would read now.

    The font files are those of the record while what decides them is unchanged; else
    they are left to resolve (with_fonts) until the record is written: the build is not
    up to date anyway, and a cold build resolves them while its renderer works.
    """
    lookup = fontfiles.lookup_key(root)
    fonts = None
    if record is not None and record.inputs.font_lookup == lookup and record.inputs.fonts:
        fonts = fontfiles.signatures(list(record.inputs.fonts))
    return Inputs(project_files(root), software(), fonts, lookup, dict(options))


def with_fonts(inputs: Inputs, root: Path) -> Inputs:
    """inputs with their font files resolved, if current_inputs left them to resolve."""
    if inputs.fonts is not None:
        return inputs
    return replace(inputs, fonts=fontfiles.signatures(fontfiles.resolve_font_files(root)))


def is_up_to_date(record: Record | None, inputs: Inputs, output: Path) -> bool:
    """True when the inputs are those of the recorded build and its outputs are intact."""
    if record is None or record.key != inputs.key():
        return False
    return all(_file_hash(output / name) == digest for name, digest in record.outputs.items())


def record_file(output: Path, stem: str, inputs: Inputs, outputs: dict[str, bytes],
                pages: int) -> tuple[Path, bytes]:
    """build/.cache.json with the record of a build of `stem` that wrote `outputs` (by name).

    Written by the build together with the outputs, so the record never describes
    files other than those in place.
    """
    records = _read_records(output)
    record = {"key": inputs.key(), "inputs": asdict(inputs), "pages": pages,
              "outputs": {name: hashlib.sha256(data).hexdigest()
                          for name, data in outputs.items()}}
    records[stem] = {**record, "seal": seal(_sealed_part(record))}
    return output / CACHE_NAME, json.dumps(records, indent=1, sort_keys=True,
                                           default=str).encode("utf-8")


def _sealed_part(record: dict[str, Any]) -> bytes:
    """What a record's seal covers: all of it but the seal."""
    return json.dumps({key: value for key, value in record.items() if key != "seal"},
                      sort_keys=True, default=str).encode("utf-8")


def project_files(root: Path) -> dict[str, str]:
    """The SHA-256 of every file under report/, seeds/ and templates/, by relative path."""
    hashes = {}
    skipped = {path.as_posix() for path in DISTRIBUTION_FILES}
    for folder in INPUT_FOLDERS:
        for directory, subfolders, names in os.walk(root / folder):
            subfolders.sort()
            for name in sorted(names):
                path = Path(directory, name)
                relative = path.relative_to(root)
                if relative.as_posix() not in skipped:
                    hashes[relative.as_posix()] = _project_file_hash(root, relative)
    return hashes


def _project_file_hash(root: Path, relative: Path) -> str:
    # A named pipe, a device or a link out of the project is never opened: the build
    # refuses it if it is used, and its name and kind are what the key records.
    try:
        return _file_hash(inside(root, relative))
    except Refused as refused:
        return f"not read: {refused.reason}"


def software() -> dict[str, str]:
    """reportgen's version and code, Python's version, and the rendering libraries' versions."""
    code = hashlib.sha256()
    # Every file of the package, in every sub-package: its code and what ships with it.
    for path in sorted(PACKAGE_FOLDER.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            code.update(path.relative_to(PACKAGE_FOLDER).as_posix().encode() + b"\0")
            code.update(path.read_bytes())
    versions = {"reportgen": f"{__version__} {code.hexdigest()[:16]}",
                "python": sys.version.split()[0]}
    versions.update(_installed_versions(RENDERING_PACKAGES))
    return versions


def _installed_versions(packages: tuple[str, ...]) -> dict[str, str]:
    # The versions are read from the dist-info folders' names: importlib.metadata would
    # cost more than the rest of the check.
    wanted = {name: "" for name in packages}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            stem, _, version = name.removesuffix(".dist-info").partition("-")
            if name.endswith(".dist-info") and wanted.get(stem.lower()) == "":
                wanted[stem.lower()] = version
    return wanted


def _file_hash(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return "missing"
