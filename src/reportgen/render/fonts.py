"""Asking fontconfig which fonts there are, the way WeasyPrint asks it.

WeasyPrint lays text out with Pango, which takes its fonts from fontconfig. The glyph
preflight, the font advice, the recipients' stamps and the build cache all need the
same answers, so they all ask here: libfontconfig itself (the library WeasyPrint loads),
with the same pattern matching and substitutions, and the configuration WeasyPrint
used for a document when there is one (it holds the project's @font-face fonts).
Patterns are written as fc-list and fc-match take them: 'Noto Sans:style=Bold',
':charset=4e2d'.

Importing this module is cheap: the build cache uses it without loading WeasyPrint.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import cffi

ffi = cffi.FFI()
ffi.cdef("""
    typedef int FcBool;
    typedef unsigned char FcChar8;
    typedef struct _FcConfig FcConfig;
    typedef struct _FcPattern FcPattern;
    typedef struct _FcObjectSet FcObjectSet;
    typedef struct _FcFontSet { int nfont; int sfont; FcPattern **fonts; } FcFontSet;
    typedef enum { FcResultMatch, FcResultNoMatch, FcResultTypeMismatch, FcResultNoId,
                   FcResultOutOfMemory } FcResult;
    typedef enum { FcMatchPattern, FcMatchFont, FcMatchScan } FcMatchKind;

    FcConfig *FcInitLoadConfigAndFonts(void);
    FcPattern *FcNameParse(const FcChar8 *name);
    void FcPatternDestroy(FcPattern *p);
    FcResult FcPatternGetString(FcPattern *p, const char *object, int n, FcChar8 **s);
    FcBool FcConfigSubstitute(FcConfig *config, FcPattern *p, FcMatchKind kind);
    void FcDefaultSubstitute(FcPattern *pattern);
    FcPattern *FcFontMatch(FcConfig *config, FcPattern *p, FcResult *result);
    FcObjectSet *FcObjectSetCreate(void);
    FcBool FcObjectSetAdd(FcObjectSet *os, const char *object);
    void FcObjectSetDestroy(FcObjectSet *os);
    FcFontSet *FcFontList(FcConfig *config, FcPattern *p, FcObjectSet *os);
    void FcFontSetDestroy(FcFontSet *s);
""")
LIBRARY_NAMES = ("libfontconfig.so.1", "libfontconfig.1.dylib", "fontconfig")

# CSS generic families: fontconfig always gives some font for them.
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math",
           "emoji", "fangsong", "ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded"}
# Spaces are drawn by HarfBuzz even when a font has no glyph for them; controls and
# format characters (soft hyphen, joiners) are never drawn.
INVISIBLE = {"Cc", "Cf", "Zs", "Zl", "Zp"}


@dataclass(frozen=True)
class Face:
    """What fontconfig gives for a family: the file, or the family it substitutes."""

    family: str
    file: str
    found: str

    @property
    def installed(self) -> bool:
        return self.family.lower() in GENERIC or self.found.lower() == self.family.lower()


@cache
def _library():  # noqa: ANN202 - a cffi library object
    for name in LIBRARY_NAMES:
        try:
            return ffi.dlopen(name)
        except OSError:
            continue
    raise OSError("libfontconfig is not installed")


class Fontconfig:
    """One fontconfig configuration: the system's, or the one a WeasyPrint document used."""

    def __init__(self, address: int | None = None) -> None:
        library = _library()
        self.library = library
        self.config = (library.FcInitLoadConfigAndFonts() if address is None
                       else ffi.cast("FcConfig *", address))

    def match(self, family: str, style: str = "Regular") -> Face:
        """The font fontconfig chooses for a family and style, as Pango would get it."""
        library = self.library
        pattern = self._pattern(f"{_escaped(family)}:style={style}")
        library.FcConfigSubstitute(self.config, pattern, library.FcMatchPattern)
        library.FcDefaultSubstitute(pattern)
        result = ffi.new("FcResult *")
        matched = library.FcFontMatch(self.config, pattern, result)
        if matched == ffi.NULL:
            return Face(family, "", "")
        matched = ffi.gc(matched, library.FcPatternDestroy)
        families = _strings(library, matched, b"family")
        same = [name for name in families if name.lower() == family.lower()]
        files = _strings(library, matched, b"file")
        return Face(family, files[0] if files else "", (same or families or [""])[0])

    def fonts(self, pattern: str) -> list[tuple[str, str]]:
        """(first family name, file) of every installed font matching a pattern, sorted."""
        library = self.library
        objects = ffi.gc(library.FcObjectSetCreate(), library.FcObjectSetDestroy)
        for name in (b"family", b"file"):
            library.FcObjectSetAdd(objects, name)
        found = library.FcFontList(self.config, self._pattern(pattern), objects)
        if found == ffi.NULL:
            return []
        found = ffi.gc(found, library.FcFontSetDestroy)
        fonts = []
        for index in range(found.nfont):
            families = _strings(library, found.fonts[index], b"family")
            files = _strings(library, found.fonts[index], b"file")
            if families and files:
                fonts.append((families[0], files[0]))
        return sorted(set(fonts))

    def covering(self, characters: Iterable[str]) -> list[tuple[str, str]]:
        """(family, file) of every installed font that has all the characters."""
        code_points = " ".join(f"{ord(char):x}" for char in sorted(set(characters)))
        return self.fonts(f":charset={code_points}")

    def _pattern(self, text: str):  # noqa: ANN202 - an FcPattern pointer
        pattern = self.library.FcNameParse(text.encode())
        if pattern == ffi.NULL:
            raise ValueError(f"fontconfig cannot read the pattern {text!r}")
        return ffi.gc(pattern, self.library.FcPatternDestroy)


@cache
def system() -> Fontconfig:
    """The system's fontconfig configuration, loaded once per process."""
    return Fontconfig()


def uncovered_characters(text: str) -> list[str]:
    """The visible characters of text that no installed font can draw."""
    wanted = {char for char in text if unicodedata.category(char) not in INVISIBLE}
    # Pango falls back on any installed font: all the characters at once first, one by
    # one only when no single font has them all.
    if not wanted or system().covering(wanted):
        return []
    return sorted(char for char in wanted if not system().covering({char}))


def _escaped(family: str) -> str:
    # fontconfig's pattern syntax gives '-', ':', ',' and '\\' a meaning in names.
    return "".join(f"\\{char}" if char in "\\-:," else char for char in family)


def _strings(library, pattern, name: bytes) -> list[str]:  # noqa: ANN001 - cffi objects
    value = ffi.new("FcChar8 **")
    found = []
    while library.FcPatternGetString(pattern, name, len(found), value) == 0:
        found.append(ffi.string(value[0]).decode())
    return found


# Debian packages with fonts for scripts fonts-noto-core leaves out, by language.
CJK_LANGUAGES = {"zh", "ja", "ko", "yue", "wuu"}
CORE_PACKAGE, CJK_PACKAGE = "fonts-noto-core", "fonts-noto-cjk"


def package_for(language: str) -> str:
    """The Debian package with Noto fonts for a language's script."""
    return CJK_PACKAGE if language.split("-")[0].lower() in CJK_LANGUAGES else CORE_PACKAGE


def covers(family: str, language: str) -> bool:
    """True when an installed font of this family supports the language (fontconfig :lang)."""
    return bool(system().fonts(f"{_escaped(family)}:lang={_fc_language(language)}"))


def language_families(language: str, headings: bool = False) -> list[str]:
    """Installed families supporting a language, best first: Noto serif (sans for headings),
    then other Noto fonts, then any other."""
    families = {family for family, _ in system().fonts(f":lang={_fc_language(language)}")}
    preferred = ("Noto Sans", "Noto Serif") if headings else ("Noto Serif", "Noto Sans")

    def rank(family: str) -> tuple:
        kind = next((order for order, prefix in enumerate(preferred)
                     if family.startswith(prefix)), 2 if family.startswith("Noto") else 3)
        plain = not any(word in family for word in ("Mono", "Display", "Looped", "Rashi"))
        return (kind, not plain, len(family), family)

    return sorted(families, key=rank)


def _fc_language(language: str) -> str:
    # fontconfig names languages by ISO 639 code, regions lower case: zh-tw, pt-br.
    return language.lower().replace("_", "-")
