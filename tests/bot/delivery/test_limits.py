"""Token buckets, the limits read from settings, and retry delays."""

import random
from datetime import UTC, datetime, timedelta

from bot.delivery.backoff import retry_delay
from bot.delivery.limits import DeliveryLimits, Rate, TokenBucket
from bot.delivery.pacing import Pacer
from bot.models import Destination
from bot.settings import DeliverySettings


def test_a_bucket_allows_its_burst_then_its_rate():
    bucket = TokenBucket(Rate(1.0, burst=3), now=100.0)
    for _ in range(3):
        assert bucket.ready_at(100.0) == 100.0
        bucket.take(100.0)
    assert bucket.ready_at(100.0) == 101.0
    assert bucket.ready_at(100.0, nth=3) == 103.0  # the schedule of the next tokens, nothing taken
    assert bucket.ready_at(100.5) == 101.0
    bucket.take(101.0)
    assert bucket.ready_at(101.0) == 102.0


def test_a_quiet_bucket_refills_only_to_its_burst():
    bucket = TokenBucket(Rate(2.0, burst=2), now=0.0)
    bucket.take(0.0)
    bucket.take(0.0)
    assert bucket.ready_at(0.0) == 0.5
    assert bucket.ready_at(3600.0, nth=2) == 3600.0
    assert bucket.ready_at(3600.0, nth=3) == 3600.5


def test_limits_follow_the_delivery_settings():
    settings = DeliverySettings(
        slack_messages_per_second_per_channel=0.5, discord_requests_per_second=20.0, max_attempts=3
    )
    limits = DeliveryLimits.from_settings(settings, burst_digest_threshold=None)
    assert limits.per_destination["slack"].per_second == 0.5
    assert limits.per_bot["discord"] == Rate(20.0, burst=20)
    assert (limits.max_attempts, limits.retry_base_seconds) == (3, 30.0)
    assert limits.burst_digest_threshold is None


def test_retry_delays_grow_exponentially_with_jitter_and_a_cap():
    rng = random.Random(1)
    delays = [retry_delay(n, base=30.0, cap=600.0, rng=rng) for n in range(1, 7)]
    for attempt, delay in enumerate(delays[:4], start=1):
        assert 30.0 * 2 ** (attempt - 1) <= delay <= 45.0 * 2 ** (attempt - 1)
    assert delays[-1] == 600.0
    spread = {round(retry_delay(1, base=30.0, cap=600.0, rng=rng), 3) for _ in range(20)}
    assert len(spread) > 10  # jitter: many failed cards do not come back at one instant


def test_a_pacer_combines_the_buckets_and_a_platform_imposed_wait():
    now = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    paris, berlin = (Destination("slack", "channel", c, "T0") for c in ("C0PARIS", "C0BERLIN"))
    pacer = Pacer(
        DeliveryLimits(
            per_destination={"slack": Rate(1.0, burst=2)},
            per_workspace={"slack": Rate(2.0, burst=3)},
            pacing_margin_seconds=0.0,
        )
    )
    assert pacer.tokens(paris, now) == 2
    pacer.take(paris, now)
    pacer.take(paris, now)
    assert pacer.ready_at(paris, now) == now + timedelta(seconds=1)
    pacer.take(berlin, now)  # the workspace's third and last token
    assert pacer.tokens(berlin, now) == 0
    assert pacer.ready_at(berlin, now) == now + timedelta(seconds=0.5)
    assert pacer.schedule(paris, now, 3) == [now + timedelta(seconds=s) for s in (1, 2, 3)]

    pacer.block(berlin, now + timedelta(seconds=30))
    assert pacer.ready_at(berlin, now) == now + timedelta(seconds=30)
    assert pacer.blocked_until(berlin, now + timedelta(seconds=30)) is None  # over, and forgotten
    assert Pacer(DeliveryLimits(per_destination={})).tokens(paris, now) is None  # not limited
