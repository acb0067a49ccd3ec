"""Store fixtures: every store test runs on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from bot.settings import sqlite_url
from bot.store.migrate import open_store

POSTGRES_URL = os.environ.get("JOBBOT_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[object]:
    """An engine on the test server; a clear failure when it is down (unless JOBBOT_SKIP_POSTGRES=1)."""
    engine = create_engine(POSTGRES_URL)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        if os.environ.get("JOBBOT_SKIP_POSTGRES") == "1":
            pytest.skip("PostgreSQL tests skipped: JOBBOT_SKIP_POSTGRES=1")
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL} ({type(exc).__name__}: {exc}). "
            "Start it (CI runs it on 127.0.0.1:5432 with trust auth), point JOBBOT_TEST_POSTGRES_URL at "
            "another server, or set JOBBOT_SKIP_POSTGRES=1 to skip the PostgreSQL tests.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@contextmanager
def _postgres_schema(admin) -> Iterator[str]:
    schema = f"jobbot_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        # Every connection of the engine under test works inside the schema.
        separator = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "jobbot.sqlite3")
        return
    with _postgres_schema(request.getfixturevalue("postgres_admin")) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_admin) -> Iterator[str]:
    """A URL of a fresh, empty PostgreSQL schema (for tests of several processes on one database)."""
    with _postgres_schema(postgres_admin) as url:
        yield url


@pytest.fixture
def engine(store_url: str) -> Iterator[object]:
    """A migrated engine on an empty database."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()
