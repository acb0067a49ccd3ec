"""Engines for the store: SQLite (WAL) by default, PostgreSQL via psycopg for scale-out."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.settings import DATABASE_FILE, default_data_dir, sqlite_url

logger = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000

Bind = Connection | Engine
"""What a repository function accepts: a Connection (the caller owns the transaction) or an Engine."""


def default_database_url() -> str:
    """Return the URL of ``jobbot.sqlite3`` in JOBBOT_DATA_DIR or the user's data directory."""
    return sqlite_url(default_data_dir() / DATABASE_FILE)


def create_engine_for(url: str | None = None, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` (default: ``default_database_url()``); SQLite is tuned for a bot."""
    parsed = make_url(url or default_database_url())
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed, **kwargs)
    event.listen(engine, "connect", _tune_sqlite)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: object) -> None:
    # WAL lets readers run while the poller writes; NORMAL is durable enough under WAL and much faster;
    # busy_timeout makes a second writer wait instead of failing with "database is locked".
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


@contextmanager
def connect(bind: Bind) -> Iterator[Connection]:
    """Yield a connection for one repository call: the caller's own, or a new transaction."""
    if isinstance(bind, Connection):
        yield bind
        return
    with bind.begin() as conn:
        yield conn
