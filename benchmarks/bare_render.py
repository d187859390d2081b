"""The reference: WeasyPrint alone rendering the HTML that reportgen rendered.

    python benchmarks/bare_render.py PROJECT_DIR OUTPUT.pdf
        renders build/briefing.html once, as a whole process;
    python benchmarks/bare_render.py --serve PROJECT_DIR OUTPUT.pdf
        stays warm: renders once per line read on stdin and prints the seconds it took.
"""

import sys
import time
from pathlib import Path

import weasyprint


def render(project: Path, output: str) -> float:
    started = time.perf_counter()
    weasyprint.HTML(filename=project / "build" / "briefing.html").write_pdf(output)
    return time.perf_counter() - started


if sys.argv[1] == "--serve":
    project, output = Path(sys.argv[2]), sys.argv[3]
    render(project, output)
    print("ready", flush=True)
    for _ in sys.stdin:
        print(f"{render(project, output):.4f}", flush=True)
else:
    render(Path(sys.argv[1]), sys.argv[2])
