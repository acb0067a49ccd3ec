"""What every group of commands works with: the store, the live matcher, the clock and the policies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from bot.ingest import Matcher
from bot.sources.fetch import FetchPolicy

Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Context:
    """Shared by the command groups; built once by ``CommandService``."""

    engine: Engine
    matcher: Matcher
    clock: Clock
    fetch_policy: FetchPolicy
    channel_subscriptions_need_admin: bool = True
    poll_interval_minutes: int = 30
    search_scan_limit: int = 5_000  # open postings a search reads at most, newest first (~1 ms each)
    preview_window: int = 1_000  # newest open postings a preview counts matches in
