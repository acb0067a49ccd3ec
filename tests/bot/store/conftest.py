"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server (``tests/postgres.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.settings import sqlite_url
from bot.store.migrate import open_store
from tests.postgres import postgres_schema

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "jobbot.sqlite3")
        return
    with postgres_schema(request.getfixturevalue("postgres_admin")) as url:
        yield url


@pytest.fixture
def engine(store_url: str) -> Iterator[object]:
    """A migrated engine on an empty database."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()
