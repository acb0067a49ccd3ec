import asyncio

import pytest

from bot.sources.errors import HostBackoffError
from bot.sources.hostlimits import HostLimiter
from tests.fakes.http_server import async_test


class FakeClock:
    """Time that passes only when someone sleeps."""

    def __init__(self):
        self.now = 1000.0
        self.slept = []

    def __call__(self):
        return self.now

    async def sleep(self, seconds):
        self.slept.append(round(seconds, 6))
        self.now += seconds


@async_test
async def test_requests_to_one_host_start_at_least_the_gap_apart():
    clock = FakeClock()
    limiter = HostLimiter(2, 0.5, clock=clock, sleep=clock.sleep)
    starts = []
    for _ in range(3):
        async with limiter.slot("boards.example.com", max_wait=10):
            starts.append(clock.now)
    assert starts == [1000.0, 1000.5, 1001.0]


@async_test
async def test_different_hosts_do_not_wait_for_each_other():
    clock = FakeClock()
    limiter = HostLimiter(1, 5.0, clock=clock, sleep=clock.sleep)
    for host in ("a.example.com", "b.example.com", "c.example.com"):
        async with limiter.slot(host, max_wait=10):
            pass
    assert clock.slept == []


@async_test
async def test_no_more_than_the_concurrency_is_in_flight():
    limiter = HostLimiter(2, 0.0)
    in_flight, peak = 0, 0

    async def request():
        nonlocal in_flight, peak
        async with limiter.slot("api.example.com", max_wait=10):
            in_flight += 1
            peak = max(peak, in_flight)
            await asyncio.sleep(0.01)
            in_flight -= 1

    await asyncio.gather(*(request() for _ in range(7)))
    assert peak == 2


@async_test
async def test_a_short_retry_after_is_waited_out():
    clock = FakeClock()
    limiter = HostLimiter(2, 0.0, clock=clock, sleep=clock.sleep)
    limiter.defer("api.example.com", 3)
    assert limiter.deferred_for("api.example.com") == 3
    async with limiter.slot("api.example.com", max_wait=5):
        pass
    assert clock.slept == [3.0]
    assert limiter.deferred_for("api.example.com") == 0


@async_test
async def test_a_long_retry_after_fails_fast_with_the_time_left():
    clock = FakeClock()
    limiter = HostLimiter(2, 0.0, clock=clock, sleep=clock.sleep)
    limiter.defer("api.example.com", 600)
    clock.now += 100
    with pytest.raises(HostBackoffError, match="next request may go in 500 s") as caught:
        async with limiter.slot("api.example.com", max_wait=10):
            pass
    assert caught.value.retry_after == 500
    assert clock.slept == []


def test_absurd_retry_after_is_capped_and_bad_settings_refused():
    clock = FakeClock()
    limiter = HostLimiter(1, 0.0, clock=clock)
    limiter.defer("api.example.com", 30 * 24 * 3600)
    assert limiter.deferred_for("api.example.com") == 6 * 3600
    with pytest.raises(ValueError, match="concurrency"):
        HostLimiter(0, 0.0)
