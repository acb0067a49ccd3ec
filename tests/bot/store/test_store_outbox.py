"""StoreOutbox, the store behind the dispatcher's port: the operations the outbox module lacks."""

from datetime import timedelta

from bot.store import deliveries as outbox
from bot.store import postings, subscriptions
from bot.store.outbox import StoreOutbox
from tests.bot.store.conftest import T0
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL, make_posting

LEASE = timedelta(minutes=2)


def _rows(engine, count=3):
    for n in range(count):
        postings.upsert_posting(engine, make_posting(f"ashby:acme:{n}"), now=T0)
    sub = subscriptions.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris")
    return [
        outbox.enqueue_delivery(
            engine, destination=PARIS_CHANNEL, posting_id=f"ashby:acme:{n}", subscription_id=sub.id, now=T0
        )
        for n in range(count)
    ]


def test_due_destinations_count_due_rows_longest_waiting_first(engine):
    _rows(engine)
    outbox.enqueue_delivery(
        engine, destination=ANNA_DM, posting_id="ashby:acme:0", now=T0 - timedelta(hours=1)
    )
    outbox.enqueue_delivery(
        engine,
        destination=ANNA_DM.key.replace("U0ANNA", "U0BRUNO"),
        posting_id="ashby:acme:0",
        not_before=T0 + timedelta(hours=1),
        now=T0,
    )
    store = StoreOutbox(engine)
    assert list(store.due_destinations(now=T0, limit=10).items()) == [
        (ANNA_DM.key, 1),
        (PARIS_CHANNEL.key, 3),
    ]
    assert store.due_destinations(now=T0, limit=1) == {ANNA_DM.key: 1}
    assert store.next_due_at() == T0 - timedelta(hours=1)


def test_release_puts_rows_back_without_counting_an_attempt(engine):
    ids = _rows(engine)
    store = StoreOutbox(engine)
    claimed = store.claim_due(destination_key=PARIS_CHANNEL.key, limit=2, lease=LEASE, now=T0)
    assert [r.id for r in claimed] == ids[:2]
    store.release(ids[:2], at=T0 + timedelta(seconds=5), note="rate limited")
    again = outbox.get_delivery(engine, ids[0])
    assert (again.state, again.attempts, again.next_attempt_at, again.error) == (
        "queued",
        0,
        T0 + timedelta(seconds=5),
        "rate limited",
    )
    store.release([ids[2]], at=T0)  # not claimed: untouched
    assert outbox.get_delivery(engine, ids[2]).attempts == 0


def test_rows_of_one_message_are_marked_together_and_found_by_it(engine):
    ids = _rows(engine)
    store = StoreOutbox(engine)
    store.claim_due(destination_key=PARIS_CHANNEL.key, limit=3, lease=LEASE, now=T0)
    store.note_in_flight(ids, note="in flight in digest jobbot-1", recheck_at=T0 + timedelta(seconds=30))
    assert {outbox.get_delivery(engine, i).next_attempt_at for i in ids} == {T0 + timedelta(seconds=30)}
    store.mark_sent(ids, message_id="1700000000.000100", now=T0)
    together = store.deliveries_with_message(PARIS_CHANNEL.key, "1700000000.000100")
    assert [r.id for r in together] == ids
    assert {r.error for r in together} == {None}


def test_a_dead_destination_gives_up_its_queue_and_pauses(engine):
    ids = _rows(engine)
    store = StoreOutbox(engine)
    store.claim_due(destination_key=PARIS_CHANNEL.key, limit=1, lease=LEASE, now=T0)
    store.fail(ids[:1], error="channel_not_found")
    assert store.fail_queued(PARIS_CHANNEL.key, error="channel_not_found") == 2
    assert outbox.count_by_state(engine) == {"failed": 3}
    assert store.pause_destination(PARIS_CHANNEL.key) == [1]


def test_reads_for_cards(engine):
    _rows(engine, 2)
    postings.mark_closed(engine, ["ashby:acme:1"], now=T0)
    store = StoreOutbox(engine)
    assert set(store.postings(["ashby:acme:0", "ashby:acme:1", "ashby:acme:nope"])) == {
        "ashby:acme:0",
        "ashby:acme:1",
    }
    assert store.closed_posting_ids(["ashby:acme:0", "ashby:acme:1"]) == {"ashby:acme:1"}
    assert store.subscription(1).query == "Paris"
    assert store.delivery_mode(1) is None
