"""Discord's REST rate limits: per-route buckets, the global limit per bot, and the invalid-request count.

Each route belongs to a named bucket (``Limits.buckets``) counted per major parameter (channel, guild or
webhook), in fixed windows like Discord's: ``X-RateLimit-Limit``/``-Remaining``/``-Reset``/``-Reset-After``/
``-Bucket`` on every answer, and a 429 with ``Retry-After``, ``X-RateLimit-Scope`` and a JSON body when a
bucket is empty. The global limit (50 requests a second per bot token) answers 429 with
``X-RateLimit-Global: true``. Every 401, 403 and 429 (but 429s of scope "shared") counts as an invalid
request for 10 minutes (https://discord.com/developers/docs/topics/rate-limits).
"""

from __future__ import annotations

import hashlib
import math
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

INVALID_WINDOW = 600.0


@dataclass(frozen=True, slots=True)
class Limit:
    """``requests`` per ``per`` seconds."""

    requests: int
    per: float


def _default_buckets() -> dict[str, Limit]:
    # Roughly what Discord answers bots today; tests shrink "per" to keep runs short.
    return {
        "messages.create": Limit(5, 5.0),
        "messages.edit": Limit(5, 5.0),
        "messages.read": Limit(5, 1.0),
        "channels": Limit(5, 1.0),
        "threads": Limit(5, 5.0),
        "dm.open": Limit(5, 5.0),
        "webhooks": Limit(5, 2.0),
        "interactions": Limit(50, 1.0),
        "commands": Limit(5, 20.0),
        "other": Limit(50, 1.0),
    }


@dataclass(slots=True)
class Limits:
    """The numbers the fake enforces; every one is configurable."""

    buckets: dict[str, Limit] = field(default_factory=_default_buckets)
    global_per_second: int = 50


@dataclass(slots=True)
class _Window:
    remaining: int
    resets_at: float


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the limiter decided: allowed or not, the headers to send, and the 429 body if refused."""

    allowed: bool
    headers: dict[str, str]
    body: dict[str, Any] | None = None
    scope: str | None = None


class RateLimiter:
    """Counts requests per bucket and per bot, and remembers invalid requests."""

    def __init__(self, limits: Limits | None = None, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits or Limits()
        self._clock = clock
        self._windows: dict[tuple[str, str], _Window] = {}  # (bucket or "global", major or token)
        self._invalid: deque[float] = deque()

    def check_global(self, token: str) -> Verdict:
        """Take one request from the bot's global allowance (interaction and webhook routes are exempt)."""
        key = ("global", token)
        if self._take(key, Limit(self.limits.global_per_second, 1.0)):
            return Verdict(True, {})
        wait = self._windows[key].resets_at - self._clock()
        headers = {"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"}
        return self._refusal(wait, headers, is_global=True, scope="global")

    def check_route(self, bucket: str, major: str) -> Verdict:
        """Take one request from ``bucket`` for this major parameter; the rate-limit headers either way."""
        limit = self.limits.buckets.get(bucket) or self.limits.buckets["other"]
        key = (bucket, major)
        taken = self._take(key, limit)
        headers = self._headers(bucket, limit, self._windows[key])
        if taken:
            return Verdict(True, headers)
        wait = self._windows[key].resets_at - self._clock()
        return self._refusal(wait, {**headers, "X-RateLimit-Scope": "user"}, is_global=False, scope="user")

    def refusal(self, bucket: str, wait: float, scope: str) -> Verdict:
        """A 429 as Discord sends it for ``scope`` "user", "global" or "shared" (a resource's own limit)."""
        if scope == "global":
            headers = {"X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"}
            return self._refusal(wait, headers, is_global=True, scope="global")
        limit = self.limits.buckets.get(bucket) or self.limits.buckets["other"]
        window = _Window(0, self._clock() + wait)
        headers = {**self._headers(bucket, limit, window), "X-RateLimit-Scope": scope}
        return self._refusal(wait, headers, is_global=False, scope=scope)

    def note_status(self, status: int, scope: str | None) -> None:
        """Count an answer towards the invalid-request limit if Discord would."""
        if counts_as_invalid(status, scope):
            self._invalid.append(self._clock())

    @property
    def invalid_requests(self) -> int:
        """Invalid requests (401, 403, 429 but shared ones) in the last 10 minutes."""
        cutoff = self._clock() - INVALID_WINDOW
        while self._invalid and self._invalid[0] < cutoff:
            self._invalid.popleft()
        return len(self._invalid)

    def _take(self, key: tuple[str, str], limit: Limit) -> bool:
        now = self._clock()
        window = self._windows.get(key)
        if window is None or window.resets_at <= now:
            window = self._windows[key] = _Window(limit.requests, now + limit.per)
        if window.remaining <= 0:
            return False
        window.remaining -= 1
        return True

    def _headers(self, bucket: str, limit: Limit, window: _Window) -> dict[str, str]:
        after = max(0.0, window.resets_at - self._clock())
        after = math.ceil(after * 1000) / 1000  # rounded up, so a client waiting this long is never early
        return {
            "X-RateLimit-Limit": str(limit.requests),
            "X-RateLimit-Remaining": str(max(0, window.remaining)),
            "X-RateLimit-Reset": f"{time.time() + after:.3f}",
            "X-RateLimit-Reset-After": f"{after:.3f}",
            "X-RateLimit-Bucket": bucket_hash(bucket),
        }

    def _refusal(self, wait: float, headers: Mapping[str, str], *, is_global: bool, scope: str) -> Verdict:
        wait = math.ceil(max(wait, 0.001) * 1000) / 1000
        body = {"message": "You are being rate limited.", "retry_after": wait, "global": is_global}
        # Via is how discord.py tells Discord's 429 from a Cloudflare ban; Retry-After is whole seconds.
        extra = {"Retry-After": str(max(1, math.ceil(wait))), "Via": "1.1 google"}
        return Verdict(False, {**headers, **extra}, body, scope)


def counts_as_invalid(status: int, scope: str | None) -> bool:
    """Whether Discord counts an answer as an invalid request: 401, 403, and 429 but shared ones."""
    return status in (401, 403) or (status == 429 and scope != "shared")


def bucket_hash(bucket: str) -> str:
    """An opaque, stable bucket id as Discord sends in X-RateLimit-Bucket."""
    return hashlib.sha1(bucket.encode(), usedforsecurity=False).hexdigest()[:32]
