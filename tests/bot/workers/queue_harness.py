"""A worker queue on a fresh PostgreSQL schema, opened, with jobbot's tasks and no bot (tick side only)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from sqlalchemy import text

from bot.settings import load_settings
from bot.store.migrate import open_store
from bot.workers.queue import build_app, install_queue_schema
from bot.workers.tasks import WorkerJobs, register_tasks


def queue_settings(database_url: str, **workers):
    settings = replace(load_settings(env={"DATABASE_URL": database_url}, config_path=None))
    return replace(settings, workers=replace(settings.workers, **workers))


@asynccontextmanager
async def opened_queue(database_url: str, **workers) -> AsyncIterator[WorkerJobs]:
    engine = open_store(database_url)
    install_queue_schema(database_url)
    app = build_app(database_url, pool_max_size=4)
    jobs = WorkerJobs(app, queue_settings(database_url, **workers), engine)
    register_tasks(jobs)
    try:
        async with app.open_async():
            yield jobs
    finally:
        engine.dispose()


def queued(jobs: WorkerJobs, task: str) -> list[tuple[str, str, dict]]:
    """(status, lock, args) of every job of ``task``, oldest first."""
    with jobs.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT status, lock, args FROM procrastinate_jobs WHERE task_name = :t ORDER BY id"),
            {"t": task},
        )
        return [(row.status, row.lock, row.args) for row in rows]
