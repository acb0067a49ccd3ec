"""The GCRA limiter in PostgreSQL: one evenly spaced line of requests, however many processes reserve."""

import asyncio
import itertools
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.store.engine import create_engine_for
from bot.store.migrate import open_store
from bot.store.rate_limits import reserve
from bot.workers.limiter import SharedRequestPacer
from tests.fakes.http_server import async_test

pytestmark = pytest.mark.postgres


def test_reservations_are_spaced_one_interval_apart_after_the_burst(postgres_url):
    engine = open_store(postgres_url)
    try:
        waits = [reserve(engine, "k", interval=1.0, burst=3) for _ in range(6)]
        # Three go at once; each later one an interval after the one before (less the time spent asking).
        assert waits[:3] == [0.0, 0.0, 0.0]
        for n, wait in enumerate(waits[3:], start=1):
            assert n - 0.5 < wait <= n
        assert reserve(engine, "other", interval=1.0) == 0.0  # keys are independent
    finally:
        engine.dispose()


def test_many_threads_reserving_at_once_get_distinct_slots_and_the_cost_is_small(postgres_url):
    open_store(postgres_url).dispose()
    engine = create_engine_for(postgres_url, pool_size=8)
    interval, count = 0.02, 400
    try:
        started = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            answered = list(pool.map(lambda _: (reserve(engine, "bot:discord", interval=interval),
                                                time.monotonic()), range(count)))  # fmt: skip
        elapsed = time.monotonic() - started
        # A request's slot is when it may leave: the slots of all must be one interval apart, as in one line.
        slots = sorted(wait + at - started for wait, at in answered)
        gaps = [b - a for a, b in itertools.pairwise(slots)]
        assert statistics.median(gaps) == pytest.approx(interval, abs=0.005)
        assert slots[-1] == pytest.approx((count - 1) * interval, abs=0.5)
        cost_ms = elapsed / count * 1000 * 8  # per reservation, per thread
        print(
            f"\nGCRA reserve: {count} reservations from 8 threads in {elapsed:.3f} s, ~{cost_ms:.2f} ms each"
        )
        assert cost_ms < 50
    finally:
        engine.dispose()


@async_test
async def test_two_pacers_sharing_a_key_hold_the_rate_together(postgres_url):
    engine = open_store(postgres_url)
    try:
        pacers = [SharedRequestPacer(engine, "bot:discord", per_second=50.0) for _ in range(2)]
        sent: list[float] = []

        async def send(pacer):
            await pacer.wait()
            sent.append(time.monotonic())

        await asyncio.gather(*(send(pacers[n % 2]) for n in range(100)))
        # 100 requests at 50/s between both: about two seconds. The slots are ~20.4 ms apart (the reserve
        # test checks them); a wake-up on this shared machine can come late by some ms and let a
        # neighbour close up, so any one second may see a request or two more than the slots allow.
        assert sent[-1] - min(sent) >= 1.9
        assert max(sum(1 for t in sent if s <= t < s + 1.0) for s in sent) <= 52
    finally:
        engine.dispose()
