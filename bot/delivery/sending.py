"""Sending to one destination: card by card or as one digest, a token per message, each receipt stored first.

Cards go one at a time and each receipt is written before the next send, so a crash leaves at most one card
in doubt per destination; a digest's rows are marked with its one key before it is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.delivery.compose import card_for, digest_for
from bot.delivery.failures import FailureHandler, as_delivery_error
from bot.delivery.notifier import Notifier
from bot.delivery.outbox import DIGEST_NOTE, idempotency_key
from bot.delivery.passes import DispatchContext, Item, PassState
from bot.delivery.receipts import ReceiptWriter
from bot.models import Destination, Posting


class CardSender:
    """Sends a destination's ready items within its tokens, and hands failures to the ``FailureHandler``."""

    def __init__(self, context: DispatchContext, receipts: ReceiptWriter, failures: FailureHandler) -> None:
        self._ctx = context
        self._receipts = receipts
        self._failures = failures

    async def send_each(
        self,
        destination: Destination,
        notifier: Notifier,
        items: list[Item],
        postings: Mapping[str, Posting],
        state: PassState,
    ) -> None:
        """Send the items one card at a time, each receipt committed before the next send."""
        for index, item in enumerate(items):
            if self._wait_for_token(destination, items[index:], state):
                return
            card = card_for(
                postings[item.row.posting_id], item.row.reasons, item.query, now=self._ctx.clock()
            )
            try:
                message_id = await notifier.send(
                    destination, card, idempotency_key=idempotency_key(item.row.id)
                )
            except Exception as exc:
                if await self._failures.send_failed(
                    destination, [item], items[index + 1 :], as_delivery_error(exc), state
                ):
                    return
                continue
            await self._receipts.write([item.row.id], message_id, platform=destination.platform)
            state.report.sent += 1
            state.report.messages += 1

    async def send_digest(
        self,
        destination: Destination,
        notifier: Notifier,
        items: list[Item],
        postings: Mapping[str, Posting],
        state: PassState,
    ) -> None:
        """Send the items as one digest message under one idempotency key."""
        ctx = self._ctx
        if self._wait_for_token(destination, items, state, together=True):
            return
        ids = [item.row.id for item in items]
        key = idempotency_key(min(ids))
        # Written before the send: after a crash, every row of this digest is checked under its one key.
        ctx.outbox.note_in_flight(ids, note=DIGEST_NOTE + key)
        now = ctx.clock()
        cards = [card_for(postings[i.row.posting_id], i.row.reasons, i.query, now=now) for i in items]
        digest = digest_for(cards, [i.query for i in items], max_cards=ctx.limits.digest_max_cards)
        try:
            message_id = await notifier.send(destination, digest, idempotency_key=key)
        except Exception as exc:
            await self._failures.send_failed(destination, items, [], as_delivery_error(exc), state)
            return
        await self._receipts.write(ids, message_id, platform=destination.platform)
        state.report.sent += len(ids)
        state.report.messages += 1

    def _wait_for_token(
        self, destination: Destination, pending: Sequence[Item], state: PassState, *, together: bool = False
    ) -> bool:
        """Take a send token, or put ``pending`` back for when tokens come (True: stop sending)."""
        ctx = self._ctx
        times = ctx.pacer.take_or_schedule(destination, ctx.clock(), 1 if together else len(pending))
        if not times:
            return False
        # Staggered to the tokens' schedule, so each comes back when it can go (a digest needs one).
        for item, at in zip(pending, times if not together else times * len(pending), strict=True):
            ctx.outbox.release([item.row.id], at=at)
        state.report.held += len(pending)
        ctx.wake_at(times[0])
        return True
