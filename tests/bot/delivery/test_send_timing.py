"""A conversation is paced from when each send left, and a token moments away is waited for, not missed."""

import asyncio
from datetime import timedelta

from bot.delivery.limits import DeliveryLimits, Rate, TokenBucket
from bot.delivery.notifier import on_wire
from bot.delivery.pacing import Pacer
from tests.bot.delivery.conftest import (
    CHANNEL,
    OTHER_CHANNEL,
    T0,
    make_dispatcher,
    queue,
    store_posting,
    subscribe,
)
from tests.fakes.http_server import async_test
from tests.fakes.notifier import FakeNotifier

ONE_A_SECOND = DeliveryLimits(
    per_destination={"slack": Rate(1.0, burst=1)}, burst_digest_threshold=None, pacing_margin_seconds=0.0
)


def test_a_token_used_late_is_counted_from_when_it_was_used():
    bucket = TokenBucket(Rate(1.0, burst=3), now=0.0)
    bucket.take(0.0)
    bucket.retake(0.0, 0.5)  # the send left half a second after its token was taken
    bucket.take(0.5)
    bucket.take(0.5)
    assert bucket.ready_at(0.5) == 1.5  # the burst refills from 0.5, not 0.0 (that would say 1.0)


def test_only_the_last_take_moves():
    bucket = TokenBucket(Rate(1.0, burst=1), now=0.0)
    bucket.take(0.0)
    bucket.take(1.0)
    bucket.retake(0.0, 0.4)  # an older take: the later one was counted from its own moment already
    assert bucket.ready_at(1.0) == 2.0
    bucket.retake(1.0, 1.25, margin=0.05)
    assert bucket.ready_at(1.25) == 2.3


def test_a_burst_starts_when_its_first_send_can_have_arrived():
    pacer = Pacer(DeliveryLimits(per_destination={"slack": Rate(1.0, burst=2)}, pacing_margin_seconds=0.0))

    def at(seconds):
        return T0 + timedelta(seconds=seconds)

    pacer.take(CHANNEL, at(0))
    pacer.went_out(CHANNEL, at(0), at(0), answered=at(0.1))  # answers take 0.1 s at the quickest
    pacer.take(OTHER_CHANNEL, at(5))  # a burst begins: the platform counts from when it arrives
    pacer.went_out(OTHER_CHANNEL, at(5), at(5), answered=at(5.4))  # so by 5.3 at the latest
    pacer.take(OTHER_CHANNEL, at(5.3))
    pacer.went_out(OTHER_CHANNEL, at(5.3), at(5.3), answered=at(5.4))
    assert pacer.ready_at(OTHER_CHANNEL, at(5.4)) == at(6.3)  # counted from 5.0 it would be 6.0
    pacer.take(OTHER_CHANNEL, at(6.3))
    pacer.went_out(OTHER_CHANNEL, at(6.3), at(6.3), answered=at(7.0))  # not the first of a burst: as it left
    assert pacer.ready_at(OTHER_CHANNEL, at(7.0)) == at(7.3)


class LateNotifier(FakeNotifier):
    """Each request leaves ``delay`` seconds (of the test's clock) after the dispatcher calls send."""

    def __init__(self, clock, delay: float) -> None:
        super().__init__()
        self.clock = clock
        self.delay = delay

    async def send(self, destination, card, *, idempotency_key):
        self.clock.advance(self.delay)
        on_wire()()
        return await super().send(destination, card, idempotency_key=idempotency_key)


@async_test
async def test_the_next_send_is_paced_from_when_the_last_one_left(engine, clock):
    subscription = subscribe(engine, CHANNEL)
    for n in range(2):
        queue(engine, CHANNEL, store_posting(engine, f"p:{n}").id, subscription)
    notifier = LateNotifier(clock, delay=0.3)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=ONE_A_SECOND)
    await dispatcher.run_once()
    assert notifier.posting_ids(CHANNEL) == ["p:0"]
    # The token was taken at T0, but the request only left at T0 + 0.3 s: the platform counts from then.
    assert dispatcher.pacer.ready_at(CHANNEL, clock()) == T0 + timedelta(seconds=1.3)
    clock.set(T0 + timedelta(seconds=1.2))
    assert (await dispatcher.run_once()).sent == 0
    clock.set(T0 + timedelta(seconds=1.3))
    assert (await dispatcher.run_once()).sent == 1


class RunningClock:
    """T0 plus the event loop's time since the test began: a clock that moves while the dispatcher waits."""

    def __init__(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.start = self.loop.time()

    def __call__(self):
        return T0 + timedelta(seconds=self.loop.time() - self.start)


class TimingNotifier(FakeNotifier):
    """Notes the clock at each send."""

    def __init__(self, clock) -> None:
        super().__init__()
        self.clock = clock
        self.moments: list = []

    async def send(self, destination, card, *, idempotency_key):
        self.moments.append(self.clock())
        return await super().send(destination, card, idempotency_key=idempotency_key)


@async_test
async def test_a_token_due_within_the_lead_is_waited_for_and_used_on_time(engine):
    clock = RunningClock()
    subscription = subscribe(engine, CHANNEL)
    for n in range(4):
        queue(engine, CHANNEL, store_posting(engine, f"p:{n}").id, subscription)
    limits = DeliveryLimits(
        per_destination={"slack": Rate(10.0, burst=1)},  # a token every 0.1 s
        burst_digest_threshold=None,
        pacing_margin_seconds=0.0,
        token_lead_seconds=0.15,
    )
    notifier = TimingNotifier(clock)
    dispatcher = make_dispatcher(engine, notifier, clock, limits=limits)
    assert (await dispatcher.run_once()).sent == 1
    # The next token is 0.1 s away, within the lead: this pass serves it, on the token, not the pass after.
    assert (await dispatcher.run_once()).sent == 1
    first, second = notifier.moments
    assert second - first >= timedelta(seconds=0.1)
    slow = DeliveryLimits(
        per_destination={"slack": Rate(1.0, burst=1)}, burst_digest_threshold=None, token_lead_seconds=0.15
    )
    dispatcher = make_dispatcher(engine, notifier, clock, limits=slow)
    assert (await dispatcher.run_once()).sent == 1
    assert (await dispatcher.run_once()).sent == 0  # a second away: left for a later pass, not waited for


@async_test
async def test_a_token_of_a_shared_bucket_is_not_waited_for(engine):
    clock = RunningClock()
    for channel in (CHANNEL, OTHER_CHANNEL):
        subscription = subscribe(engine, channel)
        queue(engine, channel, store_posting(engine, f"p:{channel.target}").id, subscription)
    limits = DeliveryLimits(
        per_destination={"slack": Rate(1.0, burst=3)},
        per_bot={"slack": Rate(10.0, burst=1)},  # one token for both, the next 0.1 s later
        burst_digest_threshold=None,
        token_lead_seconds=0.15,
    )
    dispatcher = make_dispatcher(engine, TimingNotifier(clock), clock, limits=limits)
    report = await dispatcher.run_once()
    # The second channel's card goes back to the queue for the bot's next token: waiting for it in every
    # sender that wants it would only let one of them have it.
    assert (report.sent, report.held) == (1, 1)
