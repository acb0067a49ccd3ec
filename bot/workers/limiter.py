"""Discord's bot-wide request budget shared by every worker process, through a GCRA row in PostgreSQL.

Discord counts its global limit (50 requests a second) per bot token, however many processes send; each
worker's own pacer (``handlers.discord_pacing.RequestPacer``) would let N workers send N times that. Here
every request first reserves a slot with one atomic statement (``bot.store.rate_limits.reserve``) and
sleeps until it: requests from all workers leave in one evenly spaced line. Urgent requests (opening a DM
channel) reserve like any other: the shared line has no way to let one jump it.
"""

from __future__ import annotations

import asyncio

from sqlalchemy import Engine

from bot.store.rate_limits import reserve

DISCORD_BOT_KEY = "bot:discord"


class SharedRequestPacer:
    """One request every ``(1 + margin) / per_second`` seconds across every process sharing ``key``."""

    def __init__(self, engine: Engine, key: str, per_second: float, *, margin: float = 0.02) -> None:
        """Pace requests under ``key`` to ``per_second``, spaced ``margin`` wider, as the local pacer."""
        self._engine = engine
        self.key = key
        self.interval = (1.0 + margin) / per_second

    async def wait(self, *, urgent: bool = False) -> None:
        """Return when this request's reserved slot comes (the caller sends it at once)."""
        # In a thread: a blocked event loop would wake earlier reservations late, bunched into one window.
        delay = await asyncio.to_thread(reserve, self._engine, self.key, interval=self.interval)
        if delay > 0:
            await asyncio.sleep(delay)
