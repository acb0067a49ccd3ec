"""When a card may be sent under a delivery mode: pure functions of the mode and the time, DST-correct.

Every time in and out is an aware datetime (a naive one is taken as UTC); results are UTC. Local times are
resolved on the subscriber's calendar, never by adding 24 hours: a daily digest at 09:00 Paris is at 09:00
on both sides of a DST change. A local time the clocks skip (02:30 on a spring-forward night) happens at the
same distance after the jump (03:30); a local time that happens twice (fall back) happens the first time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.delivery.modes import DeliveryMode, QuietHours


def next_due(mode: DeliveryMode, now: datetime) -> datetime:
    """The earliest time at or after ``now`` when a card that became due at ``now`` may be sent."""
    now = _utc(now)
    zone = mode.zone
    if mode.kind == "hourly":
        due = _next_minute_of_hour(mode.at.minute, zone, now)
    elif mode.kind == "daily":
        due = next_local_time(mode.at, zone, now)
    else:
        due = now
    if mode.quiet is not None and in_quiet_hours(mode.quiet, zone, due):
        due = next_local_time(mode.quiet.end, zone, due)
    return due


def held_until(mode: DeliveryMode, created_at: datetime, now: datetime) -> datetime | None:
    """When a card queued at ``created_at`` may go out if not at ``now``; None when it may go now."""
    now = _utc(now)
    due = next_due(mode, created_at)
    if due > now:
        return due
    if mode.quiet is not None and in_quiet_hours(mode.quiet, mode.zone, now):
        return next_local_time(mode.quiet.end, mode.zone, now)
    return None


def in_quiet_hours(quiet: QuietHours, zone: ZoneInfo, moment: datetime) -> bool:
    """True when ``moment`` falls in the quiet hours, read on the local clock."""
    local = _utc(moment).astimezone(zone).time().replace(tzinfo=None)
    if quiet.start == quiet.end:
        return False
    if quiet.start < quiet.end:
        return quiet.start <= local < quiet.end
    return local >= quiet.start or local < quiet.end  # wraps midnight, e.g. 22:00-07:00


def next_local_time(at: time, zone: ZoneInfo, now: datetime) -> datetime:
    """The first moment at or after ``now`` when the local clock in ``zone`` shows ``at``."""
    now = _utc(now)
    today = now.astimezone(zone).date()
    for offset in range(3):  # today's may have passed; tomorrow's always comes after now
        candidate = local_moment(today + timedelta(days=offset), at, zone)
        if candidate >= now:
            return candidate
    raise AssertionError("unreachable: a local time recurs within two days")  # pragma: no cover


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC moment of the local ``day`` at ``at`` in ``zone`` (skipped times move past the gap)."""
    # fold=0: an ambiguous time is its first occurrence; a skipped one takes the offset before the gap.
    wall = datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone)
    return wall.astimezone(UTC)


def _next_minute_of_hour(minute: int, zone: ZoneInfo, now: datetime) -> datetime:
    moment = now.replace(second=0, microsecond=0)
    if moment < now:
        moment += timedelta(minutes=1)
    # Local minutes differ from UTC's in zones offset by :30 or :45; step on the real (UTC) timeline.
    for _ in range(3):
        local_minute = moment.astimezone(zone).minute
        if local_minute == minute:
            return moment
        moment += timedelta(minutes=(minute - local_minute) % 60)
    return moment


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
