"""The polling benchmark itself; ``bot.bench.poll`` is its command-line surface.

A synthetic fleet (``bot.bench.fleet``) serves N boards of mixed kinds on many loopback hosts. The bench
registers them, polls them all once (the baseline: postings stored as seen, validators kept), lets the
fleet change, then times ONE full round exactly as ``jobbot poll --once`` runs it (``poll_round``: a
semaphore of sources in flight, the real fetcher with its per-host limits, the real poll store with
extraction, dedup and matching). It checks that every failing board is reported as failing, with an error
a person can read, and that the new postings were found. The fleet runs in a child process pinned to
another core, so the poller is measured on one core.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from bot.bench.fleet import FleetProcess, FleetServer, FleetSource, FleetSpec, plan_fleet
from bot.ingest import Matcher
from bot.models import Destination
from bot.poll_store import SqlPollStore
from bot.progress import Progress
from bot.settings import sqlite_url
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import PollResult
from bot.sources.rounds import DEFAULT_CONCURRENCY, poll_round
from bot.store.migrate import open_store
from bot.store.sources import add_source, get_source
from bot.store.subscriptions import add_subscription

TARGETS = {"sources": 1000, "seconds": 60.0, "peak_rss_mb": 300.0}
SUBSCRIPTIONS = (
    "Paris", "Berlin + German", "Madrid + Spanish", "Milan + Italian", "London", "remote", "intern",
    "Lyon + French", "Amsterdam", "New York", "Warsaw + Polish", "Lisbon + Portuguese",
)  # fmt: skip
# What a person reads for each kind of failure (the fetcher's and the poll's own wording).
ERROR_PHRASES = {
    "timeout": "did not answer within",
    "server_error": "the server failed",
    "malformed": "could not be read as a source",
}
POLL_INTERVAL = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class BenchOptions:
    """How the bench runs: the fleet, and the poller's politeness and limits."""

    spec: FleetSpec
    concurrency: int = DEFAULT_CONCURRENCY
    per_host_concurrency: int = 2
    min_host_gap: float = 0.25
    timeout: float = 30.0  # the fetcher's per-request limit, as in production
    fleet_in_process: bool = False
    data_dir: Path | None = None


def run_poll_bench(options: BenchOptions) -> dict[str, Any]:
    """Run the whole benchmark and return its JSON report."""
    if options.data_dir is not None:
        return _run_in(options, options.data_dir)
    with tempfile.TemporaryDirectory(prefix="jobbot-bench-poll-") as data_dir:
        return _run_in(options, Path(data_dir))


def _run_in(options: BenchOptions, data_dir: Path) -> dict[str, Any]:
    engine = open_store(sqlite_url(data_dir / "bench-poll.sqlite3"))
    try:
        return asyncio.run(_bench(options, engine))
    finally:
        engine.dispose()


async def _bench(options: BenchOptions, engine: Engine) -> dict[str, Any]:
    spec = options.spec
    sources = plan_fleet(spec)
    fleet = FleetServer(spec) if options.fleet_in_process else FleetProcess(spec)
    async with fleet:
        with _one_core(fleet.pid if isinstance(fleet, FleetProcess) else None) as cores:
            _register(engine, sources, [fleet.url(source) for source in sources])
            store = SqlPollStore(engine, Matcher.from_store(engine))
            ids = [source.source_id for source in sources]
            started_at = datetime.now(UTC) - POLL_INTERVAL
            with _quiet_polls():
                baseline_started = time.perf_counter()
                first = Progress("first round (stores every posting)", "sources")
                baseline = await _round(options, store, ids, started_at, on_result=lambda _: first.add())
                first.done()
                baseline_seconds = time.perf_counter() - baseline_started
                await fleet.advance()
                gc.collect()
                done_at: dict[str, float] = {}
                cpu_before = _cpu_seconds()
                round_started = time.perf_counter()
                measured = Progress("measured round", "sources")

                def finished(result: PollResult) -> None:
                    done_at.setdefault(result.source_id, time.perf_counter() - round_started)
                    measured.add()

                results = await _round(options, store, ids, started_at + POLL_INTERVAL, on_result=finished)
                measured.done()
                seconds = time.perf_counter() - round_started
                cpu = _cpu_seconds() - cpu_before
    report = _report(options, sources, results, seconds, engine)
    answered = [done_at[s.source_id] for s in sources if s.behaviour != "timeout"]
    # The round cannot end before its hung boards time out; this is how long everything else took.
    report["seconds_without_hung_boards"] = round(max(answered, default=0.0), 2)
    report["cpu_seconds"] = round(cpu, 2)
    report["baseline"] = {
        "seconds": round(baseline_seconds, 2),
        "postings_stored": sum(len(r.new) for r in baseline),
        "errors": sum(r.status == "error" for r in baseline),
    }
    report["cpu"] = cores
    return report


async def _round(
    options: BenchOptions,
    store: SqlPollStore,
    ids: list[str],
    now: datetime,
    on_result: Callable[[PollResult], None] | None = None,
) -> list[PollResult]:
    """One round with a fresh fetcher: between real rounds (minutes apart) kept-alive connections close."""
    policy = FetchPolicy(
        allow_private=True,  # the fleet lives on 127.0.0.0/8
        total_timeout=options.timeout,
        connect_timeout=min(10.0, options.timeout),
        per_host_concurrency=options.per_host_concurrency,
        min_host_gap=options.min_host_gap,
    )
    async with Fetcher(policy) as fetcher:
        return await poll_round(
            ids, store=store, fetcher=fetcher, now=now, concurrency=options.concurrency, on_result=on_result
        )


def _register(engine: Engine, sources: Sequence[FleetSource], urls: Sequence[str]) -> None:
    channel = Destination("slack", "channel", "C-BENCH", "T-BENCH")
    for query in SUBSCRIPTIONS:
        add_subscription(engine, owner="U-BENCH", destination=channel, query=query)
    with engine.begin() as conn:
        for source, url in zip(sources, urls, strict=True):
            settings = {"board": source.board, "company": source.company}
            add_source(conn, id=source.source_id, kind=source.kind, url=url, settings=settings)


def _report(
    options: BenchOptions,
    sources: Sequence[FleetSource],
    results: Sequence[PollResult],
    seconds: float,
    engine: Engine,
) -> dict[str, Any]:
    by_id = {source.source_id: source for source in sources}
    correct, missed, unexpected, examples = 0, [], [], {}
    for result in results:
        source = by_id[result.source_id]
        if result.status == "error" and not source.fails:
            unexpected.append(f"{result.source_id}: {result.error}")
        elif source.fails and _reported_correctly(result, source, engine):
            correct += 1
            examples.setdefault(source.behaviour, result.error)
        elif source.fails:
            missed.append(f"{result.source_id} ({source.behaviour}): {result.status} {result.error}")
    expected = sum(source.fails for source in sources)
    peak = _peak_rss_mb()
    report: dict[str, Any] = {
        "sources": len(results),
        "hosts": options.spec.hosts,
        "seconds": round(seconds, 2),
        "sources_per_second": round(len(results) / seconds, 1) if seconds else None,
        "by_status": dict(Counter(result.status for result in results)),
        "new_postings": sum(len(r.new) for r in results),
        "new_postings_expected": sum(s.added for s in sources if s.behaviour == "changed"),
        "updated_postings": sum(len(r.updated) for r in results),
        "unchanged_postings_reread": sum(r.unchanged for r in results),
        "queued_cards": sum(r.queued for r in results),
        "errors": {
            "expected": expected,
            "reported": sum(r.status == "error" for r in results),
            "reported_correctly": correct,
            "missed": missed[:10],
            "unexpected": unexpected[:10],
            "examples": examples,
        },
        "peak_rss_mb": round(peak, 1),
        "fleet": {
            "kinds": dict(Counter(s.kind for s in sources)),
            "behaviours": dict(Counter(s.behaviour for s in sources)),
            "postings_at_baseline": sum(s.jobs for s in sources),
            "served_from": "this process" if options.fleet_in_process else "a child process",
        },
        "settings": {
            "concurrency": options.concurrency,
            "per_host_concurrency": options.per_host_concurrency,
            "min_host_gap_seconds": options.min_host_gap,
            "fetch_timeout_seconds": options.timeout,
            "slow_seconds": options.spec.slow_seconds,
            "seed": options.spec.seed,
        },
        "targets": TARGETS,
    }
    report["errors_correct"] = correct == expected and not unexpected
    report["meets_target"] = (
        len(results) >= TARGETS["sources"]
        and seconds <= TARGETS["seconds"]
        and peak <= TARGETS["peak_rss_mb"]
        and report["errors_correct"]
        and report["new_postings"] == report["new_postings_expected"]
    )
    return report


def _reported_correctly(result: PollResult, source: FleetSource, engine: Engine) -> bool:
    """An error result saying what went wrong, recorded on the source, and the source held back."""
    phrase = ERROR_PHRASES[source.behaviour]
    if result.status != "error" or not result.error or phrase not in result.error:
        return False
    record = get_source(engine, source.source_id)
    return (
        record is not None
        and record.last_error == result.error
        and record.failures == 1
        and result.next_poll_at is not None
    )


@contextmanager
def _one_core(fleet_pid: int | None) -> Iterator[dict[str, Any]]:
    """Pin this process to one core and the fleet's process to the others, when there are others."""
    if not hasattr(os, "sched_setaffinity"):
        yield {"pinned": False, "why": "this platform cannot pin processes to cores"}
        return
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        yield {"pinned": False, "why": "only one core is available: the fleet shares it"}
        return
    ours, theirs = allowed[0], set(allowed[1:])
    if fleet_pid is not None:
        os.sched_setaffinity(fleet_pid, theirs)
    os.sched_setaffinity(0, {ours})
    try:
        yield {"pinned": True, "poller_core": ours, "fleet_cores": sorted(theirs) if fleet_pid else []}
    finally:
        os.sched_setaffinity(0, set(allowed))


@contextmanager
def _quiet_polls() -> Iterator[None]:
    """Keep the expected failures' warnings out of the report's output (they are counted instead)."""
    polls = logging.getLogger("bot.sources")
    level = polls.level
    polls.setLevel(logging.ERROR)
    try:
        yield
    finally:
        polls.setLevel(level)


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere
