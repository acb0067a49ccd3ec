"""DM channels opened in the background, and the pacer that keeps requests under Discord's global limit."""

import asyncio
import itertools

import pytest

from bot.delivery.notifier import DeliveryError
from handlers.discord_dm_channels import DmChannels
from handlers.discord_pacing import RequestPacer
from tests.fakes.http_server import async_test


@async_test
async def test_a_dm_waits_its_turn_without_holding_the_sender():
    gate = asyncio.Event()
    opened: list[str] = []

    async def open_dm(user: str) -> str:
        await gate.wait()
        opened.append(user)
        return f"D{user}"

    dms = DmChannels(open_dm, wait=0.05)
    with pytest.raises(DeliveryError) as first:
        await dms.channel("1")
    assert first.value.kind == "rate_limited" and first.value.retry_after > 0
    gate.set()
    assert await dms.channel("1") == "D1" and dms.known("1") == "D1"
    assert await dms.channel("1") == "D1" and opened == ["1"]  # opened once


@async_test
async def test_a_failed_opening_is_told_once_then_tried_again():
    calls = 0

    async def open_dm(user: str) -> str:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise DeliveryError("transient", "boom")
        return "D"

    dms = DmChannels(open_dm, wait=1.0)
    with pytest.raises(DeliveryError, match="boom"):
        await dms.channel("1")
    assert await dms.channel("1") == "D" and calls == 2


@async_test
async def test_requests_leave_evenly_spaced():
    pacer = RequestPacer(100.0, margin=0.0)
    loop = asyncio.get_running_loop()
    times = []
    for _ in range(5):
        await pacer.wait()
        times.append(loop.time())
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.0099


@async_test
async def test_an_urgent_request_goes_before_the_queue():
    pacer = RequestPacer(20.0, margin=0.0)
    order: list[str] = []

    async def request(name: str, *, urgent: bool = False) -> None:
        await pacer.wait(urgent=urgent)
        order.append(name)

    await pacer.wait()  # the next may leave only in 50 ms: the queue below forms meanwhile
    await asyncio.gather(request("card 1"), request("card 2"), request("open DM", urgent=True))
    assert order == ["open DM", "card 1", "card 2"]
