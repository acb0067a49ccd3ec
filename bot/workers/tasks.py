"""The worker queue's tasks: a periodic tick, polls, deliveries, and housekeeping.

- ``tick`` (periodic, every ``[workers] tick_seconds``; procrastinate's periodic deferrer runs in every
  worker and its ``periodic_defers`` table lets one tick through per moment however many processes tick):
  defers a ``poll`` for every due source and a ``deliver`` for every group with cards or edits due.
- ``poll(source_id)``: lock and queueing lock ``poll:<source>``: one running, at most one queued. It polls
  through ``JobBot.poll`` (the fetcher opened once per worker process), matching in the same transaction
  as ever, then defers ``deliver`` for the groups that got cards or edits (or its owner's health notice).
- ``deliver(platform, workspace)``: lock ``deliver:<platform>:<workspace>`` (see ``bot.workers.deliver``).
  Two queueing locks: one job queued to run now (priority 1) and one scheduled for work due later
  (priority 0, ``schedule_at``). The priorities matter: procrastinate runs jobs of one lock in order, and
  a job scheduled for later must not hold back one that is due now.
- ``retry_stalled`` (periodic, with the tick): jobs of workers whose heartbeat stopped go back to the queue.
- ``cleanup`` (hourly): deletes finished jobs older than ``keep_finished_jobs_hours`` and old rate rows.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import procrastinate
from procrastinate.exceptions import AlreadyEnqueued, UniqueViolation
from procrastinate.jobs import Status
from sqlalchemy import Engine, text

from bot.delivery.limits import DeliveryLimits
from bot.settings import Settings
from bot.store.due_work import Group, due_groups, due_source_ids, groups_of_postings, source_is_due
from bot.store.preferences import owner_destination
from bot.store.rate_limits import forget_past
from bot.store.sources import get_source
from bot.store.subscription_changes import prune_changes
from bot.workers.deliver import deliver_group
from bot.workers.exclusive import exclusive_async
from bot.workers.queue import analyze_queue

if TYPE_CHECKING:
    from bot.app import JobBot

logger = logging.getLogger(__name__)

TICK, POLL, DELIVER = "jobbot.tick", "jobbot.poll", "jobbot.deliver"
RETRY_STALLED, CLEANUP = "jobbot.retry_stalled", "jobbot.cleanup"
NOW_PRIORITY, LATER_PRIORITY = 1, 0
RATE_ROWS_KEPT = timedelta(hours=1)  # a rate row this far in the past holds nobody back
DEFER_BATCH = 500  # polls queued per round trip by a tick
# A tick that queued this many polls refreshes the queue table's statistics at once (``analyze_queue``).
ANALYZE_AFTER = 200


def tick_cron(seconds: int) -> str:
    """A cron for every ``seconds`` (croniter's sixth field is seconds); from a minute on, whole minutes."""
    if seconds < 60:
        return f"* * * * * */{seconds}"
    return f"*/{max(1, seconds // 60)} * * * *"


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class WorkerJobs:
    """What the tasks of one worker process share; ``bot`` is set where polls and deliveries are served."""

    app: procrastinate.App
    settings: Settings
    engine: Engine
    bot: JobBot | None = None
    clock: Callable[[], datetime] = _utcnow
    limits: DeliveryLimits = field(init=False)

    def __post_init__(self) -> None:
        """The delivery limits of every deliver job, with the worker's lease."""
        lease = self.settings.workers.delivery_lease_seconds
        self.limits = DeliveryLimits.from_settings(self.settings.delivery, lease_seconds=lease)

    @property
    def interval(self) -> timedelta:
        """How often a source is polled."""
        return timedelta(minutes=self.settings.poll.interval_minutes)

    # -- deferring ------------------------------------------------------------------------------------

    async def defer_poll(self, source_id: str) -> bool:
        """Queue a poll of ``source_id``; False when one is queued already (one running is fine)."""
        lock = f"poll:{source_id}"
        deferrer = self.app.configure_task(POLL, queue="poll", lock=lock, queueing_lock=lock)
        try:
            await deferrer.defer_async(source_id=source_id)
        except AlreadyEnqueued:
            return False
        return True

    async def defer_deliver(self, group: Group, *, at: datetime | None = None) -> bool:
        """Queue a deliver job for ``group`` now, or at ``at``; False when one is queued for that already."""
        platform, workspace = group
        name = f"{platform}:{workspace}"
        options: dict[str, object] = {"queue": "deliver", "lock": f"deliver:{name}"}
        if at is None:
            options.update(queueing_lock=f"deliver:{name}", priority=NOW_PRIORITY)
        else:
            options.update(queueing_lock=f"deliver-later:{name}", priority=LATER_PRIORITY, schedule_at=at)
        try:
            await self.app.configure_task(DELIVER, **options).defer_async(  # type: ignore[arg-type]
                platform=platform, workspace=workspace
            )
        except AlreadyEnqueued:
            return False
        return True

    # -- the jobs -------------------------------------------------------------------------------------

    async def tick(self) -> dict[str, int]:
        """Queue a poll of every due source and a deliver job for every group with work due."""
        now = self.clock()
        due = await asyncio.to_thread(due_source_ids, self.engine, now=now, interval=self.interval)
        polls = await self._defer_polls(due)
        if polls >= ANALYZE_AFTER:
            await asyncio.to_thread(analyze_queue, self.engine)
        groups = await asyncio.to_thread(due_groups, self.engine, now=now)
        delivers = [await self.defer_deliver(group) for group in groups]
        counts = {"due_sources": len(due), "polls_queued": polls, "deliveries_queued": sum(delivers)}
        logger.info("tick", extra=counts)
        return counts

    async def _defer_polls(self, source_ids: list[str]) -> int:
        """Queue polls of these sources, skipping those queued already; how many were queued.

        In batches: one round trip per ``DEFER_BATCH`` polls, not one per source (a tick of 10,000 due
        sources deferred one by one takes minutes). A batch that meets a poll queued meanwhile by another
        tick fails whole in procrastinate; it is then deferred one by one.
        """
        queued = await asyncio.to_thread(self._queued_locks, "poll:")
        wanted = [source_id for source_id in source_ids if f"poll:{source_id}" not in queued]
        done = 0
        for start in range(0, len(wanted), DEFER_BATCH):
            chunk = wanted[start : start + DEFER_BATCH]
            jobs = [
                self.app.configure_task(
                    POLL,
                    queue="poll",
                    lock=f"poll:{s}",
                    queueing_lock=f"poll:{s}",
                    task_kwargs={"source_id": s},
                ).job
                for s in chunk
            ]
            try:
                await self.app.job_manager.batch_defer_jobs_async(jobs)
                done += len(jobs)
            except AlreadyEnqueued:
                logger.info("a batch of polls met one queued meanwhile: queueing them one by one")
                done += sum([await self.defer_poll(source_id) for source_id in chunk])
        return done

    def _queued_locks(self, prefix: str) -> set[str]:
        """The queueing locks of jobs waiting in the queue that start with ``prefix``."""
        query = text(
            "SELECT queueing_lock FROM procrastinate_jobs WHERE status = 'todo' AND queueing_lock LIKE :p"
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query, {"p": prefix.replace("%", "\\%") + "%"}).scalars())

    async def poll(self, source_id: str) -> str:
        """Poll one source if still due; queue delivery for the groups it gave cards or edits."""
        async with exclusive_async(self.engine, f"poll:{source_id}") as mine:
            if not mine:
                logger.warning("poll already running elsewhere", extra={"source": source_id})
                return "busy"
            return await self._poll(source_id)

    async def _poll(self, source_id: str) -> str:
        bot = self._bot()
        # The store's round trips wait in threads (as in ``JobBot.poll``): the loop goes on fetching.
        due = await asyncio.to_thread(
            source_is_due, self.engine, source_id, now=self.clock(), interval=self.interval
        )
        if not due:
            return "not_due"  # the poll queued behind this one's last run found it just polled
        result = await bot.poll(source_id)
        if result.queued or result.edits:
            changed = [*result.new, *result.updated, *result.reopened, *result.closed]
            for group in await asyncio.to_thread(groups_of_postings, self.engine, changed):
                await self.defer_deliver(group)
        if result.became_unhealthy or result.recovered:  # its owner's notice was queued with the result
            record = await asyncio.to_thread(get_source, self.engine, source_id)
            owner = owner_destination(record.owner) if record is not None else None
            if owner is not None:
                await self.defer_deliver((owner.platform, owner.workspace))
        return result.status

    async def deliver(self, platform: str, workspace: str) -> str:
        """Serve one delivery group (``bot.workers.deliver``), then queue its next job if it has more."""
        group = (platform, workspace)
        async with exclusive_async(self.engine, f"deliver:{platform}:{workspace}") as mine:
            if not mine:  # its last job still runs (its worker only looked dead): come back after it
                logger.warning("group already served elsewhere", extra={"group": f"{platform}:{workspace}"})
                linger = timedelta(seconds=self.settings.workers.deliver_linger_seconds)
                await self.defer_deliver(group, at=self.clock() + linger)
                return "busy"
            return await self._deliver(group)

    async def _deliver(self, group: Group) -> str:
        platform, workspace = group
        logger.info("deliver started", extra={"group": f"{platform}:{workspace}"})
        handoff = await deliver_group(
            self._bot(),
            group,
            limits=self.limits,
            budget_seconds=self.settings.workers.deliver_budget_seconds,
            linger_seconds=self.settings.workers.deliver_linger_seconds,
            clock=self.clock,
        )
        logger.info("deliver ended", extra={"group": f"{platform}:{workspace}", "next": handoff.next})
        if handoff.next == "now":
            await self.defer_deliver(group)
        elif handoff.next == "later":
            await self.defer_deliver(group, at=handoff.at)
        return handoff.next

    async def retry_stalled(self) -> int:
        """Put the jobs of workers whose heartbeat stopped (killed, frozen) back in the queue.

        A stalled job whose twin is queued already (same queueing lock: a tick queued the same poll or
        deliver meanwhile) cannot go back beside it; it is closed as failed instead, which frees its lock
        for the twin to do the same work. Both tasks are safe to run again: a poll checks the source is
        due, a deliver settles rows in doubt with the platform first.
        """
        manager = self.app.job_manager
        seconds = self.settings.workers.stalled_after_seconds
        retried = 0
        for job in await manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
            assert job.id is not None
            twin = False
            try:
                await manager.retry_job(job)
            except UniqueViolation:
                twin = await self._close_stalled(job.id)
                if not twin:
                    continue
            except Exception as exc:  # another process retried it first, or it finished meanwhile
                logger.info("stalled job not retried", extra={"job": job.id, "error": str(exc).strip()})
                continue
            retried += 1
            logger.warning(
                "stalled job retried", extra={"job": job.id, "task": job.task_name, "by_twin": twin}
            )
        return retried

    async def _close_stalled(self, job_id: int) -> bool:
        try:
            await self.app.job_manager.finish_job_by_id_async(job_id, status=Status.FAILED, delete_job=False)
        except Exception as exc:  # another process closed it first
            logger.info("stalled job not closed", extra={"job": job_id, "error": str(exc).strip()})
            return False
        return True

    async def cleanup(self) -> None:
        """Delete finished jobs, stale rate rows and old subscription-log entries.

        Finished jobs go after ``keep_finished_jobs_hours``; an index that fell behind the pruned log
        rebuilds from the table.
        """
        hours = self.settings.workers.keep_finished_jobs_hours
        await self.app.job_manager.delete_old_jobs(
            nb_hours=hours, include_failed=True, include_cancelled=True, include_aborted=True
        )
        forget_past(self.engine, time.time() - RATE_ROWS_KEPT.total_seconds())
        prune_changes(self.engine)

    def _bot(self) -> JobBot:
        if self.bot is None:
            raise RuntimeError("this process serves the tick queue only: it has no bot to poll or deliver")
        return self.bot


def register_tasks(jobs: WorkerJobs) -> None:
    """Register the tasks on ``jobs.app``, each calling ``jobs``.

    The periodic ones take a lock as well as a queueing lock: at most one waits, and none runs beside
    another of its kind (two ticks at once would only race each other for the same sources).
    """
    app, tick_every = jobs.app, jobs.settings.workers.tick_seconds

    @app.periodic(cron=tick_cron(tick_every), periodic_id="tick")
    @app.task(name=TICK, queue="tick", queueing_lock=TICK, lock=TICK)
    async def tick(timestamp: int) -> None:
        await jobs.tick()

    @app.periodic(cron=tick_cron(tick_every), periodic_id="retry_stalled")
    @app.task(name=RETRY_STALLED, queue="tick", queueing_lock=RETRY_STALLED, lock=RETRY_STALLED)
    async def retry_stalled(timestamp: int) -> None:
        await jobs.retry_stalled()

    @app.periodic(cron="17 * * * *", periodic_id="cleanup")
    @app.task(name=CLEANUP, queue="tick", queueing_lock=CLEANUP, lock=CLEANUP)
    async def cleanup(timestamp: int) -> None:
        await jobs.cleanup()

    @app.task(name=POLL, queue="poll")
    async def poll(source_id: str) -> None:
        await jobs.poll(source_id)

    @app.task(name=DELIVER, queue="deliver")
    async def deliver(platform: str, workspace: str) -> None:
        await jobs.deliver(platform, workspace)
