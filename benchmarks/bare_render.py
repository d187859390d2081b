"""The reference: WeasyPrint alone rendering the HTML that reportgen rendered.

    python benchmarks/bare_render.py [--tagged] PROJECT_DIR OUTPUT.pdf
        renders build/briefing.html once, as a whole process (--tagged: as a tagged
        PDF/UA-1, the options reportgen renders with);
    python benchmarks/bare_render.py --serve [--tagged] PROJECT_DIR OUTPUT.pdf
        stays warm: renders once per line read on stdin and prints the seconds it took.
"""

import sys
import time
from pathlib import Path

import weasyprint


def render(project: Path, output: str, **options) -> float:
    started = time.perf_counter()
    weasyprint.HTML(filename=project / "build" / "briefing.html").write_pdf(output, **options)
    return time.perf_counter() - started


arguments = sys.argv[1:]
serve = arguments[0] == "--serve"
arguments = arguments[serve:]
tagged = arguments[0] == "--tagged"
project, output = Path(arguments[tagged]), arguments[tagged + 1]
options = {"pdf_variant": "pdf/ua-1", "pdf_tags": True} if tagged else {}
if serve:
    render(project, output, **options)
    print("ready", flush=True)
    for _ in sys.stdin:
        print(f"{render(project, output, **options):.4f}", flush=True)
else:
    render(project, output, **options)
