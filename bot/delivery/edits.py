"""Lifecycle edits: a posted card whose posting closed or changed is rewritten, as outbox work like a send.

The store queues one edit per posted message when it records the change (a digest is one message, rebuilt
whole). The dispatcher serves a destination's edits beside its new cards: each edit takes a token from the
same buckets, and a refusal is handled like a send's (429 waits, transient backs off) except that a
permanent one gives up that edit only: a deleted message is not a dead channel. The card is rendered when
the edit runs, from the postings as they are then, so edits queued for several changes are one edit.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot import metrics
from bot.cards import Card
from bot.delivery.compose import card_for, digest_for
from bot.delivery.failures import FailureHandler, as_delivery_error
from bot.delivery.notifier import DigestCard, Notifier
from bot.delivery.outbox import EditRow, Outbox, OutboxRow
from bot.delivery.passes import DispatchContext, PassState, platform_answered, token_or_release
from bot.models import Destination

NOTHING_LEFT = "nothing left to show: the message's postings are no longer stored"


class CardEditor:
    """Edits a destination's claimed messages one at a time, within its tokens."""

    def __init__(self, context: DispatchContext, failures: FailureHandler) -> None:
        self._ctx = context
        self._failures = failures

    async def edit_each(
        self, destination: Destination, notifier: Notifier, edits: Sequence[EditRow], state: PassState
    ) -> None:
        """Rewrite each claimed message as its postings are now; stop when tokens or a 429 say so."""
        ctx = self._ctx
        for index, edit in enumerate(edits):
            card = render(ctx.outbox, edit, max_cards=ctx.limits.digest_max_cards)
            if card is None:
                ctx.outbox.fail_edit(edit.id, error=NOTHING_LEFT)
                state.report.edits_failed += 1
                metrics.CARD_EDITS.labels(destination.platform, "failed").inc()
                continue
            if await self._wait_for_token(destination, edits[index:], state):
                return
            try:
                await notifier.edit(destination, edit.message_id, card)
            except Exception as exc:
                error = as_delivery_error(exc)
                if await self._failures.edit_failed(destination, edit, edits[index + 1 :], error, state):
                    return
                continue
            platform_answered(ctx, destination)
            if not ctx.outbox.edit_done(edit.id, changes=edit.changes, now=ctx.clock()):
                ctx.wake_at(ctx.clock())  # the posting changed again while this edit ran: once more
            state.report.edited += 1
            metrics.CARD_EDITS.labels(destination.platform, "done").inc()

    async def _wait_for_token(
        self, destination: Destination, pending: Sequence[EditRow], state: PassState
    ) -> bool:
        """Take a token, or put ``pending`` back for when tokens come (True: stop editing)."""
        outbox = self._ctx.outbox
        return await token_or_release(
            self._ctx, destination, pending, lambda edit, at: outbox.release_edits([edit.id], at=at), state
        )


def render(outbox: Outbox, edit: EditRow, *, max_cards: int) -> Card | DigestCard | None:
    """The message as it should read now: its card, or its digest rebuilt whole; None when nothing is left."""
    members = outbox.deliveries_with_message(edit.destination_key, edit.message_id)
    ids = [member.posting_id for member in members]
    postings = outbox.postings(ids) if ids else {}
    shown = [member for member in members if member.posting_id in postings]
    if not shown:
        return None
    closed = outbox.closed_posting_ids(ids)
    queries = [_query(outbox, member) for member in shown]
    cards = [
        card_for(postings[m.posting_id], m.reasons, query, closed=m.posting_id in closed, now=m.sent_at)
        for m, query in zip(shown, queries, strict=True)
    ]
    if len(members) == 1:
        return cards[0]
    return digest_for(cards, queries, max_cards=max_cards)


def _query(outbox: Outbox, row: OutboxRow) -> str | None:
    subscription = outbox.subscription(row.subscription_id) if row.subscription_id is not None else None
    return subscription.query if subscription is not None else None
