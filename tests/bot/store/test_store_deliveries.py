import threading
from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from bot.store import deliveries as outbox
from bot.store import postings, subscriptions
from bot.store.outbox import StoreOutbox
from tests.bot.store.conftest import T0
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL, make_posting


@pytest.fixture
def stored(engine):
    """Three postings and one subscription to deliver them for."""
    for n in range(3):
        postings.upsert_posting(engine, make_posting(f"ashby:acme:{n}"), now=T0)
    sub = subscriptions.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris")
    return sub


def test_enqueue_is_idempotent_per_destination_and_posting(engine, stored):
    first = outbox.enqueue_delivery(
        engine,
        destination=PARIS_CHANNEL,
        posting_id="ashby:acme:0",
        subscription_id=stored.id,
        reasons=[{"term": "Paris", "basis": "source"}],
        now=T0,
    )
    assert isinstance(first, int)
    again = outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL.key, posting_id="ashby:acme:0", now=T0)
    assert again is None
    assert outbox.count_by_state(engine) == {"queued": 1}
    row = outbox.get_delivery(engine, first)
    assert (row.destination_key, row.subscription_id, row.reasons) == (
        PARIS_CHANNEL.key,
        stored.id,
        [{"term": "Paris", "basis": "source"}],
    )
    # Another destination is another card.
    assert outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:0", now=T0) is not None


def test_enqueue_in_the_posting_transaction_commits_or_rolls_back_together(engine, stored):
    with engine.begin() as conn:
        postings.upsert_posting(conn, make_posting("ashby:acme:new"), now=T0)
        outbox.enqueue_delivery(conn, destination=PARIS_CHANNEL, posting_id="ashby:acme:new", now=T0)
    assert outbox.count_by_state(engine) == {"queued": 1}
    with pytest.raises(RuntimeError), engine.begin() as conn:
        postings.upsert_posting(conn, make_posting("ashby:acme:lost"), now=T0)
        outbox.enqueue_delivery(conn, destination=PARIS_CHANNEL, posting_id="ashby:acme:lost", now=T0)
        raise RuntimeError("crash before commit")
    assert postings.get_posting(engine, "ashby:acme:lost") is None
    assert outbox.count_by_state(engine) == {"queued": 1}


def test_a_card_needs_a_stored_posting(engine):
    with pytest.raises(IntegrityError):
        outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:missing", now=T0)


def test_claim_send_and_fail(engine, stored):
    ids = [
        outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id=f"ashby:acme:{n}", now=T0)
        for n in range(3)
    ]
    later = outbox.enqueue_delivery(
        engine, destination=ANNA_DM, posting_id="ashby:acme:0", not_before=T0 + timedelta(hours=1), now=T0
    )
    claimed = outbox.claim_due(engine, limit=2, now=T0)
    assert [d.id for d in claimed] == ids[:2]
    assert all(d.state == "unknown" and d.attempts == 1 for d in claimed)
    assert claimed[0].next_attempt_at == T0 + outbox.DEFAULT_LEASE
    assert [d.id for d in outbox.claim_due(engine, now=T0)] == [ids[2]]  # not `later`: it is not due
    assert outbox.claim_due(engine, now=T0) == []

    assert outbox.mark_sent(engine, ids[0], message_id="1740990000.000100", now=T0)
    assert not outbox.mark_sent(engine, ids[0], message_id="again")  # final: not sent twice
    sent = outbox.get_delivery(engine, ids[0])
    assert (sent.state, sent.message_id, sent.sent_at) == ("sent", "1740990000.000100", T0)

    assert outbox.mark_failed(engine, ids[1], "channel_not_found")
    assert outbox.get_delivery(engine, ids[1]).state == "failed"
    assert not outbox.mark_failed(engine, ids[1], "again")

    retry_at = T0 + timedelta(seconds=30)
    assert outbox.mark_failed(engine, ids[2], "HTTP 429", retry_at=retry_at)
    assert outbox.claim_due(engine, now=T0) == []
    retried = outbox.claim_due(engine, now=retry_at)
    assert [(d.id, d.attempts, d.error) for d in retried] == [(ids[2], 2, "HTTP 429")]

    assert [d.id for d in outbox.claim_due(engine, now=T0 + timedelta(hours=1))] == [later]
    assert outbox.count_by_state(engine) == {"sent": 1, "failed": 1, "unknown": 2}
    assert outbox.count_by_state(engine, destination_key=ANNA_DM.key) == {"unknown": 1}


def test_claim_for_one_destination(engine, stored):
    outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:0", now=T0)
    dm = outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:0", now=T0)
    assert [d.id for d in outbox.claim_due(engine, destination_key=ANNA_DM.key, now=T0)] == [dm]


def test_an_abandoned_claim_is_reclaimed_only_after_its_lease(engine, stored):
    row = outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:0", now=T0)
    outbox.claim_due(engine, now=T0, lease=timedelta(minutes=2))
    assert outbox.claim_unknown(engine, now=T0 + timedelta(minutes=1)) == []
    (again,) = outbox.claim_unknown(engine, now=T0 + timedelta(minutes=3))
    assert (again.id, again.state, again.attempts) == (row, "unknown", 2)
    assert outbox.claim_due(engine, now=T0 + timedelta(minutes=3)) == []  # never handed out as new work


def test_rows_in_doubt_are_claimed_a_whole_message_at_a_time(engine, stored):
    """A digest's rows share one note: claiming one claims them all, past the limit and their leases."""
    for n in range(3, 8):
        postings.upsert_posting(engine, make_posting(f"ashby:acme:{n}"), now=T0)
    ids = [
        outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id=f"ashby:acme:{n}", now=T0)
        for n in range(8)
    ]
    lone = outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:0", now=T0)
    outbox.claim_due(engine, limit=10, now=T0, lease=timedelta(minutes=2))
    store = StoreOutbox(engine)
    store.note_in_flight(ids[:6], note="in flight in digest D1")
    store.note_in_flight(ids[6:], note="in flight in digest D2")
    # One row of the first digest was claimed a moment later: its lease runs out a moment later too.
    later = outbox.deliveries.update().where(outbox.deliveries.c.id == ids[5])
    with engine.begin() as conn:
        conn.execute(later.values(next_attempt_at=T0 + timedelta(minutes=2, seconds=1)))

    first = outbox.claim_unknown(
        engine, limit=2, now=T0 + timedelta(minutes=2), message_notes=("in flight in digest ",)
    )
    assert [row.id for row in first] == ids[:6]
    note = "in flight in digest "
    later = T0 + timedelta(minutes=5)
    assert [row.id for row in outbox.claim_unknown(engine, limit=1, now=later, message_notes=(note,))] == ids[
        6:
    ]
    assert [row.id for row in outbox.claim_unknown(engine, limit=1, now=later, message_notes=(note,))] == [
        lone
    ]


def test_a_digest_to_send_again_is_claimed_whole(engine, stored):
    ids = [
        outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id=f"ashby:acme:{n}", now=T0)
        for n in range(3)
    ]
    other = outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:0", now=T0)
    outbox.claim_due(engine, limit=10, now=T0)
    StoreOutbox(engine).release([*ids, other], at=T0, note="to send again as digest D1")
    claimed = outbox.claim_message(
        engine, destination_key=PARIS_CHANNEL.key, note="to send again as digest D1", now=T0
    )
    assert [(row.id, row.state) for row in claimed] == [(i, "unknown") for i in ids]
    assert outbox.get_delivery(engine, other).state == "queued"  # another destination's message


def test_sent_cards_of_a_posting_can_be_found_for_editing(engine, stored):
    a = outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:1", now=T0)
    outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:1", now=T0)
    outbox.claim_due(engine, limit=1, now=T0)
    outbox.mark_sent(engine, a, message_id="m-1")
    assert [(d.id, d.message_id) for d in outbox.deliveries_for_posting(engine, "ashby:acme:1")] == [
        (a, "m-1")
    ]
    assert len(outbox.deliveries_for_posting(engine, "ashby:acme:1", state=None)) == 2


def test_concurrent_dispatchers_never_claim_the_same_card(engine, stored):
    for n in range(3):
        for target in range(20):
            dest = f"slack:T0ACME:channel:C{target:03d}"
            outbox.enqueue_delivery(engine, destination=dest, posting_id=f"ashby:acme:{n}", now=T0)
    claimed: list[int] = []
    lock = threading.Lock()
    errors: list[BaseException] = []

    def dispatcher():
        try:
            while batch := outbox.claim_due(engine, limit=3, now=T0):
                with lock:
                    claimed.extend(d.id for d in batch)
        except BaseException as exc:  # surfaced below
            errors.append(exc)

    threads = [threading.Thread(target=dispatcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(claimed) == 60 and len(set(claimed)) == 60
