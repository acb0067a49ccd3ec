import asyncio
import gzip
import ipaddress
import itertools
import json
import logging
import socket
import time
import tracemalloc
import zlib

import pytest
from aiohttp import web

from bot.settings import FetchSettings
from bot.sources.fetch import (
    BadUrlError,
    BlockedAddressError,
    Fetcher,
    FetchError,
    FetchPolicy,
    FetchTimeoutError,
    HostBackoffError,
    HttpStatusError,
    TooLargeError,
    TooManyRedirectsError,
)
from tests.fakes.http_server import (
    MB,
    FakeHttpServer,
    async_test,
    gzip_bomb_chunks,
    running_in_thread,
    zero_chunks,
)

LOOPBACK_ONLY = (ipaddress.ip_network("127.0.0.1/32"),)  # reach the fake server, nothing else private


def policy(**overrides):
    values = {"allow_private": True, "min_host_gap": 0.0, "total_timeout": 2.0, "connect_timeout": 1.0}
    return FetchPolicy(**(values | overrides))


class FakeDns:
    """A DNS table: names used by tests, each pointing where the test says."""

    def __init__(self, table):
        self.table = table
        self.calls = []

    async def __call__(self, host, port, family):
        self.calls.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.table[host])


@async_test
async def test_etag_then_304_costs_no_body():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs.json", b'{"jobs": []}', content_type="application/json", etag='"v7"')
        first = await fetcher.fetch(server.url("/jobs.json"))
        second = await fetcher.fetch(server.url("/jobs.json"), etag=first.etag)

    assert (first.status, first.body, first.etag, first.not_modified) == (200, b'{"jobs": []}', '"v7"', False)
    assert first.content_type == "application/json"
    assert (second.status, second.body, second.not_modified, second.etag) == (304, None, True, '"v7"')
    assert server.requests[1].headers["If-None-Match"] == '"v7"'
    assert "If-None-Match" not in server.requests[0].headers


@async_test
async def test_last_modified_is_sent_back_and_kept_on_304():
    stamp = "Wed, 21 Oct 2026 07:28:00 GMT"
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/feed.xml", b"<rss/>", last_modified=stamp)
        first = await fetcher.fetch(server.url("/feed.xml"))
        second = await fetcher.fetch(server.url("/feed.xml"), last_modified=first.last_modified)

    assert first.last_modified == stamp and first.etag is None
    assert second.not_modified and second.last_modified == stamp
    assert server.requests[1].headers["If-Modified-Since"] == stamp


@async_test
async def test_user_agent_comes_from_the_policy_and_settings():
    settings = FetchSettings(
        user_agent="jobbot/9.9 (+https://jobs.example.org/bot)", allow_private_addresses=True
    )
    async with FakeHttpServer() as server, Fetcher(FetchPolicy.from_settings(settings, min_host_gap=0)) as f:
        server.respond("/", b"ok")
        await f.fetch(server.url("/"))
    assert server.requests[0].headers["User-Agent"] == "jobbot/9.9 (+https://jobs.example.org/bot)"
    assert FetchPolicy().user_agent.startswith("jobbot/")


@async_test
async def test_gzip_responses_arrive_decompressed():
    payload = json.dumps({"jobs": [{"id": n, "title": "Intern"} for n in range(200)]}).encode()
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", gzip.compress(payload), headers={"Content-Encoding": "gzip"})
        result = await fetcher.fetch(server.url("/jobs"))
    assert result.body == payload
    assert "gzip" in server.requests[0].headers["Accept-Encoding"]


@async_test
async def test_redirect_chain_is_followed_to_the_final_url():
    dns = FakeDns({"jobs.test": ["127.0.0.1"]})
    async with FakeHttpServer() as server, Fetcher(policy(), lookup=dns) as fetcher:
        server.redirect("/old", "/middle", status=301)
        server.redirect("/middle", f"http://jobs.test:{server.port}/new", status=308)
        server.respond("/new", b"final", etag='"n1"')
        result = await fetcher.fetch(server.url("/old"))
    assert result.url == f"http://jobs.test:{server.port}/new"
    assert (result.body, result.etag) == (b"final", '"n1"')
    assert server.paths() == ["/old", "/middle", "/new"]
    assert dns.calls == ["jobs.test"]  # one lookup, and the connection went to what it answered


@async_test
async def test_every_redirect_hop_is_checked_again_by_the_guard():
    dns = FakeDns({"looks-fine.test": ["10.20.30.40"]})
    async with FakeHttpServer() as server:
        server.redirect("/a", "/b")
        server.redirect("/b", "http://looks-fine.test/internal-admin")
        async with Fetcher(
            policy(allow_private=False, allowed_networks=LOOPBACK_ONLY), lookup=dns
        ) as fetcher:
            with pytest.raises(BlockedAddressError, match=r"resolves to 10\.20\.30\.40"):
                await fetcher.fetch(server.url("/a"))
    assert server.paths() == ["/a", "/b"]


@pytest.mark.parametrize("allow_private", [False, True])
@async_test
async def test_redirect_to_cloud_metadata_is_refused_always(allow_private):
    async with FakeHttpServer() as server:
        server.redirect("/feed", "http://169.254.169.254/latest/meta-data/iam/")
        rules = {"allow_private": allow_private, "allowed_networks": LOOPBACK_ONLY}
        async with Fetcher(policy(**rules)) as fetcher:
            with pytest.raises(BlockedAddressError) as caught:
                await fetcher.fetch(server.url("/feed"))
    assert "redirected to a refused URL" in str(caught.value)
    assert "link-local" in str(caught.value)
    assert server.paths() == ["/feed"]


@async_test
async def test_redirect_to_a_private_address_is_refused_before_connecting():
    async with FakeHttpServer() as server:
        server.redirect("/feed", "http://10.0.0.1/feed")
        async with Fetcher(policy(allow_private=False, allowed_networks=LOOPBACK_ONLY)) as fetcher:
            with pytest.raises(BlockedAddressError, match="private network address"):
                await fetcher.fetch(server.url("/feed"))


@async_test
async def test_loopback_is_refused_when_private_addresses_are_not_allowed():
    async with FakeHttpServer() as server, Fetcher(policy(allow_private=False)) as fetcher:
        server.respond("/", b"secret admin page")
        for url in (server.url("/"), f"http://localhost:{server.port}/", f"http://2130706433:{server.port}/"):
            with pytest.raises(BlockedAddressError, match="loopback"):
                await fetcher.fetch(url)
    assert server.requests == []


@async_test
async def test_odd_ipv4_spellings_are_refused_even_when_the_address_is_allowed():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/", b"numeric")
        for host in ("2130706433", "0x7f.1", "0177.0.0.1"):
            with pytest.raises(BadUrlError, match=r"write it as 127\.0\.0\.1"):
                await fetcher.fetch(f"http://{host}:{server.port}/")
    assert server.requests == []


@async_test
async def test_tokens_stay_behind_on_a_redirect_to_another_origin():
    dns = FakeDns({"cdn.test": ["127.0.0.1"]})
    async with FakeHttpServer() as server, Fetcher(policy(), lookup=dns) as fetcher:
        server.redirect("/api", f"http://cdn.test:{server.port}/file")
        server.respond("/file", b"data")
        await fetcher.fetch(
            server.url("/api"), headers={"Authorization": "Bearer s3cret", "Accept": "application/json"}
        )
    first, second = server.requests
    assert first.headers["Authorization"] == "Bearer s3cret"
    assert "Authorization" not in second.headers
    assert second.headers["Accept"] == "application/json"


@async_test
async def test_too_many_redirects():
    async with FakeHttpServer() as server, Fetcher(policy(max_redirects=3)) as fetcher:
        server.redirect("/loop", "/loop")
        with pytest.raises(TooManyRedirectsError, match="more than 3 times") as caught:
            await fetcher.fetch(server.url("/loop"))
    assert len(server.requests) == 4
    assert caught.value.retryable is False


@async_test
async def test_redirect_without_location_is_an_http_error():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/r", b"", status=302)
        with pytest.raises(HttpStatusError, match="without a Location"):
            await fetcher.fetch(server.url("/r"))


@async_test
async def test_gzip_bomb_of_10_gb_fails_fast_and_small():
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=5 * MB)) as fetcher:
        server.stream("/bomb", gzip_bomb_chunks(10 * 1024**3), headers={"Content-Encoding": "gzip"})
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises(TooLargeError, match=r"more than the 5\.0 MB limit"):
                await fetcher.fetch(server.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert time.monotonic() - started < 1.0
    assert peak < 40 * MB


@pytest.mark.parametrize(("encoding", "wbits"), [("gzip", 31), ("deflate", 15)])
@async_test
async def test_compressed_body_is_capped_after_decompression(encoding, wbits):
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    small = compressor.compress(bytes(8 * MB)) + compressor.flush()
    assert len(small) < 100_000
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=1 * MB)) as fetcher:
        server.respond("/jobs", small, headers={"Content-Encoding": encoding})
        with pytest.raises(TooLargeError, match="counted after decompression"):
            await fetcher.fetch(server.url("/jobs"))


@async_test
async def test_50_mb_streamed_body_stops_at_the_cap():
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=5 * MB)) as fetcher:
        server.stream("/huge", zero_chunks(50 * MB))
        started = time.monotonic()
        with pytest.raises(TooLargeError, match="stopped reading after 5"):
            await fetcher.fetch(server.url("/huge"))
    assert time.monotonic() - started < 1.0


@async_test
async def test_50_mb_announced_body_is_refused_before_reading():
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=5 * MB)) as fetcher:
        server.stream("/huge", zero_chunks(50 * MB), content_length=50 * MB)
        with pytest.raises(TooLargeError, match=r"announced 50\.0 MB"):
            await fetcher.fetch(server.url("/huge"))


@async_test
async def test_body_exactly_at_the_cap_is_fine():
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=1000)) as fetcher:
        server.stream("/edge", zero_chunks(1000, chunk=300))
        result = await fetcher.fetch(server.url("/edge"))
    assert len(result.body) == 1000


@async_test
async def test_slow_server_times_out():
    async with FakeHttpServer() as server, Fetcher(policy(total_timeout=0.5)) as fetcher:
        server.slow("/slow", delay=5)
        started = time.monotonic()
        with pytest.raises(FetchTimeoutError, match=r"did not answer within 0\.5 s") as caught:
            await fetcher.fetch(server.url("/slow"))
    assert 0.4 < time.monotonic() - started < 1.0
    assert caught.value.retryable


@async_test
async def test_body_that_trickles_past_the_timeout_times_out():
    async def trickle():
        for _ in range(100):
            yield b"x" * 10
            await asyncio.sleep(0.05)

    async with FakeHttpServer() as server, Fetcher(policy(total_timeout=0.3)) as fetcher:
        server.stream("/trickle", trickle)
        with pytest.raises(FetchTimeoutError):
            await fetcher.fetch(server.url("/trickle"))


@async_test
async def test_429_with_retry_after_seconds_defers_the_whole_host():
    async with FakeHttpServer() as server, Fetcher(policy(max_host_wait=1.0)) as fetcher:
        server.respond("/a", b"slow down", status=429, headers={"Retry-After": "120"})
        server.respond("/b", b"fine")
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.fetch(server.url("/a"))
        with pytest.raises(HostBackoffError) as deferred:
            await fetcher.fetch(server.url("/b"))

    error = caught.value
    assert (error.status, error.retry_after, error.retryable) == (429, 120.0, True)
    assert "429 Too Many Requests" in str(error) and "wait 120 s" in str(error)
    assert 118 < deferred.value.retry_after <= 120
    assert server.paths() == ["/a"]  # the second source on that host was not sent


@async_test
async def test_503_with_an_http_date_retry_after():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/a", b"", status=503, headers={"Retry-After": "Fri, 01 Jan 2100 00:00:00 GMT"})
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.fetch(server.url("/a"))
    assert caught.value.status == 503
    assert caught.value.retry_after > 365 * 24 * 3600


@pytest.mark.parametrize(
    ("status", "retryable", "words"),
    [
        (500, True, "the server failed"),
        (502, True, "try again later"),
        (404, False, "not found"),
        (403, False, "denied"),
    ],
)
@async_test
async def test_error_statuses_are_typed(status, retryable, words):
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/x", b"nope", status=status)
        with pytest.raises(HttpStatusError, match=words) as caught:
            await fetcher.fetch(server.url("/x"))
    assert (caught.value.status, caught.value.retryable, caught.value.retry_after) == (
        status,
        retryable,
        None,
    )


@async_test
async def test_secrets_never_reach_messages_or_logs(caplog):
    caplog.set_level(logging.DEBUG)
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/ok", b"fine")
        server.respond("/fail", b"", status=500)
        secret = {"Authorization": "Bearer tok-SECRET-1", "X-Api-Key": "key-SECRET-2"}
        await fetcher.fetch(server.url("/ok?api_key=q-SECRET-3"), headers=secret)
        with pytest.raises(HttpStatusError) as caught:
            await fetcher.fetch(server.url("/fail?api_key=q-SECRET-3"), headers=secret)
    logged = " ".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records)
    assert "SECRET" not in str(caught.value) and "SECRET" not in (caught.value.url or "")
    assert "SECRET" not in logged
    assert "/fail?…" in str(caught.value)


@pytest.mark.parametrize(
    "url",
    ["ftp://127.0.0.1/jobs", "file:///etc/passwd", "javascript:alert(1)", "http:///x", "https://a:b@h.test/"],
)
@async_test
async def test_bad_urls_are_refused_without_a_request(url):
    dns = FakeDns({})
    async with Fetcher(policy(), lookup=dns) as fetcher:
        with pytest.raises(BadUrlError):
            await fetcher.fetch(url)
    assert dns.calls == []


@async_test
async def test_unknown_host_is_a_fetch_error():
    async with Fetcher(policy(), lookup=FakeDns({})) as fetcher:
        with pytest.raises(FetchError, match=r"cannot find the host 'gone\.test'"):
            await fetcher.fetch("https://gone.test/jobs")


@async_test
async def test_refused_connection_is_a_fetch_error():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with Fetcher(policy()) as fetcher:
        with pytest.raises(FetchError, match=r"cannot connect to 127\.0\.0\.1"):
            await fetcher.fetch(f"http://127.0.0.1:{port}/")


@async_test
async def test_post_json_and_303_turns_into_get():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.redirect("/search", "/results", status=303)
        server.respond("/results", b'{"data": []}')
        result = await fetcher.fetch(
            server.url("/search"), method="POST", json={"keyword": "intern", "offset": 0}
        )
    search, results = server.requests
    assert (search.method, json.loads(search.body)) == ("POST", {"keyword": "intern", "offset": 0})
    assert (results.method, results.body) == ("GET", b"")
    assert result.body == b'{"data": []}'


@async_test
async def test_307_keeps_the_method_and_body():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.redirect("/search", "/v2/search", status=307)
        server.respond("/v2/search", b"{}")
        await fetcher.fetch(server.url("/search"), method="POST", json={"limit": 10})
    assert [(r.method, r.body) for r in server.requests] == [("POST", b'{"limit": 10}')] * 2


@async_test
async def test_per_host_concurrency_and_minimum_gap():
    in_flight, peak, starts = 0, 0, []

    async def handler(request):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        starts.append(time.monotonic())
        await asyncio.sleep(0.05)
        in_flight -= 1
        return web.Response(body=b"ok")

    async with FakeHttpServer() as server, Fetcher(policy(per_host_concurrency=2, min_host_gap=0.02)) as f:
        server.add("/page", handler)
        await asyncio.gather(*(f.fetch(server.url("/page")) for _ in range(6)))
    assert peak == 2
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert min(gaps) >= 0.015


@async_test
async def test_fetch_outside_the_context_is_a_clear_error():
    fetcher = Fetcher(policy())
    with pytest.raises(RuntimeError, match="async with Fetcher"):
        await fetcher.fetch("https://example.com/")


def test_policy_rejects_unusable_values():
    with pytest.raises(ValueError, match="total_timeout"):
        FetchPolicy(total_timeout=0)
    with pytest.raises(ValueError, match="per_host_concurrency"):
        FetchPolicy(per_host_concurrency=0)
    assert FetchPolicy().allow_private is False
    assert FetchPolicy.from_settings(FetchSettings()).max_body_bytes == FetchSettings().max_response_bytes


def test_a_server_in_a_thread_serves_synchronous_callers():
    async def fetch_once(url):
        async with Fetcher(policy()) as fetcher:
            return await fetcher.fetch(url)

    with running_in_thread(FakeHttpServer()) as server:
        server.respond("/jobs.json", b'{"jobs": [1]}', etag='"t1"')
        result = asyncio.run(fetch_once(server.url("/jobs.json")))
    assert (result.body, result.etag) == (b'{"jobs": [1]}', '"t1"')
