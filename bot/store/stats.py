"""The store's shared state for metrics and health: outbox depth and age, sources by health, the task queue.

Read at scrape time by every process, so each reports the same truth. Every query is served by an index or
scans a small table (sources), and on PostgreSQL each runs under a short ``statement_timeout`` so a slow or
locked database makes a scrape fail fast instead of piling up.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import Connection, Engine, case, func, select, text

from bot.health import NotReady
from bot.metrics import FAILING_SOURCES_SHOWN, Reading
from bot.store.sql import utcnow
from bot.store.tables import card_edits, deliveries, notices, sources

STATEMENT_TIMEOUT_MS = 2_000
TASK_QUEUE_TABLE = "procrastinate_jobs"


@contextmanager
def _reading(engine: Engine) -> Iterator[Connection]:
    """A read-only transaction whose statements give up after ``STATEMENT_TIMEOUT_MS`` on PostgreSQL."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text(f"SET LOCAL statement_timeout = {STATEMENT_TIMEOUT_MS}"))
        try:
            yield conn
        finally:
            conn.rollback()


def outbox_readings(engine: Engine, now: datetime | None = None) -> list[Reading]:
    """Cards waiting (due, scheduled, in flight) and how long the oldest due one has waited.

    The same for card edits and owner notices: each waits in its own table beside the cards.
    """
    now = now or utcnow()
    readings: list[Reading] = []
    with _reading(engine) as conn:
        for table, name, what, in_flight in (
            (deliveries, "jobbot_outbox_rows", "Cards", "unknown"),
            (card_edits, "jobbot_card_edit_rows", "Card edits", "editing"),
            (notices, "jobbot_owner_notice_rows", "Owner notices", "sending"),
        ):
            by_state = dict(
                conn.execute(
                    select(table.c.state, func.count())
                    .where(table.c.state.in_(("queued", in_flight)))
                    .group_by(table.c.state)
                ).all()
            )
            due, oldest = conn.execute(
                select(func.count(), func.min(table.c.next_attempt_at)).where(
                    table.c.state == "queued", table.c.next_attempt_at <= now
                )
            ).one()
            queued = by_state.get("queued", 0)
            samples = [
                (("due",), due),
                (("scheduled",), queued - due),
                (("in_flight",), by_state.get(in_flight, 0)),
            ]
            readings.append(
                Reading(
                    name,
                    f"{what} waiting: due now, scheduled later (digests, quiet hours, retries), in flight.",
                    ("state",),
                    samples,
                )
            )
            age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
            readings.append(
                Reading(
                    f"{name.removesuffix('_rows')}_oldest_due_seconds",
                    f"How long the longest-waiting due {what.lower()[:-1]} has been due (0 when none is).",
                    samples=[((), age)],
                )
            )
    return readings


def source_readings(engine: Engine, *, unhealthy_after: int) -> list[Reading]:
    """Sources by health (new, ok, failing, unhealthy), and the failures in a row of the worst ones."""
    health = case(
        (sources.c.failures >= unhealthy_after, "unhealthy"),
        (sources.c.failures > 0, "failing"),
        (sources.c.last_ok_at.is_not(None), "ok"),
        else_="new",
    )
    with _reading(engine) as conn:
        counts = dict(conn.execute(select(health, func.count()).group_by(health)).all())
        worst = conn.execute(
            select(sources.c.id, sources.c.failures)
            .where(sources.c.failures > 0)
            .order_by(sources.c.failures.desc(), sources.c.id)
            .limit(FAILING_SOURCES_SHOWN)
        ).all()
    return [
        Reading(
            "jobbot_sources",
            f"Registered sources by health (unhealthy: {unhealthy_after} or more failed polls in a row).",
            ("health",),
            [((state,), counts.get(state, 0)) for state in ("new", "ok", "failing", "unhealthy")],
        ),
        Reading(
            "jobbot_source_consecutive_failures",
            f"Failed polls in a row, for the {FAILING_SOURCES_SHOWN} most failing sources (0 is not shown).",
            ("source",),
            [((source_id,), failures) for source_id, failures in worst],
        ),
    ]


def task_queue_exists(engine: Engine) -> bool:
    """Whether the procrastinate job table is in this database (PostgreSQL only; never on SQLite)."""
    if engine.dialect.name != "postgresql":
        return False
    with _reading(engine) as conn:
        found = conn.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": TASK_QUEUE_TABLE})
        return bool(found.scalar())


def task_queue_readings(engine: Engine) -> list[Reading]:
    """The procrastinate jobs by queue and status, and the oldest due job's wait; none without the table.

    Counting every status scans the job table: keep it small by letting workers delete finished jobs
    (procrastinate's ``delete_jobs="successful"``); the statement timeout bounds a scrape either way.
    """
    if not task_queue_exists(engine):
        return []
    with _reading(engine) as conn:
        counts = conn.execute(
            text(
                "SELECT queue_name, status::text, count(*) FROM procrastinate_jobs "
                "GROUP BY 1, 2 ORDER BY 1, 2"
            )
        ).all()
        oldest = conn.execute(
            text(
                "SELECT extract(epoch FROM now() - coalesce(j.scheduled_at, min(e.at))) "
                "FROM (SELECT id, scheduled_at FROM procrastinate_jobs WHERE status = 'todo' "
                "AND (scheduled_at IS NULL OR scheduled_at <= now()) ORDER BY id LIMIT 1) AS j "
                "LEFT JOIN procrastinate_events AS e ON e.job_id = j.id AND e.type = 'deferred' "
                "GROUP BY j.id, j.scheduled_at"
            )
        ).scalar()
    return [
        Reading(
            "jobbot_task_queue_jobs",
            "procrastinate jobs by queue and status (todo: waiting, doing: running, and finished ones kept).",
            ("queue", "status"),
            [((queue, status), count) for queue, status, count in counts],
        ),
        Reading(
            "jobbot_task_queue_oldest_due_seconds",
            "How long the oldest due procrastinate job has waited (0 when none waits).",
            samples=[((), max(0.0, float(oldest or 0.0)))],
        ),
    ]


def ping(engine: Engine) -> None:
    """Raise unless the database answers a trivial query."""
    with _reading(engine) as conn:
        conn.execute(text("SELECT 1"))


def ping_task_queue(engine: Engine) -> None:
    """Raise unless procrastinate's job table can be read; NotReady saying what to do when it is missing."""
    with _reading(engine) as conn:
        found = conn.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": TASK_QUEUE_TABLE})
        if not found.scalar():
            raise NotReady(f"the task queue table {TASK_QUEUE_TABLE} is missing: run `jobbot migrate`")
        conn.execute(text("SELECT 1 FROM procrastinate_jobs LIMIT 1"))
