"""StoreOutbox restricted to one delivery group (platform, workspace): what a worker's deliver job sees."""

from datetime import timedelta

from bot.models import Destination
from bot.store import deliveries as outbox
from bot.store import postings
from bot.store.card_edits import enqueue_edits
from bot.store.outbox import StoreOutbox
from tests.bot.store.conftest import T0
from tests.bot.store.samples import make_posting

LEASE = timedelta(minutes=2)
T1_PARIS = Destination("slack", "channel", "C1", "T1")
T1_ANNA = Destination("slack", "dm", "U1", "T1")
T2_PARIS = Destination("slack", "channel", "C1", "T2")
T1_DISCORD = Destination("discord", "channel", "C1", "T1")  # same ids, other platform
LOOKALIKE = Destination("slack", "channel", "C9", "T_")  # "_" must not match any one character
EVERYONE = (T1_PARIS, T1_ANNA, T2_PARIS, T1_DISCORD, LOOKALIKE)


def _queue(engine, at=T0):
    postings.upsert_posting(engine, make_posting("ashby:acme:1"), now=T0)
    return {
        d.key: outbox.enqueue_delivery(engine, destination=d, posting_id="ashby:acme:1", now=at)
        for d in EVERYONE
    }


def test_a_group_sees_only_its_own_due_destinations_and_next_due_time(engine):
    _queue(engine)
    outbox.enqueue_delivery(
        engine, destination=T2_PARIS, posting_id="ashby:acme:1", now=T0
    )  # already there: ignored
    t1 = StoreOutbox(engine, group=("slack", "T1"))
    assert set(t1.due_destinations(now=T0, limit=10)) == {T1_PARIS.key, T1_ANNA.key}
    assert set(StoreOutbox(engine, group=("slack", "T_")).due_destinations(now=T0, limit=10)) == {
        LOOKALIKE.key
    }
    assert set(StoreOutbox(engine).due_destinations(now=T0, limit=10)) == {d.key for d in EVERYONE}
    assert StoreOutbox(engine, group=("slack", "T3")).due_destinations(now=T0, limit=10) == {}
    assert t1.next_due_at() == T0
    assert StoreOutbox(engine, group=("slack", "T3")).next_due_at() is None


def test_a_group_recovers_only_its_own_rows_in_doubt(engine):
    ids = _queue(engine)
    everything = StoreOutbox(engine)
    for key in ids:
        everything.claim_due(destination_key=key, limit=1, lease=LEASE, now=T0)  # all in flight
    later = T0 + LEASE + timedelta(seconds=1)
    claimed = StoreOutbox(engine, group=("slack", "T1")).claim_unknown(limit=10, lease=LEASE, now=later)
    assert {row.destination_key for row in claimed} == {T1_PARIS.key, T1_ANNA.key}
    rest = StoreOutbox(engine, group=("discord", "T1")).claim_unknown(limit=10, lease=LEASE, now=later)
    assert [row.destination_key for row in rest] == [T1_DISCORD.key]


def test_a_group_sees_only_its_own_card_edits(engine):
    ids = _queue(engine)
    for key, row_id in ids.items():
        outbox.mark_sent(engine, row_id, message_id=f"m-{key}", now=T0)
    enqueue_edits(engine, ["ashby:acme:1"], reason="closed", now=T0 + timedelta(seconds=5))
    t2 = StoreOutbox(engine, group=("slack", "T2"))
    assert t2.due_edits(now=T0 + timedelta(seconds=5), limit=10) == {T2_PARIS.key: 1}
    assert t2.next_due_at() == T0 + timedelta(seconds=5)
    assert len(StoreOutbox(engine).due_edits(now=T0 + timedelta(seconds=5), limit=10)) == len(EVERYONE)
