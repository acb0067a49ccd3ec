"""The delivery bench's run: queue the fan-out, drain it with the real Dispatcher, measure what arrived."""

from __future__ import annotations

import asyncio
import logging
import random
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from bot.bench.deliver import (
    TARGETS,
    BenchConfig,
    BenchPlatform,
    PlatformFactory,
    PlatformSeen,
    numbered,
)
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits, Rate
from bot.delivery.outbox import idempotency_key
from bot.models import Destination, Posting
from bot.settings import sqlite_url
from bot.store.deliveries import count_by_state, enqueue_delivery
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.postings import upsert_posting

logger = logging.getLogger(__name__)

_POLL_SECONDS = 0.25


@dataclass(frozen=True, slots=True)
class _Run:
    """What happened while the dispatcher drained the outbox."""

    states: dict[str, int]
    seen: PlatformSeen
    started: float  # wall-clock time the dispatcher started
    finished: float
    timed_out: bool


def run_deliver_bench(config: BenchConfig, platform: PlatformFactory) -> dict[str, Any]:
    """Queue ``config``'s fan-out, drain it through ``platform`` and return the JSON report."""
    with tempfile.TemporaryDirectory(prefix="jobbot-bench-deliver-") as scratch:
        folder = config.data_dir or Path(scratch)
        database = folder / "bench-deliver.sqlite3"
        for stale in folder.glob("bench-deliver.sqlite3*"):
            stale.unlink()
        engine = open_store(sqlite_url(database))
        try:
            rows, queued_at, queue_seconds, run = asyncio.run(_queue_and_drain(engine, config, platform))
        finally:
            engine.dispose()
    report = measure(config, rows, queued_at, run)
    report["queue_seconds"] = round(queue_seconds, 2)
    return report


def plan_fan_out(
    config: BenchConfig, destination: Callable[[str, int], Destination] = numbered
) -> list[tuple[Destination, str]]:
    """Which destination gets which posting: each match a distinct (destination, posting), from the seed."""
    rng = random.Random(config.seed)
    channels = [destination("channel", n) for n in range(config.channels)]
    dms = [destination("dm", n) for n in range(config.dms)]
    to_channels = round(config.matches * config.channel_share) if dms else config.matches
    plan: list[tuple[Destination, str]] = []
    for group, count in ((channels, to_channels), (dms, config.matches - to_channels)):
        if not group or count <= 0:
            continue
        quotas = [count // len(group) + (n < count % len(group)) for n in range(len(group))]
        for destination, quota in zip(group, quotas, strict=True):
            picks = rng.sample(range(config.postings), min(quota, config.postings))
            plan.extend((destination, f"bench:{n}") for n in picks)
    rng.shuffle(plan)  # matches arrive interleaved, as postings come in
    return plan


def queue_fan_out(
    engine: Engine, config: BenchConfig, destination: Callable[[str, int], Destination] = numbered
) -> tuple[dict[int, str], float]:
    """Store the postings and queue every match at once; returns each row's destination and when."""
    plan = plan_fan_out(config, destination)
    now = datetime.now(UTC)
    rows: dict[int, str] = {}
    with engine.begin() as conn:
        for n in range(config.postings):
            posting = Posting(id=f"bench:{n}", title=f"Bench posting {n}", company="Bench Co",
                              url=f"https://jobs.example.com/bench/{n}")  # fmt: skip
            upsert_posting(conn, posting, now=now)
        for destination, posting_id in plan:
            row_id = enqueue_delivery(conn, destination=destination, posting_id=posting_id, now=now)
            if row_id is not None:
                rows[row_id] = destination.key
    return rows, now.timestamp()


async def _queue_and_drain(
    engine: Engine, config: BenchConfig, factory: PlatformFactory
) -> tuple[dict[int, str], float, float, _Run]:
    """Start the platform, queue the fan-out to its destinations, and drain it."""
    async with factory(config) as platform:
        queue_started = time.perf_counter()
        rows, queued_at = queue_fan_out(engine, config, platform.destination)
        queue_seconds = time.perf_counter() - queue_started
        return rows, queued_at, queue_seconds, await _drain(engine, config, platform)


def _paced(rate: Rate, pace: float) -> Rate:
    return Rate(rate.per_second * pace, burst=rate.burst)


async def _drain(engine: Engine, config: BenchConfig, platform: BenchPlatform) -> _Run:
    per_bot = {platform.platform: _paced(platform.per_bot, config.pace)} if platform.per_bot else {}
    limits = DeliveryLimits(
        per_destination={platform.platform: _paced(platform.per_destination, config.pace)},
        per_bot=per_bot,
        burst_digest_threshold=DeliveryLimits().burst_digest_threshold if config.digest_bursts else None,
    )
    dispatcher = Dispatcher(StoreOutbox(engine), {platform.platform: platform.notifier}, limits=limits)
    stop = asyncio.Event()
    started = time.time()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.05))
    timed_out = False
    while True:
        await asyncio.sleep(_POLL_SECONDS)
        states = count_by_state(engine)
        if not states.get("queued") and not states.get("unknown"):
            break
        if time.time() - started > config.timeout or running.done():
            timed_out = True
            break
    finished = time.time()
    stop.set()
    await running
    return _Run(dict(count_by_state(engine)), platform.seen(), started, finished, timed_out)


def measure(config: BenchConfig, rows: dict[int, str], queued_at: float, run: _Run) -> dict[str, Any]:
    """The report: rate against the limit, lost and duplicate cards, 429s, latencies."""
    posted: dict[str, list[float]] = defaultdict(list)
    for key, at in run.seen.posts:
        posted[key].append(at)
    by_destination: dict[str, list[float]] = defaultdict(list)
    latencies = []
    lost = 0
    for row_id, destination_key in rows.items():
        times = posted.get(idempotency_key(row_id))
        if not times:
            lost += 1
            continue
        by_destination[destination_key].append(min(times))
        latencies.append(min(times) - queued_at)
    duplicates = sum(len(times) - 1 for times in posted.values())
    rate, excess = _pace(config, run.started, by_destination)
    last_post = max((t for times in by_destination.values() for t in times), default=run.started)
    binding = "per_destination"
    if run.seen.bounds:  # the platform names its limits: the achieved rate is against the one that binds
        binding = max(run.seen.bounds, key=lambda name: run.seen.bounds[name])
        rate = run.seen.bounds[binding] / max(1e-9, last_post - run.started)
    share_429 = run.seen.rate_limited / run.seen.requests if run.seen.requests else 0.0
    report: dict[str, Any] = {
        "config": {k: v for k, v in _plain(config).items() if k != "data_dir"},
        "rows": len(rows),
        "outbox": run.states,
        "timed_out": run.timed_out,
        "posted": sum(len(times) for times in posted.values()),
        "lost": lost,
        "duplicates": duplicates,
        "requests": run.seen.requests,
        "rate_limited": run.seen.rate_limited,
        "rate_limited_share": round(share_429, 4),
        "rate_fraction": round(rate, 3),
        "binding_limit": binding,
        "seconds": round(run.finished - run.started, 2),
        "posts_per_second": round(len(latencies) / max(1e-9, last_post - run.started), 1),
        "ideal_seconds": round(_ideal_seconds(config, by_destination), 2),
        "latency_s": _percentiles(latencies),
        "excess_latency_s": _percentiles(excess),
        "targets": TARGETS,
    }
    refusals_ok = share_429 < TARGETS["rate_limited_share"]
    if run.seen.bounds:
        report["limits_ideal_s"] = {name: round(s, 2) for name, s in run.seen.bounds.items()}
        report["ideal_seconds"] = report["limits_ideal_s"][binding]
    if run.seen.rate_limited_by_scope:
        report["rate_limited_by_scope"] = dict(run.seen.rate_limited_by_scope)
    if run.seen.invalid is not None:  # Discord: what counts towards its ban is the target, not every 429
        invalid_share = run.seen.invalid / run.seen.requests if run.seen.requests else 0.0
        report["invalid_requests"] = run.seen.invalid
        report["invalid_share"] = round(invalid_share, 4)
        refusals_ok = invalid_share < TARGETS["invalid_share"]
    report["meets_targets"] = (
        rate >= TARGETS["rate_fraction"] and lost == 0 and duplicates == 0 and refusals_ok
        and not run.timed_out
    )  # fmt: skip
    return report


def _pace(
    config: BenchConfig, started: float, by_destination: dict[str, list[float]]
) -> tuple[float, list[float]]:
    """The achieved rate as a fraction of the limit, and each card's delay beyond what the limit forces.

    A destination with ``n`` cards can at best post ``burst`` at once and the rest one per ``1/rate``;
    the fraction is that best time over the time taken, summed over destinations with a backlog.
    """
    ideal_total = actual_total = 0.0
    excess: list[float] = []
    for times in by_destination.values():
        times.sort()
        for k, at in enumerate(times):
            excess.append(at - (started + max(0, k - config.burst + 1) / config.rate_per_second))
        backlog = len(times) - config.burst
        if backlog > 0:
            ideal_total += backlog / config.rate_per_second
            actual_total += times[-1] - started
    return (ideal_total / actual_total if actual_total else 1.0), excess


def _ideal_seconds(config: BenchConfig, by_destination: dict[str, list[float]]) -> float:
    longest = max((len(times) for times in by_destination.values()), default=0)
    return max(0, longest - config.burst) / config.rate_per_second


def _percentiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)

    def at(pct: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))], 3)

    return {"p50": at(50), "p99": at(99), "max": round(ordered[-1], 3)}


def _plain(config: BenchConfig) -> dict[str, Any]:
    return {name: getattr(config, name) for name in config.__dataclass_fields__}
