"""The fake Discord's parts without a client: limits with a clock, permissions, history, the process."""

import json
import subprocess
import sys
from pathlib import Path

import discord
import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from handlers.fakes import FakeDiscord, Limit, Limits, Seed, seeded_state
from handlers.fakes.discord_limits import RateLimiter
from handlers.fakes.discord_model import EMBED_LINKS, ApiError
from tests.fakes.discord_py import discord_py_pointed_at
from tests.fakes.http_server import async_test

ROOT = Path(__file__).resolve().parents[3]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_buckets_refill_per_window_and_per_major_parameter():
    clock = Clock()
    limiter = RateLimiter(
        Limits(buckets={"messages.create": Limit(2, 5.0), "other": Limit(50, 1.0)}), clock=clock
    )
    assert limiter.check_route("messages.create", "1").headers["X-RateLimit-Remaining"] == "1"
    assert limiter.check_route("messages.create", "1").allowed
    refused = limiter.check_route("messages.create", "1")
    assert not refused.allowed and refused.body["retry_after"] == 5.0 and refused.scope == "user"
    assert limiter.check_route("messages.create", "2").allowed  # another channel
    clock.now += 5.0
    assert limiter.check_route("messages.create", "1").allowed


def test_invalid_requests_are_forgotten_after_ten_minutes():
    clock = Clock()
    limiter = RateLimiter(clock=clock)
    for status, scope in ((401, None), (403, None), (429, "user"), (429, "shared"), (404, None), (500, None)):
        limiter.note_status(status, scope)
    assert limiter.invalid_requests == 3
    clock.now += 601
    assert limiter.invalid_requests == 0


def test_the_global_limit_is_per_bot_token():
    limiter = RateLimiter(Limits(global_per_second=2), clock=Clock())
    assert limiter.check_global("a").allowed and limiter.check_global("a").allowed
    refused = limiter.check_global("a")
    assert refused.body["global"] is True and refused.headers["X-RateLimit-Global"] == "true"
    assert limiter.check_global("b").allowed


def test_embeds_are_dropped_without_embed_links_and_nonces_expire():
    clock = Clock()
    state = seeded_state(clock=clock)
    state.deny_bot(Seed.GENERAL_ID, EMBED_LINKS)
    sent = state.send(
        Seed.GENERAL_ID, {"content": "x", "embeds": [{"title": "t"}], "nonce": "n", "enforce_nonce": True}
    )
    assert sent["embeds"] == []
    assert state.send(Seed.GENERAL_ID, {"content": "x", "nonce": "n", "enforce_nonce": True}) is sent
    clock.now += state.nonce_window + 1
    assert state.send(Seed.GENERAL_ID, {"content": "x", "nonce": "n", "enforce_nonce": True}) is not sent


def test_history_pages_newest_first_and_forum_rules():
    state = seeded_state()
    ids = [int(state.send(Seed.GENERAL_ID, {"content": str(n)})["id"]) for n in range(5)]
    assert [m["content"] for m in state.history(Seed.GENERAL_ID, limit=2)] == ["4", "3"]
    assert [m["content"] for m in state.history(Seed.GENERAL_ID, limit=2, before=ids[3])] == ["2", "1"]
    assert [m["content"] for m in state.history(Seed.GENERAL_ID, after=ids[2])] == ["4", "3"]
    with pytest.raises(ApiError) as caught:
        state.send(Seed.JOB_BOARD_ID, {"content": "a forum takes posts, not messages"})
    assert caught.value.code == 50008
    with pytest.raises(ApiError) as caught:
        state.start_forum_post(
            Seed.JOB_BOARD_ID, {"name": "x", "applied_tags": ["1"], "message": {"content": "x"}}
        )
    assert caught.value.code == 50035


@async_test
async def test_discord_py_pointed_at_restores_the_real_addresses():
    before = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    async with FakeDiscord() as fake:
        with discord_py_pointed_at(fake):
            assert Route("GET", "/users/@me").url == fake.api_base + "/users/@me"
            assert str(DiscordWebSocket.DEFAULT_GATEWAY) == fake.gateway_url
    assert before == (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
    assert before[0] == "https://discord.com/api/v10" and discord.__version__.startswith("2.")


def test_runs_as_a_process_and_prints_where_it_listens():
    command = [sys.executable, "-m", "handlers.fakes.discord_fake", "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        line = json.loads(process.stdout.readline())
        assert line["api_base"].startswith("http://127.0.0.1:") and line["api_base"].endswith("/api/v10")
        assert line["gateway_url"].startswith("ws://127.0.0.1:")
    finally:
        process.terminate()
        process.wait(timeout=10)
