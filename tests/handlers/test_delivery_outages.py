"""Outages and refused tokens, end to end: the real dispatcher and outbox, the real slack_sdk and discord.py
clients, the fake Slack and fake Discord on 127.0.0.1. No card is lost to an outage however long it lasts,
nor to a revoked token; other destinations keep getting theirs; a long Retry-After never holds a sender.
"""

from __future__ import annotations

import logging
import random
import time
from datetime import timedelta

import pytest

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError
from bot.models import Destination
from bot.store.deliveries import get_delivery
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.subscriptions import get_subscription
from handlers.fakes import FakeDiscord, Seed
from handlers.fakes import Fault as DiscordFault
from handlers.slack_notifier import SlackNotifier, make_client
from tests.bot.delivery.conftest import T0, FakeClock, queue, store_posting, subscribe
from tests.fakes.discord_py import notifier_logged_in
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeNotifier
from tests.fakes.slack_api import FakeSlackApi, Fault
from tests.fakes.tcp_proxy import TcpProxy

TOKEN = "xoxb-outage-test-secret"
SLACK_CHANNEL = Destination("slack", "channel", "C100", "T1")
SLACK_OTHER = Destination("slack", "channel", "C200", "T1")
DISCORD_CHANNEL = Destination("discord", "channel", str(Seed.PARIS_JOBS_ID), str(Seed.GUILD_ID))
LIMITS = DeliveryLimits(max_attempts=3)  # an outage must outlast this many tries without a card given up


@pytest.fixture
def engine(tmp_path):
    engine = open_store(f"sqlite:///{tmp_path / 'outages.sqlite3'}")
    yield engine
    engine.dispose()


def dispatcher(engine, clock, *notifiers) -> Dispatcher:
    return Dispatcher(
        StoreOutbox(engine),
        {notifier.platform: notifier for notifier in notifiers},
        limits=LIMITS,
        clock=clock,
        rng=random.Random(7),
    )


def card_for(engine, destination, number=1) -> int:
    posting = store_posting(engine, f"greenhouse:acme:{destination.target}:{number}")
    return queue(engine, destination, posting.id, subscribe(engine, destination))


@async_test
async def test_a_revoked_slack_token_keeps_the_cards_says_so_and_other_destinations_deliver(engine, caplog):
    clock = FakeClock()
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = SlackNotifier(make_client(TOKEN, fake.api_url))
        elsewhere = FakeNotifier(platform="discord")
        waiting = [card_for(engine, SLACK_CHANNEL), card_for(engine, SLACK_OTHER)]
        delivered = card_for(engine, DISCORD_CHANNEL)
        fake.tokens.discard(TOKEN)  # the app's token was revoked (or reset) in Slack
        fake.revoked.add(TOKEN)
        sending = dispatcher(engine, clock, slack, elsewhere)

        with caplog.at_level(logging.WARNING):
            for _ in range(LIMITS.max_attempts + 3):
                await sending.run_once()
                clock.advance(600)
        assert get_delivery(engine, delivered).state == "sent"  # Discord's card went at once
        for row_id in waiting:
            row = get_delivery(engine, row_id)
            assert (row.state, row.attempts) == ("queued", 0)  # kept, no attempt counted
            assert "token_revoked" in row.error
        assert all(not get_subscription(engine, n).paused for n in (1, 2))
        said = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
        assert said and all("SLACK_BOT_TOKEN" in line and "token_revoked" in line for line in said)
        assert len(said) == 1  # once a minute at most per workspace, not once per card
        assert TOKEN not in caplog.text
        held = [r for r in caplog.records if r.getMessage().startswith("platform unavailable")]
        assert held and all(r.retry_after == 600 for r in held)

        fake.tokens.add(TOKEN)  # SLACK_BOT_TOKEN fixed
        clock.advance(600)
        assert (await sending.run_once()).sent == 1  # one probe for the workspace first
        assert (await sending.run_once()).sent == 1  # then the rest, once Slack took it
        assert [get_delivery(engine, row_id).state for row_id in waiting] == ["sent", "sent"]
        assert len(fake.workspace.messages("C100")) == len(fake.workspace.messages("C200")) == 1


@async_test
async def test_a_slack_outage_is_waited_out_a_minute_at_a_time_for_as_long_as_it_lasts(engine):
    clock = FakeClock()
    async with FakeSlackApi(token=TOKEN) as fake, TcpProxy("127.0.0.1", fake.port) as proxy:
        slack = SlackNotifier(make_client(TOKEN, f"http://127.0.0.1:{proxy.port}/api/", timeout=3))
        row_id = card_for(engine, SLACK_CHANNEL)
        sending = dispatcher(engine, clock, slack)
        await proxy.stop()  # Slack unreachable: connections refused
        for _ in range(LIMITS.max_attempts + 1):
            report = await sending.run_once()
            assert (report.unavailable, report.failed) == (1, 0)
            row = get_delivery(engine, row_id)
            assert (row.state, row.attempts) == ("queued", 0)
            assert row.next_attempt_at == clock() + timedelta(seconds=60)
            clock.set(row.next_attempt_at)
        await proxy.start()
        faults = [Fault(error="bad_gateway", status=502), Fault(error="service_unavailable", status=503),
                  Fault(error="gateway_timeout", status=504)]  # fmt: skip
        for fault in faults:  # back, but overloaded
            fake.fail_next("chat.postMessage", fault)
            assert (await sending.run_once()).unavailable == 1
            clock.set(get_delivery(engine, row_id).next_attempt_at)
        assert (await sending.run_once()).sent == 1
        row = get_delivery(engine, row_id)
        assert (row.state, row.attempts) == ("sent", 1)
        assert len(fake.workspace.messages("C100")) == 1  # once, after all that


@async_test
async def test_a_message_problem_is_still_given_up_after_max_attempts(engine):
    clock = FakeClock()
    async with FakeSlackApi(token=TOKEN) as fake:
        row_id = card_for(engine, SLACK_CHANNEL)
        sending = dispatcher(engine, clock, SlackNotifier(make_client(TOKEN, fake.api_url)))
        fake.fail_next("chat.postMessage", Fault(error="invalid_blocks"), times=LIMITS.max_attempts)
        for _ in range(LIMITS.max_attempts):
            await sending.run_once()
            clock.set(get_delivery(engine, row_id).next_attempt_at)
        assert get_delivery(engine, row_id).state == "failed"  # about this card: no outage to wait out


@async_test
async def test_a_long_discord_retry_after_comes_back_at_once_as_rate_limited():
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        path = f"/channels/{Seed.PARIS_JOBS_ID}/messages"
        fake.fail_next("POST", path, DiscordFault(retry_after=120.0, scope="user"))
        started = time.monotonic()
        with pytest.raises(DeliveryError) as caught:
            await notifier.send(DISCORD_CHANNEL, card(), idempotency_key="jobbot-long-wait")
        assert time.monotonic() - started < 10  # not slept out inside discord.py
        assert caught.value.kind == "rate_limited" and caught.value.retry_after == pytest.approx(120, abs=1)
        assert fake.messages_in(Seed.PARIS_JOBS_ID) == []


@async_test
async def test_through_the_dispatcher_a_long_retry_after_holds_that_channel_and_the_outbox_retries_later(
    engine,
):
    clock = FakeClock()
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        long_wait = card_for(engine, DISCORD_CHANNEL)
        other = Destination("discord", "channel", str(Seed.GENERAL_ID), str(Seed.GUILD_ID))
        fine = card_for(engine, other)
        fake.fail_next("POST", f"/channels/{Seed.PARIS_JOBS_ID}/messages", DiscordFault(retry_after=300.0))
        started = time.monotonic()
        await dispatcher(engine, clock, notifier).run_once()
        assert time.monotonic() - started < 15
        row = get_delivery(engine, long_wait)
        assert (row.state, row.attempts) == ("queued", 0)
        assert T0 + timedelta(seconds=299) <= row.next_attempt_at <= T0 + timedelta(seconds=301)
        assert get_delivery(engine, fine).state == "sent"  # the other channel was not held up


@async_test
async def test_a_discord_outage_never_gives_a_card_up(engine):
    clock = FakeClock()
    async with FakeDiscord() as fake, notifier_logged_in(fake) as notifier:
        row_id = card_for(engine, DISCORD_CHANNEL)
        path = f"/channels/{Seed.PARIS_JOBS_ID}/messages"
        fake.fail_next("POST", path, DiscordFault(status=503, message="Service Unavailable"), times=5)
        sending = dispatcher(engine, clock, notifier)
        for _ in range(5):
            assert (await sending.run_once()).unavailable == 1
            row = get_delivery(engine, row_id)
            assert (row.state, row.attempts) == ("queued", 0)
            clock.set(row.next_attempt_at)
        assert (await sending.run_once()).sent == 1
        assert len(fake.messages_in(Seed.PARIS_JOBS_ID)) == 1


def card():
    from bot.cards import Card

    return Card(
        posting_id="greenhouse:acme:9",
        title="Data Intern",
        url="https://jobs.example.com/9",
        company="Acme",
        locations=("Paris, FR",),
        workplace=None,
        employment="Internship",
        start=None,
        required_languages=(),
        preferred_languages=(),
        job_code=None,
        why=("📍 Paris",),
        query="Paris",
        source="greenhouse:acme",
    )


@async_test
async def test_forty_slack_channels_in_an_outage_make_one_request_a_minute_not_forty(engine):
    clock = FakeClock()
    channels = [Destination("slack", "channel", f"C{n:03d}", "T1") for n in range(40)]
    async with FakeSlackApi(token=TOKEN) as fake:
        rows = [card_for(engine, channel) for channel in channels]
        sending = dispatcher(engine, clock, SlackNotifier(make_client(TOKEN, fake.api_url)))
        down = Fault(error="service_unavailable", status=503)
        fake.fail_next("chat.postMessage", down, times=len(channels) + 4)
        await sending.run_once()  # the outage is met: sends already on their way fail with it
        onset = len(fake.calls_to("chat.postMessage"))
        assert 1 <= onset <= len(channels)
        minutes = 0
        while not fake.posts():
            before = len(fake.calls_to("chat.postMessage"))
            for _ in range(3):  # more passes within the minute ask Slack nothing
                clock.advance(15)
                await sending.run_once()
            assert len(fake.calls_to("chat.postMessage")) == before
            clock.advance(16)
            await sending.run_once()
            assert len(fake.calls_to("chat.postMessage")) == before + 1  # one probe for the workspace
            minutes += 1
            assert minutes <= len(channels) + 4
        assert minutes == len(channels) + 4 - onset + 1  # every fault, one a minute, then the probe that went
        await sending.run_once()  # the probe was taken: every other channel resumes at once
        assert len(fake.posts()) == len(channels)
        for row_id in rows:
            row = get_delivery(engine, row_id)
            assert (row.state, row.attempts) == ("sent", 1)
