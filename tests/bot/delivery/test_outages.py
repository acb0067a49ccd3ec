"""A platform outage (or its refusing the bot's token) through the dispatcher: every card, edit, notice and
card in doubt waits it out, with no attempt counted, however many passes it lasts; nothing is given up."""

from datetime import timedelta

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError
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

DOWN = DeliveryError("unavailable", "chat.postMessage: service_unavailable", code="service_unavailable")
LIMITS = DeliveryLimits(max_attempts=2)


@async_test
async def test_cards_wait_out_an_outage_longer_than_max_attempts_and_go_once_it_ends(engine, clock, notifier):
    row = queue(engine, CHANNEL, store_posting(engine, "greenhouse:acme:1").id, subscribe(engine, CHANNEL))
    fine = queue(
        engine, OTHER_CHANNEL, store_posting(engine, "greenhouse:acme:2").id, subscribe(engine, OTHER_CHANNEL)
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
    assert get_delivery(engine, fine).state == "sent"  # another destination was not held up
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
    notifier.fail_edit(CHANNEL, DOWN, times=LIMITS.max_attempts * 2)
    notifier.fail(OTHER_CHANNEL, DOWN, times=LIMITS.max_attempts * 2, notice=True)
    for _ in range(LIMITS.max_attempts * 2):
        report = await dispatcher.run_once()
        assert (report.edits_failed, report.notices_failed) == (0, 0)
        assert [e.state for e in list_edits(engine)] == ["queued"]
        assert [n.state for n in list_notices(engine)] == ["queued"]
        clock.advance(LIMITS.unavailable_seconds)
    report = await dispatcher.run_once()
    assert (report.edited, report.notices) == (1, 1)


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
