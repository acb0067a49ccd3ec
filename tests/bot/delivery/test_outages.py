"""A platform outage (or its refusing the bot's token) through the dispatcher: every card, edit, notice and
card in doubt waits it out, with no attempt counted, however many passes it lasts; nothing is given up.
The outage holds its whole scope (a Slack workspace, the Discord bot): one probe a minute, not one request
per waiting destination; once the probe is answered the rest resume."""

from datetime import timedelta

import pytest

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError
from bot.delivery.pacing import Pacer
from bot.models import Destination
from bot.store.card_edits import enqueue_edits, list_edits
from bot.store.deliveries import get_delivery
from bot.store.notices import list_notices, queue_notice
from bot.store.postings import mark_closed
from tests.bot.delivery.conftest import (
    CHANNEL,
    OTHER_CHANNEL,
    T0,
    make_dispatcher,
    queue,
    store_posting,
    subscribe,
)
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeNotifier

DOWN = DeliveryError("unavailable", "chat.postMessage: service_unavailable", code="service_unavailable")
LIMITS = DeliveryLimits(max_attempts=2)
ELSEWHERE = Destination("slack", "channel", "C0LYON", "T0OTHER")  # another workspace, its own token


@async_test
async def test_cards_wait_out_an_outage_longer_than_max_attempts_and_go_once_it_ends(engine, clock, notifier):
    row = queue(engine, CHANNEL, store_posting(engine, "greenhouse:acme:1").id, subscribe(engine, CHANNEL))
    fine = queue(
        engine, ELSEWHERE, store_posting(engine, "greenhouse:acme:2").id, subscribe(engine, ELSEWHERE)
    )
    notifier.fail(CHANNEL, DOWN, times=LIMITS.max_attempts * 3)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=LIMITS)
    for _ in range(LIMITS.max_attempts * 3):
        report = await dispatcher.run_once()
        assert (report.unavailable, report.failed, report.paused) == (1, 0, 0)
        record = get_delivery(engine, row)
        assert (record.state, record.attempts) == ("queued", 0)
        assert record.next_attempt_at == clock() + timedelta(seconds=LIMITS.unavailable_seconds)
        clock.set(record.next_attempt_at)
    assert get_delivery(engine, fine).state == "sent"  # another workspace was not held up
    assert (await dispatcher.run_once()).sent == 1
    assert get_delivery(engine, row).state == "sent"


@async_test
async def test_a_refused_token_holds_for_the_time_the_notifier_names(engine, clock, notifier):
    row = queue(engine, CHANNEL, store_posting(engine, "greenhouse:acme:1").id, subscribe(engine, CHANNEL))
    refused = DeliveryError(
        "unavailable", "chat.postMessage: token_revoked", code="token_revoked", retry_after=600
    )
    notifier.fail(CHANNEL, refused)
    await make_dispatcher(engine, notifier, clock, limits=LIMITS).run_once()
    record = get_delivery(engine, row)
    assert (record.state, record.attempts, record.next_attempt_at) == (
        "queued",
        0,
        T0 + timedelta(seconds=600),
    )


@async_test
async def test_edits_and_owner_notices_wait_out_an_outage_too(engine, clock, notifier):
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    dispatcher = make_dispatcher(engine, notifier, clock, limits=LIMITS)
    assert (await dispatcher.run_once()).sent == 1
    with engine.begin() as conn:
        mark_closed(conn, [posting.id], now=clock.now)
        enqueue_edits(conn, [posting.id], reason="closed", now=clock.now)
    queue_notice(engine, OTHER_CHANNEL, about="source:feed:a", text="Source `feed:a` fails.", now=T0)
    notifier.down = DOWN
    for _ in range(LIMITS.max_attempts * 2):
        report = await dispatcher.run_once()
        assert (report.edits_failed, report.notices_failed) == (0, 0)
        assert [e.state for e in list_edits(engine)] == ["queued"]
        assert [n.state for n in list_notices(engine)] == ["queued"]
        clock.advance(LIMITS.unavailable_seconds)
    notifier.down = None
    probe = await dispatcher.run_once()  # one of them probes; once it is answered, the other goes
    rest = await dispatcher.run_once()
    assert probe.edited + probe.notices == 1
    assert (probe.edited + rest.edited, probe.notices + rest.notices) == (1, 1)


@async_test
async def test_a_card_in_doubt_is_looked_for_again_a_minute_later_while_the_platform_is_down(
    engine, clock, notifier
):
    row = queue(engine, CHANNEL, store_posting(engine, "greenhouse:acme:1").id, subscribe(engine, CHANNEL))
    notifier.fail(CHANNEL, DeliveryError("unknown", "timeout"), after_sending=True)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=LIMITS)
    await dispatcher.run_once()
    notifier.fail_find_sent(CHANNEL, DOWN, times=3)
    for _ in range(3):
        clock.set(get_delivery(engine, row).next_attempt_at)
        await dispatcher.run_once()
        record = get_delivery(engine, row)
        assert record.state == "unknown" and record.next_attempt_at == clock() + timedelta(seconds=60)
    clock.set(get_delivery(engine, row).next_attempt_at)
    await dispatcher.run_once()
    assert get_delivery(engine, row).state == "sent" and len(notifier.sent) == 1  # found, not posted twice


def _cards(engine, destinations):
    return [
        queue(engine, where, store_posting(engine, f"greenhouse:acme:{n}").id, subscribe(engine, where))
        for n, where in enumerate(destinations)
    ]


@async_test
async def test_an_outage_holds_the_whole_workspace_and_probes_once_a_minute_not_once_per_channel(
    engine, clock, notifier
):
    channels = [Destination("slack", "channel", f"C0{n:03d}", "T0ACME") for n in range(30)]
    rows = _cards(engine, channels)
    notifier.down = DOWN
    dispatcher = make_dispatcher(engine, notifier, clock, limits=LIMITS)
    await dispatcher.run_once()
    assert len(notifier.attempts) == 1  # the first refusal holds the workspace: nobody else tries
    for _ in range(4):  # four minutes of outage
        for _ in range(5):  # passes within the minute ask nothing of the platform
            clock.advance(LIMITS.unavailable_seconds / 6)
            tried = len(notifier.attempts)
            assert (await dispatcher.run_once()).unavailable == 0
            assert len(notifier.attempts) == tried
        clock.advance(LIMITS.unavailable_seconds / 6)
        tried = len(notifier.attempts)
        report = await dispatcher.run_once()
        assert len(notifier.attempts) == tried + 1 and report.unavailable == 1  # one probe, after the wait
    assert all(
        (get_delivery(engine, r).state, get_delivery(engine, r).attempts) == ("queued", 0) for r in rows
    )

    notifier.down = None  # back
    clock.advance(LIMITS.unavailable_seconds)
    probe = await dispatcher.run_once()
    assert probe.sent == 1  # the probe went; the others wait for its answer
    rest = await dispatcher.run_once()  # then they all resume, each on its own pace
    assert rest.sent == len(channels) - 1
    assert all(get_delivery(engine, r).state == "sent" for r in rows)
    assert len(notifier.sent) == len(channels)


@async_test
async def test_a_discord_outage_holds_every_guild_of_the_bot_and_a_429_holds_only_its_channel(engine, clock):
    discord = FakeNotifier(platform="discord")
    guilds = [Destination("discord", "channel", f"{n}00", f"{n}") for n in range(1, 4)]
    rows = _cards(engine, guilds)
    discord.down = DeliveryError("unavailable", "Discord answered 503", code="503")
    dispatcher = make_dispatcher(engine, discord, clock, limits=LIMITS)
    await dispatcher.run_once()
    assert len(discord.attempts) == 1  # one bot token: one outage for all its guilds
    assert [get_delivery(engine, r).state for r in rows] == ["queued"] * 3

    discord.down = None
    discord.fail(guilds[0], DeliveryError("rate_limited", "429", retry_after=300))
    discord.fail(guilds[1], DeliveryError("rate_limited", "429", retry_after=300))
    discord.fail(guilds[2], DeliveryError("rate_limited", "429", retry_after=300))
    clock.advance(LIMITS.unavailable_seconds)
    first = await dispatcher.run_once()  # the probe meets a 429: Discord answered, so the hold is over
    assert (first.rate_limited, first.unavailable) == (1, 0)
    second = await dispatcher.run_once()  # the other guilds go at once; each 429 holds its own channel only
    assert second.rate_limited == 2
    assert len(discord.attempts) == 4


def test_a_probe_chosen_but_never_sent_lets_another_destination_probe():
    pacer = Pacer(LIMITS)
    first, second = CHANNEL, OTHER_CHANNEL
    pacer.hold_scope(first, T0 + timedelta(seconds=60))
    assert pacer.held_until(second, T0 + timedelta(seconds=30), probe=True) == T0 + timedelta(seconds=60)
    after = T0 + timedelta(seconds=61)
    assert pacer.held_until(first, after, probe=True) is None  # the prober
    assert pacer.held_until(second, after, probe=True) is not None  # waits for the probe's answer
    pacer.free_idle_probes(busy=[])  # the prober had nothing to send after all
    assert pacer.held_until(second, after, probe=True) is None  # so another probes
    assert pacer.held_until(ELSEWHERE, after, probe=True) is None  # another workspace was never held
    pacer.probe_unanswered(second, after)  # the probe timed out: the workspace waits again
    assert pacer.held_until(first, after, probe=True) == after + timedelta(seconds=LIMITS.unavailable_seconds)
    assert pacer.answered(first) and pacer.held_until(second, after) is None


def test_a_destination_waiting_out_its_own_429_is_not_made_the_probe():
    pacer = Pacer(LIMITS)
    pacer.hold_scope(CHANNEL, T0 + timedelta(seconds=60))
    pacer.block(CHANNEL, T0 + timedelta(seconds=300))  # its own Retry-After
    after = T0 + timedelta(seconds=61)
    assert pacer.wait(CHANNEL, after) == pytest.approx(239)
    assert pacer.wait(OTHER_CHANNEL, after) == 0  # so another one probes now, not in four minutes
