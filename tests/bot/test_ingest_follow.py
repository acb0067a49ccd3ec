"""The matcher follows subscription changes made through another engine (another process's connections)."""

import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.ingest import Matcher, ingest
from bot.models import Destination, Posting
from bot.settings import sqlite_url
from bot.store import subscriptions as subs
from bot.store.deliveries import claim_due
from bot.store.migrate import open_store
from bot.store.subscription_changes import changing, latest_seq, prune_changes, record_change
from bot.store.tables import subscriptions
from tests.bot.test_ingest import BERLIN, PARIS
from tests.postgres import postgres_schema

ANNA = Destination("slack", "dm", "U1", "T1")
PARIS_JOBS = Destination("slack", "channel", "C1", "T1")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def urls(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "jobbot.sqlite3")
        return
    with postgres_schema(request.getfixturevalue("postgres_admin")) as url:
        yield url


@pytest.fixture
def engines(urls):
    """Two engines on one store: this process's, and another's that changes subscriptions."""
    ours, theirs = open_store(urls), open_store(urls)
    yield ours, theirs
    ours.dispose()
    theirs.dispose()


_numbers = iter(range(10**6))


def _fresh(posting: Posting) -> Posting:
    """The same posting under a new id: only new postings are matched."""
    return replace(posting, id=f"{posting.id}:{next(_numbers)}")


def _queued_for(engine, matcher, posting) -> list[str]:
    """Ingest a fresh copy of ``posting`` and return the destinations it queued cards for."""
    fresh = _fresh(posting)
    ingest(engine, matcher, [fresh])
    return sorted(row.destination_key for row in claim_due(engine, limit=100) if row.posting_id == fresh.id)


def test_a_subscription_committed_elsewhere_is_matched_by_the_next_ingest(engines):
    ours, theirs = engines
    matcher = Matcher.from_store(ours)  # built at start, before any subscription
    assert _queued_for(ours, matcher, PARIS) == []
    sub = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris + French")
    assert _queued_for(ours, matcher, PARIS) == [ANNA.key]  # no explicit refresh: ingest applies the log
    assert _queued_for(ours, matcher, BERLIN) == []

    subs.pause_subscription(theirs, sub.id)
    assert _queued_for(ours, matcher, PARIS) == []
    subs.resume_subscription(theirs, sub.id)
    assert _queued_for(ours, matcher, PARIS) == [ANNA.key]
    subs.remove_subscription(theirs, sub.id)
    assert _queued_for(ours, matcher, PARIS) == []
    assert len(matcher.index) == 0 and matcher.destinations == {}


def test_a_destination_paused_after_delivery_failures_stops_matching_everywhere(engines):
    ours, theirs = engines
    subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris")
    subs.add_subscription(theirs, owner="U2", destination=PARIS_JOBS, query="France")
    matcher = Matcher.from_store(ours)
    assert _queued_for(ours, matcher, PARIS) == [PARIS_JOBS.key, ANNA.key]
    subs.pause_destination(theirs, ANNA.key, "DMs closed")  # what the dispatcher does on a permanent error
    assert _queued_for(ours, matcher, PARIS) == [PARIS_JOBS.key]


def test_refresh_applies_only_what_changed_since_its_seq(engines):
    ours, theirs = engines
    kept = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris")
    matcher = Matcher.from_store(ours)
    assert matcher.seq == latest_seq(ours) > 0
    assert matcher.refresh(ours) == 0  # nothing changed: nothing applied
    lyon = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Lyon")
    milan = subs.add_subscription(theirs, owner="U1", destination=PARIS_JOBS, query="Milan")
    subs.remove_subscription(theirs, milan.id)
    assert matcher.refresh(ours) == 2  # Lyon added, Milan added and removed: two subscriptions
    assert sorted(matcher.destinations) == [kept.id, lyon.id]
    assert matcher.index.query_of(lyon.id).text == "Lyon"
    assert matcher.refresh(ours) == 0 and matcher.seq == latest_seq(ours)


def test_a_changed_query_is_refiled(engines):
    ours, theirs = engines
    sub = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris")
    matcher = Matcher.from_store(ours)
    # No command edits a query yet; the log must carry it when one does.
    with changing(theirs) as conn:
        conn.execute(update(subscriptions).where(subscriptions.c.id == sub.id).values(query="Berlin"))
        record_change(conn, [sub.id], "changed")
    assert _queued_for(ours, matcher, PARIS) == []
    assert _queued_for(ours, matcher, BERLIN) == [ANNA.key]


def test_an_index_left_behind_by_pruning_rebuilds_from_the_table(engines):
    ours, theirs = engines
    paris = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris")
    matcher = Matcher.from_store(ours)
    subs.pause_subscription(theirs, paris.id)
    berlin = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Berlin")
    subs.add_subscription(theirs, owner="U1", destination=PARIS_JOBS, query="Rome")
    # Everything but the newest row goes, including the pause and the Berlin add this index never read.
    assert prune_changes(theirs, older_than=timedelta(0)) == 3
    matcher.refresh(ours)
    assert sorted(matcher.destinations) == [berlin.id, berlin.id + 1]
    assert _queued_for(ours, matcher, BERLIN) == [ANNA.key]
    assert _queued_for(ours, matcher, PARIS) == []


def test_a_follower_keeps_an_idle_index_current(engines):
    """NOTIFY wakes it on PostgreSQL; on SQLite its timer does (here every 0.2 s)."""
    ours, theirs = engines
    matcher = Matcher.from_store(ours)
    follower = matcher.follow(ours, every=0.2)
    try:
        sub = subs.add_subscription(theirs, owner="U1", destination=ANNA, query="Paris")
        deadline = time.monotonic() + 5
        while sub.id not in matcher.destinations and time.monotonic() < deadline:
            time.sleep(0.02)
        assert matcher.destinations == {sub.id: ANNA}  # no posting, no explicit refresh
    finally:
        follower.stop()
