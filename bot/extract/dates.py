"""When a job starts and how long it lasts."""

from __future__ import annotations

from bot.models import DurationFacet, Posting, StartFacet


def extract_start(posting: Posting, body: str) -> StartFacet | None:
    """The start date, season/year or "asap". Scaffold: not yet implemented, returns None."""
    return None


def extract_duration(posting: Posting, body: str) -> DurationFacet | None:
    """The duration in months. Scaffold: not yet implemented, returns None."""
    return None
