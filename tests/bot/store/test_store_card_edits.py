"""Card edits in the store: queued per posted message, coalesced, claimed with a lease, finished once."""

from datetime import timedelta

from bot.store import deliveries as outbox
from bot.store import postings, tables
from bot.store.card_edits import enqueue_edits, list_edits
from bot.store.outbox import StoreOutbox
from tests.bot.store.conftest import T0
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL, make_posting

LEASE = timedelta(minutes=2)


def _posted(engine, posting_id, destination, message_id):
    """A card for ``posting_id`` already posted to ``destination`` as ``message_id``."""
    postings.upsert_posting(engine, make_posting(posting_id), now=T0)
    row = outbox.enqueue_delivery(engine, destination=destination, posting_id=posting_id, now=T0)
    outbox.mark_sent(engine, row, message_id=message_id, now=T0)
    return row


def _state(engine):
    return [(e.destination_key, e.message_id, e.state, e.changes) for e in list_edits(engine)]


def test_one_edit_per_posted_message_and_none_for_cards_not_posted(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    _posted(engine, "ashby:acme:1", ANNA_DM, "1.000002")
    postings.upsert_posting(engine, make_posting("ashby:acme:2"), now=T0)
    outbox.enqueue_delivery(engine, destination=PARIS_CHANNEL, posting_id="ashby:acme:2", now=T0)  # queued
    covered = outbox.enqueue_delivery(engine, destination=ANNA_DM, posting_id="ashby:acme:2", now=T0)
    outbox.mark_sent(engine, covered, message_id=None, now=T0)  # a DM the channel card covered

    assert enqueue_edits(engine, ["ashby:acme:1", "ashby:acme:2"], reason="closed", now=T0) == 2
    assert _state(engine) == [
        (ANNA_DM.key, "1.000002", "queued", 1),
        (PARIS_CHANNEL.key, "1.000001", "queued", 1),
    ]
    assert enqueue_edits(engine, ["ashby:acme:404"], reason="closed", now=T0) == 0


def test_a_digest_is_one_edit_and_changes_before_it_ran_coalesce(engine):
    for n in range(3):
        _posted(engine, f"ashby:acme:{n}", PARIS_CHANNEL, "1.000009")  # one digest message
    enqueue_edits(engine, ["ashby:acme:0", "ashby:acme:2"], reason="updated", now=T0)
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0 + timedelta(seconds=5))

    (edit,) = list_edits(engine)
    assert (edit.state, edit.changes, edit.reason, edit.posting_id) == ("queued", 2, "closed", "ashby:acme:1")
    assert edit.next_attempt_at == T0  # it keeps its place in the queue


def test_claim_lease_and_done(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0)
    store = StoreOutbox(engine)
    assert store.due_edits(now=T0, limit=10) == {PARIS_CHANNEL.key: 1}
    assert store.next_due_at() == T0

    (edit,) = store.claim_edits({PARIS_CHANNEL.key: 5}, lease=LEASE, now=T0)[PARIS_CHANNEL.key]
    assert (edit.state, edit.attempts, edit.next_attempt_at) == ("editing", 1, T0 + LEASE)
    assert store.due_edits(now=T0, limit=10) == {}
    assert store.claim_edits({PARIS_CHANNEL.key: 5}, lease=LEASE, now=T0) == {PARIS_CHANNEL.key: []}

    assert store.edit_done(edit.id, changes=edit.changes, now=T0) is True
    assert _state(engine) == [(PARIS_CHANNEL.key, "1.000001", "done", 1)]
    assert store.next_due_at() is None


def test_an_edit_whose_lease_ran_out_is_claimed_again(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0)
    store = StoreOutbox(engine)
    store.claim_edits({PARIS_CHANNEL.key: 1}, lease=LEASE, now=T0)  # its dispatcher dies
    assert store.next_due_at() == T0 + LEASE

    (again,) = store.claim_edits({PARIS_CHANNEL.key: 1}, lease=LEASE, now=T0 + LEASE)[PARIS_CHANNEL.key]
    assert (again.state, again.attempts) == ("editing", 2)


def test_a_change_during_the_edit_queues_it_again_when_it_finishes(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="updated", now=T0)
    store = StoreOutbox(engine)
    (edit,) = store.claim_edits({PARIS_CHANNEL.key: 1}, lease=LEASE, now=T0)[PARIS_CHANNEL.key]

    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0 + timedelta(seconds=1))
    assert _state(engine) == [(PARIS_CHANNEL.key, "1.000001", "editing", 2)]  # still leased: no second editor

    later = T0 + timedelta(seconds=2)
    assert store.edit_done(edit.id, changes=edit.changes, now=later) is False
    (requeued,) = list_edits(engine)
    assert (requeued.state, requeued.attempts, requeued.next_attempt_at) == ("queued", 0, later)


def test_a_change_after_the_edit_was_done_or_given_up_queues_it_afresh(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="updated", now=T0)
    store = StoreOutbox(engine)
    (edit,) = store.claim_edits({PARIS_CHANNEL.key: 1}, lease=LEASE, now=T0)[PARIS_CHANNEL.key]
    store.fail_edit(edit.id, error="message_not_found")
    assert _state(engine) == [(PARIS_CHANNEL.key, "1.000001", "failed", 1)]

    later = T0 + timedelta(hours=1)
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=later)
    (again,) = list_edits(engine)
    assert (again.state, again.attempts, again.error, again.next_attempt_at, again.created_at) == (
        "queued",
        0,
        None,
        later,
        later,
    )


def test_retry_keeps_the_attempt_and_release_does_not(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0)
    store = StoreOutbox(engine)
    key = PARIS_CHANNEL.key
    (edit,) = store.claim_edits({key: 1}, lease=LEASE, now=T0)[key]
    store.release_edits([edit.id], at=T0 + timedelta(seconds=3), note="rate limited")
    (released,) = list_edits(engine)
    assert (released.state, released.attempts, released.error) == ("queued", 0, "rate limited")

    (edit,) = store.claim_edits({key: 1}, lease=LEASE, now=T0 + timedelta(seconds=3))[key]
    store.retry_edit(edit.id, at=T0 + timedelta(minutes=1), error="timeout")
    (retried,) = list_edits(engine)
    assert (retried.state, retried.attempts, retried.next_attempt_at) == (
        "queued",
        1,
        T0 + timedelta(minutes=1),
    )
    # A change while it waits for its retry folds in and keeps the backoff.
    enqueue_edits(engine, ["ashby:acme:1"], reason="updated", now=T0 + timedelta(seconds=10))
    assert list_edits(engine)[0].next_attempt_at == T0 + timedelta(minutes=1)


def test_deleting_the_posting_deletes_its_edits(engine):
    _posted(engine, "ashby:acme:1", PARIS_CHANNEL, "1.000001")
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0)
    with engine.begin() as conn:
        conn.execute(tables.postings.delete())
    assert list_edits(engine) == []
