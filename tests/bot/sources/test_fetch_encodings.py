"""Content-Encoding through the safe fetcher, against a local server on 127.0.0.1: what it asks for, what it
decodes (gzip, deflate), what it refuses clearly (brotli, zstd, anything else), and that a dense bomb stops
at the size cap without ever being inflated whole in memory."""

import gzip
import json
import time
import tracemalloc
import zlib

import pytest

from bot.sources.fetch import Fetcher, FetchError, FetchPolicy, TooLargeError
from tests.fakes.http_server import MB, FakeHttpServer, async_test

PAYLOAD = json.dumps({"jobs": [{"id": n, "title": "Data Intern"} for n in range(300)]}).encode()


def policy(**overrides):
    values = {"allow_private": True, "min_host_gap": 0.0, "total_timeout": 5.0, "connect_timeout": 1.0}
    return FetchPolicy(**(values | overrides))


def dense_bomb(expanded: int, wbits: int = 31) -> bytes:
    """``expanded`` zero bytes at the best ratio (~1000:1): one network read inflates to tens of MB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = bytes(MB)
    parts = [compressor.compress(block) for _ in range(expanded // MB)]
    return b"".join(parts) + compressor.flush()


@pytest.mark.parametrize(
    ("encoding", "body"),
    [
        ("gzip", gzip.compress(PAYLOAD)),
        ("x-gzip", gzip.compress(PAYLOAD)),
        ("deflate", zlib.compress(PAYLOAD)),  # zlib-wrapped, as the RFC says
        ("deflate", zlib.compress(PAYLOAD, wbits=-15)),  # raw deflate, as some servers send it
        ("identity", PAYLOAD),
        ("GZIP", gzip.compress(PAYLOAD)),
        ("gzip, identity", gzip.compress(PAYLOAD)),
        ("gzip", gzip.compress(PAYLOAD[:500]) + gzip.compress(PAYLOAD[500:])),  # two gzip members
    ],
)
@async_test
async def test_gzip_and_deflate_are_decoded(encoding, body):
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", body, headers={"Content-Encoding": encoding})
        result = await fetcher.fetch(server.url("/jobs"))
    assert result.body == PAYLOAD
    asked = server.requests[0].headers["Accept-Encoding"]
    assert asked == "gzip, deflate"  # only what it can decode within the cap: never br or zstd


@pytest.mark.parametrize("encoding", ["br", "zstd", "compress", "x-custom", "gzip, br"])
@async_test
async def test_an_encoding_it_cannot_decode_is_a_clear_fetch_error(encoding):
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", b"\x8b\x00not really", headers={"Content-Encoding": encoding})
        with pytest.raises(FetchError) as caught:
            await fetcher.fetch(server.url("/jobs?token=SECRET1"))
    said = str(caught.value)
    assert f"Content-Encoding {encoding.split(', ')[-1]!r}" in said and "gzip or deflate" in said
    assert "SECRET1" not in said
    assert not caught.value.retryable  # the source must change (or be fetched another way)


@async_test
async def test_a_corrupt_gzip_body_is_a_clear_fetch_error():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", b"\x1f\x8b\x08\x00garbage-garbage", headers={"Content-Encoding": "gzip"})
        with pytest.raises(FetchError, match="could not be decompressed"):
            await fetcher.fetch(server.url("/jobs"))


@pytest.mark.parametrize(("encoding", "wbits"), [("gzip", 31), ("deflate", 15)])
@async_test
async def test_a_dense_bomb_stops_at_the_cap_without_inflating_in_memory(encoding, wbits):
    bomb = dense_bomb(400 * MB, wbits)
    assert len(bomb) < MB  # 400 MB inflated from well under 1 MB on the wire
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=2 * MB)) as fetcher:
        server.respond("/bomb", bomb, headers={"Content-Encoding": encoding})
        tracemalloc.start()
        started = time.monotonic()
        try:
            with pytest.raises(TooLargeError, match=r"more than the 2\.0 MB limit"):
                await fetcher.fetch(server.url("/bomb"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert time.monotonic() - started < 2.0
    assert peak < 12 * MB  # the cap and a chunk or two, never the tens of MB one read would inflate to


@async_test
async def test_a_body_exactly_at_the_cap_is_kept():
    async with FakeHttpServer() as server, Fetcher(policy(max_body_bytes=MB)) as fetcher:
        server.respond("/jobs", gzip.compress(bytes(MB)), headers={"Content-Encoding": "gzip"})
        result = await fetcher.fetch(server.url("/jobs"))
    assert result.body == bytes(MB)


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
@async_test
async def test_an_empty_body_that_names_an_encoding_is_empty(encoding):
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", b"", headers={"Content-Encoding": encoding})
        assert (await fetcher.fetch(server.url("/jobs"))).body == b""


@async_test
async def test_a_gzip_body_cut_short_is_a_clear_fetch_error():
    async with FakeHttpServer() as server, Fetcher(policy()) as fetcher:
        server.respond("/jobs", gzip.compress(PAYLOAD)[:-40], headers={"Content-Encoding": "gzip"})
        with pytest.raises(FetchError, match="cut off"):
            await fetcher.fetch(server.url("/jobs"))
