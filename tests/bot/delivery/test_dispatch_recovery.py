"""Cards in doubt (a timeout after sending, a sender killed mid-send) are checked, never blindly resent."""

import asyncio
from datetime import timedelta

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.delivery.outbox import DIGEST_NOTE
from bot.store.deliveries import claim_due, count_by_state, get_delivery
from bot.store.outbox import StoreOutbox
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
from tests.fakes.notifier import SentMessage

TIMEOUT = DeliveryError("unknown", "chat.postMessage: no answer from Slack (TimeoutError)")


def _one_row(engine, destination=CHANNEL):
    posting = store_posting(engine, "greenhouse:acme:1")
    return posting.id, queue(engine, destination, posting.id, subscribe(engine, destination))


@async_test
async def test_a_card_the_platform_got_before_the_timeout_is_found_not_resent(engine, clock, notifier):
    _, row_id = _one_row(engine)
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    dispatcher = make_dispatcher(engine, notifier, clock)

    first = await dispatcher.run_once()
    assert first.sent == 0
    assert get_delivery(engine, row_id).state == "unknown"

    clock.advance(30)
    report = await dispatcher.run_once()
    assert (report.recovered, report.duplicates_avoided, report.sent) == (1, 1, 0)
    (message,) = notifier.sent
    assert notifier.lookups == [(CHANNEL, f"jobbot-{row_id}")]
    row = get_delivery(engine, row_id)
    assert (row.state, row.message_id) == ("sent", message.message_id)
    assert len(notifier.attempts) == 1


@async_test
async def test_a_card_that_never_arrived_is_sent_again_once(engine, clock, notifier):
    _, row_id = _one_row(engine)
    notifier.fail(CHANNEL, TIMEOUT)  # the request never reached the platform
    dispatcher = make_dispatcher(engine, notifier, clock)

    await dispatcher.run_once()
    clock.advance(29)
    assert (await dispatcher.run_once()).sent == 0  # the recheck is not due yet
    clock.advance(1)
    report = await dispatcher.run_once()
    assert (report.recovered, report.sent) == (0, 1)
    assert len(notifier.sent) == 1
    assert len(notifier.attempts) == 2
    assert get_delivery(engine, row_id).state == "sent"
    clock.advance(600)
    assert (await dispatcher.run_once()).sent == 0


@async_test
async def test_after_a_crash_each_card_in_flight_arrives_exactly_once(engine, clock, notifier):
    postings = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(2)]
    sub = subscribe(engine, CHANNEL)
    ids = [queue(engine, CHANNEL, posting_id, sub) for posting_id in postings]
    # A dispatcher claimed both, posted the first, and was killed before writing its receipt.
    claim_due(engine, now=T0)
    notifier.sent.append(SentMessage(CHANNEL, "card", f"jobbot-{ids[0]}", "1699999999.000001"))
    dispatcher = make_dispatcher(engine, notifier, clock)

    assert (await dispatcher.run_once()).sent == 0  # still leased to the dead sender
    clock.advance(5 * 60)  # the store's default lease
    report = await dispatcher.run_once()

    assert (report.recovered, report.sent) == (1, 1)
    assert get_delivery(engine, ids[0]).message_id == "1699999999.000001"
    assert [m.key for m in notifier.sent] == [f"jobbot-{ids[0]}", f"jobbot-{ids[1]}"]
    assert count_by_state(engine) == {"sent": 2}


@async_test
async def test_a_digest_in_doubt_is_checked_under_its_one_key(engine, clock, notifier):
    postings = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(7)]
    sub = subscribe(engine, CHANNEL)
    ids = [queue(engine, CHANNEL, posting_id, sub) for posting_id in postings]
    # Killed after the digest reached Slack, before any receipt: every row carries the digest's key.
    claimed = claim_due(engine, now=T0)
    StoreOutbox(engine).note_in_flight([r.id for r in claimed], note=DIGEST_NOTE + f"jobbot-{ids[0]}")
    notifier.sent.append(
        SentMessage(CHANNEL, DigestCard("7 new", ()), f"jobbot-{ids[0]}", "1699999999.000007")
    )

    clock.advance(5 * 60)
    report = await make_dispatcher(engine, notifier, clock).run_once()

    assert (report.recovered, report.sent) == (7, 0)
    assert notifier.lookups == [(CHANNEL, f"jobbot-{ids[0]}")]  # one question for the whole digest
    assert {get_delivery(engine, i).message_id for i in ids} == {"1699999999.000007"}
    assert len(notifier.sent) == 1


@async_test
async def test_a_digest_whose_answer_was_lost_is_found_too(engine, clock, notifier):
    postings = [store_posting(engine, f"greenhouse:acme:{n}").id for n in range(6)]
    sub = subscribe(engine, CHANNEL)
    ids = [queue(engine, CHANNEL, posting_id, sub) for posting_id in postings]
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    dispatcher = make_dispatcher(engine, notifier, clock)

    await dispatcher.run_once()
    clock.advance(30)
    report = await dispatcher.run_once()

    assert report.recovered == 6
    assert len(notifier.sent) == 1
    assert {get_delivery(engine, i).state for i in ids} == {"sent"}


@async_test
async def test_when_the_platform_cannot_say_the_card_stays_in_doubt(engine, clock, notifier):
    _, row_id = _one_row(engine)
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    notifier.fail_find_sent(CHANNEL, DeliveryError("rate_limited", "conversations.history", retry_after=20))
    queue(
        engine,
        OTHER_CHANNEL,
        "greenhouse:acme:1",
        subscribe(engine, OTHER_CHANNEL),
        now=T0 + timedelta(seconds=30),
    )
    dispatcher = make_dispatcher(engine, notifier, clock)

    await dispatcher.run_once()
    clock.advance(30)
    report = await dispatcher.run_once()
    assert (report.recovered, report.sent) == (0, 1)  # the other channel is not held up
    row = get_delivery(engine, row_id)
    assert (row.state, row.next_attempt_at) == ("unknown", clock.now + timedelta(seconds=20))

    clock.advance(20)
    assert (await dispatcher.run_once()).recovered == 1
    assert len(notifier.to(CHANNEL)) == 1


@async_test
async def test_a_card_whose_lease_runs_out_while_its_sender_waits_is_not_checked_or_sent_again(
    engine, clock, notifier
):
    """A slow platform answer outlives the lease: the next pass must leave that card to its sender."""
    _, row_id = _one_row(engine)
    answer = asyncio.Event()
    send = notifier.send

    async def slow_send(destination, card, *, idempotency_key):
        await answer.wait()
        return await send(destination, card, idempotency_key=idempotency_key)

    notifier.send = slow_send
    dispatcher = make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(lease_seconds=5.0))
    first = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.05)  # the first pass is sending, waiting on the platform
    assert get_delivery(engine, row_id).state == "unknown"
    clock.advance(30)  # its lease ran out meanwhile
    second = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.05)
    answer.set()
    await asyncio.gather(first, second)

    assert notifier.lookups == []  # not taken for a card in doubt
    assert [m.key for m in notifier.sent] == [f"jobbot-{row_id}"]
    assert get_delivery(engine, row_id).state == "sent"


@async_test
async def test_a_slow_answer_about_a_card_in_doubt_holds_up_no_other_destination(engine, clock, notifier):
    """After a crash, a lookup waiting on the platform (a rate-limited history read) holds only its card."""
    _, row_id = _one_row(engine)
    notifier.fail(CHANNEL, TIMEOUT, after_sending=True)
    later = T0 + timedelta(seconds=30)
    other = queue(engine, OTHER_CHANNEL, "greenhouse:acme:1", subscribe(engine, OTHER_CHANNEL), now=later)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(settle_wait_seconds=0.05))
    await dispatcher.run_once()  # the first card's answer is lost: it is in doubt
    answer = asyncio.Event()
    find_sent = notifier.find_sent

    async def slow_find_sent(destination, idempotency_key):
        await answer.wait()
        return await find_sent(destination, idempotency_key)

    notifier.find_sent = slow_find_sent
    clock.advance(30)
    running = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.3)

    assert get_delivery(engine, other).state == "sent"  # served while the lookup waits
    assert get_delivery(engine, row_id).state == "unknown"
    answer.set()
    report = await running
    assert (report.recovered, report.sent) == (1, 1)
    assert len(notifier.to(CHANNEL)) == 1
