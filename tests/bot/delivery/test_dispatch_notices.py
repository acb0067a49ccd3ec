"""Owner notices through the dispatcher: sent once by key, looked for after a crash, never blocking."""

import logging
from datetime import timedelta

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError
from bot.delivery.outbox import notice_key
from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.notices import list_notices, queue_notice
from bot.store.outbox import StoreOutbox
from bot.store.subscriptions import get_subscription
from tests.bot.delivery.conftest import ANNA_DM, CHANNEL, T0, make_dispatcher, queue, store_posting, subscribe
from tests.fakes.http_server import async_test

OWNER_DM = Destination("slack", "dm", "U0OWNER", "T0ACME")


def _notice(engine, destination, text="Source `feed:a` works again."):
    return queue_notice(engine, destination, about="source:feed:a", text=text, now=T0)


def _state(engine, notice_id):
    [record] = [n for n in list_notices(engine) if n.id == notice_id]
    return record


@async_test
async def test_a_notice_whose_answer_was_lost_is_found_on_the_platform_not_posted_again(
    engine, clock, notifier
):
    notice = _notice(engine, OWNER_DM)
    notifier.fail(OWNER_DM, DeliveryError("unknown", "timeout"), after_sending=True, notice=True)
    dispatcher = make_dispatcher(engine, notifier, clock)

    assert (await dispatcher.run_once()).notices == 0
    assert _state(engine, notice).state == "sending"  # in flight until the platform is asked
    clock.advance(DeliveryLimits().unknown_recheck_seconds)
    report = await dispatcher.run_once()

    assert (report.notices, report.duplicates_avoided) == (1, 1)
    assert notifier.lookups == [(OWNER_DM, notice_key(notice))]
    assert len(notifier.notices) == 1 and _state(engine, notice).state == "sent"


@async_test
async def test_a_sender_that_died_with_notices_in_flight_leaves_each_posted_once(engine, clock, notifier):
    posted, never_posted = _notice(engine, OWNER_DM), _notice(engine, ANNA_DM)
    StoreOutbox(engine).claim_notices({OWNER_DM.key: 1, ANNA_DM.key: 1}, lease=timedelta(minutes=2), now=T0)
    await notifier.notify(OWNER_DM, "posted before the crash", idempotency_key=notice_key(posted))

    clock.advance(minutes=2)  # the dead sender's lease runs out
    report = await make_dispatcher(engine, notifier, clock).run_once()

    assert report.notices == 2
    assert [where for where, _ in notifier.notices] == [
        OWNER_DM,
        ANNA_DM,
    ]  # ANNA's once, now; OWNER's not again
    assert {state.state for state in list_notices(engine)} == {"sent"}
    assert _state(engine, never_posted).message_id is not None


@async_test
async def test_a_dm_that_cannot_be_opened_gives_its_notice_up_and_holds_nothing_else(
    engine, clock, notifier, caplog
):
    anna_sub = subscribe(engine, ANNA_DM)
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    refused, told = _notice(engine, ANNA_DM), _notice(engine, OWNER_DM)
    notifier.fail(
        ANNA_DM,
        DeliveryError("permanent", "conversations.open: user_disabled", code="user_disabled"),
        notice=True,
    )

    with caplog.at_level(logging.WARNING):
        report = await make_dispatcher(engine, notifier, clock).run_once()

    assert (report.notices, report.notices_failed, report.sent, report.paused) == (1, 1, 1, 0)
    assert (_state(engine, refused).state, _state(engine, told).state) == ("failed", "sent")
    assert "user_disabled" in _state(engine, refused).error
    assert not get_subscription(engine, anna_sub.id).paused  # a notice never pauses anything
    [given_up] = [r for r in caplog.records if r.message.startswith("owner notice given up")]
    assert given_up.destination == ANNA_DM.key and given_up.code == "user_disabled"


@async_test
async def test_a_notice_that_keeps_failing_is_retried_with_backoff_then_given_up(engine, clock, notifier):
    notice = _notice(engine, OWNER_DM)
    notifier.fail(OWNER_DM, DeliveryError("transient", "internal_error"), times=None, notice=True)
    dispatcher = make_dispatcher(engine, notifier, clock)
    posting = store_posting(engine, "greenhouse:acme:1")
    queue(engine, OWNER_DM, posting.id, subscribe(engine, OWNER_DM))

    assert (await dispatcher.run_once()).retried == 1  # the notice first; the DM's card in the next pass
    assert (await dispatcher.run_once()).sent == 1  # the notice backing off holds no card back
    assert count_by_state(engine, destination_key=OWNER_DM.key) == {"sent": 1}
    for _ in range(DeliveryLimits().max_attempts - 1):
        assert _state(engine, notice).state == "queued"
        clock.advance(DeliveryLimits().retry_max_seconds * 1.5)
        await dispatcher.run_once()
    record = _state(engine, notice)
    assert (record.state, record.attempts, notifier.notices) == ("failed", DeliveryLimits().max_attempts, [])


@async_test
async def test_a_rate_limited_dm_holds_only_its_own_notices(engine, clock, notifier):
    slow, other = _notice(engine, ANNA_DM), _notice(engine, OWNER_DM)
    later = _notice(engine, ANNA_DM, text="second")
    notifier.fail(ANNA_DM, DeliveryError("rate_limited", "slow down", retry_after=30), notice=True)
    dispatcher = make_dispatcher(engine, notifier, clock)

    report = await dispatcher.run_once()
    assert (report.notices, report.rate_limited) == (1, 1)
    assert [_state(engine, n).state for n in (slow, other, later)] == ["queued", "sent", "queued"]
    assert _state(engine, slow).attempts == 0  # a 429 is not an attempt
    clock.advance(30)
    assert (await dispatcher.run_once()).notices == 2
    assert [text for where, text in notifier.notices if where == ANNA_DM] == [
        "Source `feed:a` works again.",
        "second",
    ]
