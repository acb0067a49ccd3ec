"""The shared state metrics read at scrape time: outbox depth and age, sources by health, the task queue."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.models import Destination
from bot.store import stats
from bot.store.deliveries import claim_due, enqueue_delivery
from bot.store.notices import claim_notices, fail_notice, mark_sent, queue_notice, retry_notice
from bot.store.sources import add_source, record_poll_error, record_poll_ok
from tests.bot.delivery.conftest import store_posting
from tests.bot.store.conftest import T0
from tests.task_queue import add_job, apply_procrastinate_schema


def _channel(n: int) -> str:
    return Destination("slack", "channel", f"C{n}", "T0ACME").key


def _samples(readings, name):
    [reading] = [r for r in readings if r.name == name]
    return {values: value for values, value in reading.samples}


def test_outbox_rows_by_state_and_the_oldest_due_one(engine):
    for n, due_in in enumerate((-600, -60, 0, 3600)):  # two overdue, one due now, one digest for later
        store_posting(engine, f"p:{n}")
        enqueue_delivery(engine, destination=_channel(n), posting_id=f"p:{n}",
                         now=T0 - timedelta(hours=1), not_before=T0 + timedelta(seconds=due_in))  # fmt: skip
    now = T0 + timedelta(seconds=1)
    claim_due(engine, destination_key=_channel(1), limit=1, lease=timedelta(minutes=2), now=now)

    readings = stats.outbox_readings(engine, now=now)

    # p:1 was claimed (in flight); p:0 and p:2 are due; p:3 waits for its time.
    assert _samples(readings, "jobbot_outbox_rows") == {("due",): 2, ("scheduled",): 1, ("in_flight",): 1}
    assert _samples(readings, "jobbot_outbox_oldest_due_seconds") == {(): 601.0}
    assert _samples(readings, "jobbot_card_edit_rows") == {("due",): 0, ("scheduled",): 0, ("in_flight",): 0}
    assert _samples(readings, "jobbot_card_edit_oldest_due_seconds") == {(): 0.0}


def test_owner_notices_queued_and_unsent_by_state_and_the_oldest_due_one(engine):
    owner = Destination("slack", "dm", "U1", "T0ACME")
    for n in range(5):
        queue_notice(engine, owner, about=f"source:s{n}", text=f"Notice {n}", now=T0)
    claimed = claim_notices(engine, {owner.key: 3}, lease=timedelta(minutes=2), now=T0)
    first, second, third = (notice.id for notice in claimed[owner.key])
    mark_sent(engine, first, message_id="m1", now=T0)  # done: no longer waiting
    fail_notice(engine, second, error="cannot DM")  # given up: no longer waiting
    retry_notice(engine, third, at=T0 + timedelta(hours=1), error="429")  # waits: scheduled
    claim_notices(engine, {owner.key: 1}, lease=timedelta(minutes=2), now=T0)  # the fourth: in flight

    readings = stats.outbox_readings(engine, now=T0 + timedelta(seconds=90))

    assert _samples(readings, "jobbot_owner_notice_rows") == {
        ("due",): 1,
        ("scheduled",): 1,
        ("in_flight",): 1,
    }
    assert _samples(readings, "jobbot_owner_notice_oldest_due_seconds") == {(): 90.0}
    assert _samples(readings, "jobbot_outbox_rows") == {("due",): 0, ("scheduled",): 0, ("in_flight",): 0}


def test_sources_by_health_and_the_failures_of_failing_ones(engine):
    for source_id in ("new:a", "ok:b", "failing:c", "unhealthy:d"):
        add_source(engine, id=source_id, kind="feed", url=f"https://example.org/{source_id}", now=T0)
    record_poll_ok(engine, "ok:b", etag=None, last_modified=None, now=T0)
    record_poll_error(engine, "failing:c", "HTTP 500", now=T0)
    for _ in range(5):
        record_poll_error(engine, "unhealthy:d", "HTTP 404", now=T0)

    readings = stats.source_readings(engine, unhealthy_after=5)

    assert _samples(readings, "jobbot_sources") == {
        ("new",): 1,
        ("ok",): 1,
        ("failing",): 1,
        ("unhealthy",): 1,
    }
    assert _samples(readings, "jobbot_source_consecutive_failures") == {
        ("unhealthy:d",): 5,
        ("failing:c",): 1,
    }


def test_no_task_queue_readings_without_its_table(engine):
    assert stats.task_queue_readings(engine) == []
    assert not stats.task_queue_exists(engine)


@pytest.mark.postgres
def test_task_queue_jobs_by_queue_and_status_and_the_oldest_due_one(postgres_url):
    from bot.store.migrate import open_store

    engine = open_store(postgres_url)
    try:
        apply_procrastinate_schema(engine)
        add_job(engine, "polls", "poll", age_seconds=30)
        add_job(engine, "polls", "poll", age_seconds=5)
        add_job(engine, "polls", "poll", status="doing", age_seconds=90)
        add_job(engine, "deliveries", "deliver", status="succeeded", age_seconds=300)

        readings = stats.task_queue_readings(engine)
        stats.ping_task_queue(engine)  # readable: no exception
    finally:
        engine.dispose()

    assert _samples(readings, "jobbot_task_queue_jobs") == {
        ("deliveries", "succeeded"): 1, ("polls", "doing"): 1, ("polls", "todo"): 2,
    }  # fmt: skip
    [(_, oldest)] = _samples(readings, "jobbot_task_queue_oldest_due_seconds").items()
    assert 30 <= oldest < 40  # the oldest *due* job: not the running one, not the finished one
