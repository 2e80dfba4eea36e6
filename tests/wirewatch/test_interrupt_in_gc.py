"""A Ctrl-C whose KeyboardInterrupt lands in a garbage-collection callback still stops the
command in one line (exit 130). Python itself would print "Exception ignored in …" with a
traceback, swallow the interrupt and let the command run on to exit 0.

The callback that raises is a weakref callback, the kind SQLAlchemy registers for every
object it tracks (`InstanceState._cleanup`), where the signal was seen to land.
"""

from __future__ import annotations

import sys
import time
import weakref

import pytest

from wirewatch.cli import handle_errors


class _Tracked:
    pass


def _raise_interrupt(reference: object) -> None:
    raise KeyboardInterrupt


def work_with_an_interrupt_landing_in_a_callback() -> int:
    tracked = _Tracked()
    _reference = weakref.ref(tracked, _raise_interrupt)
    del tracked  # the callback runs now, and its KeyboardInterrupt is "ignored"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # the rest of the command's work
        time.sleep(0.01)
    assert _reference() is None
    return 0


def test_an_interrupt_swallowed_by_a_callback_still_stops_the_command_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    previous = sys.unraisablehook
    with pytest.raises(SystemExit) as stopped:
        handle_errors(work_with_an_interrupt_landing_in_a_callback, lambda: None)
    captured = capsys.readouterr()
    assert stopped.value.code == 130
    assert captured.err.strip() == "wirewatch: interrupted"
    assert "Exception ignored" not in captured.err + captured.out
    assert sys.unraisablehook is previous  # put back for whatever runs next in this process


def test_other_unraisable_exceptions_still_reach_the_previous_hook() -> None:
    seen: list[BaseException | None] = []
    previous = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: seen.append(unraisable.exc_value)

    def work() -> int:
        tracked = _Tracked()
        _reference = weakref.ref(tracked, lambda r: 1 / 0)
        del tracked
        return 0

    try:
        with pytest.raises(SystemExit) as stopped:
            handle_errors(work, lambda: None)
    finally:
        sys.unraisablehook = previous
    assert stopped.value.code == 0
    assert [type(e) for e in seen] == [ZeroDivisionError]
