"""Recovery decides per message: every row of a digest in doubt is settled together, on SQLite and PostgreSQL.

A digest is one message for many rows. Whatever the pass's row limit, the rows of a digest in doubt are
claimed together, marked sent together when the platform has the message, and otherwise sent again
together as one digest: never some rows marked sent on the strength of another message.
"""

from datetime import timedelta

import pytest

from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.delivery.outbox import AGAIN_NOTE, DIGEST_NOTE
from bot.store.deliveries import claim_due, count_by_state, get_delivery
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.tables import deliveries
from tests.bot.delivery.conftest import CHANNEL, make_dispatcher, queue, store_posting, subscribe
from tests.fakes.http_server import async_test

TIMEOUT = DeliveryError("unknown", "chat.postMessage: no answer from Slack (TimeoutError)")
ROWS = 7
DAY = timedelta(days=1)
HOURLY = {"kind": "hourly", "at": "09:00"}  # due at every full hour, UTC


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


def _digest_in_doubt(engine, clock, notifier, *, arrived: bool, mode=None):
    """Seven cards sent as one digest whose answer never came; returns their row ids and the dispatcher."""
    sub = subscribe(engine, CHANNEL, mode=mode)
    ids = [queue(engine, CHANNEL, store_posting(engine, f"greenhouse:acme:{n}").id, sub) for n in range(ROWS)]
    notifier.fail(CHANNEL, TIMEOUT, after_sending=arrived)
    return ids, make_dispatcher(engine, notifier, clock, limits=DeliveryLimits(burst_digest_threshold=5))


async def _drain(dispatcher, clock, *, max_rows):
    for _ in range(20):
        await dispatcher.run_once(max_rows=max_rows)
        clock.advance(5)


@async_test
@pytest.mark.parametrize("mode", [None, HOURLY], ids=["burst", "hourly-digest"])
async def test_a_digest_that_never_arrived_goes_again_whole_however_small_the_pass(
    engine, clock, notifier, mode
):
    clock.set(clock.now.replace(minute=0) + timedelta(hours=1))  # the hourly digest is due
    ids, dispatcher = _digest_in_doubt(engine, clock, notifier, arrived=False, mode=mode)
    await dispatcher.run_once()
    assert {get_delivery(engine, i).state for i in ids} == {"unknown"}
    assert notifier.sent == []

    clock.advance(30)  # the recheck is due; each pass may claim fewer rows than the digest holds
    await _drain(dispatcher, clock, max_rows=3)

    assert count_by_state(engine) == {"sent": ROWS}
    (message,) = notifier.to(CHANNEL)  # one digest, shown once, with every row in it
    assert isinstance(message.card, DigestCard)
    assert sorted(notifier.posting_ids(CHANNEL)) == sorted(f"greenhouse:acme:{n}" for n in range(ROWS))
    assert {get_delivery(engine, i).message_id for i in ids} == {message.message_id}


@async_test
async def test_a_digest_that_arrived_is_recorded_whole_by_one_question(engine, clock, notifier):
    ids, dispatcher = _digest_in_doubt(engine, clock, notifier, arrived=True)
    await dispatcher.run_once()
    (message,) = notifier.sent

    clock.advance(30)
    report = await dispatcher.run_once(max_rows=3)

    assert (report.recovered, report.sent) == (ROWS, 0)
    assert len(notifier.lookups) == 1
    assert {get_delivery(engine, i).message_id for i in ids} == {message.message_id}
    assert count_by_state(engine) == {"sent": ROWS}
    await _drain(dispatcher, clock, max_rows=3)
    assert len(notifier.sent) == 1


@async_test
async def test_a_digest_split_by_an_old_claim_never_marks_rows_another_message_shows(engine, clock, notifier):
    """Rows a split left behind ask for their digest's key: a resend of the other part must not answer."""
    ids, dispatcher = _digest_in_doubt(engine, clock, notifier, arrived=False)
    await dispatcher.run_once()
    clock.advance(30)
    # An older dispatcher claimed only part of the digest (a row limit), found nothing and queued it again.
    outbox = StoreOutbox(engine)
    later = deliveries.update().where(deliveries.c.id.in_(ids[3:])).values(next_attempt_at=clock.now + DAY)
    with engine.begin() as conn:
        conn.execute(later)
    outbox.release(ids[:3], at=clock.now, note="resent: not found after an unknown outcome")
    await dispatcher.run_once()  # sends the three it has
    clock.advance(DAY.total_seconds() + 1)
    await _drain(dispatcher, clock, max_rows=500)

    assert count_by_state(engine) == {"sent": ROWS}
    shown = notifier.posting_ids(CHANNEL)
    assert sorted(shown) == sorted(f"greenhouse:acme:{n}" for n in range(ROWS))
    for row_id in ids:
        row = get_delivery(engine, row_id)
        (message,) = [m for m in notifier.sent if m.message_id == row.message_id]
        cards = message.card.cards if isinstance(message.card, DigestCard) else (message.card,)
        assert row.posting_id in {card.posting_id for card in cards}


@async_test
async def test_a_digest_waits_for_a_row_of_it_a_dead_sender_claimed_but_never_sent(engine, clock, notifier):
    """Killed between claiming a digest's first row and the rest: the rest must not go as a digest alone."""
    clock.set(clock.now.replace(minute=0) + timedelta(hours=1))  # the hourly digest is due
    sub = subscribe(engine, CHANNEL, mode=HOURLY)
    ids = [queue(engine, CHANNEL, store_posting(engine, f"greenhouse:acme:{n}").id, sub) for n in range(3)]
    claim_due(engine, limit=1, now=clock.now)  # the dead dispatcher's claim: leased for five minutes
    dispatcher = make_dispatcher(engine, notifier, clock)

    await dispatcher.run_once()
    assert notifier.sent == []  # the digest waits for the row in doubt
    clock.advance(5 * 60)  # the lease runs out: not found, it joins the others
    await _drain(dispatcher, clock, max_rows=500)

    (message,) = notifier.to(CHANNEL)
    assert isinstance(message.card, DigestCard)
    assert sorted(notifier.posting_ids(CHANNEL)) == [f"greenhouse:acme:{n}" for n in range(3)]
    assert {get_delivery(engine, i).message_id for i in ids} == {message.message_id}


@async_test
@pytest.mark.parametrize("mode", [None, HOURLY], ids=["burst", "hourly-digest"])
async def test_a_digest_to_send_again_whose_sender_died_before_sending_stays_whole(
    engine, clock, notifier, mode
):
    """Killed after claiming part of a digest to send again, before noting it in flight: never sent."""
    clock.set(clock.now.replace(minute=0) + timedelta(hours=1))  # the hourly digest is due
    ids, dispatcher = _digest_in_doubt(engine, clock, notifier, arrived=False, mode=mode)
    await dispatcher.run_once()
    clock.advance(30)
    # Recovery found nothing and queued the digest to go again (as ``_settle`` does) ...
    key = get_delivery(engine, ids[0]).error.removeprefix(DIGEST_NOTE)
    StoreOutbox(engine).release(ids, at=clock.now, note=AGAIN_NOTE + key)
    claim_due(engine, limit=2, now=clock.now)  # ... and a dispatcher claimed two of its rows and died
    lookups = len(notifier.lookups)

    clock.advance(5 * 60)
    await _drain(dispatcher, clock, max_rows=500)

    assert len(notifier.lookups) == lookups  # claimed to go again, never noted in flight: nothing to ask
    (message,) = notifier.to(CHANNEL)
    assert isinstance(message.card, DigestCard)
    assert sorted(notifier.posting_ids(CHANNEL)) == sorted(f"greenhouse:acme:{n}" for n in range(ROWS))
    assert {get_delivery(engine, i).message_id for i in ids} == {message.message_id}
