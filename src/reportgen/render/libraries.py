"""WeasyPrint imported without a search of the system for its native libraries.

WeasyPrint loads GObject, Pango, HarfBuzz and fontconfig through cffi, trying for each
library a list of names meant for every platform ("libgobject-2.0-0", "gobject-2.0", …,
"libgobject-2.0.so.0"). cffi answers a name it cannot load directly with
ctypes.util.find_library, which on Linux runs ldconfig and, where a compiler is
installed, gcc and ld several times per name: about 200 processes and a quarter of a
second before the first page is laid out. The Linux names of the list (the sonames)
load directly; so, while WeasyPrint is imported, find_library answers "not found" at
once and the list goes on to them. If that fails (a system where only a search finds
the libraries), WeasyPrint is imported again the usual way.
"""

from __future__ import annotations

import ctypes.util
import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout


def import_weasyprint() -> None:
    """Import WeasyPrint, its native libraries loaded by their sonames where they can be."""
    if "weasyprint" in sys.modules:
        return
    # WeasyPrint prints advice on standard output before it gives up on a library.
    with _no_library_search(), redirect_stdout(io.StringIO()):
        try:
            import weasyprint  # noqa: F401 - imported for the renderer
            return
        except OSError:
            _forget_weasyprint()
    import weasyprint  # noqa: F401, F811 - the usual way, searching


@contextmanager
def _no_library_search() -> Iterator[None]:
    """While active, ctypes.util.find_library finds nothing, at once."""
    original = ctypes.util.find_library
    ctypes.util.find_library = _found_nothing
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _found_nothing(name: str) -> None:
    """find_library's answer for a library it did not find."""
    return None


def _forget_weasyprint() -> None:
    """Drop the modules of a failed import of WeasyPrint, so that it can run again."""
    for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
        del sys.modules[name]
