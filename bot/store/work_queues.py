"""What the store's small work queues share (card edits, owner notices): due work per destination, claims.

Each is a table with ``destination_key``, ``state``, ``attempts`` and ``next_attempt_at`` (when a queued row
is due, or when a claimed row's lease runs out). Work is due when it is in one of the queue's ``pending``
states (queued, or claimed by a dispatcher that died) and its time has come.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, Row, Table, and_, bindparam, func, select, update

from bot.store.engine import Bind, connect
from bot.store.groups import GROUP_PARAM, in_group


def due(table: Table, pending: Sequence[str], now: Any) -> Any:
    """The rows of ``table`` in a ``pending`` state whose time has come at ``now`` (a value or a bind)."""
    return and_(table.c.state.in_(tuple(pending)), table.c.next_attempt_at <= now)


def due_destinations(
    bind: Bind,
    table: Table,
    pending: Sequence[str],
    *,
    now: datetime,
    limit: int,
    group_pattern: str | None = None,
) -> dict[str, int]:
    """Destinations with work due at ``now`` and how much, longest-waiting first (of one group, if given)."""
    values: dict[str, Any] = {"now": now, "due_limit": limit}
    if group_pattern is not None:
        values[GROUP_PARAM] = group_pattern
    query = _due_destinations_query(table, tuple(pending), grouped=group_pattern is not None)
    with connect(bind) as conn:
        return {key: count for key, count in conn.execute(query, values)}


@functools.cache
def _due_destinations_query(table: Table, pending: tuple[str, ...], *, grouped: bool) -> Any:
    """Built once and bound per call: the dispatcher asks every pass."""
    query = select(table.c.destination_key, func.count()).where(due(table, pending, bindparam("now")))
    if grouped:
        query = query.where(in_group(table.c.destination_key))
    return (
        query.group_by(table.c.destination_key)
        .order_by(func.min(table.c.next_attempt_at), table.c.destination_key)
        .limit(bindparam("due_limit", type_=Integer))
    )


def next_due_at(
    bind: Bind, table: Table, pending: Sequence[str], *, group_pattern: str | None = None
) -> datetime | None:
    """When the earliest pending row (of one delivery group) comes due, None when there is none."""
    values = {} if group_pattern is None else {GROUP_PARAM: group_pattern}
    with connect(bind) as conn:
        query = _next_due_query(table, tuple(pending), grouped=group_pattern is not None)
        return conn.execute(query, values).scalar()


@functools.cache
def _next_due_query(table: Table, pending: tuple[str, ...], *, grouped: bool) -> Any:
    """Built once: the dispatcher asks before every sleep."""
    query = select(func.min(table.c.next_attempt_at)).where(table.c.state.in_(pending))
    return query.where(in_group(table.c.destination_key)) if grouped else query


def claim(
    bind: Bind,
    table: Table,
    pending: Sequence[str],
    wanted: Mapping[str, int],
    *,
    now: datetime,
    values: Mapping[str, Any],
) -> dict[str, list[Row[Any]]]:
    """Claim up to ``wanted[key]`` due rows of each destination, oldest first, in one transaction.

    ``values`` is what a claim writes (the claimed state, the lease, the attempt counted); returns the
    claimed rows as they are after it, in id order.
    """
    claimed: dict[str, list[Row[Any]]] = {}
    with connect(bind) as conn:
        for key, limit in wanted.items():
            if limit <= 0:
                continue
            picked = (
                select(table.c.id)
                .where(table.c.destination_key == key, due(table, pending, now))
                .order_by(table.c.next_attempt_at, table.c.id)
                .limit(limit)
                .with_for_update(skip_locked=True)  # PostgreSQL: concurrent dispatchers take disjoint rows
                .cte("picked")
            )
            statement = (
                update(table)
                .where(table.c.id.in_(select(picked.c.id)), due(table, pending, now))
                .values(**values)
                .returning(*table.c)
            )
            claimed[key] = sorted(conn.execute(statement), key=lambda row: row.id)
    return claimed


def leave(bind: Bind, table: Table, ids: Sequence[int], claimed_state: str, **values: Any) -> None:
    """Write ``values`` on those of these rows still in ``claimed_state`` (finished, retried, released)."""
    if not ids:
        return
    statement = (
        update(table).where(table.c.id.in_(list(ids)), table.c.state == claimed_state).values(**values)
    )
    with connect(bind) as conn:
        conn.execute(statement)
