"""Per-host politeness: few requests in flight, a minimum gap between them, and the waits a host asks for.

Many sources share one host (every Greenhouse board is boards-api.greenhouse.io), so limits are per host,
not per source.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.sources.errors import HostBackoffError

MAX_DEFER_SECONDS = 6 * 3600.0  # a Retry-After of days is a misconfigured server, not a plan


@dataclass(slots=True)
class _HostState:
    semaphore: asyncio.Semaphore
    next_start: float = 0.0  # monotonic time the next request may start (minimum gap)
    not_before: float = 0.0  # monotonic time the host asked us to wait until (Retry-After)
    users: int = 0  # requests holding or waiting for a slot


class HostLimiter:
    """At most ``concurrency`` requests in flight per host, starting at least ``min_gap`` seconds apart."""

    def __init__(
        self,
        concurrency: int,
        min_gap: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if concurrency < 1 or min_gap < 0:
            raise ValueError("per-host concurrency must be at least 1 and the minimum gap not negative")
        self._concurrency = concurrency
        self._min_gap = min_gap
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, _HostState] = {}

    def defer(self, host: str, seconds: float) -> None:
        """Start no request to ``host`` for ``seconds`` (it said Retry-After)."""
        state = self._state(host)
        until = self._clock() + min(max(seconds, 0.0), MAX_DEFER_SECONDS)
        state.not_before = max(state.not_before, until)

    def deferred_for(self, host: str) -> float:
        """Seconds left before ``host`` may be asked again (0 when it may be asked now)."""
        state = self._hosts.get(host)
        return 0.0 if state is None else max(0.0, state.not_before - self._clock())

    @asynccontextmanager
    async def slot(self, host: str, *, max_wait: float) -> AsyncIterator[None]:
        """Hold one of ``host``'s slots; HostBackoffError if the host asked for a wait over ``max_wait``."""
        state = self._state(host)
        state.users += 1
        try:
            async with state.semaphore:
                now = self._clock()
                if state.not_before - now > max_wait:
                    wait = state.not_before - now
                    raise HostBackoffError(
                        f"{host} asked jobbot to slow down; the next request may go in {wait:.0f} s",
                        url=host,
                        retry_after=wait,
                    )
                start = max(now, state.next_start, state.not_before)
                state.next_start = start + self._min_gap  # reserved before sleeping: no await in between
                if start > now:
                    await self._sleep(start - now)
                yield
        finally:
            state.users -= 1
            if state.users == 0 and max(state.next_start, state.not_before) <= self._clock():
                self._hosts.pop(
                    host, None
                )  # idle and owing no wait: forget it, so memory follows busy hosts only

    def _state(self, host: str) -> _HostState:
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _HostState(asyncio.Semaphore(self._concurrency))
        return state
