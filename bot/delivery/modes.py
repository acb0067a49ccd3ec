"""How a subscription wants its cards: at once or as a digest, outside quiet hours, in its own time zone.

Stored as JSON in ``subscriptions.delivery_mode`` (None means instant, no quiet hours, UTC)::

    {"kind": "daily", "at": "09:00", "timezone": "Europe/Paris",
     "quiet": {"start": "22:00", "end": "07:00"}, "also_when_in_channel": false}

``kind`` is "instant", "hourly" (at minute ``at``'s minutes past every hour) or "daily" (at ``at``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

logger = logging.getLogger(__name__)

ModeKind = Literal["instant", "hourly", "daily"]
MODE_KINDS: tuple[ModeKind, ...] = ("instant", "hourly", "daily")


class ModeError(ValueError):
    """A stored delivery mode that cannot be used; the message says which part and why."""


@dataclass(frozen=True, slots=True)
class QuietHours:
    """No cards from ``start`` to ``end`` local time (may wrap midnight); cards wait for the end."""

    start: time
    end: time


@dataclass(frozen=True, slots=True)
class DeliveryMode:
    """When a subscription's cards may be sent, and whether a channel card also counts for its DMs."""

    kind: ModeKind = "instant"
    at: time = time(9, 0)  # daily: the local time; hourly: only its minute counts
    timezone: str = "UTC"  # IANA name, e.g. "Europe/Paris"
    quiet: QuietHours | None = None
    also_when_in_channel: bool = False  # DM cards even for postings already posted in a channel they are in

    @property
    def is_digest(self) -> bool:
        """True when cards are collected into one message an hour or a day."""
        return self.kind != "instant"

    @property
    def zone(self) -> ZoneInfo:
        """The subscriber's time zone."""
        return ZoneInfo(self.timezone)

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> DeliveryMode:
        """The mode stored as ``data`` (None = the default); ModeError when it does not fit."""
        if not data:
            return INSTANT
        kind = data.get("kind", "instant")
        if kind not in MODE_KINDS:
            raise ModeError(f"delivery mode kind must be one of {', '.join(MODE_KINDS)}, got {kind!r}")
        timezone = data.get("timezone") or "UTC"
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ModeError(
                f"unknown time zone {timezone!r}; use an IANA name such as Europe/Paris"
            ) from None
        quiet = data.get("quiet")
        return cls(
            kind=kind,
            at=_time(data.get("at", "09:00"), "at"),
            timezone=timezone,
            quiet=_quiet(quiet) if quiet else None,
            also_when_in_channel=bool(data.get("also_when_in_channel", False)),
        )

    def to_json(self) -> dict[str, Any]:
        """The mode as stored JSON (the inverse of ``from_json``)."""
        quiet = self.quiet
        return {
            "kind": self.kind,
            "at": self.at.strftime("%H:%M"),
            "timezone": self.timezone,
            "quiet": {"start": quiet.start.strftime("%H:%M"), "end": quiet.end.strftime("%H:%M")}
            if quiet
            else None,
            "also_when_in_channel": self.also_when_in_channel,
        }


INSTANT = DeliveryMode()


def mode_or_instant(data: Mapping[str, Any] | None, *, subscription_id: int | None = None) -> DeliveryMode:
    """The stored mode, or instant when it cannot be read (logged: a card late or early beats none)."""
    try:
        return DeliveryMode.from_json(data)
    except ModeError as exc:
        logger.warning("delivery mode unusable", extra={"subscription": subscription_id, "error": str(exc)})
        return INSTANT


def _quiet(value: Any) -> QuietHours:
    if isinstance(value, str) and "-" in value:  # "22:00-07:00", as people write it
        start, _, end = value.partition("-")
        value = {"start": start, "end": end}
    if not isinstance(value, Mapping):
        raise ModeError(f"quiet hours must be {{'start': 'HH:MM', 'end': 'HH:MM'}}, got {value!r}")
    return QuietHours(_time(value.get("start"), "quiet.start"), _time(value.get("end"), "quiet.end"))


def _time(value: Any, name: str) -> time:
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    try:
        hours, minutes = str(value).strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        raise ModeError(f"{name} must be a time of day as HH:MM, got {value!r}") from None
