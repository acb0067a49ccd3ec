"""Discord's invalid-request ban, kept far away: refused requests are counted and sending stops early.

Discord bans an IP for an hour after 10,000 invalid requests (401, 403, and 429 except shared ones) in 10
minutes. Each refused channel is paused at its first 403, so a healthy bot makes few; but a revoked token
turns every request into a 401. The budget counts refusals in a sliding window and, past its limit, the
notifier stops calling Discord until the window has room again.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 600.0
DISCORD_BAN_AT = 10_000
BUDGET = 1_000  # a tenth of what gets an IP banned


class InvalidRequestBudget:
    """Refused requests in the last ``window`` seconds, and whether more may be risked."""

    def __init__(
        self, limit: int = BUDGET, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Allow ``limit`` refusals per ``window`` seconds, by ``clock``."""
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: deque[float] = deque()

    def record(self, status: int, scope: str | None = None) -> None:
        """Count an answer if Discord counts it as invalid (401, 403, and 429 except shared ones)."""
        if status in (401, 403) or (status == 429 and scope != "shared"):
            self._seen.append(self._clock())

    def count(self) -> int:
        """Refusals within the window."""
        cutoff = self._clock() - self.window
        while self._seen and self._seen[0] <= cutoff:
            self._seen.popleft()
        return len(self._seen)

    def wait(self) -> float:
        """Seconds until another request may be risked (0 while under the limit)."""
        if self.count() < self.limit:
            return 0.0
        return max(0.0, self._seen[0] + self.window - self._clock())
