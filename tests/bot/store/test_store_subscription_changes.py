import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.models import Destination
from bot.store import subscription_changes as log
from bot.store import subscriptions as subs
from bot.store.migrate import open_store
from bot.store.tables import subscription_changes
from tests.bot.store.samples import ANNA_DM, PARIS_CHANNEL


def _rows(engine) -> list[tuple[int | None, str]]:
    with engine.connect() as conn:
        query = select(subscription_changes.c.subscription_id, subscription_changes.c.change)
        return [tuple(row) for row in conn.execute(query.order_by(subscription_changes.c.seq))]


def test_every_subscription_write_logs_which_subscriptions_it_changed(engine):
    a = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris + French")
    b = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Madrid")
    c = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Berlin")
    subs.pause_subscription(engine, a.id)
    subs.resume_subscription(engine, a.id)
    subs.set_delivery_mode(engine, a.id, {"digest": "daily"})
    assert subs.pause_destination(engine, ANNA_DM.key, "DMs closed") == [b.id, c.id]
    subs.remove_subscription(engine, c.id)
    assert _rows(engine) == [
        (a.id, "added"),
        (b.id, "added"),
        (c.id, "added"),
        (a.id, "paused"),
        (a.id, "resumed"),
        (a.id, "changed"),
        (b.id, "paused"),
        (c.id, "paused"),
        (c.id, "removed"),
    ]


def test_a_write_that_changes_nothing_logs_nothing(engine):
    assert not subs.pause_subscription(engine, 404)
    assert not subs.remove_subscription(engine, 404)
    assert subs.pause_destination(engine, ANNA_DM.key) == []
    assert _rows(engine) == [] and log.latest_seq(engine) == 0


def test_changes_since_give_each_changed_subscription_once_with_its_state_now(engine):
    a = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris + French")
    seen = log.latest_seq(engine)
    b = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Madrid")
    subs.pause_subscription(engine, a.id)
    c = subs.add_subscription(engine, owner="U0ANNA", destination=ANNA_DM, query="Berlin")
    subs.remove_subscription(engine, c.id)

    changes = log.changes_since(engine, seen)
    assert sorted(changes.states, key=lambda s: s.id) == [
        log.SubscriptionState(a.id, None, None),  # paused: drop it
        log.SubscriptionState(b.id, "Madrid", ANNA_DM),
        log.SubscriptionState(c.id, None, None),  # removed
    ]
    assert changes.seq == log.latest_seq(engine) > seen and not changes.missed
    nothing = log.changes_since(engine, changes.seq)
    assert nothing.states == () and nothing.seq == changes.seq


def test_pruning_keeps_the_newest_row_and_marks_how_far_it_went(engine):
    a = subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Paris")
    behind = log.latest_seq(engine)
    subs.add_subscription(engine, owner="U0ANNA", destination=PARIS_CHANNEL, query="Lyon")
    subs.pause_subscription(engine, a.id)
    current = log.latest_seq(engine)

    assert log.prune_changes(engine, older_than=timedelta(days=7)) == 0  # nothing that old
    assert log.prune_changes(engine, older_than=timedelta(0), now=None) == 2  # all but the newest
    assert [change for _, change in _rows(engine)] == ["paused", "pruned"]
    assert log.changes_since(engine, behind).missed  # rows it needed are gone: rebuild
    up_to_date = log.changes_since(engine, current)
    assert not up_to_date.missed and up_to_date.states == ()
    assert log.latest_seq(engine) > current  # the marker moved the watermark on, never back


@pytest.mark.postgres
def test_postgresql_writers_commit_their_changes_in_seq_order(postgres_url):
    """T1 draws a seq and stays open; T2 must not commit a higher seq before T1 does.

    Otherwise a reader that saw T2's seq would skip T1's lower one when it commits.
    """
    first, second = open_store(postgres_url), open_store(postgres_url)
    try:
        with first.begin() as t1:
            early = subs.add_subscription(t1, owner="U1", destination=ANNA_DM, query="Paris")
            done = threading.Event()
            other = Destination("slack", "dm", "U2", "T0ACME")
            writer = threading.Thread(
                target=lambda: (
                    subs.add_subscription(second, owner="U2", destination=other, query="Rome"),
                    done.set(),
                )
            )
            writer.start()
            assert not done.wait(0.5)  # T2 queues behind T1 …
            assert log.changes_since(second, 0).states == ()  # … so a reader sees neither yet
        writer.join(5)
        assert done.is_set()
        changes = log.changes_since(second, 0)
        assert [state.query for state in changes.states] == ["Paris", "Rome"]  # T1's seq, then T2's
        assert changes.states[0].id == early.id
    finally:
        first.dispose()
        second.dispose()


def test_pruning_an_empty_log_deletes_nothing(engine):
    # A new deployment's hourly cleanup runs before anyone has subscribed.
    assert log.prune_changes(engine, older_than=timedelta(0)) == 0
