"""``jobbot worker``: one process serving the worker queue (procrastinate) until SIGINT/SIGTERM.

A process that serves ``poll`` or ``deliver`` builds its bot through the composition root (``make_bot``:
store, matcher, notifiers with no HTTP port and no gateway) and opens one fetcher for all its polls. A
process serving only ``tick`` (a scheduler) needs neither. Every process sends heartbeats; a worker
silent for ``stalled_after_seconds`` is taken for dead and its jobs are retried (``retry_stalled``).
Successful jobs are deleted as they finish (a poll every few minutes per source adds up); failed ones stay
for ``keep_finished_jobs_hours`` so that an operator can see them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import text

from bot.settings import Settings
from bot.store.engine import create_engine_for
from bot.workers.queue import QUEUES, build_app
from bot.workers.tasks import WorkerJobs, register_tasks

if TYPE_CHECKING:
    from bot.app import JobBot

logger = logging.getLogger(__name__)

Serve = Callable[[asyncio.Event], Awaitable[None]]
MakeBot = Callable[..., "tuple[JobBot, list[Serve]]"]  # (settings, *, concurrency)
FETCH_POLLING_SECONDS = 1.0  # how late a job scheduled for later may start (new jobs come by NOTIFY at once)


class QueueNotInstalledError(RuntimeError):
    """The database has no worker queue yet: ``jobbot migrate`` installs it."""


def check_queue_installed(database_url: str) -> None:
    """Raise QueueNotInstalledError, saying what to run, when procrastinate's tables are missing."""
    engine = create_engine_for(database_url)
    try:
        with engine.connect() as conn:
            found = conn.execute(text("SELECT to_regclass('procrastinate_jobs')")).scalar()
    finally:
        engine.dispose()
    if found is None:
        raise QueueNotInstalledError(
            "the database has no worker queue yet: run `jobbot migrate` once (with the same DATABASE_URL) "
            "before starting workers"
        )


async def run_worker(
    settings: Settings,
    *,
    make_bot: MakeBot,
    queues: Sequence[str] = QUEUES,
    concurrency: int = 10,
    name: str | None = None,
) -> None:
    """Serve ``queues`` with ``concurrency`` jobs at once until stopped by a signal."""
    check_queue_installed(settings.database_url)
    serving = {"poll", "deliver"} & set(queues)
    bot, serves = make_bot(settings, concurrency=concurrency) if serving else (None, [])
    engine = bot.engine if bot is not None else create_engine_for(settings.database_url)
    app = build_app(settings.database_url, pool_max_size=concurrency + 4)
    jobs = WorkerJobs(app, settings, engine, bot)
    register_tasks(jobs)
    stop = asyncio.Event()
    side = [asyncio.create_task(serve(stop)) for serve in serves]
    if settings.metrics_port is not None:  # /metrics, /healthz, /readyz beside the work
        from bot.app import serve_metrics

        metrics = serve_metrics(stop, settings.metrics_port, settings.metrics_host, engine)
        side.append(asyncio.create_task(metrics))
    workers = settings.workers
    try:
        async with app.open_async(), bot.fetching() if bot is not None else contextlib.nullcontext():
            logger.info("worker started", extra={"queues": list(queues), "concurrency": concurrency})
            await app.run_worker_async(
                queues=list(queues),
                concurrency=concurrency,
                name=name or f"jobbot-{socket.gethostname()}-{os.getpid()}",
                update_heartbeat_interval=workers.heartbeat_seconds,
                stalled_worker_timeout=workers.stalled_after_seconds,
                fetch_job_polling_interval=FETCH_POLLING_SECONDS,
                delete_jobs="successful",
                install_signal_handlers=True,
            )
    finally:
        stop.set()
        await asyncio.gather(*side, return_exceptions=True)
        engine.dispose()
