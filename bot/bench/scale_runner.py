"""The scale bench: one polling round of a local fleet through the PostgreSQL queue, per worker count.

For each worker count the bench makes a fresh schema on the PostgreSQL server, migrates it, starts the
``jobbot worker`` processes and waits until each has registered with the queue (start-up is not timed),
then registers every source at once (never polled, so all due) and times until the last one was polled.
The fleet (``bot.bench.fleet``, answering in this process) counts every fetch of every board and any two
that overlapped: lost = boards never fetched, duplicates = fetches beyond the first, overlapping = a
board fetched by two workers at once. Every worker also ticks; the database lets one tick through.

Where it flattens: each worker process has its own fetcher, so its per-host politeness (2 requests at a
time and 0.25 s between starts, per loopback host) binds per process; past that, the workers share this
machine's cores with PostgreSQL and the fleet.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from bot.bench.fleet import FleetMix, FleetServer, FleetSpec
from bot.bench.schemas import temporary_schema
from bot.store.migrate import open_store
from bot.store.tables import sources as sources_table
from bot.workers.queue import install_queue_schema

ROUND_TIMEOUT = 900.0  # seconds a round may take before the bench gives up on it
START_TIMEOUT = 120.0  # seconds for the workers to start
CONFIG = """
[fetch]
allow_private_addresses = true
[workers]
tick_seconds = 1
"""


@dataclass(frozen=True, slots=True)
class ScaleOptions:
    """What one run of the bench measures."""

    database_url: str
    sources: int = 10_000
    workers: tuple[int, ...] = (1, 2, 4)
    concurrency: int = 50
    hosts: int = 200
    mean_jobs: float = 3.0


class CountingFleet(FleetServer):
    """The bench fleet, counting fetches per board and any that overlapped."""

    def __init__(self, spec: FleetSpec) -> None:
        super().__init__(spec)
        self.fetches: Counter[str] = Counter()
        self.overlaps = 0
        self._in_flight: Counter[str] = Counter()

    def reset(self) -> None:
        """Forget the counts (a new run)."""
        self.fetches.clear()
        self.overlaps = 0

    async def _answer(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.fetches[path] += 1
        self.overlaps += bool(self._in_flight[path])
        self._in_flight[path] += 1
        try:
            return await super()._answer(request)
        finally:
            self._in_flight[path] -= 1


def run_scale_bench(options: ScaleOptions) -> dict[str, Any]:
    """Run the round with each worker count; the JSON report."""
    url = make_url(options.database_url) if options.database_url else None
    if url is None or url.get_backend_name() != "postgresql":
        raise SystemExit(
            "jobbot bench scale needs PostgreSQL: set DATABASE_URL (or --database-url) to a server such as "
            "postgresql+psycopg://postgres@127.0.0.1:5432/test; each run works in a schema of its own"
        )
    return asyncio.run(_bench(options))


async def _bench(options: ScaleOptions) -> dict[str, Any]:
    spec = FleetSpec(sources=options.sources, hosts=options.hosts, mean_jobs=options.mean_jobs, mix=FleetMix(
        no_validators=0, changed=0, slow=0, server_error=0, malformed=0, timeout=0))  # fmt: skip
    runs = []
    async with CountingFleet(spec) as fleet:
        for workers in options.workers:
            fleet.reset()
            runs.append(await _run(options, fleet, workers))
    base = runs[0]["sources_per_second"] or 1.0
    for run in runs:
        run["speedup"] = round(run["sources_per_second"] / base, 2)
    return {
        "bench": "scale",
        "sources": options.sources,
        "hosts": options.hosts,
        "concurrency_per_worker": options.concurrency,
        "cores": os.cpu_count(),
        "runs": runs,
        "lost": sum(run["lost"] for run in runs),
        "duplicates": sum(run["duplicates"] for run in runs),
        "index_1m_subscriptions": measure_index_from_postgres(options.database_url),
    }


def measure_index_from_postgres(database_url: str) -> dict[str, Any] | None:
    """The subscription index built from PostgreSQL for 1,000,000 subscriptions: time and RSS.

    Left for the engineer building the PostgreSQL-backed index (issue 8): plug its bench in here. Until
    then the report says so rather than showing a number nobody measured.
    """
    return {"measured": False, "why": "not built yet: the index's own bench plugs in here"}


async def _run(options: ScaleOptions, fleet: CountingFleet, workers: int) -> dict[str, Any]:
    with temporary_schema(options.database_url) as url, tempfile.TemporaryDirectory() as folder:
        engine = open_store(url)
        install_queue_schema(url)
        config = Path(folder) / "jobbot.toml"
        config.write_text(CONFIG, encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": url, "JOBBOT_CONFIG": str(config), "JOBBOT_DATA_DIR": folder}
        env.pop("SLACK_BOT_TOKEN", None)
        env.pop("DISCORD_TOKEN", None)
        command = [sys.executable, "-m", "bot.cli", "worker", "--concurrency", str(options.concurrency)]
        logs = [(Path(folder) / f"worker{n}.log").open("wb") for n in range(workers)]
        # Our own interpreter running our own command: nothing in it comes from outside.
        processes = [subprocess.Popen(command, env=env, stdout=log, stderr=log) for log in logs]  # noqa: S603
        try:
            await _wait(lambda: _registered_workers(engine) >= workers, START_TIMEOUT, "the workers to start")
            now = datetime.now(UTC)
            rows = [
                {"id": s.source_id, "kind": s.kind, "url": fleet.url(s), "name": "", "owner": "",
                 "added_at": now, "settings": {}, "failures": 0}
                for s in fleet.sources
            ]  # fmt: skip
            with engine.begin() as conn:
                conn.execute(insert(sources_table), rows)
            started = time.perf_counter()
            await _wait(lambda: _polled(engine) >= options.sources, ROUND_TIMEOUT, "every source polled")
            seconds = time.perf_counter() - started
        finally:
            for process in processes:
                process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
            for log in logs:
                log.close()
            engine.dispose()
    fetched = {source.path for source in fleet.sources} & set(fleet.fetches)
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "sources_per_second": round(options.sources / seconds, 1),
        "lost": options.sources - len(fetched),
        "duplicates": sum(count - 1 for count in fleet.fetches.values() if count > 1),
        "overlapping_fetches": fleet.overlaps,
    }


async def _wait(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"jobbot bench scale: timed out waiting for {what}")
        await asyncio.sleep(0.25)


def _registered_workers(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM procrastinate_workers")).scalar() or 0)


def _polled(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(last_polled_at) FROM sources")).scalar() or 0)
