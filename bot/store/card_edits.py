"""Card edits: the outbox of lifecycle edits, one row per posted message whose posting closed or changed.

An edit is queued (``enqueue_edits``) in the transaction that records the change, one per message already
posted for the posting; a digest showing it is one message. Rows are unique on (destination, message): a
change that comes before the edit ran folds into the pending row, which is right because an edit renders
the postings as they are when it runs, never as they were when it was queued.

States: ``queued`` → ``editing`` (claimed, leased until ``next_attempt_at``) → ``done`` or ``failed``; a
retry or a release puts a row back to ``queued``, and a later change queues a finished row again. An edit
is idempotent, so an ``editing`` row whose lease ran out (its dispatcher died) is simply claimed and done
again: no check with the platform first, unlike a send. ``changes`` counts the changes folded in, so an
edit that finishes after another change arrived leaves its row queued instead of done.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Row, case, or_, select, update
from sqlalchemy.engine import Connection

from bot.store import work_queues
from bot.store.engine import Bind, connect
from bot.store.postings import _chunks
from bot.store.sql import upsert
from bot.store.tables import card_edits, deliveries

EditState = Literal["queued", "editing", "done", "failed"]
EditReason = Literal["closed", "updated"]
# Queued, or leased by a dispatcher that died (an edit is simply redone).
PENDING = ("queued", "editing")


@dataclass(frozen=True, slots=True)
class EditRecord:
    """One queued card edit."""

    id: int
    destination_key: str
    message_id: str
    posting_id: str  # the posting whose change queued it last
    reason: EditReason
    state: EditState
    attempts: int
    changes: int  # changes folded in; ``finish_edit`` compares it
    next_attempt_at: datetime
    created_at: datetime
    error: str | None = None


def enqueue_edits(bind: Bind, posting_ids: Sequence[str], *, reason: EditReason, now: datetime) -> int:
    """Queue an edit of every message already posted for these postings; returns how many messages.

    A card still in flight (being sent, or in doubt after a crash) has no message yet: its row is marked
    ``changed_in_flight``, and the receipt that gives it one queues its edit (``edit_changed_in_flight``).
    Marked first, in id order as receipts lock them: a receipt that commits meanwhile is seen as sent.
    """
    messages: dict[tuple[str, str], str] = {}
    with connect(bind) as conn:
        for chunk in _chunks(list(posting_ids)):
            in_flight = (
                select(deliveries.c.id)
                .where(deliveries.c.posting_id.in_(chunk), deliveries.c.state == "unknown")
                .order_by(deliveries.c.id)
                .with_for_update()
            )
            conn.execute(
                update(deliveries)
                .where(deliveries.c.id.in_(in_flight), deliveries.c.state == "unknown")
                .values(changed_in_flight=True)
            )
            query = select(deliveries.c.destination_key, deliveries.c.message_id, deliveries.c.posting_id)
            query = query.where(
                deliveries.c.posting_id.in_(chunk),
                deliveries.c.state == "sent",
                deliveries.c.message_id.is_not(None),  # a DM a channel card covered has no message
            ).order_by(deliveries.c.id)
            for row in conn.execute(query):
                messages.setdefault((row.destination_key, row.message_id), row.posting_id)
        _queue(conn, messages, reason=reason, now=now)
    return len(messages)


def edit_changed_in_flight(conn: Connection, delivery_ids: Sequence[int], *, now: datetime) -> int:
    """Queue an edit of the messages of these rows whose posting changed while they were in flight.

    Called in the transaction that records the rows sent; returns how many messages.
    """
    messages: dict[tuple[str, str], str] = {}
    flagged: list[int] = []
    for chunk in _chunks(list(delivery_ids)):
        query = select(
            deliveries.c.id, deliveries.c.destination_key, deliveries.c.message_id, deliveries.c.posting_id
        ).where(deliveries.c.id.in_(chunk), deliveries.c.changed_in_flight, deliveries.c.state == "sent")
        for row in conn.execute(query):
            flagged.append(row.id)
            if row.message_id is not None:
                messages.setdefault((row.destination_key, row.message_id), row.posting_id)
    for chunk in _chunks(flagged):
        conn.execute(update(deliveries).where(deliveries.c.id.in_(chunk)).values(changed_in_flight=False))
    _queue(conn, messages, reason="updated", now=now)
    return len(messages)


def _queue(
    conn: Connection, messages: Mapping[tuple[str, str], str], *, reason: EditReason, now: datetime
) -> None:
    """Queue an edit of each (destination, message), naming the posting whose change queued it."""
    if not messages:
        return
    values = [
        {
            "destination_key": key,
            "message_id": message_id,
            "posting_id": posting_id,
            "reason": reason,
            "state": "queued",
            "attempts": 0,
            "changes": 1,
            "next_attempt_at": now,
            "created_at": now,
        }
        for (key, message_id), posting_id in sorted(messages.items())
    ]
    conn.execute(_coalescing_insert(conn), values)


def _coalescing_insert(conn: Connection) -> Any:
    """Insert an edit, or fold the change into the message's row: pending stays pending, finished requeues."""
    c = card_edits.c
    finished = or_(c.state == "done", c.state == "failed")  # not IN: it would not run as executemany

    def changed(new: Any) -> dict[str, Any]:
        return {
            "posting_id": new.posting_id,
            "reason": new.reason,
            "changes": c.changes + 1,
            # An edit in flight may have rendered the old state: it stays leased, and finishing it with
            # an older ``changes`` queues it again (see finish_edit).
            "state": case((c.state == "editing", "editing"), else_="queued"),
            "attempts": case((finished, 0), else_=c.attempts),  # a retry's backoff is kept
            "next_attempt_at": case((finished, new.next_attempt_at), else_=c.next_attempt_at),
            "created_at": case((finished, new.created_at), else_=c.created_at),
            "error": case((finished, None), else_=c.error),
        }

    return upsert(conn, card_edits, ["destination_key", "message_id"], changed)


def due_destinations(
    bind: Bind, *, now: datetime, limit: int, group_pattern: str | None = None
) -> dict[str, int]:
    """Destinations with edits due at ``now`` (queued, or leased by a dispatcher that died), longest first.

    ``group_pattern`` (``bot.store.groups.group_pattern``) keeps to one delivery group's destinations.
    """
    return work_queues.due_destinations(
        bind, card_edits, PENDING, now=now, limit=limit, group_pattern=group_pattern
    )


def claim_edits(
    bind: Bind, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
) -> dict[str, list[EditRecord]]:
    """Claim up to ``wanted[key]`` due edits of each destination, oldest first, in one transaction."""
    values = {"state": "editing", "attempts": card_edits.c.attempts + 1, "next_attempt_at": now + lease}
    claimed = work_queues.claim(bind, card_edits, PENDING, wanted, now=now, values=values)
    return {key: [_record(row) for row in rows] for key, rows in claimed.items()}


def finish_edit(bind: Bind, edit_id: int, *, changes: int, now: datetime) -> bool:
    """Record a done edit; True when done, False when a change came meanwhile and it is queued again."""
    current = card_edits.c.changes == changes
    statement = (
        update(card_edits)
        .where(card_edits.c.id == edit_id, card_edits.c.state == "editing")
        .values(
            state=case((current, "done"), else_="queued"),
            attempts=case((current, card_edits.c.attempts), else_=0),
            next_attempt_at=now,
            error=None,
        )
        .returning(card_edits.c.state)
    )
    with connect(bind) as conn:
        return conn.execute(statement).scalar() != "queued"


def retry_edit(bind: Bind, edit_id: int, *, at: datetime, error: str) -> None:
    """Queue a failed edit again at ``at`` (the attempt counts)."""
    _leave_editing(bind, [edit_id], state="queued", next_attempt_at=at, error=error)


def fail_edit(bind: Bind, edit_id: int, *, error: str) -> None:
    """Give an edit up (the message is gone, or it kept failing)."""
    _leave_editing(bind, [edit_id], state="failed", error=error)


def release_edits(bind: Bind, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
    """Put claimed edits back in the queue, due at ``at``, without counting the claim as an attempt."""
    attempts = card_edits.c.attempts - 1
    _leave_editing(bind, list(ids), state="queued", next_attempt_at=at, attempts=attempts, error=note)


def next_due_at(bind: Bind, *, group_pattern: str | None = None) -> datetime | None:
    """When the earliest queued or leased edit (of one delivery group) comes due, None when there is none."""
    return work_queues.next_due_at(bind, card_edits, PENDING, group_pattern=group_pattern)


def list_edits(bind: Bind, *, destination_key: str | None = None) -> list[EditRecord]:
    """Every card edit (of one destination), oldest first."""
    query = select(card_edits).order_by(card_edits.c.id)
    if destination_key is not None:
        query = query.where(card_edits.c.destination_key == destination_key)
    with connect(bind) as conn:
        return [_record(row) for row in conn.execute(query)]


def _leave_editing(bind: Bind, ids: list[int], **values: Any) -> None:
    work_queues.leave(bind, card_edits, ids, "editing", **values)


def _record(row: Row[Any]) -> EditRecord:
    return EditRecord(
        id=row.id,
        destination_key=row.destination_key,
        message_id=row.message_id,
        posting_id=row.posting_id,
        reason=row.reason,
        state=row.state,
        attempts=row.attempts,
        changes=row.changes,
        next_attempt_at=row.next_attempt_at,
        created_at=row.created_at,
        error=row.error,
    )
