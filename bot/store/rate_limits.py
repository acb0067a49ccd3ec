"""Rate limits shared by processes, in PostgreSQL: GCRA with one row per key, one statement per request.

GCRA (the generic cell rate algorithm) keeps one number per key, its theoretical arrival time (TAT): when
the next request would be due if requests came exactly at the rate. ``reserve`` moves the TAT on by one
interval in a single atomic ``INSERT … ON CONFLICT DO UPDATE … RETURNING`` and answers how long the caller
must wait before sending. Every caller reserves, none is refused, so requests from every worker leave in
one evenly spaced line however many processes share the key; row locking serializes the updates. Times are
the database's (``now()``), so workers on machines whose clocks disagree still share one timeline.

The same table carries the pacing a deliver job hands on to the next job of its delivery group
(``bot.delivery.pacing.Pacer.hand_on``), under keys starting with ``pace:``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Engine, delete, literal, or_, select, text

from bot.store.groups import group_pattern
from bot.store.sql import upsert
from bot.store.tables import rate_limits

PACE_PREFIX = "pace:"


@functools.cache
def _reserve_statement() -> Any:
    return text(
        """
        INSERT INTO rate_limits AS r (key, tat)
        VALUES (:key, extract(epoch FROM now()) + :interval)
        ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, extract(epoch FROM now())) + :interval
        RETURNING tat - extract(epoch FROM now())
        """
    )


def reserve(engine: Engine, key: str, *, interval: float, burst: int = 1) -> float:
    """Reserve one request under ``key`` (one every ``interval`` s, ``burst`` at once): seconds to wait.

    PostgreSQL only (``now()`` and ``greatest``). One round trip: the statement commits by itself
    (autocommit), and the table is unlogged, so the commit does not wait for the disk.
    """
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        ahead = conn.execute(_reserve_statement(), {"key": key, "interval": interval}).scalar_one()
    # The new TAT is one interval past this request's slot; a burst lets it go that much earlier.
    return max(0.0, float(ahead) - interval * burst)


def load_pacing(engine: Engine, group: tuple[str, str], *, keys: Sequence[str] = ()) -> dict[str, float]:
    """The pacing a deliver job of ``group`` left (``Pacer.hand_on`` keys, without the prefix).

    That is its destinations' buckets and waits, and the buckets named in ``keys`` (the workspace's).
    """
    pattern = group_pattern(*group)
    owned = or_(
        rate_limits.c.key.like(literal(PACE_PREFIX) + pattern, escape="\\"),
        rate_limits.c.key.like(literal(PACE_PREFIX + "blocked:") + pattern, escape="\\"),
        rate_limits.c.key.in_([PACE_PREFIX + key for key in keys]),
    )
    with engine.connect() as conn:
        rows = conn.execute(select(rate_limits.c.key, rate_limits.c.tat).where(owned))
        return {key.removeprefix(PACE_PREFIX): tat for key, tat in rows}


def save_pacing(engine: Engine, state: Mapping[str, float]) -> None:
    """Store what ``Pacer.hand_on`` gave, replacing what the group's last job left."""
    if not state:
        return
    rows = [{"key": PACE_PREFIX + key, "tat": moment} for key, moment in state.items()]
    with engine.begin() as conn:
        statement = upsert(conn, rate_limits, ["key"], lambda excluded: {"tat": excluded.tat})
        conn.execute(statement, rows)


def forget_past(engine: Engine, before: float) -> int:
    """Delete keys whose TAT is before ``before`` (epoch seconds): they no longer hold anyone back."""
    with engine.begin() as conn:
        return conn.execute(delete(rate_limits).where(rate_limits.c.tat < before)).rowcount
