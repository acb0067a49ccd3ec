"""Subscriptions: standing queries and where their cards go.

Every write here also logs which subscriptions it changed, in the same transaction and in commit order
(``bot.store.subscription_changes``), so the index in every process can follow it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Row, Text, cast, delete, insert, select, update

from bot.models import ID_MAX, Destination, Subscription
from bot.store.engine import Bind, connect
from bot.store.sql import utcnow
from bot.store.subscription_changes import changing, record_change
from bot.store.tables import deliveries, subscriptions


def add_subscription(
    bind: Bind,
    *,
    owner: str,
    destination: Destination,
    query: str,
    parsed: dict[str, Any] | None = None,
    delivery_mode: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Subscription:
    """Store a new subscription; ``parsed`` is the query's normalized form, kept as given."""
    values = {
        "owner": owner,
        "platform": destination.platform,
        "destination_kind": destination.kind,
        "destination_target": destination.target,
        "workspace": destination.workspace,
        "destination_key": destination.key,
        "query": query,
        "parsed": parsed,
        "created_at": now or utcnow(),
        "paused": False,
        "delivery_mode": delivery_mode,
    }
    with changing(bind) as conn:
        row = conn.execute(insert(subscriptions).values(**values).returning(*subscriptions.c)).one()
        record_change(conn, [row.id], "added")
    return _subscription(row)


def get_subscription(bind: Bind, subscription_id: int) -> Subscription | None:
    """Return the subscription with this id, or None."""
    if not 1 <= subscription_id <= ID_MAX:  # typed by a person; the database would refuse to compare it
        return None
    with connect(bind) as conn:
        row = conn.execute(select(subscriptions).where(subscriptions.c.id == subscription_id)).first()
    return _subscription(row) if row is not None else None


def list_subscriptions(
    bind: Bind,
    *,
    owner: str | None = None,
    destination_key: str | None = None,
    workspace: str | None = None,
    include_paused: bool = True,
) -> list[Subscription]:
    """Subscriptions, oldest first, narrowed by whichever filters are given."""
    query = select(subscriptions).order_by(subscriptions.c.id)
    if owner is not None:
        query = query.where(subscriptions.c.owner == owner)
    if destination_key is not None:
        query = query.where(subscriptions.c.destination_key == destination_key)
    if workspace is not None:
        query = query.where(subscriptions.c.workspace == workspace)
    if not include_paused:
        query = query.where(subscriptions.c.paused.is_(False))
    with connect(bind) as conn:
        return [_subscription(row) for row in conn.execute(query)]


def active_subscriptions_with_parsed(bind: Bind) -> list[tuple[Subscription, dict[str, Any] | None]]:
    """Every unpaused subscription with its stored parsed form, for rebuilding the match index."""
    query = select(subscriptions).where(subscriptions.c.paused.is_(False)).order_by(subscriptions.c.id)
    with connect(bind) as conn:
        return [(_subscription(row), row.parsed) for row in conn.execute(query)]


def stream_active_subscriptions(bind: Bind, *, batch: int = 10_000) -> Iterator[Row[Any]]:
    """Every unpaused subscription as (id, query, parsed JSON text, platform, kind, target, workspace).

    Streamed in batches (a server-side cursor on PostgreSQL) and only the columns the index needs: building
    a worker's index reads a million rows, and whole Subscription objects would cost more than the index.
    ``parsed`` comes as text, so only the first subscription with a given query pays for decoding it.
    """
    s = subscriptions
    query = (
        select(
            s.c.id,
            s.c.query,
            cast(s.c.parsed, Text),
            s.c.platform,
            s.c.destination_kind,
            s.c.destination_target,
            s.c.workspace,
        )
        .where(s.c.paused.is_(False))
        .order_by(s.c.id)
    )
    with connect(bind) as conn:
        yield from conn.execution_options(yield_per=batch).execute(query)


def get_parsed(bind: Bind, subscription_id: int) -> dict[str, Any] | None:
    """Return the stored parsed form of a subscription's query."""
    with connect(bind) as conn:
        query = select(subscriptions.c.parsed).where(subscriptions.c.id == subscription_id)
        return conn.execute(query).scalar()


def get_delivery_mode(bind: Bind, subscription_id: int) -> dict[str, Any] | None:
    """How the subscription wants its cards (e.g. at once or as a digest); None = the default."""
    with connect(bind) as conn:
        query = select(subscriptions.c.delivery_mode).where(subscriptions.c.id == subscription_id)
        return conn.execute(query).scalar()


def set_delivery_mode(bind: Bind, subscription_id: int, mode: dict[str, Any] | None) -> bool:
    """Change how the subscription wants its cards; False when there is no such subscription."""
    return _update(bind, subscription_id, "changed", delivery_mode=mode)


def pause_subscription(bind: Bind, subscription_id: int) -> bool:
    """Stop matching this subscription until resumed; False when there is no such subscription."""
    return _update(bind, subscription_id, "paused", paused=True, paused_reason=None)


def resume_subscription(bind: Bind, subscription_id: int) -> bool:
    """Match this subscription again; False when there is no such subscription."""
    return _update(bind, subscription_id, "resumed", paused=False, paused_reason=None)


def pause_destination(bind: Bind, destination_key: str, reason: str | None = None) -> list[int]:
    """Pause every subscription posting to a destination (channel gone, DMs closed); returns their ids.

    ``reason`` says why, for people listing their subscriptions; resuming clears it.
    """
    statement = (
        update(subscriptions)
        .where(subscriptions.c.destination_key == destination_key, subscriptions.c.paused.is_(False))
        .values(paused=True, paused_reason=reason)
        .returning(subscriptions.c.id)
    )
    with changing(bind) as conn:
        paused = sorted(conn.execute(statement).scalars())
        record_change(conn, paused, "paused")
        return paused


def pause_workspace(bind: Bind, platform: str, workspace: str, reason: str) -> list[Subscription]:
    """Pause every active subscription in a workspace the bot was removed from; returns them (as they were).

    ``reason`` says why, for people listing their subscriptions; resuming clears it.
    """
    c = subscriptions.c
    where = (c.platform == platform, c.workspace == workspace, c.paused.is_(False))
    with changing(bind) as conn:
        found = [_subscription(row) for row in conn.execute(select(subscriptions).where(*where))]
        if found:
            ids = [sub.id for sub in found]
            conn.execute(update(subscriptions).where(c.id.in_(ids)).values(paused=True, paused_reason=reason))
            record_change(conn, ids, "paused")  # every process's index drops them (bot.ingest.Matcher)
    return found


def queued_cards(bind: Bind, subscription_id: int) -> list[tuple[int, str]]:
    """The subscription's cards waiting to be sent, as (delivery id, posting id), oldest first."""
    d = deliveries.c
    query = (
        select(d.id, d.posting_id)
        .where(d.subscription_id == subscription_id, d.state == "queued")
        .order_by(d.id)
    )
    with connect(bind) as conn:
        return [(row.id, row.posting_id) for row in conn.execute(query)]


def change_query(
    bind: Bind,
    subscription_id: int,
    *,
    query: str,
    parsed: dict[str, Any] | None,
    keep: Mapping[int, Any] | None = None,
    drop: Iterable[int] = (),
) -> bool:
    """Give a subscription a new query; its id, destination, owner, delivery mode and pause stay.

    Its cards still waiting to be sent are settled in the same transaction: ``keep`` maps those the new
    query matches to their new reasons, ``drop`` names those it no longer matches (a card already taken for
    sending is left alone). Logged like every write, so each process's index reads the new query.
    False when there is no such subscription.
    """
    d = deliveries.c
    with changing(bind) as conn:
        result = conn.execute(
            update(subscriptions)
            .where(subscriptions.c.id == subscription_id)
            .values(query=query, parsed=parsed)
        )
        if not result.rowcount:
            return False
        mine = (d.subscription_id == subscription_id, d.state == "queued")
        dropped = list(drop)
        if dropped:
            conn.execute(delete(deliveries).where(d.id.in_(dropped), *mine))
        for delivery_id, reasons in (keep or {}).items():
            conn.execute(update(deliveries).where(d.id == delivery_id, *mine).values(reasons=reasons))
        record_change(conn, [subscription_id], "edited")
    return True


def remove_subscription(bind: Bind, subscription_id: int) -> bool:
    """Delete a subscription and its cards not yet sent; sent ones keep their history."""
    with changing(bind) as conn:
        conn.execute(
            delete(deliveries).where(
                deliveries.c.subscription_id == subscription_id, deliveries.c.state == "queued"
            )
        )
        result = conn.execute(delete(subscriptions).where(subscriptions.c.id == subscription_id))
        if result.rowcount:
            record_change(conn, [subscription_id], "removed")
        return result.rowcount > 0


def _update(bind: Bind, subscription_id: int, change: str, **values: Any) -> bool:
    with changing(bind) as conn:
        result = conn.execute(
            update(subscriptions).where(subscriptions.c.id == subscription_id).values(**values)
        )
        if result.rowcount:
            record_change(conn, [subscription_id], change)
        return result.rowcount > 0


def _subscription(row: Row[Any]) -> Subscription:
    return Subscription(
        id=row.id,
        owner=row.owner,
        destination=Destination(
            platform=row.platform,
            kind=row.destination_kind,
            target=row.destination_target,
            workspace=row.workspace,
        ),
        query=row.query,
        created_at=row.created_at,
        paused=row.paused,
        paused_reason=row.paused_reason,
    )
