"""Send receipts: every destination's "posted as message X" written together, each before its next send.

A destination must not send again before its last receipt is stored (a crash would otherwise leave two
cards in doubt), but nothing requires one transaction per receipt: receipts that arrive in the same turn of
the event loop, from any number of destinations, go in one transaction, and each sender waits for it.
A card counts as sent (``jobbot_cards_sent_total``) once its receipt is committed, here.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from bot import metrics
from bot.delivery.outbox import Outbox


class ReceiptWriter:
    """Collects receipts from concurrent senders and stores them in one transaction per loop turn."""

    def __init__(self, outbox: Outbox, clock: Callable[[], datetime]) -> None:
        self._outbox = outbox
        self._clock = clock
        self._pending: list[tuple[int, str | None]] = []
        self._written: asyncio.Future[None] | None = None

    async def write(self, ids: list[int], message_id: str | None, *, platform: str) -> None:
        """Store that rows ``ids`` were posted to ``platform`` as ``message_id``; returns once committed."""
        self._pending.extend((delivery_id, message_id) for delivery_id in ids)
        if self._written is None:
            loop = asyncio.get_running_loop()
            self._written = loop.create_future()
            # Runs after the senders already woken in this turn have added their receipts too.
            loop.call_soon(self._flush)
        await asyncio.shield(self._written)
        metrics.CARDS_SENT.labels(platform).inc(len(ids))

    def _flush(self) -> None:
        pending, written = self._pending, self._written
        self._pending, self._written = [], None
        if written is None:
            return
        try:
            self._outbox.mark_sent_many(pending, now=self._clock())
        except Exception as exc:  # every sender in this batch hears it: their rows stay in doubt
            written.set_exception(exc)
            return
        written.set_result(None)
