"""The store's side of the dispatcher's outbox port (``bot.delivery.outbox.Outbox``), over the real tables.

Cards to send are ``deliveries`` rows (``bot.store.deliveries``); edits of cards already posted are
``card_edits`` rows (``bot.store.card_edits``); owner notices are ``notices`` rows (``bot.store.notices``).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, bindparam, func, or_, select, update
from sqlalchemy.engine import Engine

from bot.models import Posting, Subscription
from bot.store import card_edits, notices
from bot.store import deliveries as outbox
from bot.store.card_edits import EditRecord
from bot.store.deliveries import DeliveryRecord
from bot.store.groups import GROUP_PARAM, group_pattern, in_group
from bot.store.notices import NoticeRecord
from bot.store.postings import get_postings
from bot.store.sql import utcnow
from bot.store.subscriptions import get_delivery_mode, get_subscription, pause_destination
from bot.store.tables import deliveries, postings


class StoreOutbox:
    """The outbox and the few subscription and posting reads the dispatcher needs.

    With a ``group`` (platform, workspace) it sees only that delivery group's rows and edits: what a
    worker's ``deliver`` job serves (``bot.workers``) while another worker serves another group. The
    filter sits on the reads that find work (due destinations and edits, rows in doubt, the next due
    time); every other call names its rows or destination already.
    """

    def __init__(self, engine: Engine, *, group: tuple[str, str] | None = None) -> None:
        self.engine = engine
        self.group = group
        self._pattern = group_pattern(*group) if group is not None else None
        self._grouped = {} if self._pattern is None else {GROUP_PARAM: self._pattern}

    def due_destinations(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with queued rows due at ``now`` and how many, longest-waiting first."""
        query = _due_destinations_query(grouped=self._pattern is not None)
        with self.engine.connect() as conn:
            rows = conn.execute(query, {"now": now, "due_limit": limit, **self._grouped})
            return {key: count for key, count in rows}

    def claim_due(
        self, *, destination_key: str, limit: int, lease: timedelta, now: datetime
    ) -> list[DeliveryRecord]:
        """Claim up to ``limit`` due rows of one destination, oldest first."""
        return outbox.claim_due(
            self.engine, limit=limit, destination_key=destination_key, lease=lease, now=now
        )

    def claim_due_many(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> dict[str, list[DeliveryRecord]]:
        """Claim up to ``wanted[key]`` due rows of each destination, oldest first, in one transaction."""
        claimed: dict[str, list[DeliveryRecord]] = {}
        statement = _claim_statement()
        with self.engine.begin() as conn:
            for key, limit in wanted.items():
                if limit > 0:
                    values = {"claim_key": key, "claim_limit": limit, "now": now, "leased_until": now + lease}
                    rows = conn.execute(statement, values)
                    claimed[key] = sorted(
                        (DeliveryRecord(**row._mapping) for row in rows), key=lambda r: r.id
                    )
        return claimed

    def claim_due_message(
        self, *, destination_key: str, note: str, lease: timedelta, now: datetime
    ) -> list[DeliveryRecord]:
        """Claim every queued row of one destination whose note is ``note``: one message to send whole."""
        return outbox.claim_message(
            self.engine, destination_key=destination_key, note=note, lease=lease, now=now
        )

    def claim_unknown(
        self, *, limit: int, lease: timedelta, now: datetime, message_notes: Sequence[str] = ()
    ) -> list[DeliveryRecord]:
        """Claim rows left in flight whose lease ran out, whole messages at a time (see the port)."""
        return outbox.claim_unknown(
            self.engine,
            limit=limit,
            lease=lease,
            now=now,
            group_pattern=self._pattern,
            message_notes=message_notes,
        )

    def in_flight_until(self, destination_key: str, *, excluding: Collection[int]) -> datetime | None:
        """When the destination's rows in flight (other than ``excluding``) come due to be settled, if any."""
        query = select(func.min(deliveries.c.next_attempt_at)).where(
            deliveries.c.destination_key == destination_key,
            deliveries.c.state == "unknown",
            deliveries.c.id.not_in(list(excluding)),
        )
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def mark_sent(self, ids: Iterable[int], *, message_id: str | None, now: datetime) -> None:
        """Record these rows as posted as ``message_id``, all in one transaction."""
        self.mark_sent_many([(delivery_id, message_id) for delivery_id in ids], now=now)

    def mark_sent_many(self, receipts: Sequence[tuple[int, str | None]], *, now: datetime) -> None:
        """Record each (row, message id) as posted, all in one transaction.

        Rows whose posting changed while they were in flight get their message's edit queued with them.
        """
        if not receipts:
            return
        statement = (
            update(deliveries)
            .where(
                deliveries.c.id == bindparam("row_id"),
                or_(deliveries.c.state == "queued", deliveries.c.state == "unknown"),
            )
            .values(state="sent", message_id=bindparam("posted_as"), sent_at=now, error=None)
        )
        ordered = sorted(receipts, key=lambda receipt: receipt[0])  # rows locked in id order, as edits do
        with self.engine.begin() as conn:
            conn.execute(statement, [{"row_id": i, "posted_as": m} for i, m in ordered])
            card_edits.edit_changed_in_flight(conn, [i for i, _ in ordered], now=now)

    def retry(self, delivery_id: int, *, at: datetime, error: str) -> None:
        """Queue a failed row again at ``at`` (the attempt counts)."""
        outbox.mark_failed(self.engine, delivery_id, error, retry_at=at)

    def fail(self, ids: Iterable[int], *, error: str) -> None:
        """Give these rows up."""
        with self.engine.begin() as conn:
            for delivery_id in ids:
                outbox.mark_failed(conn, delivery_id, error)

    def fail_queued(self, destination_key: str, *, error: str) -> int:
        """Give up every queued row of a destination that cannot receive; returns how many."""
        statement = (
            update(deliveries)
            .where(deliveries.c.destination_key == destination_key, deliveries.c.state == "queued")
            .values(state="failed", error=error)
        )
        with self.engine.begin() as conn:
            return conn.execute(statement).rowcount

    def release(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed rows back in the queue, due at ``at``, without counting the claim as an attempt."""
        statement = (
            update(deliveries)
            .where(deliveries.c.id.in_(list(ids)), deliveries.c.state == "unknown")
            .values(
                state="queued",
                next_attempt_at=at,
                attempts=deliveries.c.attempts - 1,
                error=note,
                changed_in_flight=False,  # rendered afresh when it goes
            )
        )
        with self.engine.begin() as conn:
            conn.execute(statement)

    def note_in_flight(self, ids: Iterable[int], *, note: str, recheck_at: datetime | None = None) -> None:
        """Write ``note`` on claimed rows (and move their lease to ``recheck_at``)."""
        values: dict[str, Any] = {"error": note}
        if recheck_at is not None:
            values["next_attempt_at"] = recheck_at
        statement = (
            update(deliveries)
            .where(deliveries.c.id.in_(list(ids)), deliveries.c.state == "unknown")
            .values(**values)
        )
        with self.engine.begin() as conn:
            conn.execute(statement)

    def postings(self, posting_ids: Sequence[str]) -> Mapping[str, Posting]:
        """The stored postings with these ids."""
        return {posting.id: posting for posting in get_postings(self.engine, posting_ids)}

    def closed_posting_ids(self, posting_ids: Sequence[str]) -> set[str]:
        """Which of these postings are closed."""
        query = select(postings.c.id).where(
            postings.c.id.in_(list(posting_ids)), postings.c.state == "closed"
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def subscription(self, subscription_id: int) -> Subscription | None:
        """The subscription with this id, or None."""
        return get_subscription(self.engine, subscription_id)

    def delivery_mode(self, subscription_id: int) -> Mapping[str, Any] | None:
        """The subscription's stored delivery mode JSON."""
        return get_delivery_mode(self.engine, subscription_id)

    def pause_destination(
        self,
        destination_key: str,
        reason: str | None = None,
        *,
        notice: str | None = None,
        now: datetime | None = None,
    ) -> list[int]:
        """Pause every subscription posting to this destination, saying why; returns their ids.

        ``notice`` goes to the owners of the subscriptions this pauses (none already paused: they were
        told), queued in the transaction of the pause.
        """
        with self.engine.begin() as conn:
            paused = pause_destination(conn, destination_key, reason)
            if notice is not None:
                about = f"destination:{destination_key}"
                notices.queue_owner_notices(conn, paused, about=about, text=notice, now=now or utcnow())
        return paused

    def deliveries_for_posting(self, posting_id: str, *, state: str | None) -> list[DeliveryRecord]:
        """A posting's rows in ``state`` (None = every state)."""
        return outbox.deliveries_for_posting(self.engine, posting_id, state=state)  # type: ignore[arg-type]

    def deliveries_with_message(self, destination_key: str, message_id: str) -> list[DeliveryRecord]:
        """The rows posted as one message (several for a digest)."""
        query = (
            select(deliveries.c.id)
            .where(deliveries.c.destination_key == destination_key, deliveries.c.message_id == message_id)
            .order_by(deliveries.c.id)
        )
        with self.engine.connect() as conn:
            ids = list(conn.execute(query).scalars())
        return [row for row in (outbox.get_delivery(self.engine, i) for i in ids) if row is not None]

    def next_due_at(self) -> datetime | None:
        """When the earliest queued or leased row or edit comes due."""
        grouped = self._pattern is not None
        with self.engine.connect() as conn:
            moments = [
                conn.execute(_next_due_query(grouped=grouped), self._grouped).scalar(),
                card_edits.next_due_at(conn, group_pattern=self._pattern),
                notices.next_due_at(conn, group_pattern=self._pattern),
            ]
        return min((moment for moment in moments if moment is not None), default=None)

    # -- card edits -----------------------------------------------------------------------------------

    def due_edits(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with card edits due at ``now`` and how many, longest-waiting first."""
        return card_edits.due_destinations(self.engine, now=now, limit=limit, group_pattern=self._pattern)

    def claim_edits(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> dict[str, list[EditRecord]]:
        """Claim up to ``wanted[key]`` due edits of each destination, oldest first, in one transaction."""
        return card_edits.claim_edits(self.engine, wanted, lease=lease, now=now)

    def edit_done(self, edit_id: int, *, changes: int, now: datetime) -> bool:
        """Record an edit as done; False when the posting changed again meanwhile and it is queued again."""
        return card_edits.finish_edit(self.engine, edit_id, changes=changes, now=now)

    def retry_edit(self, edit_id: int, *, at: datetime, error: str) -> None:
        """Queue a failed edit again at ``at`` (the attempt counts)."""
        card_edits.retry_edit(self.engine, edit_id, at=at, error=error)

    def fail_edit(self, edit_id: int, *, error: str) -> None:
        """Give an edit up."""
        card_edits.fail_edit(self.engine, edit_id, error=error)

    def release_edits(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed edits back in the queue, due at ``at``, as if never claimed."""
        card_edits.release_edits(self.engine, ids, at=at, note=note)

    # -- owner notices --------------------------------------------------------------------------------

    def due_notices(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with owner notices due at ``now`` (in flight past their lease too), oldest first."""
        return notices.due_destinations(self.engine, now=now, limit=limit, group_pattern=self._pattern)

    def claim_notices(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> dict[str, list[NoticeRecord]]:
        """Claim up to ``wanted[key]`` due notices of each destination, oldest first."""
        return notices.claim_notices(self.engine, wanted, lease=lease, now=now)

    def notice_sent(self, notice_id: int, *, message_id: str | None, now: datetime) -> None:
        """Record a notice as posted."""
        notices.mark_sent(self.engine, notice_id, message_id=message_id, now=now)

    def retry_notice(self, notice_id: int, *, at: datetime, error: str) -> None:
        """Queue a notice that was not posted again at ``at`` (the attempt counts)."""
        notices.retry_notice(self.engine, notice_id, at=at, error=error)

    def fail_notice(self, notice_id: int, *, error: str) -> None:
        """Give a notice up."""
        notices.fail_notice(self.engine, notice_id, error=error)

    def release_notices(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed notices back, due at ``at``, as if never claimed."""
        notices.release_notices(self.engine, ids, at=at, note=note)

    def notice_in_flight(self, notice_id: int, *, note: str, recheck_at: datetime) -> None:
        """Leave a notice whose outcome is unknown in flight, to be looked for at ``recheck_at``."""
        notices.note_in_flight(self.engine, notice_id, note=note, recheck_at=recheck_at)


# The dispatcher's queries run every pass: each is built once (with its cache key) and bound per call.


@functools.cache
def _due_destinations_query(*, grouped: bool = False) -> Any:
    query = select(deliveries.c.destination_key, func.count()).where(
        deliveries.c.state == "queued", deliveries.c.next_attempt_at <= bindparam("now")
    )
    if grouped:
        query = query.where(in_group(deliveries.c.destination_key))
    return (
        query.group_by(deliveries.c.destination_key)
        .order_by(func.min(deliveries.c.next_attempt_at), deliveries.c.destination_key)
        .limit(bindparam("due_limit", type_=Integer))
    )


@functools.cache
def _next_due_query(*, grouped: bool = False) -> Any:
    query = select(func.min(deliveries.c.next_attempt_at)).where(
        or_(deliveries.c.state == "queued", deliveries.c.state == "unknown")
    )
    return query.where(in_group(deliveries.c.destination_key)) if grouped else query


@functools.cache
def _claim_statement() -> Any:
    """Claim a destination's ``claim_limit`` oldest due rows (as ``bot.store.deliveries.claim_due`` does).

    Built once and bound per call: the dispatcher claims for every ready destination each pass (about one
    claim per card sent), and building the statement and its cache key cost ~1 ms each time; the
    statement object keeps its cache key, so executing it again only binds the values.
    """
    due = (
        select(deliveries.c.id)
        .where(
            deliveries.c.destination_key == bindparam("claim_key"),
            deliveries.c.state == "queued",
            deliveries.c.next_attempt_at <= bindparam("now"),
        )
        .order_by(deliveries.c.next_attempt_at, deliveries.c.id)
        .limit(bindparam("claim_limit", type_=Integer))
        .with_for_update(skip_locked=True)  # PostgreSQL: concurrent dispatchers take disjoint rows
    )
    picked = due.cte("picked")
    return (
        update(deliveries)
        .where(deliveries.c.id.in_(select(picked.c.id)), _unindexed(deliveries.c.state) == "queued")
        .values(
            state="unknown", attempts=deliveries.c.attempts + 1, next_attempt_at=bindparam("leased_until")
        )
        .returning(*deliveries.c)
    )


def _unindexed(column: Any) -> Any:
    """``column`` in a form no index serves, to steer SQLite's planner to a better index.

    The claim's final check that a picked row is still queued: with a plain ``state = 'queued'`` SQLite
    walks the (state, …) indexes over every queued row of every destination (~1 ms a claim with 10,000
    rows queued) instead of looking the few picked ids up by primary key.
    """
    return func.coalesce(column, "")
