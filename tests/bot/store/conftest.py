"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server (``store_url``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bot.store.migrate import open_store

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def engine(store_url: str) -> Iterator[object]:
    """A migrated engine on an empty database."""
    engine = open_store(store_url)
    yield engine
    engine.dispose()
