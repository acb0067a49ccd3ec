"""A hang guard for tests of hostile input: run a call, fail the test if it is still busy after a bound.

The bound is generous on purpose (a loaded CI machine, a slow Python): it tells a hang or a quadratic
blow-up (minutes on these inputs) from a working call (well under a second), and is no speed target.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

GENEROUS_SECONDS = 10.0


class StillBusy(AssertionError):
    """The call outlived its bound."""


def bounded(call: Callable[..., T], *args: object, seconds: float = GENEROUS_SECONDS, **kwargs: object) -> T:
    """``call(*args, **kwargs)``, interrupted and failed when it runs longer than ``seconds``."""

    def interrupt(signum: int, frame: object) -> None:
        raise StillBusy(f"{getattr(call, '__name__', call)} still busy after {seconds}s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return call(*args, **kwargs)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
