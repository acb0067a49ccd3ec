"""The subscription change log: which subscriptions changed, in commit order, for every process's index.

Every subscription write (add, remove, pause, resume, a destination paused after delivery failures, a
query or delivery-mode change) appends one row per subscription it touched, in its own transaction. A
process's index remembers the highest ``seq`` it applied and later reads only the rows after it, with the
subscriptions' current state (:func:`changes_since`). A row says only *which* subscription changed; the
state comes from ``subscriptions``, so applying a change twice, or late, is harmless.

Commit order. A reader that saw ``seq`` N must never later find a row below N committed after it. On
SQLite this holds by itself: one writer at a time, and the seq is drawn under the write lock. PostgreSQL
sequences are not commit-ordered (T1 draws 10, T2 draws 11, T2 commits, a reader moves to 11, T1 commits
10 — lost). So every writing transaction first takes one transaction-scoped advisory lock
(:func:`changing`): writers of subscriptions queue behind each other until commit, and seqs become
visible in order. Subscriptions change at human speed, so the queue is short; polls and deliveries never
take the lock.

Pruning. :func:`prune_changes` deletes old rows and appends a ``pruned`` marker naming the highest seq it
deleted; an index whose watermark is below a marker it reads has missed rows and rebuilds from the table.

PostgreSQL also NOTIFYs :data:`CHANNEL` at commit, so a long-running worker wakes up at once
(:class:`ChangeListener`); the log stays the truth, a lost notification only delays until the next read.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, insert, select, text
from sqlalchemy.engine import make_url

from bot.models import Destination
from bot.store.engine import Bind, connect
from bot.store.sql import utcnow
from bot.store.tables import subscription_changes, subscriptions

CHANNEL = "jobbot_subscriptions"
"""The PostgreSQL NOTIFY channel a subscription write signals on commit."""

_PG_WRITE_LOCK = 0x6A6F627375627321  # any constant; the same in every process writing this database
RETENTION = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class SubscriptionState:
    """What the index needs of one subscription: None fields mean it is gone or paused (drop it)."""

    id: int
    query: str | None  # None: removed or paused
    destination: Destination | None


@dataclass(frozen=True, slots=True)
class Changes:
    """The changes after a watermark: each touched subscription's state now, and the new watermark."""

    states: tuple[SubscriptionState, ...]
    seq: int
    missed: bool  # rows after the watermark were pruned: rebuild instead


@contextmanager
def changing(bind: Bind) -> Iterator[Connection]:
    """Open (or join) the transaction of a subscription write, queued behind other such writes.

    Take it before touching ``subscriptions``: waiting for the lock while holding a row lock could
    deadlock with a writer that holds the lock and wants the row.
    """
    with connect(bind) as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_WRITE_LOCK})
        yield conn


def record_change(conn: Connection, subscription_ids: Iterable[int], change: str) -> None:
    """Log that these subscriptions changed; call inside :func:`changing`, in the write's transaction."""
    rows = [{"subscription_id": sid, "change": change, "changed_at": utcnow()} for sid in subscription_ids]
    if not rows:
        return
    conn.execute(insert(subscription_changes), rows)
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_notify(:channel, '')"), {"channel": CHANNEL})  # sent at commit


def latest_seq(bind: Bind) -> int:
    """The highest seq logged so far (0 when none): an index built after reading it starts from here."""
    with connect(bind) as conn:
        return int(conn.execute(select(func.max(subscription_changes.c.seq))).scalar() or 0)


def changes_since(bind: Bind, seq: int) -> Changes:
    """The subscriptions changed after ``seq``, each with its current state, read in one statement.

    One statement is one snapshot: a row's state is at least as new as the row, never older.
    """
    sc, s = subscription_changes, subscriptions
    query = (
        select(
            sc.c.seq,
            sc.c.subscription_id,
            sc.c.through,
            s.c.query,
            s.c.platform,
            s.c.destination_kind,
            s.c.destination_target,
            s.c.workspace,
        )
        .select_from(sc.outerjoin(s, and_(s.c.id == sc.c.subscription_id, s.c.paused.is_(False))))
        .where(sc.c.seq > seq)
        .order_by(sc.c.seq)
    )
    states: dict[int, SubscriptionState] = {}
    last, missed = seq, False
    with connect(bind) as conn:
        for row in conn.execute(query):
            last = row.seq
            if row.subscription_id is None:  # a "pruned" marker
                missed = missed or (row.through or 0) > seq
                continue
            destination = (
                Destination(row.platform, row.destination_kind, row.destination_target, row.workspace)
                if row.query is not None
                else None
            )
            states[row.subscription_id] = SubscriptionState(row.subscription_id, row.query, destination)
    return Changes(tuple(states.values()), last, missed)


def prune_changes(bind: Bind, *, older_than: timedelta = RETENTION, now: datetime | None = None) -> int:
    """Delete rows older than ``older_than`` (never the newest) and mark how far; returns rows deleted."""
    cutoff = (now or utcnow()) - older_than
    with changing(bind) as conn:
        newest = conn.execute(select(func.max(subscription_changes.c.seq))).scalar()
        if newest is None:
            return 0  # nothing was ever logged
        through = conn.execute(
            select(func.max(subscription_changes.c.seq)).where(
                subscription_changes.c.changed_at < cutoff, subscription_changes.c.seq < newest
            )
        ).scalar()
        if through is None:
            return 0
        deleted = conn.execute(delete(subscription_changes).where(subscription_changes.c.seq <= through))
        conn.execute(
            insert(subscription_changes).values(
                subscription_id=None, change="pruned", through=through, changed_at=utcnow()
            )
        )
        return deleted.rowcount


# --------------------------------------------------------------------------------------------- NOTIFY


class ChangeListener:
    """A PostgreSQL connection LISTENing on :data:`CHANNEL`: a wake-up, never the truth."""

    def __init__(self, engine: Engine) -> None:
        import psycopg  # only PostgreSQL deployments listen

        url = make_url(engine.url).set(drivername="postgresql")
        self._conn: Any = psycopg.connect(url.render_as_string(hide_password=False), autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for a notification; True when one came (all are consumed)."""
        got = False
        for _ in self._conn.notifies(timeout=timeout, stop_after=1):
            got = True
        if got:  # drain the burst a multi-row write or a busy minute sends, without waiting again
            for _ in self._conn.notifies(timeout=0):
                pass
        return got

    def close(self) -> None:
        """Stop listening."""
        self._conn.close()


def listens(engine: Engine) -> bool:
    """Whether this store can wake a process on a subscription change (PostgreSQL)."""
    return engine.dialect.name == "postgresql"
