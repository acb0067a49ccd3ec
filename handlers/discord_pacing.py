"""Discord's global limit kept on our side: requests to Discord leave at most ``per_second`` a second.

discord.py waits out each route's bucket before sending (it reads ``X-RateLimit-Remaining``) but learns of
the global limit (50 requests a second per bot) only from a 429, and every such 429 counts towards
Discord's invalid-request ban. Discord counts the global limit in one-second windows, so a burst that
refills at the full rate could put two windows' worth in one: requests are spaced evenly instead, one
every ``1 / per_second`` seconds (a little more, ``margin``: an answer's way back is not instant), from
when the last one actually left. Urgent requests (opening a DM channel, whose own limit is far tighter and
holds back every card for that person) go before the queue of cards.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Protocol


class RequestPacing(Protocol):
    """What the notifier waits on before each request to Discord (this module's pacer, or a shared one)."""

    async def wait(self, *, urgent: bool = False) -> None:
        """Return when the next request may leave."""
        ...


class RequestPacer:
    """One request every ``(1 + margin) / per_second`` seconds: urgent ones first, the rest in order."""

    def __init__(
        self, per_second: float, *, margin: float = 0.02, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Pace to ``per_second`` requests a second, spaced ``margin`` wider than that rate allows."""
        self.interval = (1.0 + margin) / per_second
        self._clock = clock
        self._last = float("-inf")
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._releasing: asyncio.Task[None] | None = None

    async def wait(self, *, urgent: bool = False) -> None:
        """Return when the next request may leave (the caller sends it at once)."""
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        (self._urgent if urgent else self._waiting).append(turn)
        if self._releasing is None or self._releasing.done():
            self._releasing = asyncio.create_task(self._release())
        await turn

    async def _release(self) -> None:
        while self._urgent or self._waiting:
            delay = self._last + self.interval - self._clock()
            if delay > 0:
                await asyncio.sleep(delay)
            queue = self._urgent or self._waiting
            turn = queue.popleft()
            if turn.done():  # its caller gave up waiting
                continue
            self._last = self._clock()
            turn.set_result(None)
