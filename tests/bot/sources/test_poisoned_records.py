"""One poisoned record (NUL, lone surrogate, NaN) never fails a source: it is cleaned or skipped, and said.

Runs on SQLite and PostgreSQL (``store_url``): PostgreSQL refuses NUL in text and NaN in JSONB, SQLite and
hashing refuse lone surrogates, so both stores must see only clean text.
"""

import json
from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from sqlalchemy import select

from bot.ingest import Matcher
from bot.models import Destination, Posting
from bot.poll_store import SqlPollStore
from bot.sources.base import RecordError, SourceContext, collect
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.greenhouse import parse as parse_greenhouse
from bot.sources.poll import PollPolicy, poll_source
from bot.sources.sanitize import clean_text, clean_value
from bot.store.deliveries import deliveries_for_posting
from bot.store.migrate import open_store
from bot.store.sources import add_source
from bot.store.subscriptions import add_subscription
from bot.store.tables import postings
from tests.fakes.http_server import FakeHttpServer, async_test

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
POLICY = PollPolicy(rand=lambda: 0.5)
CHANNEL = Destination("slack", "channel", "C-PARIS", "T1")


def job(job_id, title, text="Marketing in Paris. Fluent French.", **extra):
    record = {
        "id": job_id,
        "title": title,
        "absolute_url": f"https://boards.greenhouse.io/acme/jobs/{job_id}",
        "location": {"name": "Paris, France"},
        "content": text,
        "updated_at": "2026-02-20T10:00:00Z",
    }
    record.update(extra)
    return record


def board(*jobs):
    # allow_nan: NaN goes over the wire as Python's JSON writes it, as some vendors' servers do
    return json.dumps({"jobs": list(jobs), "meta": {"total": len(jobs)}}, allow_nan=True)


POISONED = (
    job(2, "Sales\x00 Intern"),  # NUL in a title
    job(3, "Data Intern", text="Paris.\ud800 French required."),  # a lone surrogate in the text
    job(4, "Ops Intern", internal_job_id=float("nan"), metadata=[{"value": float("inf")}]),  # NaN, Infinity
)


def test_clean_text_removes_nul_and_controls_and_replaces_lone_surrogates():
    assert clean_text("a\x00b\x07c\td\ne\rf") == "abc\td\ne\rf"
    assert clean_text("caf\u00e9 \ud83d") == "caf\u00e9 \ufffd"
    assert clean_text("\U0001f600 ok") == "\U0001f600 ok"  # a real pair (an emoji) is kept
    clean = "Paris — Fluent French"
    assert clean_text(clean) is clean  # nothing to do, nothing copied


def test_clean_value_cleans_keys_values_and_numbers_and_keeps_clean_objects_and_types():
    record = {"a\x00": ["x\ud800", 1.5, float("nan")], "b": (float("-inf"), "ok")}
    assert clean_value(record) == {"a": ["x\ufffd", 1.5, None], "b": (None, "ok")}
    untouched = {"a": ["x", 1.5], "b": {"c": None}}
    assert clean_value(untouched) is untouched
    entry = feedparser.FeedParserDict(title="Intern\x00")
    cleaned = clean_value(entry)
    assert isinstance(cleaned, feedparser.FeedParserDict) and cleaned.title == "Intern"
    assert entry.title == "Intern\x00"  # the input is never changed in place


def test_a_parse_reports_which_record_and_which_fields_were_cleaned():
    result = parse_greenhouse(board(job(1, "Fine"), *POISONED), SourceContext("greenhouse:acme"))
    assert [p.title for p in result.postings] == ["Fine", "Sales Intern", "Data Intern", "Ops Intern"]
    assert "\ufffd" in result.postings[2].text
    assert result.postings[3].raw["internal_job_id"] is None
    assert result.cleaned == (
        "record 1: title (NUL or control characters, lone surrogates or NaN)",
        "record 2: content (NUL or control characters, lone surrogates or NaN)",
        "record 3: internal_job_id, metadata (NUL or control characters, lone surrogates or NaN)",
    )


def test_an_adapter_crash_on_one_record_skips_that_record_only():
    def build(record):
        if record["n"] == 1:
            raise OverflowError("cannot convert float infinity to integer")
        if record["n"] == 2:
            raise LookupError("an adapter bug")
        return Posting(id=f"x:{record['n']}", title="t")

    result = collect("test", [{"n": 0}, {"n": 1}, {"n": 2}, {"n": 3}], build)
    assert [p.id for p in result.postings] == ["x:0", "x:3"]
    assert [s.detail for s in result.skipped] == [
        "record 1: OverflowError: cannot convert float infinity to integer",
        "record 2: LookupError: an adapter bug",
    ]


@pytest.fixture
def store(store_url):
    engine = open_store(store_url)
    add_subscription(engine, owner="U1", destination=CHANNEL, query="Paris")
    yield engine
    engine.dispose()


@async_test
async def test_a_poisoned_record_is_stored_clean_and_delivered_and_the_rest_of_the_source_too(store):
    async with FakeHttpServer() as server, Fetcher(FetchPolicy(allow_private=True, min_host_gap=0)) as f:
        add_source(store, id="greenhouse:acme", kind="greenhouse", url=server.url("/acme"), now=T0)
        poll_store = SqlPollStore(store, Matcher.from_store(store))
        server.respond("/acme", board(job(1, "Fine")))
        first = await poll_source("greenhouse:acme", store=poll_store, fetcher=f, now=T0, policy=POLICY)
        assert first.status == "ok"

        server.respond("/acme", board(job(1, "Fine"), *POISONED))
        later = T0 + timedelta(hours=1)
        result = await poll_source("greenhouse:acme", store=poll_store, fetcher=f, now=later, policy=POLICY)

    assert result.status == "ok", result.error
    assert sorted(result.new) == ["greenhouse:acme:2", "greenhouse:acme:3", "greenhouse:acme:4"]
    assert result.queued == 3  # each matches "Paris" and gets its card
    assert len(result.cleaned) == 3 and result.cleaned[0].startswith("record 1: title")
    assert result.rejected == ()
    with store.connect() as conn:
        titles = dict(conn.execute(select(postings.c.id, postings.c.title)).all())
    assert titles["greenhouse:acme:2"] == "Sales Intern"
    for posting_id in result.new:
        assert [row.state for row in deliveries_for_posting(store, posting_id, state=None)] == ["queued"]


def test_the_store_refuses_one_posting_with_a_record_error_naming_the_cause(store):
    poll_store = SqlPollStore(store, Matcher.from_store(store))
    add_source(store, id="greenhouse:acme", kind="greenhouse", url="https://example.com/acme", now=T0)
    # Built around collect's cleaning, as a future adapter or import path might: the store still copes.
    raw = Posting(id="greenhouse:acme:9", title="Intern", text="x\ud800", source="greenhouse:acme")
    with pytest.raises(RecordError, match="UnicodeEncodeError"):
        poll_store.store_posting(raw, announce=True, now=T0)
    fine = Posting(id="greenhouse:acme:10", title="Intern", text="Paris", source="greenhouse:acme")
    assert poll_store.store_posting(fine, announce=True, now=T0).outcome == "new"


def test_one_refused_posting_of_a_listing_leaves_the_others_stored(store):
    poll_store = SqlPollStore(store, Matcher.from_store(store))
    add_source(store, id="greenhouse:acme", kind="greenhouse", url="https://example.com/acme", now=T0)
    listing = [
        Posting(id="greenhouse:acme:1", title="Intern", text="Paris", source="greenhouse:acme"),
        Posting(id="greenhouse:acme:2", title="Intern", text="x\ud800", source="greenhouse:acme"),
        Posting(id="greenhouse:acme:3", title="Analyst", text="Paris", source="greenhouse:acme"),
    ]
    first, refused, third = poll_store.store_postings(listing, announce=True, now=T0)
    assert isinstance(refused, RecordError) and "UnicodeEncodeError" in str(refused)
    assert (first.outcome, first.queued, third.outcome, third.queued) == ("new", 1, "new", 1)
    with store.connect() as conn:
        assert sorted(conn.execute(select(postings.c.id)).scalars()) == [
            "greenhouse:acme:1",
            "greenhouse:acme:3",
        ]
    assert len(deliveries_for_posting(store, "greenhouse:acme:1", state=None)) == 1


class _RefusingStore:
    """A poll store that refuses chosen postings, as a database refusing a value would."""

    def __init__(self, real, refuse):
        self.real, self.refuse = real, refuse

    def __getattr__(self, name):
        return getattr(self.real, name)

    def store_postings(self, postings, **kwargs):
        stored = iter(self.real.store_postings([p for p in postings if p.id not in self.refuse], **kwargs))
        return [
            RecordError("DataError: value too long") if p.id in self.refuse else next(stored)
            for p in postings
        ]


@async_test
async def test_a_refused_posting_is_reported_and_the_others_stored_but_all_refused_fails_the_poll(store):
    async with FakeHttpServer() as server, Fetcher(FetchPolicy(allow_private=True, min_host_gap=0)) as f:
        add_source(store, id="greenhouse:acme", kind="greenhouse", url=server.url("/acme"), now=T0)
        real = SqlPollStore(store, Matcher.from_store(store))
        server.respond("/acme", board(job(1, "A"), job(2, "B")))
        one = _RefusingStore(real, {"greenhouse:acme:1"})
        result = await poll_source("greenhouse:acme", store=one, fetcher=f, now=T0, policy=POLICY)
        assert result.status == "ok"
        assert result.new == ("greenhouse:acme:2",)
        assert result.rejected == ("greenhouse:acme:1: DataError: value too long",)

        every = _RefusingStore(real, {"greenhouse:acme:1", "greenhouse:acme:2"})
        later = T0 + timedelta(hours=1)
        failed = await poll_source("greenhouse:acme", store=every, fetcher=f, now=later, policy=POLICY)
    assert failed.status == "error"
    assert "no posting of this source could be stored" in failed.error
    assert "greenhouse:acme:1: DataError: value too long" in failed.error
