"""poll_source against a real HTTP server on 127.0.0.1 and a real SQLite store; time is passed, not slept."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.ingest import Matcher
from bot.models import Destination
from bot.poll_store import SqlPollStore
from bot.settings import sqlite_url
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollPolicy, poll_source
from bot.store import polling
from bot.store.card_edits import list_edits
from bot.store.deliveries import deliveries_for_posting, mark_sent
from bot.store.migrate import open_store
from bot.store.postings import posting_state
from bot.store.sources import add_source, get_source
from bot.store.subscriptions import add_subscription
from bot.store.tables import deliveries
from tests.fakes.http_server import FakeHttpServer, async_test

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
POLICY = PollPolicy(unhealthy_after=3, rand=lambda: 0.5)  # rand 0.5: backoff without jitter
CHANNEL = Destination("slack", "channel", "C-PARIS", "T1")


def job(job_id, title, city="Paris, France", text="You will help our marketing team. Fluent French."):
    return {
        "id": job_id,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}?gh_src=board",
        "location": {"name": city},
        "content": text,
        "updated_at": "2026-02-20T10:00:00Z",
    }


def board(*jobs):
    return json.dumps({"jobs": list(jobs), "meta": {"total": len(jobs)}})


@pytest.fixture
def engine(tmp_path):
    engine = open_store(sqlite_url(tmp_path / "jobbot.sqlite3"))
    add_subscription(engine, owner="U1", destination=CHANNEL, query="Paris")
    yield engine
    engine.dispose()


def outbox_rows(engine):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(deliveries)).scalar()


class Harness:
    """One store, one server, one fetcher; ``poll`` runs poll_source at a given time."""

    def __init__(self, engine, server, fetcher):
        self.engine, self.server, self.fetcher = engine, server, fetcher
        self.store = SqlPollStore(engine, Matcher.from_store(engine))

    def add(self, source_id, path, kind="greenhouse"):
        add_source(self.engine, id=source_id, kind=kind, url=self.server.url(path), now=T0)

    async def poll(self, source_id, now, **kw):
        return await poll_source(
            source_id, store=self.store, fetcher=self.fetcher, now=now, policy=POLICY, **kw
        )


def harnessed(test):
    @async_test
    async def run(engine):
        async with FakeHttpServer() as server, Fetcher(FetchPolicy(allow_private=True, min_host_gap=0)) as f:
            await test(Harness(engine, server, f))

    run.__name__ = test.__name__
    return run


@harnessed
async def test_first_poll_stores_everything_as_seen_without_a_flood(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    result = await h.poll("greenhouse:acme", T0)
    assert result.status == "ok" and result.first_poll
    assert sorted(result.new) == ["greenhouse:acme:1", "greenhouse:acme:2"]
    assert result.queued == 0 and outbox_rows(h.engine) == 0
    assert posting_state(h.engine, "greenhouse:acme:1") == "open"  # stored, searchable


@harnessed
async def test_second_poll_announces_only_the_new_posting(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(3, "Data Intern")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    assert not result.first_poll
    assert result.new == ("greenhouse:acme:3",) and result.unchanged == 1
    assert result.queued == 1 and outbox_rows(h.engine) == 1


@harnessed
async def test_a_changed_posting_is_an_updated_event_without_a_card(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern", text="Now also German.")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    assert result.updated == ("greenhouse:acme:1",) and result.queued == 0


@harnessed
async def test_a_posted_card_is_queued_for_an_edit_when_its_posting_changes_closes_or_reopens(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    (card,) = deliveries_for_posting(h.engine, "greenhouse:acme:2", state=None)
    mark_sent(h.engine, card.id, message_id="1700000000.000001")  # a dispatcher posted it

    def edits():
        return [(e.message_id, e.reason, e.state, e.changes) for e in list_edits(h.engine)]

    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern (m/f)"), job(2, "Sales Intern (m/f)")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=20))
    assert len(result.updated) == 2 and result.edits == 1  # only the posted card: job 1 had none
    assert edits() == [("1700000000.000001", "updated", "queued", 1)]

    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern (m/f)")))
    for minutes in (30, 40):
        await h.poll("greenhouse:acme", T0 + timedelta(minutes=minutes))
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=26))
    assert result.closed == ("greenhouse:acme:2",) and result.edits == 1
    assert edits() == [("1700000000.000001", "closed", "queued", 2)]  # one pending edit, latest reason

    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern (m/f)"), job(2, "Sales Intern (m/f)")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=27))
    assert result.reopened == ("greenhouse:acme:2",) and result.edits == 1
    assert edits() == [("1700000000.000001", "updated", "queued", 3)]


@harnessed
async def test_304_does_nothing_and_sends_the_validators(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")), etag='"v1"')
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    assert get_source(h.engine, "greenhouse:acme").etag == '"v1"'
    result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    assert result.status == "not_modified" and result.new == () and result.closed == ()
    assert h.server.requests[-1].headers["If-None-Match"] == '"v1"'
    assert get_source(h.engine, "greenhouse:acme").last_ok_at == T0 + timedelta(minutes=10)


@harnessed
async def test_a_vanished_posting_closes_after_the_grace_period_and_reopens(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    # Two polls without it, but within 24 h: still open.
    for minutes in (10, 20):
        result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=minutes))
        assert result.closed == ()
    assert posting_state(h.engine, "greenhouse:acme:2") == "open"
    # A failed fetch a day later closes nothing.
    h.server.respond("/acme/jobs", "oops", status=500)
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=25))
    assert result.status == "error" and result.closed == ()
    assert posting_state(h.engine, "greenhouse:acme:2") == "open"
    # Missing from a complete listing after 24 h and 2+ polls: closed.
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=26), force=True)
    assert result.closed == ("greenhouse:acme:2",)
    assert posting_state(h.engine, "greenhouse:acme:2") == "closed"
    # Listed again: reopened, not new, no second card.
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=27))
    assert result.reopened == ("greenhouse:acme:2",) and result.new == () and result.queued == 0
    assert posting_state(h.engine, "greenhouse:acme:2") == "open"


@harnessed
async def test_a_posting_seen_again_restarts_its_grace_count(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    await h.poll("greenhouse:acme", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    await h.poll("greenhouse:acme", T0 + timedelta(hours=1))
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))
    await h.poll("greenhouse:acme", T0 + timedelta(hours=2))
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    result = await h.poll("greenhouse:acme", T0 + timedelta(hours=30))
    assert result.closed == ()  # one miss since it was last seen, not two


@harnessed
async def test_a_malformed_body_is_an_error_on_that_source_only(h):
    h.server.respond("/acme/jobs", '{"jobs": [{"id": 1, "title": "Marketing')
    h.server.respond("/beta/jobs", board(job(7, "Design Intern")))
    h.add("greenhouse:acme", "/acme/jobs")
    h.add("greenhouse:beta", "/beta/jobs")
    broken = await h.poll("greenhouse:acme", T0)
    fine = await h.poll("greenhouse:beta", T0)
    assert broken.status == "error" and "truncated JSON" in broken.error
    assert "could not be read as a source of kind greenhouse" in broken.error
    assert get_source(h.engine, "greenhouse:acme").last_error == broken.error
    assert get_source(h.engine, "greenhouse:acme").failures == 1
    assert fine.status == "ok" and fine.new == ("greenhouse:beta:7",)


@harnessed
async def test_a_shape_change_is_reported_with_what_came(h):
    h.server.respond("/acme/jobs", json.dumps({"positions": []}))
    h.add("greenhouse:acme", "/acme/jobs")
    result = await h.poll("greenhouse:acme", T0)
    assert result.status == "error" and '"jobs" list' in result.error and "positions" in result.error


@harnessed
async def test_failures_back_off_turn_unhealthy_once_and_recover(h):
    h.server.respond("/acme/jobs", "down", status=503)
    h.add("greenhouse:acme", "/acme/jobs")
    first = await h.poll("greenhouse:acme", T0)
    assert first.failures == 1 and first.next_poll_at == T0 + timedelta(seconds=60)
    early = await h.poll("greenhouse:acme", T0 + timedelta(seconds=30))
    assert early.status == "deferred" and len(h.server.requests) == 1  # held back: nothing sent
    second = await h.poll("greenhouse:acme", T0 + timedelta(minutes=2))
    assert second.next_poll_at == T0 + timedelta(minutes=2, seconds=120)
    third = await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    assert third.unhealthy and third.became_unhealthy and "503" in third.error
    fourth = await h.poll("greenhouse:acme", T0 + timedelta(minutes=20), force=True)
    assert fourth.unhealthy and not fourth.became_unhealthy  # the owner is told once
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    back = await h.poll("greenhouse:acme", T0 + timedelta(hours=2))
    assert back.status == "ok" and back.recovered and not back.unhealthy
    source = get_source(h.engine, "greenhouse:acme")
    assert source.failures == 0 and source.last_error is None
    assert polling.next_poll_at(h.engine, "greenhouse:acme") is None
    assert back.first_poll  # it never worked before: still no flood


@harnessed
async def test_retry_after_sets_the_next_allowed_poll(h):
    h.server.respond("/acme/jobs", "slow down", status=429, headers={"Retry-After": "900"})
    h.add("greenhouse:acme", "/acme/jobs")
    result = await h.poll("greenhouse:acme", T0)
    assert result.next_poll_at == T0 + timedelta(seconds=900)
    assert polling.next_poll_at(h.engine, "greenhouse:acme") == T0 + timedelta(seconds=900)


@harnessed
async def test_a_refused_address_is_recorded_not_raised(h):
    add_source(h.engine, id="feed:meta", kind="feed", url="http://169.254.169.254/latest/", now=T0)
    result = await h.poll("feed:meta", T0)
    assert result.status == "error" and "link-local" in result.error
    assert result.next_poll_at == T0 + timedelta(seconds=POLICY.backoff_cap)  # fix it first: rarely retried


@harnessed
async def test_an_unknown_source_is_a_result_not_an_exception(h):
    result = await h.poll("nope", T0)
    assert result.status == "unknown_source"


@harnessed
async def test_the_same_job_on_a_community_list_is_linked_not_announced_twice(h):
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern")))
    h.server.respond("/list.json", json.dumps([]))
    h.add("greenhouse:acme", "/acme/jobs")
    h.add("remoteok:list", "/list.json", kind="remoteok")
    await h.poll("greenhouse:acme", T0)
    await h.poll("remoteok:list", T0)
    h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Brand Intern")))
    await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
    assert outbox_rows(h.engine) == 1
    mirrored = {
        "id": "555",
        "position": "Brand Intern",
        "company": "Acme",
        "location": "Paris",
        "url": "https://job-boards.greenhouse.io/acme/jobs/2?utm_source=remoteok",
        "description": "Paris.",
    }
    h.server.respond("/list.json", json.dumps([{"legal": "terms"}, mirrored]))
    result = await h.poll("remoteok:list", T0 + timedelta(minutes=10))
    assert result.new == ("remoteok:remoteok:555",) and result.duplicates == 1 and result.queued == 0
    assert outbox_rows(h.engine) == 1
    assert polling.same_as(h.engine, "remoteok:remoteok:555") == "greenhouse:acme:2"
    assert polling.linked_urls(h.engine, "greenhouse:acme:2") == [
        "https://boards.greenhouse.io/acme/jobs/2",
        "https://job-boards.greenhouse.io/acme/jobs/2",
    ]


def test_an_unchanged_posting_is_not_extracted_again(engine, monkeypatch):
    import bot.poll_store

    extracted = []
    real = bot.poll_store.extract_posting
    monkeypatch.setattr(bot.poll_store, "extract_posting", lambda p: extracted.append(p.id) or real(p))

    @harnessed
    async def polls(h):
        h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern")))  # no ETag
        h.add("greenhouse:acme", "/acme/jobs")
        await h.poll("greenhouse:acme", T0)
        h.server.respond("/acme/jobs", board(job(1, "Marketing Intern"), job(2, "Sales Intern", text="New.")))
        result = await h.poll("greenhouse:acme", T0 + timedelta(minutes=10))
        assert result.unchanged == 1 and result.updated == ("greenhouse:acme:2",)

    polls(engine)
    assert sorted(extracted) == ["greenhouse:acme:1", "greenhouse:acme:2", "greenhouse:acme:2"]
