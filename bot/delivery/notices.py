"""Owner notices: jobbot's own DMs to owners (a destination paused, a source failing), sent like cards.

The store queues a notice in the transaction of the change it tells of; the dispatcher claims a
destination's due notices before its cards and sends them one at a time, each with a token from the
destination's buckets and its own key (``notice_key``), each receipt written before the next send. One
claimed ``in_doubt`` (its sender died, or the answer was lost) is looked for first (``find_sent``), so an
owner sees each notice once. Failures never pause anything (``FailureHandler.notice_failed``).
"""

from __future__ import annotations

from collections.abc import Sequence

from bot import metrics
from bot.delivery.failures import FailureHandler, as_delivery_error
from bot.delivery.notifier import Notifier
from bot.delivery.outbox import NoticeRow, notice_key
from bot.delivery.passes import DispatchContext, PassState, platform_answered, token_or_release
from bot.models import Destination


class NoticeSender:
    """Sends a destination's claimed owner notices within its tokens."""

    def __init__(self, context: DispatchContext, failures: FailureHandler) -> None:
        self._ctx = context
        self._failures = failures

    async def send_each(
        self, destination: Destination, notifier: Notifier, notices: Sequence[NoticeRow], state: PassState
    ) -> None:
        """Send each notice (after looking for it, when in doubt); stop when tokens or a 429 say so."""
        ctx = self._ctx
        for index, notice in enumerate(notices):
            if await self._wait_for_token(destination, notices[index:], state):
                return
            key = notice_key(notice.id)
            try:
                message_id = await notifier.find_sent(destination, key) if notice.in_doubt else None
                found = message_id is not None
                if not found:  # never posted (or not in doubt): post it now, once
                    message_id = await notifier.notify(destination, notice.text, idempotency_key=key)
            except Exception as exc:
                error = as_delivery_error(exc)
                if self._failures.notice_failed(destination, notice, notices[index + 1 :], error, state):
                    return
                continue
            platform_answered(ctx, destination)
            ctx.outbox.notice_sent(notice.id, message_id=message_id, now=ctx.clock())
            state.report.notices += 1
            state.report.duplicates_avoided += found
            metrics.OWNER_NOTICES.labels(destination.platform, "sent").inc()

    async def _wait_for_token(
        self, destination: Destination, pending: Sequence[NoticeRow], state: PassState
    ) -> bool:
        """Take a token, or put ``pending`` back for when tokens come (True: stop sending)."""
        outbox = self._ctx.outbox
        return await token_or_release(
            self._ctx,
            destination,
            pending,
            lambda notice, at: outbox.release_notices([notice.id], at=at),
            state,
        )
