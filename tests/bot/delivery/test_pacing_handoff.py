"""A pacer hands its buckets on to the next one (the next deliver job of a group, in another process)."""

from datetime import UTC, datetime, timedelta

import pytest

from bot.delivery.limits import DeliveryLimits, Rate
from bot.delivery.pacing import Pacer, workspace_bucket
from bot.models import Destination
from bot.store.migrate import open_store
from bot.store.rate_limits import load_pacing, save_pacing

T0 = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
C1 = Destination("slack", "channel", "C1", "T1")
OTHER = Destination("slack", "channel", "C1", "T2")
LIMITS = DeliveryLimits(per_destination={"slack": Rate(1.0, burst=3)}, per_bot={}, pacing_margin_seconds=0.0)


def _owned_by_t1(key):
    return key.startswith("slack:T1:") or key == workspace_bucket("slack", "T1")


def test_a_drained_bucket_stays_drained_in_the_pacer_that_takes_over():
    first = Pacer(LIMITS)
    for _ in range(3):
        first.take(C1, T0)
    first.take(OTHER, T0)
    first.block(Destination("slack", "channel", "C2", "T1"), T0 + timedelta(seconds=30))
    state = first.hand_on(T0, _owned_by_t1)
    assert set(state) == {C1.key, "blocked:slack:T1:channel:C2"}  # T2's bucket is not T1's to hand on

    fresh, next_ = Pacer(LIMITS), Pacer(LIMITS)
    next_.take_over(state)
    assert fresh.wait(C1, T0) == 0  # a fresh pacer would send a burst of three at once
    assert next_.wait(C1, T0) == pytest.approx(1.0)  # the one that took over waits for the next token
    assert next_.tokens(C1, T0 + timedelta(seconds=2)) == 2
    assert next_.blocked_until(Destination("slack", "channel", "C2", "T1"), T0) == T0 + timedelta(seconds=30)


def test_full_buckets_are_not_handed_on():
    pacer = Pacer(LIMITS)
    pacer.take(C1, T0)
    assert pacer.hand_on(T0 + timedelta(seconds=5), _owned_by_t1) == {}


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_the_store_keeps_a_groups_pacing_apart_from_other_groups(backend, tmp_path, request):
    url = (
        f"sqlite:///{tmp_path / 'j.sqlite3'}"
        if backend == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    engine = open_store(url)
    try:
        save_pacing(engine, {C1.key: 100.0, "blocked:" + C1.key: 50.0, OTHER.key: 70.0})
        save_pacing(engine, {workspace_bucket("slack", "T1"): 80.0, C1.key: 120.0})
        assert load_pacing(engine, ("slack", "T1"), keys=[workspace_bucket("slack", "T1")]) == {
            C1.key: 120.0,
            "blocked:" + C1.key: 50.0,
            workspace_bucket("slack", "T1"): 80.0,
        }
        assert load_pacing(engine, ("slack", "T2")) == {OTHER.key: 70.0}
    finally:
        engine.dispose()


def test_an_outage_hold_is_handed_on_to_the_next_job_of_the_group():
    first = Pacer(LIMITS)
    first.hold_scope(C1, T0 + timedelta(seconds=60))
    first.hold_scope(OTHER, T0 + timedelta(seconds=60))
    key = first.outage_key("slack", "T1")
    state = first.hand_on(T0, lambda k: _owned_by_t1(k) or k == key)
    assert state == {key: (T0 + timedelta(seconds=60)).timestamp()}  # T2's outage is not T1's to hand on

    next_ = Pacer(LIMITS)
    next_.take_over(state)
    c2 = Destination("slack", "channel", "C2", "T1")
    assert next_.wait(c2, T0 + timedelta(seconds=10)) == pytest.approx(50.0)  # held, not a burst of sends
    after = T0 + timedelta(seconds=61)
    assert next_.wait(c2, after) == 0  # then it probes
    assert next_.wait(C1, after) > 0  # alone
    # A job ending while the probe is out hands the hold on as "probe at once", not as nothing.
    assert next_.hand_on(after, lambda k: k == key) == {key: pytest.approx(after.timestamp() + 0.001)}
    assert Pacer(LIMITS).outage_key("discord", "G1") == "outage:discord"  # one bot token: one hold


def test_an_outage_hold_left_long_ago_is_not_taken_over():
    key = Pacer(LIMITS).outage_key("slack", "T1")
    later = T0 + timedelta(seconds=LIMITS.unavailable_seconds + 5)
    pacer = Pacer(LIMITS)
    pacer.take_over({key: T0.timestamp()}, later)
    assert pacer.wait(C1, later) == 0 and pacer.wait(Destination("slack", "channel", "C2", "T1"), later) == 0


def test_an_outage_hold_lifted_by_an_answer_is_handed_on_as_lifted():
    first = Pacer(LIMITS)
    first.take_over({first.outage_key("slack", "T1"): (T0 + timedelta(seconds=600)).timestamp()}, T0)
    assert first.answered(C1)  # the probe was answered: the token works again
    key = first.outage_key("slack", "T1")
    state = first.hand_on(T0 + timedelta(seconds=5), lambda k: _owned_by_t1(k) or k == key)
    assert key in state  # written over the stored hold, which would otherwise hold the next job again

    next_ = Pacer(LIMITS)
    next_.take_over(state, T0 + timedelta(seconds=6))
    assert next_.wait(Destination("slack", "channel", "C2", "T1"), T0 + timedelta(seconds=6)) == 0
