"""When to try a source again: exponential backoff after failures, and the server's own Retry-After."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


def next_delay(
    failures: int,
    *,
    base: float = 60.0,
    cap: float = 3600.0,
    jitter: float = 0.2,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to wait after ``failures`` failures in a row: base·2^(failures-1), ±jitter, at most cap.

    ``jitter`` is a fraction (0.2 = ±20 %) so a fleet of sources that failed together does not retry
    together; ``rand`` returns a number in [0, 1) and is a parameter so tests can fix it.
    """
    if failures <= 0:
        return 0.0
    raw = min(cap, base * 2.0 ** min(failures - 1, 64))  # the exponent bound keeps huge counts finite
    spread = raw * jitter
    return max(0.0, min(cap, raw - spread + 2 * spread * rand()))


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta-seconds or HTTP-date), None when absent or unreadable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; a zone-less one is read the same way
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
