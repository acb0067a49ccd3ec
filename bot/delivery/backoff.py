"""Retry delays: exponential, capped, with jitter so many failed cards do not come back at one instant."""

from __future__ import annotations

import random


def retry_delay(attempt: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Seconds to wait after the ``attempt``-th failed try (1-based): base·2ⁿ⁻¹ stretched by up to half."""
    exponential = base * 2.0 ** max(0, min(attempt - 1, 30))
    return min(cap, exponential * rng.uniform(1.0, 1.5))
