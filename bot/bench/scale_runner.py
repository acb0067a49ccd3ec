"""The scale bench: one polling round of a local fleet through the PostgreSQL queue, per worker count.

For each worker count the bench makes a fresh schema on the PostgreSQL server, migrates it, starts the
``jobbot worker`` processes and waits until each has registered with the queue (start-up is not timed),
then registers every source at once (never polled, so all due) and times until the last one was polled.
The fleet (``bot.bench.fleet``, answering in this process) counts every fetch of every board and any two
that overlapped: lost = boards never fetched or postings listed but not stored, duplicates = fetches
beyond the first, overlapping = a board fetched by two workers at once. Every worker also ticks; the
database lets one tick through.

Where it flattens: a worker is bound by its own CPU (parsing, extraction, SQLAlchemy and psycopg work,
one core at most per process); the round also costs PostgreSQL and the fleet CPU, on the same cores. Each
run reports the CPU seconds of each (``cpu_seconds``) and how many cores they kept busy together
(``cores_busy``), and how busy every program kept the machine's cores (``machine_cores_busy``, other
users' included): once that nears the machine's cores, more workers only share them.

Last, the subscription index a worker builds from PostgreSQL is measured (``bot.bench.scale_index``):
``subscriptions`` rows COPYed into a fresh schema, the index built in a fresh process, time and peak RSS.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import Engine, insert, text
from sqlalchemy.engine import make_url

from bot.bench.cpu import machine_cpu, own_cpu, postgres_cpu, process_cpu
from bot.bench.fleet import FleetMix, FleetServer, FleetSpec
from bot.bench.scale_index import run_index_bench
from bot.bench.schemas import temporary_schema
from bot.store.migrate import open_store
from bot.store.tables import sources as sources_table
from bot.workers.queue import install_queue_schema

ROUND_TIMEOUT = 3600.0  # seconds a round may take before the bench gives up on it
START_TIMEOUT = 120.0  # seconds for the workers to start
_EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Timeout)\b")
WORKER_CONNECTIONS = 13  # a worker's connections besides one per running job (see _concurrency_that_fits)
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
    concurrency: int = 10
    hosts: int = 200
    mean_jobs: float = 3.0
    subscriptions: int = 1_000_000  # for the index measure; 0 skips it


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
        "postings": sum(source.jobs for source in fleet.sources),
        "hosts": options.hosts,
        "cores": os.cpu_count(),
        "runs": runs,
        "lost": sum(run["lost"] + run["postings_missing"] for run in runs),
        "duplicates": sum(run["duplicates"] for run in runs),
        "index_from_postgres": measure_index_from_postgres(options.database_url, options.subscriptions),
    }


def measure_index_from_postgres(database_url: str, subscriptions: int) -> dict[str, Any] | None:
    """A worker's subscription index built from ``subscriptions`` rows in PostgreSQL: time and peak RSS.

    The rows are COPYed into a fresh schema; the index is built in a fresh process, as a starting worker
    builds it (``bot.bench.scale_index``). None when ``subscriptions`` is 0.
    """
    if subscriptions <= 0:
        return None
    report = run_index_bench(subscriptions, database_url)
    kept = ("subscriptions", "fill_seconds", "build_seconds", "build_cpu_seconds", "indexed",
            "index_rss_mb", "peak_rss_mb", "refresh_nothing_changed_ms_p50", "load_average_1m")  # fmt: skip
    return {key: report[key] for key in kept}


async def _run(options: ScaleOptions, fleet: CountingFleet, workers: int) -> dict[str, Any]:
    with temporary_schema(options.database_url) as url, tempfile.TemporaryDirectory() as folder:
        engine = open_store(url)
        install_queue_schema(url)
        concurrency = min(options.concurrency, _concurrency_that_fits(engine, workers))
        config = Path(folder) / "jobbot.toml"
        config.write_text(CONFIG, encoding="utf-8")
        env = {**os.environ, "DATABASE_URL": url, "JOBBOT_CONFIG": str(config), "JOBBOT_DATA_DIR": folder}
        env.pop("SLACK_BOT_TOKEN", None)
        env.pop("DISCORD_TOKEN", None)
        command = [sys.executable, "-m", "bot.cli", "worker", "--concurrency", str(concurrency)]
        logs = [(Path(folder) / f"worker{n}.log").open("wb") for n in range(workers)]
        # Our own interpreter running our own command: nothing in it comes from outside.
        processes = [subprocess.Popen(command, env=env, stdout=log, stderr=log) for log in logs]  # noqa: S603
        pids = [process.pid for process in processes]
        try:
            await _wait(lambda: _registered_workers(engine) >= workers, START_TIMEOUT, "the workers to start")
            now = datetime.now(UTC)
            rows = [
                {"id": s.source_id, "kind": s.kind, "url": fleet.url(s), "name": "", "owner": "",
                 "added_at": now, "settings": {"board": s.board, "company": s.company}, "failures": 0}
                for s in fleet.sources
            ]  # fmt: skip
            load = os.getloadavg()[0]
            cpu_before = _cpu(pids, engine)
            with engine.begin() as conn:
                conn.execute(insert(sources_table), rows)
            started = time.perf_counter()
            await _wait(lambda: _polled(engine) >= options.sources, ROUND_TIMEOUT, "every source polled")
            seconds = time.perf_counter() - started
            cpu = {name: _minus(value, cpu_before[name]) for name, value in _cpu(pids, engine).items()}
            errors = _poll_errors(engine)
            stored = _postings_stored(engine)
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
        raised = _exceptions_logged(Path(log.name) for log in logs)
    fetched = {source.path for source in fleet.sources} & set(fleet.fetches)
    machine = cpu.pop("whole_machine")
    busy = sum(value for value in cpu.values() if value is not None)
    return {
        "workers": workers,
        "concurrency_per_worker": concurrency,
        "seconds": round(seconds, 2),
        "sources_per_second": round(options.sources / seconds, 1),
        "lost": options.sources - len(fetched),
        "postings_missing": sum(source.jobs for source in fleet.sources) - stored,
        "duplicates": sum(count - 1 for count in fleet.fetches.values() if count > 1),
        "overlapping_fetches": fleet.overlaps,
        "failed_polls": sum(errors.values()),
        "errors": dict(errors.most_common(3)),
        "worker_exceptions": raised,  # the first few exception lines of the workers' logs
        "load_average_1m": round(load, 2),
        "cpu_seconds": {name: _round(value) for name, value in cpu.items()},
        "cpu_ms_per_source": {name: _round(value, 1000 / options.sources) for name, value in cpu.items()},
        "cores_busy": round(busy / seconds, 2),  # by the workers, PostgreSQL and the bench
        "machine_cores_busy": _round(machine, 1 / seconds),  # by every program on the machine
    }


def _concurrency_that_fits(engine: Engine, workers: int) -> int:
    """The most jobs at once per worker that the server's connections allow for ``workers`` workers.

    A worker holds a connection per running job and about a dozen besides (measured: 10 jobs, 23 open);
    past the server's limit, polls fail with "too many clients" instead of measuring anything.
    """
    with engine.connect() as conn:
        allowed = int(conn.execute(text("SHOW max_connections")).scalar() or 100)
        reserved = int(conn.execute(text("SHOW superuser_reserved_connections")).scalar() or 3)
        busy = int(conn.execute(text("SELECT count(*) FROM pg_stat_activity")).scalar() or 0)
    fits = (allowed - reserved - busy - 5) // workers - WORKER_CONNECTIONS
    if fits < 1:
        raise SystemExit(
            f"jobbot bench scale: the PostgreSQL server allows {allowed} connections ({busy} in use), too "
            f"few for {workers} workers; raise max_connections or run fewer workers (--workers)"
        )
    return fits


def _cpu(pids: list[int], engine: Engine) -> dict[str, float | None]:
    return {
        "workers": process_cpu(pids),
        "postgres": postgres_cpu(engine.url.host),
        "bench_and_fleet": own_cpu(),
        "whole_machine": machine_cpu(),  # every program on it, other users' too
    }


def _minus(after: float | None, before: float | None) -> float | None:
    return after - before if after is not None and before is not None else None


def _round(value: float | None, scale: float = 1.0) -> float | None:
    return round(value * scale, 2) if value is not None else None


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


def _poll_errors(engine: Engine) -> Counter[str]:
    """Sources whose last poll failed, by error (each should have been polled once, successfully)."""
    query = text("SELECT last_error, count(*) FROM sources WHERE last_error IS NOT NULL GROUP BY last_error")
    with engine.connect() as conn:
        return Counter({str(error): int(count) for error, count in conn.execute(query)})


def _postings_stored(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT count(*) FROM postings")).scalar() or 0)


def _exceptions_logged(paths: Iterable[Path], most: int = 3) -> list[str]:
    """The first few distinct exception lines ("psycopg.OperationalError: …") in these log files."""
    found: dict[str, None] = {}
    for path in paths:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if _EXCEPTION_LINE.match(line) and len(found) < most:
                found.setdefault(line.strip()[:200])
    return list(found)
