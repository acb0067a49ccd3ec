"""The worker queue: a procrastinate ``App`` on the store's PostgreSQL database, and its schema.

Queues: ``tick`` (the periodic tick and the housekeeping: cheap, any process), ``poll`` and ``deliver``.
A scheduler-only process serves ``tick``; a worker serves all three (``jobbot worker --queues …``).
"""

from __future__ import annotations

import logging

import procrastinate
from procrastinate.schema import SchemaManager
from sqlalchemy import Engine, text

from bot.store.engine import create_engine_for
from bot.workers.conninfo import libpq_conninfo

logger = logging.getLogger(__name__)

QUEUES = ("tick", "poll", "deliver")
# Any constant works; it only has to be the same in every process that installs the queue's schema.
_SCHEMA_LOCK = 0x6A6F6271


def build_app(database_url: str, *, pool_max_size: int = 10) -> procrastinate.App:
    """A procrastinate App on the PostgreSQL database of ``database_url`` (not opened; no tasks yet)."""
    connector = procrastinate.PsycopgConnector(
        conninfo=libpq_conninfo(database_url), min_size=1, max_size=pool_max_size
    )
    return procrastinate.App(connector=connector)


def analyze_queue(engine: Engine) -> None:
    """Refresh PostgreSQL's statistics of the job table, after a burst of jobs was queued.

    procrastinate's fetch query is planned with the table's statistics; planned while the table looked
    empty, it sorts every queued job on every fetch, and a round of 10,000 polls costs PostgreSQL minutes
    of CPU until autovacuum's next analyze (up to a minute later). Measured: 240 ms a fetch instead of
    2 ms with 4,000 jobs queued. Without the privilege PostgreSQL skips it with a warning.
    """
    with engine.begin() as conn:
        conn.execute(text("ANALYZE procrastinate_jobs"))


def install_queue_schema(database_url: str) -> bool:
    """Install procrastinate's tables and functions unless they are there; True when it installed them.

    Idempotent and safe to run from several processes at once: an advisory lock lets one install while
    the others wait and then find it done. The schema lands where ``search_path`` points, like the store's.
    """
    libpq_conninfo(database_url)  # the same clear error as a worker's for a database that is not PostgreSQL
    engine = create_engine_for(database_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})
            if conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar() is not None:
                return False
            # One script with no parameters: psycopg sends it as it is (no placeholders), every statement.
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(SchemaManager.get_schema())
            finally:
                cursor.close()
            logger.info("worker queue schema installed")
            return True
    finally:
        engine.dispose()
