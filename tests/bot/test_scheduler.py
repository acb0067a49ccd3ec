import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from apscheduler.triggers.interval import IntervalTrigger

from bot.scheduler import SourceScheduler, job_id
from tests.fakes.http_server import async_test

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class Calls:
    def __init__(self):
        self.polled = []

    async def poll(self, source_id):
        self.polled.append(source_id)
        return source_id


def _scheduler(calls, **kw):
    return SourceScheduler(calls.poll, rand=lambda: 0.5, clock=lambda: T0, **kw)


def test_one_interval_job_per_source_with_polite_defaults():
    calls = Calls()
    scheduler = _scheduler(calls)
    job = scheduler.add("greenhouse:acme")
    assert job.id == job_id("greenhouse:acme") == "poll:greenhouse:acme"
    assert isinstance(job.trigger, IntervalTrigger)
    assert job.trigger.interval == timedelta(minutes=10)
    assert job.trigger.jitter == 60
    assert job.coalesce is True
    assert job.max_instances == 1
    assert job.misfire_grace_time == 300
    assert job.next_run_time == T0 + timedelta(minutes=5)  # first run spread over one interval
    assert job.args == ("greenhouse:acme",)


def test_the_job_runs_the_plain_poll_function():
    calls = Calls()
    job = _scheduler(calls).add("lever:acme")
    assert asyncio.run(job.func(*job.args)) == "lever:acme"
    assert calls.polled == ["lever:acme"]


def test_add_replaces_reschedule_changes_interval_remove_forgets():
    calls = Calls()
    scheduler = _scheduler(calls, interval=timedelta(minutes=30))
    scheduler.add("a")
    scheduler.add("b", interval=timedelta(minutes=5))
    scheduler.add("a")  # again: still one job
    assert scheduler.source_ids() == ["a", "b"]
    assert scheduler.job("b").trigger.interval == timedelta(minutes=5)
    assert scheduler.job("b").trigger.jitter == 150  # never more than half the interval
    scheduler.reschedule("a", timedelta(hours=1))
    assert scheduler.job("a").trigger.interval == timedelta(hours=1)
    assert scheduler.remove("a") is True
    assert scheduler.remove("a") is False
    assert scheduler.source_ids() == ["b"]
    with pytest.raises(KeyError):
        scheduler.reschedule("a", timedelta(hours=1))


def test_interval_must_be_positive():
    with pytest.raises(ValueError):
        SourceScheduler(Calls().poll, interval=timedelta(0))


@async_test
async def test_starts_and_stops_in_the_running_loop():
    calls = Calls()
    scheduler = SourceScheduler(calls.poll, rand=lambda: 0.5)  # real clock: first runs minutes away
    scheduler.add("a")
    scheduler.start()
    try:
        assert scheduler.running
        scheduler.add("b")  # added while running: scheduled right away
        assert scheduler.source_ids() == ["a", "b"]
        assert scheduler.job("b").next_run_time is not None
    finally:
        scheduler.shutdown()
        await asyncio.sleep(0)
    assert not scheduler.running
    assert calls.polled == []  # nothing ran by itself: runs are far in the (faked) future
