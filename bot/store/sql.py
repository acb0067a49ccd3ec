"""Small SQL helpers that differ by backend, and the store's clock."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.dml import Insert


def utcnow() -> datetime:
    """Return the current time, timezone-aware UTC."""
    return datetime.now(UTC)


def insert_ignoring_conflicts(
    conn: Connection, table: Table, values: Mapping[str, Any] | None, conflict_columns: Sequence[str]
) -> Insert:
    """``INSERT … ON CONFLICT (conflict_columns) DO NOTHING`` for this connection's backend.

    ``values`` None: the rows come with the execution (``conn.execute(statement, rows)``, one round trip).
    """
    dialects = {"sqlite": sqlite, "postgresql": postgresql}
    dialect = dialects.get(conn.dialect.name)
    if dialect is None:
        raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {conn.dialect.name}")
    statement = dialect.insert(table)
    if values is not None:
        statement = statement.values(**values)
    return statement.on_conflict_do_nothing(index_elements=list(conflict_columns))


def upsert(
    conn: Connection,
    table: Table,
    conflict_columns: Sequence[str],
    set_: Callable[[Any], Mapping[str, Any]],
) -> Insert:
    """``INSERT … ON CONFLICT (conflict_columns) DO UPDATE SET set_(excluded)`` for this backend.

    ``set_`` receives the proposed row (``excluded``) and returns the columns to update; expressions on
    ``table``'s own columns read the row as it was before the update, on both backends.
    """
    dialects = {"sqlite": sqlite, "postgresql": postgresql}
    dialect = dialects.get(conn.dialect.name)
    if dialect is None:
        raise NotImplementedError(f"the store supports SQLite and PostgreSQL, not {conn.dialect.name}")
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=list(conflict_columns), set_=dict(set_(statement.excluded))
    )
