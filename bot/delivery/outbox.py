"""The dispatcher's port to the outbox: the few store operations it needs, as a protocol.

Delivery and the store are separate adapters (neither imports the other); ``bot.store.outbox.StoreOutbox``
implements this protocol over the real tables, and the composition root hands it to the ``Dispatcher``.
A row is claimed (state "unknown", leased), then marked sent, retried, failed, or released: put back in
the queue untouched (no attempt counted) because a rate limit, a digest time or quiet hours came first.
Card edits (a posted card whose posting closed or changed) are queued by the store in the transaction that
records the change, and go through the same cycle: claimed (leased), then done, retried, failed or
released; an edit whose lease ran out is claimed again and redone, since editing twice is harmless.
Owner notices (a destination paused, a source failing) are queued by the store with the change that causes
them and go through the same cycle; one whose lease ran out comes back ``in_doubt``, to be looked for on
the platform (``find_sent`` with its ``notice_key``) before it is sent again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.models import Posting, Subscription

DIGEST_NOTE = "in flight in digest "  # + the digest's idempotency key, written on each row before sending
# + the key: the rows of a digest in doubt that the platform did not have, queued to go again as one digest
AGAIN_NOTE = "to send again as digest "


def idempotency_key(delivery_id: int) -> str:
    """The key a card is sent with, so the platform (or ``find_sent``) recognises it after a crash."""
    return f"jobbot-{delivery_id}"


def notice_key(notice_id: int) -> str:
    """The key an owner notice is sent with; never a card's or a digest's."""
    return f"jobbot-notice-{notice_id}"


def digest_key(delivery_ids: Collection[int]) -> str:
    """The key a digest of these rows is sent with: the same rows, the same key; any other set, another.

    So rows of a digest in doubt can never take another message for theirs: not a card of one of them
    (its key has no "digest"), nor a digest of some of them sent again (its rows differ).
    """
    ids = sorted(delivery_ids)
    rows = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:10]
    return f"jobbot-digest-{ids[0]}-{rows}"


def again_note(row: OutboxRow) -> str | None:
    """The row's note when it belongs to a digest to send again whole (``AGAIN_NOTE``), else None."""
    note = row.error
    return note if note is not None and note.startswith(AGAIN_NOTE) else None


class OutboxRow(Protocol):
    """One outbox row as the store returns it (``bot.store.deliveries.DeliveryRecord``)."""

    @property
    def id(self) -> int: ...
    @property
    def destination_key(self) -> str: ...
    @property
    def posting_id(self) -> str: ...
    @property
    def subscription_id(self) -> int | None: ...
    @property
    def state(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def next_attempt_at(self) -> datetime: ...
    @property
    def created_at(self) -> datetime: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def reasons(self) -> Any: ...
    @property
    def sent_at(self) -> datetime | None: ...
    @property
    def error(self) -> str | None: ...


class EditRow(Protocol):
    """One queued card edit as the store returns it (``bot.store.card_edits.EditRecord``)."""

    @property
    def id(self) -> int: ...
    @property
    def destination_key(self) -> str: ...
    @property
    def message_id(self) -> str: ...
    @property
    def posting_id(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def changes(self) -> int: ...


class NoticeRow(Protocol):
    """One claimed owner notice as the store returns it (``bot.store.notices.NoticeRecord``)."""

    @property
    def id(self) -> int: ...
    @property
    def destination_key(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def attempts(self) -> int: ...
    @property
    def in_doubt(self) -> bool: ...


class Outbox(Protocol):
    """What the dispatcher reads and writes in the store; every call is one short transaction."""

    def due_destinations(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with queued rows due at ``now`` and how many, longest-waiting first."""
        ...

    def claim_due(
        self, *, destination_key: str, limit: int, lease: timedelta, now: datetime
    ) -> Sequence[OutboxRow]:
        """Claim up to ``limit`` due rows of one destination, oldest first."""
        ...

    def claim_due_many(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> Mapping[str, Sequence[OutboxRow]]:
        """Claim up to ``wanted[key]`` due rows of each destination, oldest first, in one transaction."""
        ...

    def claim_due_message(
        self, *, destination_key: str, note: str, lease: timedelta, now: datetime
    ) -> Sequence[OutboxRow]:
        """Claim every queued row of one destination whose note is ``note``: one message to send whole."""
        ...

    def claim_unknown(
        self, *, limit: int, lease: timedelta, now: datetime, message_notes: Sequence[str] = ()
    ) -> Sequence[OutboxRow]:
        """Claim rows left in flight whose lease ran out (their sender died or the outcome was unknown).

        Whole messages: rows of one destination with the same note, starting with one of
        ``message_notes``, are one message, claimed together even where that goes past ``limit``.
        """
        ...

    def in_flight_until(self, destination_key: str, *, excluding: Collection[int]) -> datetime | None:
        """When the destination's rows in flight (other than ``excluding``) come due to be settled, if any."""
        ...

    def mark_sent(self, ids: Iterable[int], *, message_id: str | None, now: datetime) -> None:
        """Record these rows as posted as ``message_id``, all in one transaction."""
        ...

    def mark_sent_many(self, receipts: Sequence[tuple[int, str | None]], *, now: datetime) -> None:
        """Record each (row id, message id) as posted, all in one transaction."""
        ...

    def retry(self, delivery_id: int, *, at: datetime, error: str) -> None:
        """Queue a failed row again at ``at`` (the attempt counts)."""
        ...

    def fail(self, ids: Iterable[int], *, error: str) -> None:
        """Give these rows up."""
        ...

    def fail_queued(self, destination_key: str, *, error: str) -> int:
        """Give up every queued row of a destination that cannot receive; returns how many."""
        ...

    def release(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed rows back in the queue, due at ``at``, as if never claimed."""
        ...

    def note_in_flight(self, ids: Iterable[int], *, note: str, recheck_at: datetime | None = None) -> None:
        """Write ``note`` on claimed rows before their send (and move their lease to ``recheck_at``)."""
        ...

    def postings(self, posting_ids: Sequence[str]) -> Mapping[str, Posting]:
        """The stored postings with these ids."""
        ...

    def closed_posting_ids(self, posting_ids: Sequence[str]) -> set[str]:
        """Which of these postings are closed."""
        ...

    def subscription(self, subscription_id: int) -> Subscription | None:
        """The subscription with this id, or None."""
        ...

    def delivery_mode(self, subscription_id: int) -> Mapping[str, Any] | None:
        """The subscription's stored delivery mode JSON (None = the default)."""
        ...

    def pause_destination(
        self,
        destination_key: str,
        reason: str | None = None,
        *,
        notice: str | None = None,
        now: datetime | None = None,
    ) -> list[int]:
        """Pause every subscription posting to this destination, saying why; returns their ids.

        ``notice`` is queued to the owner of each subscription paused (due ``now``), in the same transaction.
        """
        ...

    def deliveries_for_posting(self, posting_id: str, *, state: str | None) -> Sequence[OutboxRow]:
        """A posting's rows in ``state`` (None = every state)."""
        ...

    def deliveries_with_message(self, destination_key: str, message_id: str) -> Sequence[OutboxRow]:
        """The rows posted as one message (several for a digest)."""
        ...

    def next_due_at(self) -> datetime | None:
        """When the earliest queued or leased row or edit comes due, None when there is none."""
        ...

    def due_edits(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with card edits due at ``now`` and how many, longest-waiting first."""
        ...

    def claim_edits(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> Mapping[str, Sequence[EditRow]]:
        """Claim up to ``wanted[key]`` due edits of each destination (expired leases too), oldest first."""
        ...

    def edit_done(self, edit_id: int, *, changes: int, now: datetime) -> bool:
        """Record an edit as done; False when its posting changed since ``changes`` and it is queued again."""
        ...

    def retry_edit(self, edit_id: int, *, at: datetime, error: str) -> None:
        """Queue a failed edit again at ``at`` (the attempt counts)."""
        ...

    def fail_edit(self, edit_id: int, *, error: str) -> None:
        """Give an edit up (the message was deleted, or it kept failing)."""
        ...

    def release_edits(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed edits back in the queue, due at ``at``, as if never claimed."""
        ...

    def due_notices(self, *, now: datetime, limit: int) -> dict[str, int]:
        """Destinations with owner notices due at ``now`` (in flight past their lease too), oldest first."""
        ...

    def claim_notices(
        self, wanted: Mapping[str, int], *, lease: timedelta, now: datetime
    ) -> Mapping[str, Sequence[NoticeRow]]:
        """Claim up to ``wanted[key]`` due notices of each destination, oldest first."""
        ...

    def notice_sent(self, notice_id: int, *, message_id: str | None, now: datetime) -> None:
        """Record a notice as posted."""
        ...

    def retry_notice(self, notice_id: int, *, at: datetime, error: str) -> None:
        """Queue a notice that was not posted again at ``at`` (the attempt counts)."""
        ...

    def fail_notice(self, notice_id: int, *, error: str) -> None:
        """Give a notice up."""
        ...

    def release_notices(self, ids: Iterable[int], *, at: datetime, note: str | None = None) -> None:
        """Put claimed notices back, due at ``at``, as if never claimed (one in doubt stays in doubt)."""
        ...

    def notice_in_flight(self, notice_id: int, *, note: str, recheck_at: datetime) -> None:
        """Leave a notice whose outcome is unknown in flight, to be looked for at ``recheck_at``."""
        ...
