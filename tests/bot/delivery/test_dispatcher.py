"""The dispatcher against a real SQLite outbox and a fake platform: receipts, limits, retries, pauses."""

import asyncio
from datetime import timedelta

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits, Rate
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.delivery.outbox import digest_key
from bot.models import Destination
from bot.store.deliveries import count_by_state, get_delivery
from bot.store.notices import list_notices
from bot.store.outbox import StoreOutbox
from bot.store.subscriptions import get_subscription
from tests.bot.delivery.conftest import (
    ANNA_DM,
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


def _postings(engine, count, prefix="acme"):
    return [store_posting(engine, f"greenhouse:{prefix}:{n}", title=f"Intern {n}").id for n in range(count)]


@async_test
async def test_a_card_is_sent_and_its_receipt_kept(engine, clock, notifier):
    (posting_id,) = _postings(engine, 1)
    sub = subscribe(engine, CHANNEL)
    row_id = queue(engine, CHANNEL, posting_id, sub)

    report = await make_dispatcher(engine, notifier, clock).run_once()

    assert (report.sent, report.messages, report.failed) == (1, 1, 0)
    (message,) = notifier.sent
    assert message.destination == CHANNEL
    assert message.key == f"jobbot-{row_id}"
    assert message.card.title == "Intern 0"
    assert message.card.query == "Paris + French"
    assert message.card.why == ("📍 Paris",)
    row = get_delivery(engine, row_id)
    assert (row.state, row.message_id, row.sent_at, row.attempts) == ("sent", message.message_id, T0, 1)


@async_test
async def test_each_receipt_is_written_before_the_next_send(engine, clock):
    ids = _postings(engine, 3)
    sub = subscribe(engine, CHANNEL)
    for posting_id in ids:
        queue(engine, CHANNEL, posting_id, sub)
    seen_before_each_send = []

    class Watching(FakeNotifier):
        async def send(self, destination, card, *, idempotency_key):
            seen_before_each_send.append(count_by_state(engine).get("sent", 0))
            return await super().send(destination, card, idempotency_key=idempotency_key)

    report = await make_dispatcher(engine, Watching(), clock).run_once()

    assert report.sent == 3
    assert seen_before_each_send == [0, 1, 2]


@async_test
async def test_a_channel_gets_its_burst_then_one_card_a_second(engine, clock, notifier):
    ids = _postings(engine, 5)
    sub = subscribe(engine, CHANNEL)
    for posting_id in ids:
        queue(engine, CHANNEL, posting_id, sub)
    limits = DeliveryLimits(per_destination={"slack": Rate(1.0, burst=3)}, pacing_margin_seconds=0.0)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=limits)

    first = await dispatcher.run_once()
    assert (first.sent, first.held) == (3, 0)  # the other two are not even claimed: no token for them
    assert count_by_state(engine) == {"sent": 3, "queued": 2}
    assert (await dispatcher.run_once()).sent == 0  # no time has passed: no token
    clock.advance(1)
    assert (await dispatcher.run_once()).sent == 1
    clock.advance(1)
    assert (await dispatcher.run_once()).sent == 1
    assert notifier.posting_ids(CHANNEL) == ids  # in order
    assert {get_delivery(engine, i).attempts for i in range(1, 6)} == {1}  # waiting is not an attempt


@async_test
async def test_a_workspace_limit_is_shared_by_its_channels_only(engine, clock, notifier):
    (posting_id,) = _postings(engine, 1)
    elsewhere = Destination("slack", "channel", "C0LYON", "T0OTHER")
    for destination in (
        CHANNEL,
        OTHER_CHANNEL,
        Destination("slack", "channel", "C0NICE", "T0ACME"),
        elsewhere,
    ):
        queue(engine, destination, posting_id, subscribe(engine, destination))
    limits = DeliveryLimits(per_workspace={"slack": Rate(1.0, burst=2)})

    report = await make_dispatcher(engine, notifier, clock, limits=limits).run_once()

    assert (report.sent, report.held) == (3, 1)
    assert notifier.to(elsewhere)  # another workspace has its own bucket


@async_test
async def test_a_429_holds_that_channel_only(engine, clock, notifier):
    ids = _postings(engine, 4)
    paris, berlin = subscribe(engine, CHANNEL), subscribe(engine, OTHER_CHANNEL)
    queue(engine, CHANNEL, ids[0], paris)
    queue(engine, OTHER_CHANNEL, ids[0], berlin)
    notifier.fail(CHANNEL, DeliveryError("rate_limited", "chat.postMessage: ratelimited", retry_after=30))
    dispatcher = make_dispatcher(engine, notifier, clock)

    report = await dispatcher.run_once()
    assert (report.sent, report.rate_limited) == (1, 1)
    assert notifier.posting_ids(OTHER_CHANNEL) == [ids[0]]

    # New cards for both: Berlin keeps flowing, Paris waits out its Retry-After even for new ones.
    clock.advance(2)
    queue(engine, CHANNEL, ids[1], paris, now=clock.now)
    queue(engine, OTHER_CHANNEL, ids[1], berlin, now=clock.now)
    assert (await dispatcher.run_once()).sent == 1
    assert notifier.posting_ids(OTHER_CHANNEL) == ids[:2]
    assert notifier.posting_ids(CHANNEL) == []

    clock.set(T0 + timedelta(seconds=30))
    assert (await dispatcher.run_once()).sent == 2
    assert notifier.posting_ids(CHANNEL) == ids[:2]
    assert get_delivery(engine, 1).attempts == 1  # the 429'd try is not counted against the card


@async_test
async def test_a_transient_failure_is_retried_with_backoff_then_sent(engine, clock, notifier):
    (posting_id,) = _postings(engine, 1)
    row_id = queue(engine, CHANNEL, posting_id, subscribe(engine, CHANNEL))
    notifier.fail(
        CHANNEL, DeliveryError("transient", "chat.postMessage: internal_error", code="internal_error")
    )
    dispatcher = make_dispatcher(engine, notifier, clock)

    report = await dispatcher.run_once()
    assert (report.sent, report.retried) == (0, 1)
    row = get_delivery(engine, row_id)
    assert row.state == "queued"
    assert "internal_error" in row.error
    assert T0 + timedelta(seconds=30) <= row.next_attempt_at <= T0 + timedelta(seconds=45)

    clock.advance(10)
    assert (await dispatcher.run_once()).sent == 0  # not before its time
    clock.set(row.next_attempt_at)
    assert (await dispatcher.run_once()).sent == 1
    row = get_delivery(engine, row_id)
    assert (row.state, row.attempts, row.error) == ("sent", 2, None)
    assert len(notifier.sent) == 1


@async_test
async def test_a_card_that_keeps_failing_is_given_up_after_max_attempts(engine, clock, notifier):
    (posting_id,) = _postings(engine, 1)
    row_id = queue(engine, CHANNEL, posting_id, subscribe(engine, CHANNEL))
    notifier.fail(CHANNEL, DeliveryError("transient", "msg_too_long", code="msg_too_long"), times=None)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(max_attempts=3))

    reports = []
    for _ in range(3):
        reports.append(await dispatcher.run_once())
        clock.set(get_delivery(engine, row_id).next_attempt_at)

    assert [(r.retried, r.failed) for r in reports] == [(1, 0), (1, 0), (0, 1)]
    row = get_delivery(engine, row_id)
    assert (row.state, row.attempts) == ("failed", 3)
    assert len(notifier.attempts) == 3
    assert get_subscription(engine, 1).paused is False  # a bad card never pauses a channel


@async_test
async def test_a_destination_that_cannot_receive_is_paused_its_owner_told_and_others_delivered(
    engine, clock, notifier
):
    ids = _postings(engine, 3)
    paris_subs = [subscribe(engine, CHANNEL), subscribe(engine, CHANNEL, "Paris + intern")]
    berlin = subscribe(engine, OTHER_CHANNEL)
    for posting_id in ids:
        queue(engine, CHANNEL, posting_id, paris_subs[0])
    queue(engine, OTHER_CHANNEL, ids[0], berlin)
    gone = DeliveryError("permanent", "chat.postMessage: channel_not_found", code="channel_not_found")
    notifier.fail(CHANNEL, gone, times=None)
    told = []

    def tell_owner(destination, error):
        told.append((destination, error.code))
        return f"cannot post to {destination.target}"

    dispatcher = make_dispatcher(engine, notifier, clock, paused_notice=tell_owner)
    report = await dispatcher.run_once()

    assert (report.paused, report.failed, report.sent) == (1, 3, 1)
    assert told == [(CHANNEL, "channel_not_found")]
    assert all(get_subscription(engine, s.id).paused for s in paris_subs)
    assert not get_subscription(engine, berlin.id).paused
    assert count_by_state(engine, destination_key=CHANNEL.key) == {"failed": 3}
    assert notifier.posting_ids(OTHER_CHANNEL) == [ids[0]]
    assert len(notifier.attempts) == 2  # one try at the dead channel, not one per card
    # One notice to the owner of both paused subscriptions, queued with the pause and sent after it.
    assert (await dispatcher.run_once()).notices == 1
    assert notifier.notices == [(Destination("slack", "dm", "U0OWNER", "T0ACME"), "cannot post to C0PARIS")]


@async_test
async def test_a_notice_that_cannot_be_written_does_not_stop_the_pause_or_delivery(engine, clock, notifier):
    ids = _postings(engine, 1)
    queue(engine, ANNA_DM, ids[0], subscribe(engine, ANNA_DM))
    queue(engine, CHANNEL, ids[0], subscribe(engine, CHANNEL))
    notifier.fail(ANNA_DM, DeliveryError("permanent", "cannot_dm_bot", code="cannot_dm_bot"))

    def broken(destination, error):
        raise RuntimeError("the words failed")

    report = await make_dispatcher(engine, notifier, clock, paused_notice=broken).run_once()
    assert (report.paused, report.sent) == (1, 1)
    assert list_notices(engine) == []


@async_test
async def test_a_burst_for_one_destination_becomes_one_digest(engine, clock, notifier):
    ids = _postings(engine, 7)
    sub = subscribe(engine, CHANNEL)
    row_ids = [queue(engine, CHANNEL, posting_id, sub) for posting_id in ids]
    queue(engine, OTHER_CHANNEL, ids[0], subscribe(engine, OTHER_CHANNEL))
    limits = DeliveryLimits(burst_digest_threshold=5, digest_max_cards=4)

    report = await make_dispatcher(engine, notifier, clock, limits=limits).run_once()

    assert (report.sent, report.messages) == (8, 2)
    (digest,) = notifier.to(CHANNEL)
    assert isinstance(digest.card, DigestCard)
    assert digest.card.title == "7 new postings for `Paris + French`"
    assert [c.posting_id for c in digest.card.cards] == ids[:4]
    assert digest.card.more == 3
    assert digest.key == digest_key(row_ids)
    assert {get_delivery(engine, i).message_id for i in row_ids} == {digest.message_id}
    assert not isinstance(notifier.to(OTHER_CHANNEL)[0].card, DigestCard)


@async_test
async def test_an_unexpected_notifier_error_is_treated_as_maybe_sent(engine, clock):
    (posting_id,) = _postings(engine, 1)
    row_id = queue(engine, CHANNEL, posting_id, subscribe(engine, CHANNEL))

    class Buggy(FakeNotifier):
        async def send(self, destination, card, *, idempotency_key):
            raise KeyError("ts")

    report = await make_dispatcher(engine, Buggy(), clock).run_once()
    assert (report.sent, report.failed) == (0, 0)
    row = get_delivery(engine, row_id)
    assert row.state == "unknown"  # checked with find_sent before any resend
    assert row.next_attempt_at == T0 + timedelta(seconds=30)


@async_test
async def test_rows_for_a_platform_without_a_notifier_wait(engine, clock, notifier):
    (posting_id,) = _postings(engine, 1)
    discord = Destination("discord", "channel", "123", "456")
    row_id = queue(engine, discord, posting_id, subscribe(engine, discord))
    report = await make_dispatcher(engine, notifier, clock).run_once()
    assert report.sent == 0
    assert get_delivery(engine, row_id).state == "queued"


@async_test
async def test_run_keeps_passing_until_stopped(engine, clock):
    ids = _postings(engine, 2)
    sub = subscribe(engine, CHANNEL)
    queue(engine, CHANNEL, ids[0], sub)
    stop = asyncio.Event()

    class StopAfterTwo(FakeNotifier):
        async def send(self, destination, card, *, idempotency_key):
            message_id = await super().send(destination, card, idempotency_key=idempotency_key)
            if len(self.sent) == 1:
                queue(engine, CHANNEL, ids[1], sub, now=clock.now)  # arrives while the loop runs
                dispatcher.wake()
            else:
                stop.set()
            return message_id

    notifier = StopAfterTwo()
    dispatcher = Dispatcher(StoreOutbox(engine), {"slack": notifier}, clock=clock)
    await asyncio.wait_for(dispatcher.run(stop, idle_seconds=0.01), timeout=5)
    assert notifier.posting_ids(CHANNEL) == ids
