"""Discord's global limit kept on our side: requests to Discord leave at most ``per_second`` a second.

discord.py waits out each route's bucket before sending (it reads ``X-RateLimit-Remaining``) but learns of
the global limit (50 requests a second per bot) only from a 429, and every such 429 counts towards
Discord's invalid-request ban. Discord counts the global limit in one-second windows, so a burst that
refills at the full rate could put two windows' worth in one: requests are spaced evenly instead, one
every ``1 / per_second`` seconds (a little more, ``margin``: an answer's way back is not instant), from
when the last one actually left.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class RequestPacer:
    """Lets one request through every ``(1 + margin) / per_second`` seconds, in the order they asked."""

    def __init__(
        self, per_second: float, *, margin: float = 0.02, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Pace to ``per_second`` requests a second, spaced ``margin`` wider than that rate allows."""
        self.interval = (1.0 + margin) / per_second
        self._clock = clock
        self._lock = asyncio.Lock()
        self._last = float("-inf")

    async def wait(self) -> None:
        """Return when the next request may leave (the caller sends it at once)."""
        async with self._lock:
            delay = self._last + self.interval - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            self._last = self._clock()
