"""Rows in doubt: cards a dead sender left in flight, settled by asking the platform (``find_sent``) first.

Recovery decides per message: the rows of a digest are claimed together (the store's whole-message claim)
and settled together, all sent as the message the platform has, or all queued to go again as one digest.

Card edits need none of this: editing a message twice leaves it as once, so an edit whose lease ran out
is claimed again with the due edits and simply redone.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from bot import metrics
from bot.delivery.failures import FailureHandler, as_delivery_error, held_seconds
from bot.delivery.outbox import AGAIN_NOTE, DIGEST_NOTE, OutboxRow, idempotency_key
from bot.delivery.passes import NO_NOTIFIER_WAIT, DispatchContext, PassState, platform_answered
from bot.models import Destination


def claim_in_doubt(
    ctx: DispatchContext, now: datetime, limit: int, busy: Collection[str] = ()
) -> dict[str, list[list[OutboxRow]]]:
    """Claim rows left in flight, whole messages at a time; returns each destination's messages to settle.

    Rows of ``busy`` destinations (this dispatcher is sending to them right now) are not in doubt, only
    slow: their lease ran out while their sender waited on the platform. Claiming them renewed the lease,
    and their sender settles them; asking the platform now could find a card not yet posted and send it
    a second time.
    """
    rows = ctx.outbox.claim_unknown(
        limit=limit, lease=ctx.lease, now=now, message_notes=(DIGEST_NOTE, AGAIN_NOTE)
    )
    messages: dict[str, dict[str, list[OutboxRow]]] = {}
    for row in rows:
        if row.destination_key not in busy:
            messages.setdefault(row.destination_key, {}).setdefault(sent_as(row), []).append(row)
    return {key: list(by_key.values()) for key, by_key in messages.items()}


async def settle(
    ctx: DispatchContext,
    failures: FailureHandler,
    destination_key: str,
    messages: list[list[OutboxRow]],
    state: PassState,
    now: datetime,
) -> None:
    """Settle one destination's messages in doubt: sent if the platform has them, else queued again."""
    destination = Destination.from_key(destination_key)
    for rows in messages:
        await _settle(ctx, failures, destination, sent_as(rows[0]), rows, state, now)


async def _settle(
    ctx: DispatchContext,
    failures: FailureHandler,
    destination: Destination,
    key: str,
    rows: list[OutboxRow],
    state: PassState,
    now: datetime,
) -> None:
    ids = [row.id for row in rows]
    note = rows[0].error or ""
    if note.startswith(AGAIN_NOTE):
        # Claimed to go again, but its in-flight note (written before any send) never came: never sent.
        ctx.outbox.release(ids, at=now, note=note)
        return
    notifier = ctx.notifiers.get(destination.platform)
    blocked = ctx.pacer.blocked_until(destination, now) or ctx.pacer.held_until(destination, now, probe=True)
    if notifier is None or blocked is not None:
        recheck = blocked or now + NO_NOTIFIER_WAIT
        ctx.outbox.note_in_flight(ids, note=note, recheck_at=recheck)
        ctx.wake_at(recheck)
        return
    try:
        found = await notifier.find_sent(destination, key)
    except Exception as exc:
        error = as_delivery_error(exc)
        failures.heard(destination, error)
        if error.kind == "permanent":
            await failures.destination_failed(destination, error, ids, state)
            return
        wait = ctx.limits.unknown_recheck_seconds
        if error.kind in ("rate_limited", "unavailable"):
            wait = error.retry_after if error.retry_after is not None else held_seconds(error, ctx.limits)
            if error.kind == "unavailable":  # the whole scope waits, then probes once
                ctx.pacer.hold_scope(destination, now + timedelta(seconds=wait))
            else:
                ctx.pacer.block(destination, now + timedelta(seconds=wait))
        ctx.outbox.note_in_flight(ids, note=note, recheck_at=now + timedelta(seconds=wait))
        ctx.wake_at(now + timedelta(seconds=wait))
        return
    platform_answered(ctx, destination)
    if found is not None:
        ctx.outbox.mark_sent(ids, message_id=found, now=now)
        metrics.CARDS_SENT.labels(destination.platform).inc(len(ids))  # posted, but never counted before
        state.report.recovered += len(ids)
        state.report.duplicates_avoided += len(ids)
        return
    # Not there: it never reached the platform. Queue it now; this pass sends it (once), a digest whole.
    if note.startswith(DIGEST_NOTE):
        ctx.outbox.release(ids, at=now, note=AGAIN_NOTE + key)
    else:
        ctx.outbox.release(ids, at=now, note="resent: not found after an unknown outcome")


def sent_as(row: OutboxRow) -> str:
    """The key the row's message was sent with: its digest's, else its own card's.

    A row of a digest to send again (``AGAIN_NOTE``) that was claimed but never noted in flight was not
    sent; its note, which its digest's rows share, keeps them together.
    """
    note = row.error or ""
    if note.startswith(DIGEST_NOTE):
        return note.removeprefix(DIGEST_NOTE)
    return note if note.startswith(AGAIN_NOTE) else idempotency_key(row.id)
