"""Serving one destination's claimed work: card edits, and rows (modes, digest times, quiet hours, dedupe).

Edits and new cards share the destination's tokens; when both wait, they take turns going first, so a
wave of closed postings does not hold new cards back, nor the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from bot import metrics
from bot.delivery.dedupe import skip_covered_dms
from bot.delivery.edits import CardEditor
from bot.delivery.membership import MembershipLookup
from bot.delivery.modes import INSTANT, mode_or_instant
from bot.delivery.notifier import Notifier
from bot.delivery.outbox import OutboxRow, again_note
from bot.delivery.passes import Claimed, DispatchContext, Item, PassState, destination_of
from bot.delivery.schedule import held_until
from bot.delivery.sending import CardSender
from bot.models import Destination, Posting


class DestinationServer:
    """Turns a destination's claimed work into edits and sends: card by card, or as one digest."""

    def __init__(
        self,
        context: DispatchContext,
        sender: CardSender,
        editor: CardEditor,
        membership: Mapping[str, MembershipLookup],
    ) -> None:
        self._ctx = context
        self._sender = sender
        self._editor = editor
        self._membership = membership  # the caller may add platforms later
        self._cards_first: set[str] = set()  # destinations whose new cards go before their edits next time

    async def serve(self, key: str, claimed: Claimed, postings: dict[str, Posting], state: PassState) -> None:
        """Do one destination's claimed edits and send its claimed rows, taking turns when it has both."""
        destination = destination_of(key)
        notifier = self._ctx.notifiers[destination.platform]
        cards_first = key in self._cards_first
        self._cards_first.discard(key)
        if claimed.edits and claimed.rows and not cards_first:
            self._cards_first.add(key)  # edits go first this time, new cards the next
        if claimed.rows and cards_first:
            await self._send(destination, notifier, claimed.rows, claimed.due, postings, state)
        if claimed.edits:
            await self._editor.edit_each(destination, notifier, claimed.edits, state)
        if claimed.rows and not cards_first:
            await self._send(destination, notifier, claimed.rows, claimed.due, postings, state)

    async def _send(
        self,
        destination: Destination,
        notifier: Notifier,
        rows: list[OutboxRow],
        count: int,
        postings: dict[str, Posting],
        state: PassState,
    ) -> None:
        """Send one destination's claimed ``rows`` (of ``count`` due): card by card, or as one digest."""
        ctx = self._ctx
        key = destination.key
        now = ctx.clock()
        items = [self._item(row, state) for row in rows]
        more = self._rest_of_messages(key, rows, state, now)
        if rows and len(rows) < count and any(item.mode.is_digest for item in items):
            # A digest is due: it takes every row due with it, whatever the tokens would allow one by one.
            more += self._claim(key, ctx.limits.batch_size - len(rows) - len(more), state, now)
        items += [self._item(row, state) for row in more]
        items = self._hold_by_schedule(items, state, now)
        if destination.kind == "dm" and items:
            lookup = self._membership.get(destination.platform)
            items = await skip_covered_dms(ctx, lookup, destination, items, state, now)
        # Postings of rows claimed just now are read again: the pass's copy predates their claim.
        claimed_now = {row.posting_id for row in more}
        missing = sorted(({item.row.posting_id for item in items} - postings.keys()) | claimed_now)
        if missing:
            postings.update(ctx.outbox.postings(missing))
            state.closed.difference_update(missing)
            state.closed.update(ctx.outbox.closed_posting_ids(missing))
        gone = [item.row.id for item in items if item.row.posting_id not in postings]
        if gone:
            ctx.outbox.fail(gone, error="the posting is no longer stored")
            state.report.failed += len(gone)
            metrics.CARDS_FAILED.labels(destination.platform).inc(len(gone))
        items = [item for item in items if item.row.posting_id in postings]
        if not items or self._wait_for_rows_in_doubt(key, items, state, now):
            return
        threshold = ctx.limits.burst_digest_threshold
        if any(item.mode.is_digest for item in items) or (threshold is not None and len(items) > threshold):
            # One digest, with any digest the platform never got among its rows: they stay together.
            await self._sender.send_digest(destination, notifier, items, postings, state)
            return
        again: dict[str, list[Item]] = {}
        for item in items:
            note = again_note(item.row)
            if note is not None:
                again.setdefault(note, []).append(item)
        for digest in again.values():  # a digest the platform never got goes again as a digest
            await self._sender.send_digest(destination, notifier, digest, postings, state)
        cards = [item for item in items if again_note(item.row) is None]
        if cards:
            await self._sender.send_each(destination, notifier, cards, postings, state)

    def _wait_for_rows_in_doubt(self, key: str, items: list[Item], state: PassState, now: datetime) -> bool:
        """Hold a digest while rows of its destination are in doubt; True when it was held.

        A sender that died between claiming a digest's first rows and the rest left them in flight with
        no digest's note; sending the rest now would split the digest in two. Rows in doubt are settled
        when their lease runs out, and then go with the others.
        """
        if not any(item.mode.is_digest for item in items):
            return False
        ctx = self._ctx
        until = ctx.outbox.in_flight_until(key, excluding=[item.row.id for item in items])
        if until is None:
            return False
        at = max(until, now)
        for item in items:
            ctx.outbox.release([item.row.id], at=at, note=again_note(item.row))
        state.report.held += len(items)
        ctx.wake_at(at)
        return True

    def _rest_of_messages(
        self, key: str, rows: list[OutboxRow], state: PassState, now: datetime
    ) -> list[OutboxRow]:
        """The other rows of each digest to send again (``AGAIN_NOTE``): all of them, whatever the budget."""
        ctx = self._ctx
        more: list[OutboxRow] = []
        for note in sorted({note for row in rows if (note := again_note(row)) is not None}):
            more += ctx.outbox.claim_due_message(destination_key=key, note=note, lease=ctx.lease, now=now)
        state.budget -= len(more)
        return more

    def _claim(self, key: str, wanted: int, state: PassState, now: datetime) -> list[OutboxRow]:
        ctx = self._ctx
        limit = min(wanted, state.budget)
        if limit <= 0:
            ctx.wake_at(now)  # the pass's budget is spent: the next pass comes at once
            return []
        state.budget -= limit
        rows = list(ctx.outbox.claim_due(destination_key=key, limit=limit, lease=ctx.lease, now=now))
        state.budget += limit - len(rows)
        return rows

    def _item(self, row: OutboxRow, state: PassState) -> Item:
        sub_id = row.subscription_id
        if sub_id is None:  # its subscription was removed after this card was queued
            return Item(row, INSTANT, None)
        if sub_id not in state.subscriptions:
            subscription = self._ctx.outbox.subscription(sub_id)
            mode = mode_or_instant(self._ctx.outbox.delivery_mode(sub_id), subscription_id=sub_id)
            state.subscriptions[sub_id] = (mode, subscription.query if subscription else None)
        mode, query = state.subscriptions[sub_id]
        return Item(row, mode, query)

    def _hold_by_schedule(self, items: list[Item], state: PassState, now: datetime) -> list[Item]:
        """Put back rows whose digest time or quiet hours have not come (the mode may have changed)."""
        ready = []
        for item in items:
            # A digest to send again was due when it first went; its rows stay together.
            again = again_note(item.row) is not None
            until = None if again else held_until(item.mode, item.row.created_at, now)
            if until is None:
                ready.append(item)
                continue
            self._ctx.outbox.release([item.row.id], at=until)
            state.report.held += 1
            self._ctx.wake_at(until)
        return ready
