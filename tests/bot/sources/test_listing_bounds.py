"""A source that claims a billion results is read only as far as the listing bounds, and says so."""

import re
from dataclasses import replace
from datetime import UTC, datetime

from aiohttp import web

from bot.ingest import Matcher
from bot.poll_store import SqlPollStore
from bot.settings import sqlite_url
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollPolicy, poll_source
from bot.store.migrate import open_store
from bot.store.postings import posting_state
from bot.store.sources import add_source
from tests.fakes.http_server import FakeHttpServer, async_test

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
PAGE = 50


def endless_board(server, *, padding=0):
    """SmartRecruiters-shaped pages without end: every page claims totalFound = 10^9."""

    async def page(request: web.Request) -> web.Response:
        offset = int(request.query.get("offset", "0"))
        content = [
            {
                "id": str(offset + n),
                "name": f"Analyst {offset + n}",
                "company": {"identifier": "Huge", "name": "Huge"},
                "location": {"city": "Paris", "country": "fr", "fullLocation": "Paris, France"},
                "typeOfEmployment": {"label": "Full-time"},
                "customField": [{"valueLabel": "x" * padding}],
            }
            for n in range(PAGE)
        ]
        body = {"offset": offset, "limit": PAGE, "totalFound": 10**9, "content": content}
        return web.json_response(body)

    server.add("/huge/postings", page)


async def poll_endless(tmp_path, policy, *, padding=0):
    engine = open_store(sqlite_url(tmp_path / "jobbot.sqlite3"))
    async with FakeHttpServer() as server, Fetcher(FetchPolicy(allow_private=True, min_host_gap=0)) as f:
        endless_board(server, padding=padding)
        add_source(
            engine,
            id="smartrecruiters:huge",
            kind="smartrecruiters",
            url=server.url("/huge/postings"),
            now=T0,
        )
        store = SqlPollStore(engine, Matcher.from_store(engine))
        result = await poll_source("smartrecruiters:huge", store=store, fetcher=f, now=T0, policy=policy)
        pages = len(server.requests)
    return engine, result, pages


@async_test
async def test_a_listing_is_cut_at_the_postings_bound_and_says_so(tmp_path):
    policy = replace(PollPolicy(), max_postings=120)
    engine, result, pages = await poll_endless(tmp_path, policy)
    assert result.status == "ok"
    assert len(result.new) == 120 and pages == 3  # 150 read on 3 pages, 120 kept
    assert result.cut == "read only the first 120 postings (the listing goes on)"
    assert posting_state(engine, "smartrecruiters:huge:119") == "open"
    engine.dispose()


@async_test
async def test_a_listing_is_cut_at_the_bytes_bound_over_all_pages(tmp_path):
    policy = replace(PollPolicy(), max_bytes=200_000)
    engine, result, pages = await poll_endless(tmp_path, policy, padding=1_000)  # ~55 KB a page
    assert result.status == "ok" and pages == 4
    assert re.fullmatch(r"read only the first 2\d\d KB \(the listing goes on\)", result.cut)
    assert len(result.new) == 4 * PAGE
    engine.dispose()


@async_test
async def test_the_default_bounds_stop_a_billion_result_claim_well_before_the_page_limit(tmp_path):
    engine, result, pages = await poll_endless(tmp_path, PollPolicy())
    assert result.status == "ok" and result.cut is not None
    assert len(result.new) <= 5_000 and pages <= 50
    engine.dispose()
