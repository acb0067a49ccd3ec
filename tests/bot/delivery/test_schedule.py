"""next_due and held_until: digests at local times, quiet hours, and DST changes on both sides."""

from datetime import UTC, datetime, time, timedelta

import pytest

from bot.delivery.modes import DeliveryMode, QuietHours
from bot.delivery.schedule import held_until, in_quiet_hours, next_due, next_local_time

PARIS = "Europe/Paris"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def daily(at: str, tz: str = PARIS, quiet: QuietHours | None = None) -> DeliveryMode:
    hours, minutes = map(int, at.split(":"))
    return DeliveryMode(kind="daily", at=time(hours, minutes), timezone=tz, quiet=quiet)


def test_instant_is_due_now():
    assert next_due(DeliveryMode(), utc(2026, 3, 2, 9, 30, 15)) == utc(2026, 3, 2, 9, 30, 15)


def test_daily_digest_is_at_the_local_time_today_or_tomorrow():
    mode = daily("09:00")  # Paris is UTC+1 in winter
    assert next_due(mode, utc(2026, 3, 2, 7, 0)) == utc(2026, 3, 2, 8, 0)
    assert next_due(mode, utc(2026, 3, 2, 8, 0)) == utc(2026, 3, 2, 8, 0)  # exactly on time: this one
    assert next_due(mode, utc(2026, 3, 2, 8, 0, 1)) == utc(2026, 3, 3, 8, 0)


def test_daily_digest_keeps_its_local_time_across_spring_forward():
    mode = daily("09:00")
    # Paris springs forward on Sunday 2026-03-29: 09:00 is 08:00 UTC before, 07:00 UTC after.
    assert next_due(mode, utc(2026, 3, 28, 9, 0)) == utc(2026, 3, 29, 7, 0)
    assert next_due(mode, utc(2026, 3, 29, 7, 30)) == utc(2026, 3, 30, 7, 0)


def test_daily_digest_keeps_its_local_time_across_fall_back():
    mode = daily("09:00")
    # Paris falls back on Sunday 2026-10-25: 09:00 is 07:00 UTC before, 08:00 UTC after.
    assert next_due(mode, utc(2026, 10, 24, 7, 30)) == utc(2026, 10, 25, 8, 0)


def test_a_skipped_local_time_happens_just_after_the_jump():
    # 02:30 does not exist in Paris on 2026-03-29 (02:00 -> 03:00): it happens at 03:30 CEST = 01:30 UTC.
    assert next_due(daily("02:30"), utc(2026, 3, 28, 12, 0)) == utc(2026, 3, 29, 1, 30)


def test_a_repeated_local_time_happens_once_the_first_time():
    # 02:30 happens twice in Paris on 2026-10-25 (CEST, then CET): the digest goes at the first.
    mode = daily("02:30")
    first = next_due(mode, utc(2026, 10, 24, 12, 0))
    assert first == utc(2026, 10, 25, 0, 30)
    assert next_due(mode, first + timedelta(minutes=1)) == utc(2026, 10, 26, 1, 30)


def test_new_york_changes_on_its_own_date():
    mode = daily("08:00", "America/New_York")
    # US DST starts 2026-03-08; Paris has not changed yet.
    assert next_due(mode, utc(2026, 3, 7, 14, 0)) == utc(2026, 3, 8, 12, 0)
    assert next_due(mode, utc(2026, 3, 6, 14, 0)) == utc(2026, 3, 7, 13, 0)


@pytest.mark.parametrize(
    ("tz", "now", "due"),
    [
        ("UTC", utc(2026, 3, 2, 9, 30), utc(2026, 3, 2, 10, 0)),
        ("Asia/Kolkata", utc(2026, 3, 2, 9, 10), utc(2026, 3, 2, 9, 30)),  # UTC+5:30: local :00 is UTC :30
        ("Asia/Kathmandu", utc(2026, 3, 2, 9, 10), utc(2026, 3, 2, 9, 15)),  # UTC+5:45
        ("UTC", utc(2026, 3, 2, 10, 0), utc(2026, 3, 2, 10, 0)),
        ("UTC", utc(2026, 3, 2, 10, 0, 0, 1), utc(2026, 3, 2, 11, 0)),
    ],
)
def test_hourly_digest_is_at_the_top_of_the_local_hour(tz, now, due):
    assert next_due(DeliveryMode(kind="hourly", at=time(0, 0), timezone=tz), now) == due


def test_hourly_digest_through_the_fall_back_hour_comes_every_real_hour():
    mode = DeliveryMode(kind="hourly", at=time(0, 15), timezone=PARIS)
    moment, seen = utc(2026, 10, 24, 23, 20), []
    for _ in range(4):
        moment = next_due(mode, moment)
        seen.append(moment)
        moment = moment.replace(second=1)
    assert seen == [utc(2026, 10, 25, h, 15) for h in (0, 1, 2, 3)]  # 02:15 CEST, 02:15 CET, 03:15, 04:15


def test_quiet_hours_wrap_midnight_and_end_on_the_local_clock():
    quiet = QuietHours(time(22, 0), time(7, 0))
    mode = DeliveryMode(timezone=PARIS, quiet=quiet)
    zone = mode.zone
    assert in_quiet_hours(quiet, zone, utc(2026, 3, 2, 21, 0))  # 22:00 Paris
    assert in_quiet_hours(quiet, zone, utc(2026, 3, 3, 5, 59))  # 06:59 Paris
    assert not in_quiet_hours(quiet, zone, utc(2026, 3, 3, 6, 0))  # 07:00 Paris
    assert not in_quiet_hours(quiet, zone, utc(2026, 3, 2, 20, 59))
    assert next_due(mode, utc(2026, 3, 2, 23, 0)) == utc(2026, 3, 3, 6, 0)
    assert next_due(mode, utc(2026, 3, 2, 12, 0)) == utc(2026, 3, 2, 12, 0)


def test_quiet_hours_end_across_spring_forward():
    mode = DeliveryMode(timezone=PARIS, quiet=QuietHours(time(22, 0), time(7, 0)))
    # The night of 2026-03-28/29 is an hour shorter: 07:00 CEST is 05:00 UTC.
    assert next_due(mode, utc(2026, 3, 28, 23, 0)) == utc(2026, 3, 29, 5, 0)


def test_a_digest_time_inside_quiet_hours_waits_for_their_end():
    mode = daily("06:00", quiet=QuietHours(time(22, 0), time(7, 30)))
    assert next_due(mode, utc(2026, 3, 2, 12, 0)) == utc(2026, 3, 3, 6, 30)  # 07:30 Paris


def test_same_start_and_end_means_no_quiet_hours():
    mode = DeliveryMode(quiet=QuietHours(time(8, 0), time(8, 0)))
    assert next_due(mode, utc(2026, 3, 2, 8, 0)) == utc(2026, 3, 2, 8, 0)


def test_held_until_reads_the_mode_when_sending():
    mode = daily("09:00")
    queued = utc(2026, 3, 2, 9, 30)  # after Monday's digest
    assert held_until(mode, queued, utc(2026, 3, 2, 20, 0)) == utc(2026, 3, 3, 8, 0)
    assert held_until(mode, queued, utc(2026, 3, 3, 8, 0, 2)) is None
    quiet = DeliveryMode(timezone=PARIS, quiet=QuietHours(time(22, 0), time(7, 0)))
    # Queued in the afternoon, retried at night: the retry waits for the morning.
    assert held_until(quiet, utc(2026, 3, 2, 14, 0), utc(2026, 3, 2, 23, 0)) == utc(2026, 3, 3, 6, 0)


def test_naive_times_are_utc():
    assert next_local_time(time(9, 0), DeliveryMode().zone, datetime(2026, 3, 2, 8, 0)) == utc(
        2026, 3, 2, 9, 0
    )
