from datetime import timedelta

from bot.store import polling
from bot.store.postings import posting_state, upsert_posting
from bot.store.sources import add_source
from tests.bot.store.conftest import T0
from tests.bot.store.samples import make_posting


def _two(engine):
    a = make_posting("gh:acme:1", source="gh:acme")
    b = make_posting("gh:acme:2", source="gh:acme", title="Sales Intern")
    for posting in (a, b):
        upsert_posting(engine, posting, now=T0)
    return a, b


def test_close_unseen_needs_enough_misses_and_time(engine):
    _two(engine)
    args = {"min_missed_polls": 2, "last_seen_before": T0 + timedelta(hours=1)}
    assert polling.close_unseen(engine, "gh:acme", {"gh:acme:1"}, **args, now=T0) == []
    assert polling.close_unseen(engine, "gh:acme", {"gh:acme:1"}, **args, now=T0) == ["gh:acme:2"]
    assert posting_state(engine, "gh:acme:2") == "closed"
    assert polling.posting_states(engine, "gh:acme") == {"gh:acme:1": "open", "gh:acme:2": "closed"}


def test_keys_links_and_next_poll_time(engine):
    a, _ = _two(engine)
    polling.add_identity_keys(engine, a.id, a.source, ["url:x", "fuzzy:y"])
    polling.add_identity_keys(engine, a.id, a.source, ["url:x"])  # again: kept once
    upsert_posting(engine, make_posting("list:9", source="list", url="https://x.example/9"), now=T0)
    polling.add_identity_keys(engine, "list:9", "list", ["url:x"])
    polling.link_posting(engine, "list:9", a.id, "url", now=T0)
    hits = sorted(polling.postings_with_keys(engine, ["url:x"]))
    assert hits == [("url:x", a.id, "gh:acme"), ("url:x", a.id, "list")]  # the duplicate answers as a
    assert polling.same_as(engine, "list:9") == a.id
    add_source(engine, id="gh:acme", kind="greenhouse", url="https://boards.greenhouse.io/acme", now=T0)
    assert polling.next_poll_at(engine, "gh:acme") is None
    polling.set_next_poll_at(engine, "gh:acme", T0 + timedelta(minutes=5))
    assert polling.next_poll_at(engine, "gh:acme") == T0 + timedelta(minutes=5)
