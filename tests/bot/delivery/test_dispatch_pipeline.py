"""The run loop does not wait for a slow destination, and receipts of many destinations share a commit."""

import asyncio
from datetime import timedelta

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits, Rate
from bot.delivery.pacing import Pacer
from bot.delivery.receipts import ReceiptWriter
from bot.store.deliveries import get_delivery
from bot.store.outbox import StoreOutbox
from tests.bot.delivery.conftest import CHANNEL, OTHER_CHANNEL, T0, queue, store_posting, subscribe
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeNotifier

LIMITS = DeliveryLimits(
    per_destination={"slack": Rate(1.0, burst=1)}, burst_digest_threshold=None, pacing_margin_seconds=0.0
)


class StuckNotifier(FakeNotifier):
    """Sends to ``CHANNEL`` hang until ``release`` is set; every other destination answers at once."""

    def __init__(self) -> None:
        super().__init__()
        self.release = asyncio.Event()
        self.stuck = asyncio.Event()

    async def send(self, destination, card, *, idempotency_key):
        if destination == CHANNEL:
            self.stuck.set()
            await self.release.wait()
        return await super().send(destination, card, idempotency_key=idempotency_key)


async def _until(condition, *, passes: int = 500) -> None:
    for _ in range(passes):
        if condition():
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the dispatcher never got there")


@async_test
async def test_a_hanging_destination_does_not_hold_the_others_back(engine, clock):
    slow, fast = subscribe(engine, CHANNEL), subscribe(engine, OTHER_CHANNEL)
    slow_row = queue(engine, CHANNEL, store_posting(engine, "p:0").id, slow)
    fast_rows = [queue(engine, OTHER_CHANNEL, store_posting(engine, f"p:{n}").id, fast) for n in range(1, 4)]
    notifier = StuckNotifier()
    dispatcher = Dispatcher(StoreOutbox(engine), {"slack": notifier}, limits=LIMITS, clock=clock)
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.01))
    try:
        await asyncio.wait_for(notifier.stuck.wait(), timeout=5)
        for second in range(1, 4):  # one token a second for the fast channel, while CHANNEL still hangs
            await _until(lambda s=second: len(notifier.posting_ids(OTHER_CHANNEL)) == s)
            clock.advance(1)
            dispatcher.wake()
        assert [get_delivery(engine, i).state for i in fast_rows] == ["sent"] * 3
        assert get_delivery(engine, slow_row).state == "unknown"  # in flight the whole time
        notifier.release.set()
        await _until(lambda: get_delivery(engine, slow_row).state == "sent")
    finally:
        notifier.release.set()
        stop.set()
        await asyncio.wait_for(running, timeout=5)
    assert notifier.posting_ids(CHANNEL) == ["p:0"]
    assert notifier.posting_ids(OTHER_CHANNEL) == ["p:1", "p:2", "p:3"]


class CountingOutbox(StoreOutbox):
    """The real store outbox, counting receipt transactions."""

    commits: list[int]

    def mark_sent_many(self, receipts, *, now):
        self.commits.append(len(receipts))
        super().mark_sent_many(receipts, now=now)


@async_test
async def test_receipts_written_in_the_same_turn_share_one_transaction(engine, clock):
    rows = [queue(engine, CHANNEL, store_posting(engine, f"p:{n}").id) for n in range(3)]
    outbox = CountingOutbox(engine)
    outbox.commits = []
    claimed = outbox.claim_due_many({CHANNEL.key: 3}, lease=timedelta(seconds=120), now=T0)[CHANNEL.key]
    assert [row.id for row in claimed] == rows
    writer = ReceiptWriter(outbox, clock)
    await asyncio.gather(*(writer.write([row_id], f"ts-{row_id}", platform="slack") for row_id in rows))
    assert outbox.commits == [3]
    assert [get_delivery(engine, i).message_id for i in rows] == [f"ts-{i}" for i in rows]


def test_a_drained_bucket_leaves_a_margin_before_its_next_token():
    channel = CHANNEL
    pacer = Pacer(DeliveryLimits(per_destination={"slack": Rate(1.0, burst=3)}, pacing_margin_seconds=0.05))
    for _ in range(3):  # the burst goes at once
        assert pacer.ready_at(channel, T0) == T0
        pacer.take(channel, T0)
    assert pacer.ready_at(channel, T0) == T0 + timedelta(seconds=1.05)
    later = T0 + timedelta(seconds=1.05)
    pacer.take(channel, later)
    assert pacer.ready_at(channel, later) == later + timedelta(seconds=1.05)
