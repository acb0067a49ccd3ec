"""APScheduler 3 wiring only: one interval job per source, in the running asyncio loop.

The work is a plain async function passed in (``poll(source_id)``); tests call it directly and check the
jobs' configuration, never wait for the scheduler.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

logger = logging.getLogger(__name__)

PollFunction = Callable[[str], Awaitable[Any]]
DEFAULT_INTERVAL = timedelta(minutes=10)
JOB_PREFIX = "poll:"


class SourceScheduler:
    """Polls each source every ``interval`` (jittered), at most one run at a time, missed runs merged."""

    def __init__(
        self,
        poll: PollFunction,
        *,
        interval: timedelta = DEFAULT_INTERVAL,
        jitter: timedelta | None = None,  # default: a tenth of the interval
        misfire_grace: timedelta | None = None,  # default: half the interval
        rand: Callable[[], float] = random.random,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        if interval <= timedelta(0):
            raise ValueError("the poll interval must be positive")
        self._poll = poll
        self.interval = interval
        self.jitter = jitter if jitter is not None else interval / 10
        self.misfire_grace = misfire_grace if misfire_grace is not None else interval / 2
        self._rand = rand
        self._clock = clock
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    @property
    def running(self) -> bool:
        """True between ``start()`` and ``shutdown()``."""
        return self._scheduler.running

    def add(self, source_id: str, *, interval: timedelta | None = None) -> Job:
        """Poll ``source_id`` every ``interval``, replacing any job it had.

        The first run falls somewhere in the first interval, so sources added together do not poll together.
        """
        every = interval or self.interval
        self.remove(source_id)  # before start(), APScheduler keeps duplicate pending jobs side by side
        first = self._clock() + every * self._rand()
        job = self._scheduler.add_job(
            self._poll,
            trigger=self._trigger(every),
            args=[source_id],
            id=job_id(source_id),
            name=f"poll {source_id}",
            next_run_time=first,
            coalesce=True,  # runs missed while busy or asleep collapse into one
            max_instances=1,  # a slow poll is never overlapped by the next one of the same source
            misfire_grace_time=max(1, int(self.misfire_grace.total_seconds())),
            replace_existing=True,
        )
        logger.debug("scheduled", extra={"source": source_id, "every": every.total_seconds()})
        return job

    def reschedule(self, source_id: str, interval: timedelta) -> Job:
        """Change how often ``source_id`` is polled; KeyError when it has no job."""
        if self.job(source_id) is None:
            raise KeyError(source_id)
        return self._scheduler.reschedule_job(job_id(source_id), trigger=self._trigger(interval))

    def remove(self, source_id: str) -> bool:
        """Stop polling ``source_id``; False when it was not scheduled."""
        if self.job(source_id) is None:
            return False
        self._scheduler.remove_job(job_id(source_id))
        return True

    def job(self, source_id: str) -> Job | None:
        """The source's job, or None."""
        return self._scheduler.get_job(job_id(source_id))

    def source_ids(self) -> list[str]:
        """The scheduled sources, sorted."""
        return sorted(job.id.removeprefix(JOB_PREFIX) for job in self._scheduler.get_jobs())

    def start(self) -> None:
        """Start in the running asyncio loop (call from inside it)."""
        self._scheduler.start()

    def shutdown(self, *, wait: bool = False) -> None:
        """Stop scheduling (done on the loop's next turn); ``wait`` lets running polls finish first."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=wait)

    def _trigger(self, every: timedelta) -> IntervalTrigger:
        jitter = int(min(self.jitter, every / 2).total_seconds())
        return IntervalTrigger(seconds=every.total_seconds(), jitter=jitter or None, timezone=UTC)


def job_id(source_id: str) -> str:
    """The scheduler job id of a source's polls."""
    return f"{JOB_PREFIX}{source_id}"
