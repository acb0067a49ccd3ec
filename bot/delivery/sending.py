"""Sending to one destination: card by card or as one digest, a token per message, each receipt stored first.

Cards go one at a time and each receipt is written before the next send, so a crash leaves at most one card
in doubt per destination; a digest's rows are marked with its one key before it is sent.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.cards import Card
from bot.delivery.compose import card_for, digest_for
from bot.delivery.failures import FailureHandler, as_delivery_error
from bot.delivery.notifier import DigestCard, Notifier, listening_on_wire
from bot.delivery.outbox import DIGEST_NOTE, again_note, digest_key, idempotency_key
from bot.delivery.passes import DispatchContext, Item, PassState, platform_answered, take_token
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
            taken = await self._take_token(destination, items[index:], state)
            if taken is None:
                return
            card = self._card(item, postings, state, now=self._ctx.clock())
            try:
                message_id = await self._send(
                    notifier, destination, card, idempotency_key(item.row.id), taken
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
        taken = await self._take_token(destination, items, state, together=True)
        if taken is None:
            return
        ids = [item.row.id for item in items]
        key = digest_key(ids)
        # Written before the send: after a crash, every row of this digest is checked under its one key.
        ctx.outbox.note_in_flight(ids, note=DIGEST_NOTE + key)
        now = ctx.clock()
        cards = [self._card(item, postings, state, now=now) for item in items]
        digest = digest_for(cards, [i.query for i in items], max_cards=ctx.limits.digest_max_cards)
        try:
            message_id = await self._send(notifier, destination, digest, key, taken)
        except Exception as exc:
            await self._failures.send_failed(
                destination, items, [], as_delivery_error(exc), state, digest=key
            )
            return
        await self._receipts.write(ids, message_id, platform=destination.platform)
        state.report.sent += len(ids)
        state.report.messages += 1

    @staticmethod
    def _card(item: Item, postings: Mapping[str, Posting], state: PassState, *, now: datetime) -> Card:
        """The item's card as its posting is now: "Closed" already if it closed before the card went."""
        posting_id = item.row.posting_id
        closed = posting_id in state.closed
        return card_for(postings[posting_id], item.row.reasons, item.query, closed=closed, now=now)

    async def _send(
        self, notifier: Notifier, destination: Destination, card: Card | DigestCard, key: str, taken: datetime
    ) -> str:
        """Send, and pace the conversation from when the request left, if the notifier says when."""
        ctx = self._ctx
        went: list[datetime] = []
        with listening_on_wire(lambda: went.append(ctx.clock())):
            try:
                message_id = await notifier.send(destination, card, idempotency_key=key)
            except BaseException:
                if went:
                    ctx.pacer.went_out(destination, taken, went[0])
                raise
        if went:
            ctx.pacer.went_out(destination, taken, went[0], answered=ctx.clock())
        platform_answered(ctx, destination)
        return message_id

    async def _take_token(
        self, destination: Destination, pending: Sequence[Item], state: PassState, *, together: bool = False
    ) -> datetime | None:
        """Take a send token and return when, or put ``pending`` back for when tokens come (None: stop)."""
        ctx = self._ctx
        now, times = await take_token(ctx, destination, 1 if together else len(pending))
        if not times:
            return now
        # Staggered to the tokens' schedule, so each comes back when it can go (a digest needs one).
        for item, at in zip(pending, times if not together else times * len(pending), strict=True):
            ctx.outbox.release([item.row.id], at=at, note=again_note(item.row))
        state.report.held += len(pending)
        ctx.wake_at(times[0])
        return None
