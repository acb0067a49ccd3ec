"""Changing and describing a subscription's delivery mode (``bot.delivery.modes.DeliveryMode``).

The delivery engine owns the stored shape; commands only read it, replace parts of it and say it in words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.commands.model import DigestMode
from bot.delivery.modes import DeliveryMode, QuietHours, mode_or_instant

_KINDS = {"off": "instant", "hourly": "hourly", "daily": "daily"}


def read_mode(stored: Any, subscription_id: int) -> DeliveryMode:
    """The stored mode; instant when there is none or it cannot be read."""
    return mode_or_instant(stored, subscription_id=subscription_id)


def with_digest(mode: DeliveryMode, digest: DigestMode, at: time | None, timezone: str) -> DeliveryMode:
    """``mode`` with another digest setting, in ``timezone`` (quiet hours kept)."""
    return replace(mode, kind=_KINDS[digest], at=at or mode.at, timezone=timezone)  # type: ignore[arg-type]


def with_quiet(mode: DeliveryMode, start: time | None, end: time | None, timezone: str) -> DeliveryMode:
    """``mode`` with other quiet hours (None, None: none), in ``timezone``."""
    quiet = QuietHours(start, end) if start is not None and end is not None else None
    return replace(mode, quiet=quiet, timezone=timezone)


def stored(mode: DeliveryMode) -> dict[str, Any] | None:
    """What to store: None for the default (instant, no quiet hours, nothing else set)."""
    default = DeliveryMode(timezone=mode.timezone, at=mode.at)
    return None if mode == default else mode.to_json()


def label(mode: DeliveryMode) -> str:
    """Say it for a person: "instant", "daily digest at 09:00, quiet 22:00–07:00 (Europe/Paris)"."""
    if mode.kind == "daily":
        parts = [f"daily digest at {mode.at:%H:%M}"]
    elif mode.kind == "hourly":
        parts = ["hourly digest"]
    else:
        parts = ["instant"]
    if mode.quiet is not None:
        parts.append(f"quiet {mode.quiet.start:%H:%M}–{mode.quiet.end:%H:%M}")
    zoned = mode.kind == "daily" or mode.quiet is not None
    return ", ".join(parts) + (f" ({mode.timezone})" if zoned else "")


def known_timezone(name: str) -> str | None:
    """``name`` if it is an IANA time zone this machine knows, else None."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name
