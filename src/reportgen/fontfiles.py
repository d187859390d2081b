"""The font files a build uses: what fontconfig resolves for the families the theme names.

The build cache needs them (a font upgraded in place changes the PDF), but asking
fontconfig costs a subprocess per family, so the answer is remembered together with
what it depends on: the theme and stylesheets that name the families, and the
fontconfig caches and font folders that change when fonts are installed or removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import unicodedata
from pathlib import Path

FONTCONFIG_PLACES = ("/var/cache/fontconfig", "~/.cache/fontconfig", "/usr/share/fonts",
                     "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
CSS_FAMILIES = re.compile(r"font-family\s*:\s*([^;}]+)")


def lookup_key(root: Path) -> str:
    """What the resolved files depend on: the theme, the stylesheets, installed fonts."""
    digest = hashlib.sha256()
    for path in _style_files(root):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for place in FONTCONFIG_PLACES:
        folder = Path(place).expanduser()
        if folder.is_dir():
            digest.update(f"{folder} {folder.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def resolve_font_files(root: Path) -> list[str]:
    """The font files fontconfig gives for every family the theme and stylesheets name."""
    files: set[str] = set()
    for family in named_families(root):
        files.update(_fontconfig(["fc-list", "--format", "%{file}\n", f":family={family}"])
                     or _fontconfig(["fc-match", "--format", "%{file}\n", family]))
    return sorted(files)


def signatures(files: list[str]) -> dict[str, str]:
    """Each font file's size and modification time, or 'missing'."""
    result = {}
    for name in files:
        try:
            status = os.stat(name)
        except OSError:
            result[name] = "missing"
            continue
        result[name] = f"{status.st_size} {status.st_mtime_ns}"
    return result


def uncovered_characters(text: str) -> list[str]:
    """The characters of text that no installed font can draw."""
    from .glyphs import INVISIBLE

    wanted = {char for char in text if unicodedata.category(char) not in INVISIBLE}
    # Pango falls back on any installed font, so ask fontconfig: all the characters at
    # once first, one by one only when no single font has them all.
    if not wanted or _covering_fonts(wanted):
        return []
    return sorted(char for char in wanted if not _covering_fonts({char}))


def _covering_fonts(characters: set[str]) -> list[str]:
    """The installed font files that have every one of the characters."""
    code_points = " ".join(f"{ord(char):x}" for char in sorted(characters))
    return _fontconfig(["fc-list", "--format", "%{file}\n", f":charset={code_points}"])


def named_families(root: Path) -> list[str]:
    """Font family names in templates/theme.yaml and in the stylesheets, in order."""
    names = _theme_families(root / "templates" / "theme.yaml")
    for path in _style_files(root):
        if path.suffix == ".css":
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in CSS_FAMILIES.finditer(text):
                names += [name.strip().strip("'\"") for name in match.group(1).split(",")]
    return list(dict.fromkeys(name for name in names if name))


def _theme_families(path: Path) -> list[str]:
    import yaml  # only when the fonts are looked up again, not on every cache check

    try:
        theme = yaml.safe_load(path.read_text(encoding="utf-8"))
        return [str(name) for choice in theme["fonts"] for name in choice["families"]]
    except (OSError, yaml.YAMLError, TypeError, KeyError):
        return []  # the build itself reports what is wrong with the theme


def _style_files(root: Path) -> list[Path]:
    folder = root / "templates"
    return sorted(path for path in folder.glob("*") if path.suffix in (".yaml", ".css"))


def _fontconfig(command: list[str]) -> list[str]:
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        # Without fontconfig's tools the build still runs; the key then rests on the
        # theme, the stylesheets and the fontconfig folders alone.
        return []
    return [line for line in result.stdout.splitlines() if line.strip()]
