"""python -m reportgen."""

from .cli import run

run()
