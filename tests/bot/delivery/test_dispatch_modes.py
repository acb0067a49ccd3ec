"""Digests at the subscriber's local time, quiet hours, and one card per person (DM versus channel)."""

from datetime import UTC, datetime, timedelta

from bot.delivery.limits import DeliveryLimits
from bot.delivery.modes import DeliveryMode
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.delivery.schedule import next_due
from bot.store.deliveries import claim_due, get_delivery, mark_sent
from bot.store.subscriptions import set_delivery_mode
from tests.bot.delivery.conftest import ANNA_DM, CHANNEL, T0, make_dispatcher, queue, store_posting, subscribe
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeMembership

DAILY_PARIS = {"kind": "daily", "at": "09:00", "timezone": "Europe/Paris"}
TUESDAY_9_PARIS = datetime(2026, 3, 3, 8, 0, tzinfo=UTC)


@async_test
async def test_a_daily_digest_collects_the_day_into_one_message_at_the_local_time(engine, clock, notifier):
    sub = subscribe(engine, ANNA_DM, mode=DAILY_PARIS)
    due = next_due(DeliveryMode.from_json(DAILY_PARIS), T0)
    assert due == TUESDAY_9_PARIS
    ids = []
    for n in range(3):
        posting = store_posting(engine, f"greenhouse:acme:{n}", title=f"Intern {n}")
        ids.append(queue(engine, ANNA_DM, posting.id, sub, now=T0 + timedelta(hours=n), not_before=due))
    dispatcher = make_dispatcher(engine, notifier, clock)

    assert (await dispatcher.run_once()).sent == 0
    clock.set(TUESDAY_9_PARIS - timedelta(seconds=1))
    assert (await dispatcher.run_once()).sent == 0
    clock.set(TUESDAY_9_PARIS)
    report = await dispatcher.run_once()

    assert (report.sent, report.messages) == (3, 1)
    (message,) = notifier.sent
    assert isinstance(message.card, DigestCard)
    assert message.card.title == "3 new postings for `Paris + French`"
    assert {get_delivery(engine, i).message_id for i in ids} == {message.message_id}


@async_test
async def test_cards_queued_before_a_switch_to_digest_wait_for_it(engine, clock, notifier):
    sub = subscribe(engine, ANNA_DM)
    row_id = queue(engine, ANNA_DM, store_posting(engine, "greenhouse:acme:1").id, sub)
    set_delivery_mode(engine, sub.id, DAILY_PARIS)
    dispatcher = make_dispatcher(engine, notifier, clock)

    report = await dispatcher.run_once()
    assert (report.sent, report.held) == (0, 1)
    row = get_delivery(engine, row_id)
    assert (row.state, row.next_attempt_at, row.attempts) == ("queued", TUESDAY_9_PARIS, 0)
    clock.set(TUESDAY_9_PARIS)
    assert (await dispatcher.run_once()).sent == 1


@async_test
async def test_quiet_hours_hold_cards_until_they_end(engine, clock, notifier):
    quiet = {"timezone": "Europe/Paris", "quiet": {"start": "22:00", "end": "07:00"}}
    sub = subscribe(engine, ANNA_DM, mode=quiet)
    night = datetime(2026, 3, 2, 22, 0, tzinfo=UTC)  # 23:00 in Paris
    clock.set(night)
    row_id = queue(engine, ANNA_DM, store_posting(engine, "greenhouse:acme:1").id, sub, now=night)
    dispatcher = make_dispatcher(engine, notifier, clock)

    assert (await dispatcher.run_once()).held == 1
    clock.set(datetime(2026, 3, 3, 5, 59, tzinfo=UTC))  # 06:59 in Paris
    assert (await dispatcher.run_once()).sent == 0
    clock.set(datetime(2026, 3, 3, 6, 0, tzinfo=UTC))  # 07:00 in Paris
    assert (await dispatcher.run_once()).sent == 1
    assert get_delivery(engine, row_id).sent_at == clock.now


def _channel_and_dm(engine, *, dm_mode=None, members=("U0ANNA",)):
    posting = store_posting(engine, "greenhouse:acme:1")
    channel_row = queue(engine, CHANNEL, posting.id, subscribe(engine, CHANNEL))
    dm_row = queue(engine, ANNA_DM, posting.id, subscribe(engine, ANNA_DM, mode=dm_mode))
    return posting.id, channel_row, dm_row, {"slack": FakeMembership({CHANNEL.target: set(members)})}


async def _settle(dispatcher, clock, passes=4):
    total = 0
    for _ in range(passes):
        report = await dispatcher.run_once()
        total += report.duplicates_avoided
        clock.advance(minutes=3)
    return total


@async_test
async def test_a_member_of_the_channel_is_not_sent_the_same_posting_by_dm(engine, clock, notifier):
    posting_id, _, dm_row, membership = _channel_and_dm(engine)
    dispatcher = make_dispatcher(engine, notifier, clock, membership=membership)

    assert await _settle(dispatcher, clock) == 1
    assert notifier.posting_ids(CHANNEL) == [posting_id]
    assert notifier.to(ANNA_DM) == []
    dm = get_delivery(engine, dm_row)
    assert (dm.state, dm.message_id) == ("sent", None)  # settled, with nothing to edit later


@async_test
async def test_a_dm_already_covered_by_a_sent_channel_card_is_skipped_at_once(engine, clock, notifier):
    _, channel_row, dm_row, membership = _channel_and_dm(engine)
    dispatcher = make_dispatcher(engine, notifier, clock, membership=membership)
    # The channel card went out first (e.g. in an earlier pass).
    claim_due(engine, destination_key=CHANNEL.key, now=T0)
    mark_sent(engine, channel_row, message_id="1.1", now=T0)

    report = await dispatcher.run_once()
    assert (report.duplicates_avoided, report.sent) == (1, 0)
    assert membership["slack"].calls == [("C0PARIS", "U0ANNA")]
    assert get_delivery(engine, dm_row).state == "sent"
    assert notifier.sent == []


@async_test
async def test_someone_who_asked_for_both_gets_both(engine, clock, notifier):
    posting_id, _, _, membership = _channel_and_dm(engine, dm_mode={"also_when_in_channel": True})
    dispatcher = make_dispatcher(engine, notifier, clock, membership=membership)
    assert await _settle(dispatcher, clock) == 0
    assert notifier.posting_ids(ANNA_DM) == [posting_id]
    assert notifier.posting_ids(CHANNEL) == [posting_id]


@async_test
async def test_someone_not_in_the_channel_gets_the_dm(engine, clock, notifier):
    posting_id, _, _, membership = _channel_and_dm(engine, members=("U0BRUNO",))
    dispatcher = make_dispatcher(engine, notifier, clock, membership=membership)
    assert await _settle(dispatcher, clock) == 0
    assert notifier.posting_ids(ANNA_DM) == [posting_id]


@async_test
async def test_the_dm_is_sent_when_the_channel_card_fails(engine, clock, notifier):
    posting_id, _, _, membership = _channel_and_dm(engine)
    notifier.fail(CHANNEL, DeliveryError("permanent", "is_archived", code="is_archived"), times=None)
    dispatcher = make_dispatcher(engine, notifier, clock, membership=membership)
    assert await _settle(dispatcher, clock) == 0
    assert notifier.posting_ids(ANNA_DM) == [posting_id]


@async_test
async def test_a_digest_takes_every_card_due_with_it_whatever_the_tokens(engine, clock, notifier):
    sub = subscribe(engine, ANNA_DM, mode=DAILY_PARIS)
    for n in range(7):
        posting = store_posting(engine, f"greenhouse:acme:{n}")
        queue(engine, ANNA_DM, posting.id, sub, not_before=TUESDAY_9_PARIS)
    clock.set(TUESDAY_9_PARIS)
    limits = DeliveryLimits(burst_digest_threshold=None)  # only the mode makes this a digest

    report = await make_dispatcher(engine, notifier, clock, limits=limits).run_once()

    assert (report.sent, report.messages) == (7, 1)
    assert len(notifier.posting_ids(ANNA_DM)) == 7
