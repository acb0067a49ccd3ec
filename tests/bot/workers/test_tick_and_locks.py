"""The tick and the queue's locks on a real PostgreSQL queue: what gets queued, and what may run together."""

import time
from datetime import UTC, datetime, timedelta

import pytest
from procrastinate.jobs import Status

from bot.models import Destination
from bot.store import deliveries, postings
from bot.store.engine import create_engine_for
from bot.store.sources import add_source, record_poll_ok
from bot.workers.exclusive import NAMESPACE, exclusive, exclusive_async
from bot.workers.tasks import ANALYZE_AFTER, DELIVER, POLL, tick_cron
from tests.bot.store.samples import make_posting
from tests.bot.workers.queue_harness import opened_queue, queued
from tests.fakes.http_server import async_test

pytestmark = pytest.mark.postgres


def _sources(engine, count):
    for n in range(count):
        add_source(engine, id=f"feed:s{n}", kind="feed", url=f"http://127.0.0.1:9/s{n}.xml")


@async_test
async def test_a_tick_queues_each_due_source_once_and_never_a_second_queued_poll(postgres_url):
    async with opened_queue(postgres_url) as jobs:
        _sources(jobs.engine, 3)
        record_poll_ok(jobs.engine, "feed:s2", now=datetime.now(UTC))  # polled just now: not due
        assert (await jobs.tick())["polls_queued"] == 2
        assert (await jobs.tick())["polls_queued"] == 0  # the queueing lock: at most one queued each
        assert queued(jobs, POLL) == [
            ("todo", "poll:feed:s0", {"source_id": "feed:s0"}),
            ("todo", "poll:feed:s1", {"source_id": "feed:s1"}),
        ]


@async_test
async def test_a_tick_that_queues_a_burst_of_polls_refreshes_the_queue_statistics(postgres_url):
    # Planned on an empty table's statistics, procrastinate's fetch sorts every queued job each time.
    def planned_rows():
        with jobs.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT reltuples FROM pg_class WHERE oid = 'procrastinate_jobs'::regclass"
            ).scalar()

    async with opened_queue(postgres_url) as jobs:
        _sources(jobs.engine, 3)
        assert (await jobs.tick())["polls_queued"] == 3
        assert planned_rows() < 0  # never analyzed: a few polls are not worth it
        for n in range(3, 3 + ANALYZE_AFTER):
            add_source(jobs.engine, id=f"feed:s{n}", kind="feed", url=f"http://127.0.0.1:9/s{n}.xml")
        assert (await jobs.tick())["polls_queued"] == ANALYZE_AFTER
        assert planned_rows() == ANALYZE_AFTER + 3


@async_test
async def test_one_poll_of_a_source_runs_at_a_time_and_one_more_may_wait(postgres_url):
    async with opened_queue(postgres_url) as jobs:
        _sources(jobs.engine, 1)
        manager = jobs.app.job_manager
        worker_a, worker_b = await manager.register_worker(), await manager.register_worker()
        await jobs.tick()
        running = await manager.fetch_job(["poll"], worker_a)
        assert running is not None and running.lock == "poll:feed:s0"
        # Still due while it runs: the next tick queues one more, and only one.
        assert (await jobs.tick())["polls_queued"] == 1
        assert (await jobs.tick())["polls_queued"] == 0
        assert [status for status, *_ in queued(jobs, POLL)] == ["doing", "todo"]
        assert await manager.fetch_job(["poll"], worker_b) is None  # the lock: not beside the running one
        await manager.finish_job(running, status=Status.SUCCEEDED, delete_job=False)
        waiting = await manager.fetch_job(["poll"], worker_b)
        assert waiting is not None and waiting.lock == "poll:feed:s0"


@async_test
async def test_the_lock_taken_off_the_event_loop_has_one_holder_and_is_released_after(postgres_url):
    first, second = create_engine_for(postgres_url), create_engine_for(postgres_url)
    try:
        async with exclusive_async(first, "poll:a") as mine:
            assert mine
            async with exclusive_async(second, "poll:a") as theirs:
                assert not theirs
        with exclusive(second, "poll:a") as after:
            assert after
    finally:
        first.dispose()
        second.dispose()


@async_test
async def test_deliver_jobs_one_per_group_and_a_later_one_never_holds_back_one_due_now(postgres_url):
    async with opened_queue(postgres_url) as jobs:
        manager = jobs.app.job_manager
        worker = await manager.register_worker()
        later = datetime.now(UTC) + timedelta(hours=1)
        assert await jobs.defer_deliver(("slack", "T1"), at=later)
        assert not await jobs.defer_deliver(("slack", "T1"), at=later + timedelta(hours=1))
        assert await jobs.defer_deliver(("slack", "T1"))
        assert not await jobs.defer_deliver(("slack", "T1"))
        assert await jobs.defer_deliver(("slack", "T2"))
        first = await manager.fetch_job(["deliver"], worker)
        assert first is not None and first.task_kwargs == {"platform": "slack", "workspace": "T1"}
        assert first.scheduled_at is None  # the job due now ran, though the later one was queued first
        second = await manager.fetch_job(["deliver"], worker)
        assert second is not None and second.task_kwargs["workspace"] == "T2"
        assert await manager.fetch_job(["deliver"], worker) is None  # T1 is running; its later job waits


@async_test
async def test_a_tick_queues_a_deliver_job_for_each_group_with_work_due(postgres_url):
    async with opened_queue(postgres_url) as jobs:
        postings.upsert_posting(jobs.engine, make_posting("ashby:acme:1"))
        now = datetime.now(UTC)
        for destination, not_before in [
            (Destination("slack", "channel", "C1", "T1"), None),
            (Destination("slack", "dm", "U1", "T1"), None),
            (Destination("discord", "channel", "5", "G1"), None),
            (Destination("slack", "channel", "C1", "T9"), now + timedelta(hours=1)),  # not due yet
        ]:
            deliveries.enqueue_delivery(
                jobs.engine, destination=destination, posting_id="ashby:acme:1", not_before=not_before
            )
        assert (await jobs.tick())["deliveries_queued"] == 2
        assert sorted(args["workspace"] for _, _, args in queued(jobs, DELIVER)) == ["G1", "T1"]


@async_test
async def test_jobs_of_a_worker_whose_heartbeat_stopped_go_back_to_the_queue(postgres_url):
    async with opened_queue(postgres_url, stalled_after_seconds=1.0) as jobs:
        _sources(jobs.engine, 1)
        manager = jobs.app.job_manager
        dead = await manager.register_worker()
        await jobs.tick()
        assert await manager.fetch_job(["poll"], dead) is not None
        assert await jobs.retry_stalled() == 0  # its heartbeat is fresh
        with jobs.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '5 seconds'"
            )
        assert await jobs.retry_stalled() == 1
        assert [status for status, *_ in queued(jobs, POLL)] == ["todo"]
        assert await manager.fetch_job(["poll"], await manager.register_worker()) is not None


def test_the_tick_cron_counts_seconds_below_a_minute():
    assert tick_cron(2) == "* * * * * */2"
    assert tick_cron(300) == "*/5 * * * *"


@async_test
async def test_a_stalled_job_whose_twin_is_queued_is_closed_so_that_the_twin_runs(postgres_url):
    async with opened_queue(postgres_url, stalled_after_seconds=1.0) as jobs:
        _sources(jobs.engine, 1)
        manager = jobs.app.job_manager
        dead = await manager.register_worker()
        await jobs.tick()
        assert await manager.fetch_job(["poll"], dead) is not None
        assert (await jobs.tick())["polls_queued"] == 1  # its twin, waiting for the lock
        with jobs.engine.begin() as conn:
            conn.exec_driver_sql(
                "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '5 seconds'"
            )
        assert await jobs.retry_stalled() == 1
        assert [status for status, *_ in queued(jobs, POLL)] == ["failed", "todo"]
        assert await manager.fetch_job(["poll"], await manager.register_worker()) is not None


def test_an_advisory_lock_has_one_holder_and_goes_with_its_session(postgres_url):
    first, second = create_engine_for(postgres_url), create_engine_for(postgres_url)
    try:
        with exclusive(first, "deliver:slack:T1") as mine:
            assert mine
            with exclusive(second, "deliver:slack:T1") as theirs:
                assert not theirs
            with exclusive(second, "deliver:slack:T2") as other:
                assert other
        with exclusive(second, "deliver:slack:T1") as now_theirs:
            assert now_theirs  # released when the first block ended
        with exclusive(first, "poll:a") as held:
            assert held
            with first.connect() as conn:  # the pool's only idle connection: the holder's is checked out
                holders = conn.exec_driver_sql(
                    "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 2 "
                    f"AND classid = {NAMESPACE} AND objid = hashtext('poll:a')::oid"
                ).scalars()
                pids = [pid for pid in holders]
            assert len(pids) == 1
            with second.begin() as conn:  # the holder's session ends, as when its process is killed
                conn.exec_driver_sql(f"SELECT pg_terminate_backend({int(pids[0])})")
            for _ in range(50):  # the session ends a moment after it is told to
                with exclusive(second, "poll:a") as after_kill:
                    if after_kill:
                        break
                time.sleep(0.05)
            assert after_kill
    finally:
        first.dispose()
        second.dispose()


@async_test
async def test_a_tick_queues_many_sources_in_batches_around_polls_queued_already(postgres_url):
    async with opened_queue(postgres_url) as jobs:
        _sources(jobs.engine, 1203)
        assert await jobs.defer_poll("feed:s7")  # queued before the tick, e.g. by another scheduler
        assert (await jobs.tick())["polls_queued"] == 1202
        locks = [lock for _, lock, _ in queued(jobs, POLL)]
        assert len(locks) == len(set(locks)) == 1203


@async_test
async def test_a_deliver_job_without_the_platforms_notifier_comes_back_later_instead_of_spinning(
    postgres_url,
):
    from bot.app import JobBot
    from bot.workers.deliver import deliver_group

    async with opened_queue(postgres_url) as jobs:
        bot = JobBot.create(jobs.settings)  # no tokens: no notifiers
        try:
            postings.upsert_posting(bot.engine, make_posting("ashby:acme:1"))
            deliveries.enqueue_delivery(
                bot.engine, destination=Destination("slack", "channel", "C1", "T1"), posting_id="ashby:acme:1"
            )
            now = datetime.now(UTC)
            handoff = await deliver_group(
                bot,
                ("slack", "T1"),
                limits=jobs.limits,
                budget_seconds=30,
                linger_seconds=1,
                clock=lambda: now,
            )
            assert handoff.next == "later" and handoff.at == now + timedelta(minutes=1)
        finally:
            bot.engine.dispose()


@async_test
async def test_a_deliver_job_sends_its_groups_cards_only_and_hands_its_pacing_on(postgres_url):
    from bot.app import JobBot
    from bot.store.rate_limits import load_pacing
    from bot.workers.deliver import deliver_group
    from tests.fakes.notifier import FakeNotifier

    async with opened_queue(postgres_url) as jobs:
        bot = JobBot.create(jobs.settings)
        notifier = bot.notifiers["slack"] = FakeNotifier()
        try:
            mine, theirs = (
                Destination("slack", "channel", "C1", "T1"),
                Destination("slack", "channel", "C1", "T2"),
            )
            for n in range(2):
                postings.upsert_posting(bot.engine, make_posting(f"ashby:acme:{n}"))
                for destination in (mine, theirs):
                    deliveries.enqueue_delivery(
                        bot.engine, destination=destination, posting_id=f"ashby:acme:{n}"
                    )
            handoff = await deliver_group(
                bot, ("slack", "T1"), limits=jobs.limits, budget_seconds=30, linger_seconds=1,
                clock=lambda: datetime.now(UTC),
            )  # fmt: skip
            assert handoff.next == "done"
            assert [m.destination for m in notifier.sent] == [mine, mine]
            assert deliveries.count_by_state(bot.engine, destination_key=theirs.key) == {"queued": 2}
            assert set(load_pacing(bot.engine, ("slack", "T1"))) == {mine.key}  # two of three tokens spent
        finally:
            bot.engine.dispose()


@async_test
async def test_the_hourly_cleanup_prunes_the_subscription_change_log_but_keeps_its_newest_entry(postgres_url):
    from sqlalchemy import select, update

    from bot.store.subscriptions import add_subscription
    from bot.store.tables import subscription_changes

    async with opened_queue(postgres_url) as jobs:
        channel = Destination("slack", "channel", "C1", "T1")
        for query in ("Paris", "Berlin", "Madrid"):
            add_subscription(jobs.engine, owner="U1", destination=channel, query=query)
        with jobs.engine.begin() as conn:  # the first two were logged long ago
            old = datetime.now(UTC) - timedelta(days=30)
            conn.execute(
                update(subscription_changes).where(subscription_changes.c.seq <= 2).values(changed_at=old)
            )
        await jobs.cleanup()
        with jobs.engine.connect() as conn:
            left = conn.execute(
                select(subscription_changes.c.change).order_by(subscription_changes.c.seq)
            ).scalars()
            left = list(left)
    assert "pruned" in left and left.count("added") == 1
