"""How fast and how hard the dispatcher may try: token buckets and the limits it is configured with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.settings import DeliverySettings


@dataclass(frozen=True, slots=True)
class Rate:
    """``per_second`` sustained, with up to ``burst`` at once after a quiet spell."""

    per_second: float
    burst: int = 1


class TokenBucket:
    """A token bucket on an outside clock: times are seconds (any epoch), passed in, never read here."""

    __slots__ = ("_before_take", "_tokens", "_updated", "rate")

    def __init__(self, rate: Rate, now: float) -> None:
        self.rate = rate
        self._tokens = float(rate.burst)
        self._updated = now
        self._before_take: tuple[float, float, float] | None = None  # (tokens, updated, at) of the last take

    def ready_at(self, now: float, nth: int = 1) -> float:
        """When the ``nth`` token from now will be there if nobody else takes one (``now`` if it is)."""
        self._refill(now)
        missing = nth - self._tokens
        return now if missing <= 0 else max(now, self._updated) + missing / self.rate.per_second

    def available(self, now: float) -> float:
        """Tokens there are at ``now``."""
        self._refill(now)
        return self._tokens

    def take(self, now: float, margin: float = 0.0) -> None:
        """Spend one token (the caller checked ``ready_at``; a debt is repaid before the next).

        When that empties the bucket, refilling starts ``margin`` seconds later: a little headroom
        under the platform's own bucket, which a send paced exactly on the token would hit on arrival.
        """
        self._refill(now)
        self._before_take = (self._tokens, self._updated, now)
        self._tokens -= 1.0
        if self._tokens < 1.0:
            self._updated = max(self._updated, now + margin)

    def was_full(self, taken: float) -> bool:
        """True when the take at ``taken`` (the last one) found the bucket full: it began a burst."""
        before = self._before_take
        return before is not None and before[2] == taken and before[0] >= self.rate.burst

    def retake(self, taken: float, went: float, margin: float = 0.0) -> None:
        """The token taken at ``taken`` was used at ``went``: count it from then, as if taken then.

        Only the last take moves (a later one has been counted from its own moment already).
        """
        before = self._before_take
        if before is None or before[2] != taken or went <= taken:
            return
        self._tokens, self._updated = before[0], before[1]
        self.take(went, margin)

    def full_at(self, now: float) -> float:
        """When the bucket will be full again if nobody takes a token (``now`` if it is)."""
        self._refill(now)
        return max(now, self._updated + (self.rate.burst - self._tokens) / self.rate.per_second)

    def refill_from(self, full_at: float, now: float) -> None:
        """Take over a bucket that another process left to be full at ``full_at`` (see ``full_at``)."""
        self._tokens = min(self._tokens, self.rate.burst - max(0.0, full_at - now) * self.rate.per_second)
        self._updated = max(self._updated, now)

    def _refill(self, now: float) -> None:
        if now > self._updated:
            gained = (now - self._updated) * self.rate.per_second
            self._tokens = min(float(self.rate.burst), self._tokens + gained)
            self._updated = now


def _slack_and_discord() -> dict[str, Rate]:
    # Slack: ~1 message/s per channel, short bursts allowed. Discord: 5 messages per 5 s per channel.
    return {"slack": Rate(1.0, burst=3), "discord": Rate(1.0, burst=5)}


def _discord_bot() -> dict[str, Rate]:
    return {"discord": Rate(50.0, burst=50)}  # Discord's global limit per bot token


@dataclass(frozen=True, slots=True)
class DeliveryLimits:
    """Everything the dispatcher is tuned with; platforms without a rate here are not limited."""

    per_destination: Mapping[str, Rate] = field(default_factory=_slack_and_discord)  # by platform
    per_workspace: Mapping[str, Rate] = field(default_factory=dict)  # by platform, one bucket per workspace
    per_bot: Mapping[str, Rate] = field(default_factory=_discord_bot)  # by platform, one bucket in all
    max_attempts: int = 5  # sends that failed transiently before a card is given up
    retry_base_seconds: float = 30.0  # first retry delay; doubles with each attempt, plus jitter
    retry_max_seconds: float = 3600.0
    rate_limited_seconds: float = 1.0  # the wait after a 429 that gave no Retry-After
    # The wait after an outage (no connection, 502/503/504) or a refused token, for the outage's scope:
    # the whole platform, or one workspace of the platforms here (each has its own token); then one probe.
    unavailable_seconds: float = 60.0
    outage_per_workspace: frozenset[str] = frozenset({"slack"})
    unknown_recheck_seconds: float = 30.0  # after an unknown outcome, when to ask the platform
    burst_digest_threshold: int | None = 5  # more due cards than this for one destination → one digest
    digest_max_cards: int = 10  # cards shown in full in a digest; the rest are counted
    batch_size: int = 100  # rows claimed per destination per pass (at most one digest's worth)
    lease_seconds: float = 120.0  # a claimed row nobody marked for this long is checked and resent
    concurrency: int = 256  # destinations served at once (each holds one platform call at a time)
    # A drained bucket waits this long more for its next token (~2 % under the limit at 1/s): the
    # platform's bucket runs a little behind ours, and a send right on our token arrives early → 429.
    # On the bench 0.02 s kept 429s near 0.2 %; 0.01 s gained nothing and doubled them (that was before
    # sends were paced from when they left, ``Pacer.went_out``: since, 0.02 s sees no 429s there).
    pacing_margin_seconds: float = 0.02
    pass_interval_seconds: float = 0.02  # sends due within this long of each other share one pass
    # A destination whose next token comes within this long is served by the pass before it: its sender
    # waits for the token, so the send leaves on time rather than whenever the next pass comes.
    token_lead_seconds: float = 0.1
    settle_wait_seconds: float = 0.5  # a pass waits this long for rows in doubt to be settled, then serves

    @classmethod
    def from_settings(cls, settings: DeliverySettings, **overrides: Any) -> DeliveryLimits:
        """The limits for ``[delivery]`` settings; keyword ``overrides`` replace any field."""
        limits = cls(
            max_attempts=settings.max_attempts,
            retry_base_seconds=settings.retry_base_seconds,
        )
        slack = Rate(settings.slack_messages_per_second_per_channel, burst=3)
        bot = Rate(
            settings.discord_requests_per_second, burst=max(1, int(settings.discord_requests_per_second))
        )
        limits = replace(
            limits,
            per_destination={**limits.per_destination, "slack": slack},
            per_bot={**limits.per_bot, "discord": bot},
        )
        return replace(limits, **overrides)
