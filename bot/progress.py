"""Progress of long command-line work on a terminal, and silence when the output is piped or logged.

``jobbot match`` over thousands of postings, ``jobbot bench poll`` and other long runs print one
self-overwriting line on standard error, at most a few times a second, while a person watches; when
standard error is not a terminal (a pipe, a file, CI) nothing is written, so scripts see only results.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

_EVERY_SECONDS = 0.25


class Progress:
    """Counts work done and shows ``label: N unit (R/s)`` on a terminal; ``done()`` ends the line."""

    def __init__(
        self,
        label: str,
        unit: str = "postings",
        *,
        stream: TextIO | None = None,
        force: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label, self.unit = label, unit
        self._clock = clock
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = force or _is_terminal(self.stream)
        self.count = 0
        self._started = self._shown_at = clock()
        self._shown = False

    def add(self, count: int = 1) -> None:
        """Count ``count`` more done; redraw when the last drawing is old enough."""
        self.count += count
        if self.enabled and self._clock() - self._shown_at >= _EVERY_SECONDS:
            self._draw()

    def done(self) -> None:
        """Draw the final count and end the line (nothing when nothing was drawn)."""
        if self.enabled and self._shown:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self) -> None:
        now = self._clock()
        rate = self.count / max(now - self._started, 1e-9)
        self.stream.write(f"\r{self.label}: {self.count:,} {self.unit} ({rate:,.0f}/s)\x1b[K")
        self.stream.flush()
        self._shown_at, self._shown = now, True


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or odd stream
        return False
