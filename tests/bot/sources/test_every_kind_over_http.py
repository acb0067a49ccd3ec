"""Every source kind fetched over real HTTP from a local server, through the safe fetcher and its adapter."""

from ipaddress import ip_network
from pathlib import Path

import pytest

from bot.sources.base import SourceContext, SourceFormatError
from bot.sources.fetch import FetchPolicy
from bot.sources.oneshot import fetch_once
from bot.sources.poll import parser_for
from tests.fakes.http_server import FakeHttpServer, async_test

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
LISTINGS = {  # kind -> (fixture, content type): one listing page of each kind, in its real shape
    "feed": ("feed/jobs.rss", "application/rss+xml"),
    "greenhouse": ("greenhouse/jobs.json", "application/json"),
    "lever": ("lever/postings.json", "application/json"),
    "ashby": ("ashby/board.json", "application/json"),
    "smartrecruiters": ("smartrecruiters/postings.json", "application/json"),
    "workable": ("workable/account.json", "application/json"),
    "recruitee": ("recruitee/offers.json", "application/json"),
    "personio": ("personio/positions.xml", "application/xml"),
    "workday": ("workday/search.json", "application/json"),
    "tiktok": ("tiktok/search.json", "application/json"),
    "jsonld": ("jsonld/page.html", "text/html"),
    "simplify": ("simplify/listings.json", "application/json"),
    "remoteok": ("remoteok/api.json", "application/json"),
}
LOOPBACK_ONLY = FetchPolicy(allowed_networks=(ip_network("127.0.0.1/32"),), min_host_gap=0)


@pytest.mark.parametrize("kind", sorted(LISTINGS))
@async_test
async def test_a_listing_of_each_kind_is_fetched_and_parsed(kind):
    fixture, content_type = LISTINGS[kind]
    body = (FIXTURES / fixture).read_bytes()
    expected = parser_for(kind)(body, SourceContext(f"{kind}:local"))
    async with FakeHttpServer() as server:
        server.respond("/listing", body, content_type=content_type)
        shot = await fetch_once(server.url("/listing"), kind, LOOPBACK_ONLY)
    assert shot.kind == kind and shot.complete
    assert len(shot.postings) == len(expected.postings) > 0
    assert shot.skipped == len(expected.skipped)
    assert {p.title for p in shot.postings} == {p.title for p in expected.postings}


@async_test
async def test_a_shape_change_on_the_wire_is_a_clear_error():
    async with FakeHttpServer() as server:
        server.respond("/listing", b'{"code": 1, "message": "system busy"}', content_type="application/json")
        with pytest.raises(SourceFormatError, match="tiktok: expected code 0, found code 1: system busy"):
            await fetch_once(server.url("/listing"), "tiktok", LOOPBACK_ONLY)
