"""Room on the interpreter's frame stack for the deep recursion of layout and drawing.

CPython (3.11 and later) keeps the frames of Python calls in chunks of 16 KiB: a call
that does not fit in the current chunk gets a new one, freed again when the call
returns. Where layout calls back and forth across the end of a chunk, every such call
maps and unmaps memory: 130,000 times in a cold build of the example when the stack
happened to be a frame deeper where layout began (0.3 s of system time, 5,000 times
for WeasyPrint alone). with_room() calls a function from a frame of 128 KiB, for which
the interpreter makes a chunk of 256 KiB: the calls it makes have the other 128 KiB,
more than layout uses, whatever the depth it was called at.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")
ROOM = 16_384  # stack slots of 8 bytes: 128 KiB


def _call(function: Callable[..., Any], arguments: tuple, options: dict) -> Any:
    return function(*arguments, **options)


# The same code, declared to need ROOM more slots of evaluation stack: its frame is that
# much larger (the slots are not written to; the interpreter only reserves them).
_call_with_room = types.FunctionType(
    _call.__code__.replace(co_stacksize=_call.__code__.co_stacksize + ROOM),
    _call.__globals__, "_call_with_room")


def with_room(function: Callable[..., Result], *arguments: Any, **options: Any) -> Result:
    """function(*arguments, **options), called with room on the frame stack."""
    return _call_with_room(function, arguments, options)
