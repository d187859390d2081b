"""Room on the frame stack: calls back and forth across the end of a chunk of the
interpreter's frame stack map fresh memory at every call, unless made with room."""

from __future__ import annotations

import resource

import pytest

from reportgen.render.room import with_room


def faults() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt


def leaf() -> int:
    return 1


def at_depth(frames: int, then):
    return at_depth(frames - 1, then) if frames else then()


def back_and_forth() -> None:
    for _ in range(2000):
        leaf()


def most_faults(call) -> int:
    """The most page faults 2000 calls made, at any of 200 depths (a chunk's worth)."""
    most = 0
    for frames in range(200):
        before = faults()
        call(lambda frames=frames: at_depth(frames, back_and_forth))
        most = max(most, faults() - before)
    return most


def test_calls_across_the_end_of_a_chunk_map_memory_each_time_without_room():
    assert most_faults(lambda function: function()) >= 2000


def test_with_room_the_calls_stay_in_one_chunk():
    assert most_faults(with_room) < 100


def test_with_room_gives_the_result_and_raises_the_errors():
    assert with_room(divmod, 7, 2) == (3, 1)
    assert with_room(sorted, [3, 1], reverse=True) == [3, 1]
    with pytest.raises(ZeroDivisionError):
        with_room(divmod, 1, 0)
