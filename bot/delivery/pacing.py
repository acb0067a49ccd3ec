"""Pacing: each destination's, workspace's and bot's token buckets, and the waits a platform imposes.

A 429 holds the one destination it answered for. An outage (``unavailable``: no connection, 502/503/504, the
bot's token refused) holds every destination of its scope (``outage_scope``: the platform, or a Slack
workspace with its own token): nothing is sent there until the wait is over; then one destination sends one
probe, the others waiting until the platform answers it; a success (or any answer but another outage) lifts
the hold and they resume, paced as usual. So a thousand waiting channels make one request a minute, not a
thousand.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.delivery.limits import DeliveryLimits, TokenBucket
from bot.models import Destination


class Pacer:
    """Says when a destination may send next and spends its tokens; never sleeps."""

    def __init__(self, limits: DeliveryLimits) -> None:
        self._limits = limits
        self._buckets: dict[str, TokenBucket] = {}
        # Each destination's buckets, found once: every pass asks about every due destination.
        self._buckets_by_destination: dict[str, tuple[TokenBucket, ...]] = {}
        self._blocked: dict[str, datetime] = {}  # destination key -> not before (a 429, no notifier)
        self._handed_on: dict[str, float] = {}  # bucket key -> full at (epoch seconds), from ``take_over``
        self._answers: dict[str, _QuickestAnswer] = {}  # by platform: how fast sends were answered lately
        self._outages: dict[str, _Outage] = {}  # by outage scope (``outage_scope``)
        self._lifted: set[str] = set()  # outage scopes whose hold an answer lifted (handed on as lifted)

    # -- outages: one scope held at once, one probe after the wait ------------------------------------

    def outage_scope(self, destination: Destination) -> str:
        """What an outage or a refused token holds: the platform, or its workspace where each has a token."""
        if destination.platform in self._limits.outage_per_workspace:
            return f"{destination.platform}:{destination.workspace}"
        return destination.platform

    def outage_key(self, platform: str, workspace: str) -> str:
        """The ``hand_on`` key of the outage hold that a group's destinations share (``outage:`` + scope)."""
        return "outage:" + self.outage_scope(Destination(platform, "channel", "-", workspace))

    def hold_scope(self, destination: Destination, until: datetime) -> None:
        """An outage met at ``destination``: hold its whole scope until ``until``, then probe once."""
        scope = self.outage_scope(destination)
        self._lifted.discard(scope)
        outage = self._outages.get(scope)
        if outage is None:
            self._outages[scope] = _Outage(until)
            return
        outage.until = max(outage.until, until) if outage.prober is None else until
        outage.prober = outage.probe_since = None

    def answered(self, destination: Destination) -> bool:
        """The platform answered for ``destination``: lift its scope's hold (True if there was one)."""
        scope = self.outage_scope(destination)
        if self._outages.pop(scope, None) is None:
            return False
        self._lifted.add(scope)
        return True

    def probe_unanswered(self, destination: Destination, now: datetime) -> None:
        """The probe's outcome is unknown (a timeout): hold the scope again for an outage's wait."""
        outage = self._outages.get(self.outage_scope(destination))
        if outage is not None and outage.prober == destination.key:
            outage.until = now + timedelta(seconds=self._limits.unavailable_seconds)
            outage.prober = outage.probe_since = None

    def probe_over(self, destination: Destination) -> None:
        """``destination``'s work ended: if it was to probe and asked nothing, another one may probe."""
        outage = self._outages.get(self.outage_scope(destination))
        if outage is not None and outage.prober == destination.key:
            outage.prober = outage.probe_since = None

    def free_idle_probes(self, busy: Collection[str]) -> None:
        """Free the probe of a scope whose prober was chosen but is not at work (nothing was claimed)."""
        for outage in self._outages.values():
            if outage.prober is not None and outage.prober not in busy:
                outage.prober = outage.probe_since = None

    def held_until(self, destination: Destination, now: datetime, *, probe: bool = False) -> datetime | None:
        """When ``destination`` may send again if its scope is held for an outage, else None.

        After the wait, the first destination asked with ``probe`` becomes the scope's prober (None: it may
        send now); the others wait for its answer (for at most an outage's wait).
        """
        if not self._outages:
            return None
        outage = self._outages.get(self.outage_scope(destination))
        if outage is None or outage.prober == destination.key:
            return None
        if now < outage.until:
            return outage.until
        probe_wait = timedelta(seconds=self._limits.unavailable_seconds)
        since = outage.probe_since
        if outage.prober is not None and since is not None and now < since + probe_wait:
            return since + probe_wait
        if probe:
            outage.prober, outage.probe_since = destination.key, now
        return None

    @property
    def tracked(self) -> int:
        """How many destinations may be waiting (so a query for due work can leave room for them)."""
        return len(self._blocked) + len(self._buckets)

    def block(self, destination: Destination, until: datetime) -> None:
        """Send nothing to ``destination`` before ``until`` (the platform's Retry-After)."""
        self._blocked[destination.key] = max(until, self._blocked.get(destination.key, until))

    def blocked_until(self, destination: Destination, now: datetime) -> datetime | None:
        """The end of a wait the platform imposed, if it has not passed."""
        until = self._blocked.get(destination.key)
        if until is not None and until <= now:
            del self._blocked[destination.key]
            return None
        return until

    def ready_at(self, destination: Destination, now: datetime, *, probe: bool = False) -> datetime:
        """When ``destination`` may next send: after any imposed wait, once every bucket has a token.

        ``probe``: a destination about to send may become its held scope's prober (``held_until``).
        """
        ready = self.blocked_until(destination, now) or now
        held = self.held_until(destination, now, probe=probe)
        if held is not None:
            ready = max(ready, held)
        at = now.timestamp()
        latest = max((bucket.ready_at(at) for bucket in self._buckets_of(destination, now)), default=at)
        return max(ready, _moment(latest)) if latest > at else ready

    def wait(self, destination: Destination, now: datetime) -> float:
        """Seconds until ``destination`` may next send (0: now); ``ready_at`` without making a datetime.

        Every pass asks this of every due destination, most of them waiting for a token.
        """
        at = now.timestamp()
        latest = max((bucket.ready_at(at) for bucket in self._buckets_of(destination, now)), default=at)
        blocked = self.blocked_until(destination, now)
        if blocked is not None:
            latest = max(latest, blocked.timestamp())
        # Only a destination that can send at once is made its held scope's prober.
        probe = latest - at <= self._limits.token_lead_seconds
        held = self.held_until(destination, now, probe=probe)
        if held is not None:
            latest = max(latest, held.timestamp())
        return latest - at

    def shared_ready(self, destination: Destination, now: datetime) -> bool:
        """True when the buckets ``destination`` shares (its workspace's, the bot's) have a token now."""
        at = now.timestamp()
        own = self._buckets.get(destination.key)
        return all(b.available(at) >= 1.0 for b in self._buckets_of(destination, now) if b is not own)

    def tokens(self, destination: Destination, now: datetime) -> int | None:
        """Whole sends the buckets allow at ``now`` (None: not limited)."""
        at = now.timestamp()
        return min((int(b.available(at)) for b in self._buckets_of(destination, now)), default=None)

    def take(self, destination: Destination, now: datetime) -> None:
        """Spend one send from every bucket the destination is in."""
        at = now.timestamp()
        for bucket in self._buckets_of(destination, now):
            bucket.take(at, self._limits.pacing_margin_seconds)

    def went_out(
        self, destination: Destination, taken: datetime, went: datetime, answered: datetime | None = None
    ) -> None:
        """The send that took a token at ``taken`` left at ``went``, answered at ``answered``: pace from then.

        The platform counts a conversation's messages as they arrive; a send that left late must not let
        the next one leave early. The first send of a burst arrives at the latest when its answer came,
        less the quickest answer lately: the platform's bucket for the conversation starts then, and a
        burst paced from the moment it left would be early by all the time it queued on the way (a fan-out's
        first wave queues most). Shared buckets (a workspace's, a bot's) keep the take's moment: others
        have taken from them since, and their bursts absorb the difference.
        """
        moment = went.timestamp()
        bucket = self._buckets.get(destination.key)
        if answered is not None:
            seconds = answered.timestamp()
            quickest = self._answers.setdefault(destination.platform, _QuickestAnswer())
            quickest.add(seconds - moment, seconds)
            if bucket is not None and bucket.was_full(taken.timestamp()):
                moment = max(moment, seconds - quickest.seconds)
        if bucket is not None:
            bucket.retake(taken.timestamp(), moment, self._limits.pacing_margin_seconds)

    def take_or_schedule(self, destination: Destination, now: datetime, count: int) -> list[datetime]:
        """Spend a token now and return [], or, when none is there, when each of ``count`` sends could go."""
        if self.ready_at(destination, now, probe=True) <= now:
            self.take(destination, now)
            return []
        return self.schedule(destination, now, count)

    def schedule(self, destination: Destination, now: datetime, count: int) -> list[datetime]:
        """When each of the next ``count`` sends could go, if nothing else takes the tokens."""
        floor = max(
            self.blocked_until(destination, now) or now, self.held_until(destination, now) or now
        ).timestamp()
        buckets = self._buckets_of(destination, now)
        return [
            _moment(max([floor, *(b.ready_at(now.timestamp(), nth) for b in buckets)]))
            for nth in range(1, count + 1)
        ]

    def hand_on(self, now: datetime, owned: Callable[[str], bool]) -> dict[str, float]:
        """The state of the ``owned`` buckets and waits that still matter, for whoever serves them next.

        Keys are bucket keys (a destination key, ``workspace:…``) with the moment the bucket is full again,
        ``blocked:`` + a destination key with the end of a wait the platform imposed, and ``outage:`` + an
        outage scope with the end of its hold (epoch seconds).
        A deliver job in ``bot.workers`` stores this when it ends, and the next job of its group, in any
        process, ``take_over``s it: so a channel's pace holds across jobs, not only within one.
        """
        at = now.timestamp()
        state = {key: bucket.full_at(at) for key, bucket in self._buckets.items() if owned(key)}
        state.update(
            {f"blocked:{key}": until.timestamp() for key, until in self._blocked.items() if owned(key)}
        )
        # A held scope goes on being held, its probe not yet answered: the next job probes first too.
        state.update(
            {
                f"outage:{scope}": max(outage.until.timestamp(), at + 0.001)
                for scope, outage in self._outages.items()
                if owned(f"outage:{scope}")
            }
        )
        state = {key: moment for key, moment in state.items() if moment > at}
        # A hold lifted here is handed on as lifted, or the next job would hold again what it left behind.
        state.update({f"outage:{scope}": _LIFTED for scope in self._lifted if owned(f"outage:{scope}")})
        return state

    def take_over(self, state: Mapping[str, float], now: datetime | None = None) -> None:
        """Start from what ``hand_on`` gave (before any send): buckets as drained, waits as imposed.

        An outage hold handed on as lifted, or that ended more than an outage's wait before ``now`` (its
        probe was answered in a job that stored nothing since), is left behind.
        """
        stale = None if now is None else now.timestamp() - self._limits.unavailable_seconds
        for key, moment in state.items():
            if key.startswith("outage:") and (moment <= _LIFTED or (stale is not None and moment < stale)):
                continue
            if key.startswith("blocked:"):
                self._blocked[key.removeprefix("blocked:")] = _moment(moment)
            elif key.startswith("outage:"):
                self._outages[key.removeprefix("outage:")] = _Outage(_moment(moment))
            else:
                self._handed_on[key] = moment

    def _buckets_of(self, destination: Destination, now: datetime) -> tuple[TokenBucket, ...]:
        found = self._buckets_by_destination.get(destination.key)
        if found is None:
            found = self._buckets_by_destination[destination.key] = self._find_buckets(destination, now)
        return found

    def _find_buckets(self, destination: Destination, now: datetime) -> tuple[TokenBucket, ...]:
        platform = destination.platform
        scopes = (
            (destination.key, self._limits.per_destination.get(platform)),
            (workspace_bucket(platform, destination.workspace), self._limits.per_workspace.get(platform)),
            (f"bot:{platform}", self._limits.per_bot.get(platform)),
        )
        buckets = []
        for key, rate in scopes:
            if rate is None:
                continue
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = TokenBucket(rate, now.timestamp())
                full_at = self._handed_on.pop(key, None)
                if full_at is not None:
                    bucket.refill_from(full_at, now.timestamp())
            buckets.append(bucket)
        return tuple(buckets)


_LIFTED = 0.0  # ``hand_on``'s moment for an outage hold that an answer lifted


@dataclass(slots=True)
class _Outage:
    """A held scope: nothing goes before ``until``; then ``prober`` alone sends, from ``probe_since``."""

    until: datetime
    prober: str | None = None  # the destination key sending the one probe
    probe_since: datetime | None = None


class _QuickestAnswer:
    """The least time a send took from leaving to its answer, over the last one or two windows."""

    WINDOW = 60.0  # seconds: an answer time this old no longer counts (the platform may have slowed)

    def __init__(self) -> None:
        self._current = self._previous = float("inf")
        self._since = 0.0

    @property
    def seconds(self) -> float:
        """The quickest answer lately (0 before any)."""
        quickest = min(self._current, self._previous)
        return 0.0 if quickest == float("inf") else quickest

    def add(self, seconds: float, now: float) -> None:
        """Count one send answered in ``seconds``, at ``now`` (epoch seconds)."""
        if now - self._since > self.WINDOW:
            self._previous, self._current, self._since = self._current, float("inf"), now
        self._current = min(self._current, max(0.0, seconds))


def workspace_bucket(platform: str, workspace: str) -> str:
    """The key of a workspace's bucket (Slack's per-workspace limit, where one is configured)."""
    return f"workspace:{platform}:{workspace}"


def _moment(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
