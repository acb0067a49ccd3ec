from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.models import Facets, LanguageRequirement, Posting
from bot.store import postings as store
from tests.bot.store.conftest import T0
from tests.bot.store.samples import FULL_FACETS, make_posting


def test_a_stored_posting_reads_back_equal(engine):
    posting = make_posting()
    assert store.upsert_posting(engine, posting, now=T0) == "new"
    assert store.get_posting(engine, posting.id) == posting


def test_a_minimal_posting_reads_back_equal(engine):
    posting = Posting(id="rss:feed:1", title="Data intern")
    store.upsert_posting(engine, posting, now=T0)
    assert store.get_posting(engine, "rss:feed:1") == posting


def test_upsert_tells_new_from_unchanged_from_updated(engine):
    posting = make_posting()
    assert store.upsert_posting(engine, posting, now=T0) == "new"
    assert store.upsert_posting(engine, posting, now=T0 + timedelta(hours=1)) == "unchanged"
    retitled = replace(posting, title="Stagiaire Business Developer (F/H) – Benelux")
    assert store.upsert_posting(engine, retitled, now=T0 + timedelta(hours=2)) == "updated"
    assert store.get_posting(engine, posting.id).title.endswith("Benelux")
    assert store.upsert_posting(engine, retitled, now=T0 + timedelta(hours=3)) == "unchanged"


def test_a_change_in_facets_alone_is_an_update(engine):
    posting = make_posting()
    store.upsert_posting(engine, posting, now=T0)
    more = replace(
        FULL_FACETS, languages=(*FULL_FACETS.languages, LanguageRequirement(code="nl", required=True))
    )
    assert store.upsert_posting(engine, replace(posting, facets=more), now=T0) == "updated"
    assert store.get_posting(engine, posting.id).facets.required_languages == ("fr", "nl")


def test_fields_outside_the_content_hash_are_still_refreshed(engine):
    posting = make_posting()
    store.upsert_posting(engine, posting, now=T0)
    moved = replace(posting, url="https://jobs.example.test/acme/new-link", raw={"v": 2})
    assert store.upsert_posting(engine, moved, now=T0 + timedelta(days=1)) == "unchanged"
    assert store.get_posting(engine, posting.id) == moved


def test_content_hash_covers_title_text_location_and_facets_only():
    posting = make_posting()
    same = store.content_hash(posting)
    assert store.content_hash(replace(posting, url="https://elsewhere.test", raw=None)) == same
    assert store.content_hash(replace(posting, text=posting.text + " Start in July.")) != same
    assert store.content_hash(replace(posting, location_text="Lyon, France")) != same
    assert store.content_hash(replace(posting, facets=Facets())) != same


def test_closing_and_reopening(engine):
    a, b, c = (make_posting(f"ashby:acme:{n}") for n in ("a", "b", "c"))
    for posting in (a, b, c):
        store.upsert_posting(engine, posting, now=T0)
    assert store.open_posting_ids(engine, "ashby:acme") == {a.id, b.id, c.id}
    assert store.close_missing(engine, "ashby:acme", [a.id], now=T0 + timedelta(days=1)) == [b.id, c.id]
    assert store.posting_state(engine, b.id) == "closed"
    assert store.mark_closed(engine, [b.id, a.id]) == [a.id]  # b was already closed
    assert store.open_posting_ids(engine, "ashby:acme") == set()
    assert store.upsert_posting(engine, b, now=T0 + timedelta(days=2)) == "updated"  # it came back
    assert store.posting_state(engine, b.id) == "open"
    assert store.posting_state(engine, "ashby:acme:unknown") is None


def test_upsert_many_tells_each_posting_as_upserting_it_alone_would(engine):
    kept, retitled, closed, moved = (make_posting(f"ashby:acme:{n}") for n in ("a", "b", "c", "d"))
    assert store.upsert_postings(engine, [kept, retitled, closed, moved], now=T0) == ["new"] * 4
    store.mark_closed(engine, [closed.id], now=T0)
    later = T0 + timedelta(hours=1)
    fresh = make_posting("ashby:acme:e")
    batch = [
        kept,
        replace(retitled, title="Stagiaire – Benelux"),
        closed,
        replace(moved, url="https://jobs.example.test/acme/new-link"),
        fresh,
    ]
    assert store.upsert_postings(engine, batch, now=later) == [
        "unchanged",
        "updated",
        "updated",
        "unchanged",
        "new",
    ]
    for posting in batch:
        assert store.get_posting(engine, posting.id) == posting
    assert store.posting_state(engine, closed.id) == "open"
    versions = store.stored_versions(engine, [kept.id, "ashby:acme:none"])
    assert list(versions) == [kept.id] and versions[kept.id].state == "open"
    assert versions[kept.id].posting == replace(kept, raw=None)  # the raw record is not read back
    with pytest.raises(ValueError, match="each posting once"):
        store.upsert_postings(engine, [kept, kept], now=later)


def test_get_postings_keeps_the_order_asked_and_skips_unknown_ids(engine):
    ids = [f"greenhouse:acme:{n}" for n in range(5)]
    for posting_id in ids:
        store.upsert_posting(engine, make_posting(posting_id), now=T0)
    wanted = [ids[3], "greenhouse:acme:missing", ids[0], ids[4]]
    assert [p.id for p in store.get_postings(engine, wanted)] == [ids[3], ids[0], ids[4]]
    assert store.get_postings(engine, []) == []


def test_latest_postings_newest_first_without_closed_ones(engine):
    for n in range(4):
        posting = make_posting(f"lever:acme:{n}", source="lever:acme" if n % 2 else "ashby:acme")
        store.upsert_posting(engine, posting, now=T0 + timedelta(minutes=n))
    store.mark_closed(engine, ["lever:acme:3"])
    assert [p.id for p in store.latest_postings(engine)] == ["lever:acme:2", "lever:acme:1", "lever:acme:0"]
    assert [p.id for p in store.latest_postings(engine, limit=1, include_closed=True)] == ["lever:acme:3"]
    assert [p.id for p in store.latest_postings(engine, source_id="lever:acme")] == ["lever:acme:1"]


def test_timestamps_come_back_aware_utc(engine):
    paris_time = datetime(2026, 2, 27, 16, 4, 5, tzinfo=UTC).astimezone(datetime.now().astimezone().tzinfo)
    posting = make_posting(posted_at=paris_time, closes_at=datetime(2026, 4, 1, 0, 0))  # naive means UTC
    store.upsert_posting(engine, posting, now=T0)
    back = store.get_posting(engine, posting.id)
    assert back.posted_at == paris_time and back.posted_at.tzinfo == UTC
    assert back.closes_at == datetime(2026, 4, 1, tzinfo=UTC)


def test_a_caller_transaction_rolls_back_everything(engine):
    try:
        with engine.begin() as conn:
            store.upsert_posting(conn, make_posting("ashby:acme:tx"), now=T0)
            assert store.get_posting(conn, "ashby:acme:tx") is not None
            raise RuntimeError("the matcher failed")
    except RuntimeError:
        pass
    assert store.get_posting(engine, "ashby:acme:tx") is None
