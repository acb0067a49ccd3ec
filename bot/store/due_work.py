"""What is due, for the worker queue's tick: sources to poll, delivery groups with cards, edits or notices.

A source is due when it is held back until a moment now past (``next_poll_at``: backoff after a failure,
a server's Retry-After), or, when not held, once its last poll is an interval old or it was never polled.
A delivery group is a (platform, workspace): every destination of one Slack workspace or Discord server.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, union

from bot.models import Destination
from bot.store.engine import Bind, connect
from bot.store.notices import due_keys_query
from bot.store.postings import _chunks
from bot.store.tables import card_edits, deliveries, sources

Group = tuple[str, str]  # (platform, workspace)


def _due(now: datetime, interval: timedelta) -> object:
    held = sources.c.next_poll_at.is_not(None)
    return or_(
        and_(held, sources.c.next_poll_at <= now),
        and_(
            sources.c.next_poll_at.is_(None),
            or_(sources.c.last_polled_at.is_(None), sources.c.last_polled_at <= now - interval),
        ),
    )


def due_source_ids(bind: Bind, *, now: datetime, interval: timedelta, limit: int = 100_000) -> list[str]:
    """Sources due for a poll at ``now``, the longest-waiting (or never polled) first."""
    query = (
        select(sources.c.id)
        .where(_due(now, interval))
        .order_by(sources.c.last_polled_at.is_not(None), sources.c.last_polled_at, sources.c.id)
        .limit(limit)
    )
    with connect(bind) as conn:
        return list(conn.execute(query).scalars())


def source_is_due(bind: Bind, source_id: str, *, now: datetime, interval: timedelta) -> bool:
    """Whether this one source is due (a queued poll may find it was just polled by the one before it)."""
    query = select(sources.c.id).where(sources.c.id == source_id, _due(now, interval))
    with connect(bind) as conn:
        return conn.execute(query).first() is not None


def due_groups(bind: Bind, *, now: datetime) -> list[Group]:
    """Delivery groups with cards (queued, or in flight past their lease), edits or notices due at ``now``."""
    cards = select(deliveries.c.destination_key).where(
        deliveries.c.state.in_(("queued", "unknown")), deliveries.c.next_attempt_at <= now
    )
    edits = select(card_edits.c.destination_key).where(
        card_edits.c.state.in_(("queued", "editing")), card_edits.c.next_attempt_at <= now
    )
    with connect(bind) as conn:
        return groups_of(conn.execute(union(cards, edits, due_keys_query(now))).scalars())


def groups_of_postings(bind: Bind, posting_ids: Sequence[str]) -> list[Group]:
    """Delivery groups with cards or edits queued for these postings (what a poll just matched or changed)."""
    keys: list[str] = []
    with connect(bind) as conn:
        for chunk in _chunks(list(posting_ids)):
            cards = select(deliveries.c.destination_key).where(
                deliveries.c.posting_id.in_(chunk), deliveries.c.state == "queued"
            )
            edits = select(card_edits.c.destination_key).where(
                card_edits.c.posting_id.in_(chunk), card_edits.c.state == "queued"
            )
            keys.extend(conn.execute(union(cards, edits)).scalars())
    return groups_of(keys)


def groups_of(destination_keys: Iterable[str]) -> list[Group]:
    """The distinct groups of these destination keys, sorted."""
    groups = set()
    for key in destination_keys:
        destination = Destination.from_key(key)
        groups.add((destination.platform, destination.workspace))
    return sorted(groups)
