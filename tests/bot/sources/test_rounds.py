"""A polling round: every source once, a bounded number at a time, each result reported on its own."""

import asyncio
import json
from datetime import UTC, datetime

import pytest
from aiohttp import web

from bot.ingest import Matcher
from bot.poll_store import SqlPollStore
from bot.settings import sqlite_url
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollResult
from bot.sources.rounds import poll_round, result_summary
from bot.store.migrate import open_store
from bot.store.sources import add_source
from tests.fakes.http_server import FakeHttpServer, async_test

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def board(n):
    jobs = [{"id": i, "title": f"Role {i}", "absolute_url": f"https://x.example/{i}"} for i in range(n)]
    return json.dumps({"jobs": jobs, "meta": {"total": n}})


@pytest.fixture
def engine(tmp_path):
    engine = open_store(sqlite_url(tmp_path / "jobbot.sqlite3"))
    yield engine
    engine.dispose()


class CrashingStore:
    """A store that fails before a poll can record anything, for one source."""

    def __init__(self, real, bad):
        self.real, self.bad = real, bad

    def __getattr__(self, name):
        return getattr(self.real, name)

    def load_source(self, source_id):
        if source_id == self.bad:
            raise RuntimeError("database went away")
        return self.real.load_source(source_id)


@async_test
async def test_a_round_polls_each_source_once_at_most_n_at_a_time(engine):
    in_flight = peak = 0

    async def handler(request):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.Response(text=board(2), content_type="application/json")

    seen: list[PollResult] = []
    async with FakeHttpServer() as server:
        ids = []
        for n in range(6):
            server.add(f"/b{n}", handler)
            add_source(engine, id=f"greenhouse:b{n}", kind="greenhouse", url=server.url(f"/b{n}"))
            ids.append(f"greenhouse:b{n}")
        store = SqlPollStore(engine, Matcher.from_store(engine))
        async with Fetcher(FetchPolicy(allow_private=True, min_host_gap=0, per_host_concurrency=10)) as f:
            results = await poll_round(
                ids, store=store, fetcher=f, now=NOW, concurrency=2, on_result=seen.append
            )
    assert [r.source_id for r in results] == ids  # in the order asked
    assert sorted(r.source_id for r in seen) == ids  # each reported once, as it finished
    assert all(r.status == "ok" and r.first_poll and len(r.new) == 2 for r in results)
    assert peak == 2
    assert sorted(server.paths()) == sorted(f"/b{n}" for n in range(6))


@async_test
async def test_one_failing_or_crashing_source_does_not_hide_the_others(engine):
    async with FakeHttpServer() as server:
        server.respond("/good", board(1), content_type="application/json")
        server.respond("/down", "no", status=503)
        for name in ("good", "down", "crash"):
            add_source(engine, id=f"greenhouse:{name}", kind="greenhouse", url=server.url(f"/{name}"))
        store = CrashingStore(SqlPollStore(engine, Matcher.from_store(engine)), "greenhouse:crash")
        async with Fetcher(FetchPolicy(allow_private=True, min_host_gap=0)) as fetcher:
            good, down, crash, unknown = await poll_round(
                ["greenhouse:good", "greenhouse:down", "greenhouse:crash", "greenhouse:nope"],
                store=store,
                fetcher=fetcher,
                now=NOW,
            )
    assert good.status == "ok"
    assert down.status == "error" and "503" in down.error and down.failures == 1
    assert crash.status == "error" and "RuntimeError" in crash.error
    assert unknown.status == "unknown_source"


def test_a_round_needs_room_for_one_source():
    with pytest.raises(ValueError, match="at least 1"):
        asyncio.run(poll_round([], store=None, fetcher=None, now=NOW, concurrency=0))


def test_the_summary_is_flat_json_with_counts():
    result = PollResult(
        "greenhouse:acme", "ok", new=("a", "b"), closed=("c",), unchanged=4, queued=3, next_poll_at=NOW
    )
    summary = result_summary(result)
    assert json.loads(json.dumps(summary)) == summary
    assert summary["source"] == "greenhouse:acme" and summary["status"] == "ok"
    assert (summary["new"], summary["closed"], summary["unchanged"], summary["queued"]) == (2, 1, 4, 3)
    assert summary["next_poll_at"] == "2026-03-02T09:00:00+00:00"
