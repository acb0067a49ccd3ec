"""Owner notices: the outbox of what jobbot tells owners by DM (a destination paused, a source failing).

Why a table of its own and not ``deliveries`` rows of a "notice" kind: a delivery row is a posting's card
(its posting is a foreign key, it is unique on (destination, posting), and everything that serves it, from
digests and quiet hours to the DMs a channel card covers and lifecycle edits, is about that posting). A
notice has no posting, goes out whatever the owner's delivery mode, is never edited and never pauses
anything. It shares the outbox's cycle instead, as ``card_edits`` does beside the cards: queued in the
transaction of the state change that causes it (``queue_notice``, ``queue_owner_notices``), claimed by the
dispatcher (leased), then sent, retried, failed or released.

States: ``queued`` → ``sending`` (claimed, leased until ``next_attempt_at``) → ``sent`` or ``failed``. A
``sending`` row whose lease ran out (its sender died, or the platform's answer was lost) is claimed again
``in_doubt``: the dispatcher asks the platform for it (``Notifier.find_sent`` with its key) before any
resend, so an owner sees each notice once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Row, insert, or_, select

from bot.models import Destination
from bot.store import work_queues
from bot.store.engine import Bind, connect
from bot.store.preferences import owner_destination
from bot.store.tables import notices, sources, subscriptions

NoticeState = Literal["queued", "sending", "sent", "failed"]
PENDING = ("queued", "sending")  # due when their time comes: queued, or in flight past the lease (in doubt)


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """One owner notice."""

    id: int
    destination_key: str  # the owner's DM
    about: str  # "destination:KEY" or "source:ID"
    text: str
    state: NoticeState
    in_doubt: bool  # claimed while in flight: ask the platform before sending
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    sent_at: datetime | None = None
    message_id: str | None = None
    error: str | None = None


def queue_notice(bind: Bind, destination: Destination | str, *, about: str, text: str, now: datetime) -> int:
    """Queue one notice to ``destination``; call it in the transaction of the change it tells of."""
    key = destination.key if isinstance(destination, Destination) else destination
    values = {
        "destination_key": key,
        "about": about,
        "text": text,
        "state": "queued",
        "in_doubt": False,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
    with connect(bind) as conn:
        return int(conn.execute(insert(notices).values(values).returning(notices.c.id)).scalar_one())


def queue_owner_notices(
    bind: Bind, subscription_ids: Sequence[int], *, about: str, text: str, now: datetime
) -> list[int]:
    """Queue ``text`` once to the DM of each owner of these subscriptions (in their platform, workspace)."""
    if not subscription_ids:
        return []
    c = subscriptions.c
    query = select(c.platform, c.workspace, c.owner).where(c.id.in_(list(subscription_ids))).distinct()
    with connect(bind) as conn:
        owners = sorted((row.platform, row.workspace, row.owner) for row in conn.execute(query))
        return [
            queue_notice(conn, Destination(platform, "dm", owner, workspace), about=about, text=text, now=now)
            for platform, workspace, owner in owners
        ]


def queue_source_notice(bind: Bind, source_id: str, *, text: str, now: datetime) -> int | None:
    """Queue ``text`` to the DM of the source's owner; None when it has none (added from the command line)."""
    with connect(bind) as conn:
        owner = conn.execute(select(sources.c.owner).where(sources.c.id == source_id)).scalar()
        target = owner_destination(owner) if owner else None
        if target is None:
            return None
        return queue_notice(conn, target, about=f"source:{source_id}", text=text, now=now)


def due_destinations(
    bind: Bind, *, now: datetime, limit: int, group_pattern: str | None = None
) -> dict[str, int]:
    """Destinations with notices due at ``now`` (queued, or in flight past their lease), longest first."""
    return work_queues.due_destinations(
        bind, notices, PENDING, now=now, limit=limit, group_pattern=group_pattern
    )


def claim_notices(
    bind: Bind, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
) -> dict[str, list[NoticeRecord]]:
    """Claim up to ``wanted[key]`` due notices of each destination, oldest first, in one transaction.

    One taken from ``sending`` (its lease ran out) comes back ``in_doubt``: the claim's own update reads
    the state it replaces, so no second look can race with another dispatcher.
    """
    values = {
        "state": "sending",
        "in_doubt": or_(notices.c.in_doubt, notices.c.state == "sending"),
        "attempts": notices.c.attempts + 1,
        "next_attempt_at": now + lease,
    }
    claimed = work_queues.claim(bind, notices, PENDING, wanted, now=now, values=values)
    return {key: [_record(row) for row in rows] for key, rows in claimed.items()}


def mark_sent(bind: Bind, notice_id: int, *, message_id: str | None, now: datetime) -> None:
    """Record a notice as posted as ``message_id``."""
    values = {"state": "sent", "in_doubt": False, "message_id": message_id, "sent_at": now, "error": None}
    _leave_sending(bind, [notice_id], **values)


def retry_notice(bind: Bind, notice_id: int, *, at: datetime, error: str) -> None:
    """Queue a notice that was not posted again at ``at`` (the attempt counts)."""
    _leave_sending(bind, [notice_id], state="queued", in_doubt=False, next_attempt_at=at, error=error)


def fail_notice(bind: Bind, notice_id: int, *, error: str) -> None:
    """Give a notice up (the DM cannot be opened, or it kept failing)."""
    _leave_sending(bind, [notice_id], state="failed", error=error)


def release_notices(bind: Bind, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
    """Put claimed notices back, due at ``at``, without counting the claim as an attempt.

    One in doubt stays in doubt: it was not looked for yet.
    """
    attempts = notices.c.attempts - 1
    _leave_sending(bind, list(ids), state="queued", next_attempt_at=at, attempts=attempts, error=note)


def note_in_flight(bind: Bind, notice_id: int, *, note: str, recheck_at: datetime) -> None:
    """Leave a notice in flight (its outcome is unknown) until ``recheck_at``, when it is looked for."""
    _leave_sending(bind, [notice_id], error=note, next_attempt_at=recheck_at)


def next_due_at(bind: Bind, *, group_pattern: str | None = None) -> datetime | None:
    """When the earliest queued or leased notice (of one delivery group) comes due, None when none is."""
    return work_queues.next_due_at(bind, notices, PENDING, group_pattern=group_pattern)


def due_keys_query(now: datetime) -> Any:
    """The destination keys with notices due at ``now``, as a select (for the worker tick's union)."""
    return select(notices.c.destination_key).where(work_queues.due(notices, PENDING, now))


def list_notices(bind: Bind, *, destination_key: str | None = None) -> list[NoticeRecord]:
    """Every notice (to one destination), oldest first."""
    query = select(notices).order_by(notices.c.id)
    if destination_key is not None:
        query = query.where(notices.c.destination_key == destination_key)
    with connect(bind) as conn:
        return [_record(row) for row in conn.execute(query)]


def _leave_sending(bind: Bind, ids: list[int], **values: Any) -> None:
    work_queues.leave(bind, notices, ids, "sending", **values)


def _record(row: Row[Any]) -> NoticeRecord:
    return NoticeRecord(**{column.name: getattr(row, column.name) for column in notices.c})
