"""SqlSourceRegistry: the admin port over the real SQLite store."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.settings import sqlite_url
from bot.source_registry import SqlSourceRegistry
from bot.sources.admin import DuplicateSourceError, add_source_from_url, plan_source, remove_source
from bot.store import polling
from bot.store.migrate import open_store
from bot.store.sources import record_poll_error

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def registry(tmp_path):
    engine = open_store(sqlite_url(tmp_path / "jobbot.sqlite3"))
    yield SqlSourceRegistry(engine)
    engine.dispose()


def test_register_get_list_and_remove(registry):
    info = registry.register(plan_source("https://jobs.ashbyhq.com/lumenly", company="Lumenly"), now=NOW)
    assert (info.id, info.kind, dict(info.settings), info.added_at) == (
        "ashby:lumenly",
        "ashby",
        {"company": "Lumenly"},
        NOW,
    )
    assert registry.get("ashby:lumenly") == info
    assert [i.id for i in registry.all()] == ["ashby:lumenly"]
    remove_source(registry, "ashby:lumenly")
    assert registry.get("ashby:lumenly") is None and registry.all() == []


def test_the_same_board_by_another_address_is_a_duplicate(registry):
    add_source_from_url(registry, "https://boards.greenhouse.io/acme", now=NOW)
    with pytest.raises(DuplicateSourceError, match="greenhouse:acme"):
        add_source_from_url(registry, "https://job-boards.greenhouse.io/acme", now=NOW)


def test_health_fields_and_the_backoff_hold_are_read_back(registry):
    add_source_from_url(registry, "https://jobs.lever.co/kiezkraft", now=NOW)
    record_poll_error(registry.engine, "lever:kiezkraft", "jobs.lever.co answered 503", now=NOW)
    polling.set_next_poll_at(registry.engine, "lever:kiezkraft", NOW + timedelta(minutes=2))
    (info,) = registry.all()
    assert info.failures == 1 and info.last_error == "jobs.lever.co answered 503"
    assert info.next_poll_at == NOW + timedelta(minutes=2) == registry.get(info.id).next_poll_at
