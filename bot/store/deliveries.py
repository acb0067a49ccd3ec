"""The outbox: one row per (destination, posting), and the primitives a dispatcher needs.

A row is ``queued`` until a dispatcher claims it, which makes it ``unknown`` (in flight: if the process dies
now, nobody knows whether the card was posted) with a lease in ``next_attempt_at``. The dispatcher then
marks it ``sent`` with the platform's message id, or ``failed`` (permanently), or queues it again for a
retry. An ``unknown`` row whose lease ran out is reclaimed with ``claim_unknown`` and checked against the
platform before any resend, so nothing is posted twice.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Integer, Row, bindparam, func, or_, select, tuple_, update

from bot.models import Destination
from bot.store.card_edits import edit_changed_in_flight
from bot.store.engine import Bind, connect
from bot.store.groups import GROUP_PARAM, in_group
from bot.store.sql import insert_ignoring_conflicts, utcnow
from bot.store.tables import deliveries

DeliveryState = Literal["queued", "sent", "failed", "unknown"]
DEFAULT_LEASE = timedelta(minutes=5)


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One outbox row."""

    id: int
    destination_key: str
    posting_id: str
    subscription_id: int | None
    state: DeliveryState
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    message_id: str | None = None  # Slack ts / Discord message id, to edit the card later
    reasons: Any = None  # why it matched, as the matcher gave it (JSON)
    sent_at: datetime | None = None
    error: str | None = None
    changed_in_flight: bool = False  # its posting changed while it was in flight: edit it once sent


def enqueue_delivery(
    bind: Bind,
    *,
    destination: Destination | str,
    posting_id: str,
    subscription_id: int | None = None,
    reasons: Any = None,
    not_before: datetime | None = None,
    now: datetime | None = None,
) -> int | None:
    """Queue a card; returns its id, or None when this destination already has this posting."""
    now = now or utcnow()
    key = destination.key if isinstance(destination, Destination) else destination
    values = {
        "destination_key": key,
        "posting_id": posting_id,
        "subscription_id": subscription_id,
        "state": "queued",
        "attempts": 0,
        "next_attempt_at": not_before or now,
        "reasons": reasons,
        "created_at": now,
    }
    with connect(bind) as conn:
        statement = insert_ignoring_conflicts(conn, deliveries, values, ["destination_key", "posting_id"])
        return conn.execute(statement.returning(deliveries.c.id)).scalar()


def claim_due(
    bind: Bind,
    *,
    limit: int = 20,
    destination_key: str | None = None,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> list[DeliveryRecord]:
    """Take up to ``limit`` queued rows that are due, oldest first; they become ``unknown`` until marked."""
    return _claim(bind, "queued", limit=limit, destination_key=destination_key, lease=lease, now=now)


def claim_unknown(
    bind: Bind,
    *,
    limit: int = 20,
    destination_key: str | None = None,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
    group_pattern: str | None = None,
    message_notes: Sequence[str] = (),
) -> list[DeliveryRecord]:
    """Take ``unknown`` rows whose lease ran out (their sender died): check the platform before resending.

    ``group_pattern`` (``bot.store.groups.group_pattern``) keeps to one delivery group's destinations.
    Rows of one destination with the same note, starting with one of ``message_notes``, are one message
    (a digest): taking one of them takes all, even past ``limit``, so a message is settled whole.
    """
    return _claim(
        bind, "unknown", limit=limit, destination_key=destination_key, lease=lease, now=now,
        group_pattern=group_pattern, message_notes=message_notes,
    )  # fmt: skip


def claim_message(
    bind: Bind,
    *,
    destination_key: str,
    note: str,
    lease: timedelta = DEFAULT_LEASE,
    now: datetime | None = None,
) -> list[DeliveryRecord]:
    """Take every queued row of one destination whose note is ``note`` (one message to send whole)."""
    now = now or utcnow()
    picked = (
        select(deliveries.c.id)
        .where(
            deliveries.c.destination_key == destination_key,
            deliveries.c.state == "queued",
            deliveries.c.error == note,
        )
        .with_for_update(skip_locked=True)
        .cte("picked")
    )
    statement = (
        update(deliveries)
        .where(deliveries.c.id.in_(select(picked.c.id)), deliveries.c.state == "queued")
        .values(state="unknown", attempts=deliveries.c.attempts + 1, next_attempt_at=now + lease)
        .returning(*deliveries.c)
    )
    with connect(bind) as conn:
        rows = [_record(row) for row in conn.execute(statement)]
    return sorted(rows, key=lambda r: r.id)


def mark_sent(bind: Bind, delivery_id: int, *, message_id: str | None, now: datetime | None = None) -> bool:
    """Record that the card was posted, with its message id; False when the row is gone or final.

    A card whose posting changed while it was in flight gets its edit queued in the same transaction.
    """
    now = now or utcnow()
    values = {"state": "sent", "message_id": message_id, "sent_at": now, "error": None}
    with connect(bind) as conn:
        done = _transition(conn, delivery_id, ("queued", "unknown"), values)
        if done:
            edit_changed_in_flight(conn, [delivery_id], now=now)
        return done


def mark_failed(bind: Bind, delivery_id: int, error: str, *, retry_at: datetime | None = None) -> bool:
    """Record a failed send: queue it again at ``retry_at``, or give up when None; False when final.

    Queued again, the card is rendered afresh when it goes: a change while it was in flight is moot.
    """
    values: dict[str, Any] = {"error": error, "changed_in_flight": False}
    if retry_at is not None:
        values |= {"state": "queued", "next_attempt_at": retry_at}
    else:
        values |= {"state": "failed"}
    return _transition(bind, delivery_id, ("queued", "unknown"), values)


def get_delivery(bind: Bind, delivery_id: int) -> DeliveryRecord | None:
    """Return the outbox row with this id, or None."""
    with connect(bind) as conn:
        row = conn.execute(select(deliveries).where(deliveries.c.id == delivery_id)).first()
    return _record(row) if row is not None else None


def deliveries_for_posting(
    bind: Bind, posting_id: str, *, state: DeliveryState | None = "sent"
) -> list[DeliveryRecord]:
    """Return a posting's outbox rows (by default the sent ones, whose cards can be edited)."""
    query = select(deliveries).where(deliveries.c.posting_id == posting_id).order_by(deliveries.c.id)
    if state is not None:
        query = query.where(deliveries.c.state == state)
    with connect(bind) as conn:
        return [_record(row) for row in conn.execute(query)]


def count_by_state(bind: Bind, *, destination_key: str | None = None) -> dict[DeliveryState, int]:
    """How many outbox rows are in each state (states with none are left out)."""
    query = select(deliveries.c.state, func.count()).group_by(deliveries.c.state)
    if destination_key is not None:
        query = query.where(deliveries.c.destination_key == destination_key)
    with connect(bind) as conn:
        return {state: count for state, count in conn.execute(query)}


def _claim(
    bind: Bind,
    state: DeliveryState,
    *,
    limit: int,
    destination_key: str | None,
    lease: timedelta,
    now: datetime | None,
    group_pattern: str | None = None,
    message_notes: Sequence[str] = (),
) -> list[DeliveryRecord]:
    now = now or utcnow()
    values: dict[str, Any] = {"claim_limit": limit, "now": now, "leased_until": now + lease}
    if destination_key is not None:
        values["claim_key"] = destination_key
    if group_pattern is not None:
        values[GROUP_PARAM] = group_pattern
    for index, note in enumerate(message_notes):
        values[f"message_note_{index}"] = note
    statement = _claim_statement(
        state,
        by_destination=destination_key is not None,
        grouped=group_pattern is not None,
        whole=len(message_notes),
    )
    with connect(bind) as conn:
        rows = [_record(row) for row in conn.execute(statement, values)]
    return sorted(rows, key=lambda r: r.id)


@functools.cache
def _claim_statement(
    state: DeliveryState, *, by_destination: bool, grouped: bool = False, whole: int = 0
) -> Any:
    """The claim of ``state`` rows, built once and bound per call (the dispatcher claims every pass).

    ``whole``: how many message notes there are; the other rows of each picked row's message come too
    (see ``claim_unknown``).
    """
    due = (
        select(deliveries.c.id, deliveries.c.destination_key, deliveries.c.error)
        .where(deliveries.c.state == state, deliveries.c.next_attempt_at <= bindparam("now"))
        .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
        .limit(bindparam("claim_limit", type_=Integer))
        # PostgreSQL: concurrent dispatchers take disjoint rows. SQLite has one writer and ignores this.
        .with_for_update(skip_locked=True)
    )
    if by_destination:
        due = due.where(deliveries.c.destination_key == bindparam("claim_key"))
    if grouped:
        due = due.where(in_group(deliveries.c.destination_key))
    # A CTE is evaluated once; PostgreSQL may re-run a plain IN (subquery) and claim more than `limit`.
    picked = due.cte("picked")
    taken = select(picked.c.id)
    if whole:
        messages = select(picked.c.destination_key, picked.c.error).where(
            or_(*(picked.c.error.startswith(bindparam(f"message_note_{i}")) for i in range(whole)))
        )
        # Whatever their leases say: one message is in doubt as a whole once any row of it is.
        rest = (
            select(deliveries.c.id)
            .where(
                deliveries.c.state == state,
                tuple_(deliveries.c.destination_key, deliveries.c.error).in_(messages),
            )
            .with_for_update(skip_locked=True)
            .cte("rest")
        )
        taken = taken.union(select(rest.c.id))
    return (
        update(deliveries)
        .where(deliveries.c.id.in_(taken), deliveries.c.state == state)
        .values(
            state="unknown", attempts=deliveries.c.attempts + 1, next_attempt_at=bindparam("leased_until")
        )
        .returning(*deliveries.c)
    )


def _transition(bind: Bind, delivery_id: int, from_states: tuple[str, ...], values: dict[str, Any]) -> bool:
    statement = (
        update(deliveries)
        .where(deliveries.c.id == delivery_id, deliveries.c.state.in_(from_states))
        .values(**values)
    )
    with connect(bind) as conn:
        return conn.execute(statement).rowcount > 0


def _record(row: Row[Any]) -> DeliveryRecord:
    return DeliveryRecord(
        id=row.id,
        destination_key=row.destination_key,
        posting_id=row.posting_id,
        subscription_id=row.subscription_id,
        state=row.state,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        message_id=row.message_id,
        reasons=row.reasons,
        sent_at=row.sent_at,
        error=row.error,
        changed_in_flight=row.changed_in_flight,
    )
