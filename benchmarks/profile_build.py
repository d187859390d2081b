"""Where a cold build spends its time: cProfile's top entries, by cumulative time.

    python benchmarks/profile_build.py [PROJECT_DIR]
"""

from __future__ import annotations

import cProfile
import io
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

from synthetic import generate

from reportgen import build
from reportgen.progress import Progress


def profile(project: Path, top: int = 25) -> str:
    """Profile one cold build of the project; return the top entries as text."""
    shutil.rmtree(project / "build", ignore_errors=True)
    profiler = cProfile.Profile()
    profiler.enable()
    build.build(project, Progress(build.BUILD_STEPS, None))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        root = Path(sys.argv[1]) if len(sys.argv) > 1 else generate(1, Path(folder) / "briefing")
        print(profile(root))
