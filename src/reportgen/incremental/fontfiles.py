"""The font files a build uses: what fontconfig resolves for the families the theme names.

The build cache needs them (a font upgraded in place changes the PDF), and asks
fontconfig as the renderer does (render/fonts.py). The answer is remembered together
with what it depends on: the theme and stylesheets that name the families, and the
fontconfig caches and font folders that change when fonts are installed or removed.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..content.files import CONTENT_LIMIT, is_readable
from ..content.folders import BUILT_IN_THEME, TEMPLATES, THEME_FILE

FONTCONFIG_PLACES = ("/var/cache/fontconfig", "~/.cache/fontconfig", "/usr/share/fonts",
                     "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts")
CSS_FAMILIES = re.compile(r"font-family\s*:\s*([^;}]+)")
STYLES = ("Regular", "Bold", "Italic", "Bold Italic")


def lookup_key(root: Path) -> str:
    """What the resolved files depend on: the theme, the stylesheets, installed fonts."""
    digest = hashlib.sha256()
    for path in _style_files(root):
        with path.open("rb") as stream:
            content = hashlib.file_digest(stream, "sha256").digest()
        digest.update(path.name.encode() + b"\0" + content + b"\0")
    for place in FONTCONFIG_PLACES:
        folder = Path(place).expanduser()
        if folder.is_dir():
            digest.update(f"{folder} {folder.stat().st_mtime_ns}\n".encode())
    return digest.hexdigest()


def resolve_font_files(root: Path) -> list[str]:
    """The font files fontconfig gives for every family the theme and stylesheets name."""
    from ..render.fonts import system

    fontconfig = system()
    files = {fontconfig.match(family, style).file for family in named_families(root)
             for style in STYLES}
    return sorted(file for file in files if file)


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


def named_families(root: Path) -> list[str]:
    """Font family names in the theme (built-in and the project's) and its stylesheets."""
    names = _theme_families(BUILT_IN_THEME.parent, Path(BUILT_IN_THEME.name) / "theme.yaml")
    names += _theme_families(root, THEME_FILE)
    for path in [*sorted(BUILT_IN_THEME.glob("*.css")), *_style_files(root)]:
        if path.suffix == ".css":
            with path.open("rb") as stream:
                text = stream.read(CONTENT_LIMIT).decode("utf-8", errors="replace")
            for match in CSS_FAMILIES.finditer(text):
                names += [name.strip().strip("'\"") for name in match.group(1).split(",")]
    return list(dict.fromkeys(name for name in names if name and not name.startswith("var(")))


def _theme_families(root: Path, relative: Path) -> list[str]:
    # Only when the fonts are looked up again, not on every cache check: YAML is slow to load.
    from ..content.yamlfile import read_yaml
    from ..errors import ContentError

    if not (root / relative).is_file():
        return []
    try:
        theme = read_yaml(root / relative, root)
        return [str(name) for choice in theme["fonts"]
                for name in [*choice["families"], *choice.get("headings", [])]]
    except (ContentError, TypeError, KeyError, AttributeError):
        return []  # the build itself reports what is wrong with the theme


def _style_files(root: Path) -> list[Path]:
    folder = root / TEMPLATES
    return sorted(path for path in folder.glob("*")
                  if path.suffix in (".yaml", ".css") and is_readable(root, path))
