"""WeasyPrint imported with its native libraries loaded by their sonames: the same
libraries as the usual import, without searching the system for them."""

from __future__ import annotations

import json
import subprocess
import sys

LOADED = """
import ctypes.util, json, sys
searches = []
search = ctypes.util.find_library
ctypes.util.find_library = lambda name: searches.append(name) or search(name)
{import_}
libraries = sorted({{line.split()[-1] for line in open("/proc/self/maps")
                     if any(name in line for name in ("gobject-2", "pango", "harfbuzz",
                                                      "fontconfig"))}})
print(json.dumps({{"searches": searches, "libraries": libraries}}))
"""
QUICK = "from reportgen.render.libraries import import_weasyprint; import_weasyprint()"


def loaded(import_: str) -> dict:
    """What a fresh process searched for and loaded while it ran import_."""
    result = subprocess.run([sys.executable, "-c", LOADED.format(import_=import_)],
                            check=True, capture_output=True, text=True)
    return json.loads(result.stdout)


def test_the_same_libraries_without_a_search():
    usual, quick = loaded("import weasyprint"), loaded(QUICK)
    assert usual["searches"]  # What the usual import does: the case for the quick one.
    assert quick["searches"] == []
    assert quick["libraries"] == usual["libraries"]
    assert any("libpango-1.0.so" in library for library in quick["libraries"])


def test_where_sonames_do_not_load_the_usual_import_runs():
    # A system whose libraries only a search finds: the quick attempt fails, silently,
    # and WeasyPrint is imported again the usual way.
    failing = """
import cffi, contextlib, ctypes.util
from reportgen.render import libraries
dlopen = cffi.FFI.dlopen
@contextlib.contextmanager
def sonames_fail():
    cffi.FFI.dlopen = lambda self, name, flags=0: (_ for _ in ()).throw(OSError(name))
    try:
        yield
    finally:
        cffi.FFI.dlopen = dlopen
libraries._no_library_search = sonames_fail
libraries.import_weasyprint()
import weasyprint.text.ffi
print("pango", weasyprint.text.ffi.pango is not None)
"""
    result = subprocess.run([sys.executable, "-c", failing], check=True, capture_output=True,
                            text=True)
    assert result.stdout == "pango True\n"
