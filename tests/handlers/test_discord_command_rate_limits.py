"""A long Discord rate limit on a slash command's path, through the real discord.py client and the fake
Discord on 127.0.0.1: the person gets a short "try again in about N minutes" instead of a hung "thinking…"
or a generic apology, the log says it as a warning (no traceback), and the bot answers the next command."""

from __future__ import annotations

import asyncio
import logging
import time

import discord
import pytest

from handlers import discord_replies
from handlers.fakes import Fault, Seed
from tests.bot.commands.conftest import make_service
from tests.fakes.http_server import async_test
from tests.handlers.discord_app_harness import answered, running_jobbot, shown


class GatedService:
    """The real command service, whose answers wait for the test (or raise what it says)."""

    def __init__(self, service) -> None:
        self._service = service
        self.gate = asyncio.Event()
        self.raises: BaseException | None = None

    def __getattr__(self, name):
        return getattr(self._service, name)

    async def handle(self, caller, command):
        await self.gate.wait()
        if self.raises is not None:
            raised, self.raises = self.raises, None
            raise raised
        return await self._service.handle(caller, command)


@pytest.fixture
def gated(stocked):
    return GatedService(make_service(stocked))


@pytest.fixture(autouse=True)
def short_reply_wait(monkeypatch):
    monkeypatch.setattr(discord_replies, "REPLY_WAIT_SECONDS", 1.0)  # the real one is 30 s


async def _deferred(fake, record):
    await fake.wait_until(lambda: record.callbacks)
    return f"/webhooks/{fake.state.application['id']}/{record.token}"


def _errors(caplog):
    return [r for r in caplog.records if r.levelno >= logging.ERROR]


@async_test
async def test_a_long_429_on_the_answer_tells_the_person_to_try_again_and_the_bot_goes_on(gated, caplog):
    async with running_jobbot(gated) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "Paris"}, user=Seed.BOB_ID)
        followups = await _deferred(fake, record)
        fake.fail_next("POST", followups, Fault(retry_after=120.0, scope="user"))
        started = time.monotonic()
        with caplog.at_level(logging.WARNING):
            gated.gate.set()
            message = await answered(fake, record)
        assert time.monotonic() - started < 5  # not the 120 s discord.py would sleep on its own
        assert "slow down" in shown(message) and "try again in about a minute" in shown(message)
        assert not _errors(caplog)
        warned = [r for r in caplog.records if r.getMessage().startswith("discord asked jobbot to slow down")]
        assert warned and warned[0].listener == "jobs"

        again = await answered(fake, await fake.slash("jobs", "help", {}, user=Seed.BOB_ID))
        assert "slow down" not in shown(again)  # the bot is still there, answering as usual


@async_test
async def test_a_rate_limited_error_from_the_shared_client_is_answered_with_the_wait(gated, caplog):
    async with running_jobbot(gated) as (fake, _):
        gated.raises = discord.RateLimited(300.0)  # past max_ratelimit_timeout, discord.py raises this
        gated.gate.set()
        with caplog.at_level(logging.WARNING):
            message = await answered(fake, await fake.slash("jobs", "list", {}, user=Seed.BOB_ID))
        assert "try again in about 5 minutes" in shown(message)
        assert not _errors(caplog)


@async_test
async def test_when_discord_refuses_the_apology_too_it_is_logged_and_the_bot_keeps_answering(gated, caplog):
    async with running_jobbot(gated) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "Paris"}, user=Seed.BOB_ID)
        followups = await _deferred(fake, record)
        fake.fail_next("POST", followups, Fault(retry_after=120.0, scope="user"), times=2)
        with caplog.at_level(logging.WARNING):
            gated.gate.set()
            await fake.wait_until(
                lambda: any(r.getMessage() == "could not send the apology" for r in caplog.records)
            )
        assert not record.followups and not (record.original or {}).get("content")
        assert not _errors(caplog)
        again = await answered(fake, await fake.slash("jobs", "help", {}, user=Seed.BOB_ID))
        assert "/jobs" in shown(again)


@async_test
async def test_a_timeout_of_jobbot_s_own_is_still_the_plain_apology(gated, caplog):
    async with running_jobbot(gated) as (fake, _):
        gated.raises = TimeoutError()  # e.g. the store did not answer: no rate limit of Discord's
        gated.gate.set()
        with caplog.at_level(logging.WARNING):
            message = await answered(fake, await fake.slash("jobs", "list", {}, user=Seed.BOB_ID))
        assert "something went wrong on my side" in shown(message) and "slow down" not in shown(message)
        assert _errors(caplog)  # jobbot's own failure is an error, with its traceback
