"""Delivery modes as stored JSON: read, written back the same, and refused with a clear message."""

from datetime import time

import pytest

from bot.delivery.modes import INSTANT, DeliveryMode, ModeError, QuietHours, mode_or_instant


def test_no_stored_mode_is_instant():
    assert DeliveryMode.from_json(None) == INSTANT
    assert DeliveryMode.from_json({}) == INSTANT
    assert not INSTANT.is_digest


def test_a_stored_mode_round_trips():
    mode = DeliveryMode(
        kind="daily",
        at=time(9, 0),
        timezone="Europe/Paris",
        quiet=QuietHours(time(22, 0), time(7, 0)),
        also_when_in_channel=True,
    )
    stored = mode.to_json()
    assert stored == {
        "kind": "daily",
        "at": "09:00",
        "timezone": "Europe/Paris",
        "quiet": {"start": "22:00", "end": "07:00"},
        "also_when_in_channel": True,
    }
    assert DeliveryMode.from_json(stored) == mode
    assert mode.is_digest


def test_quiet_hours_may_be_written_as_a_range():
    mode = DeliveryMode.from_json({"quiet": "22:30-06:45"})
    assert mode.quiet == QuietHours(time(22, 30), time(6, 45))
    assert mode.kind == "instant"


@pytest.mark.parametrize(
    ("stored", "says"),
    [
        ({"kind": "weekly"}, "kind"),
        ({"kind": "daily", "at": "9h"}, "HH:MM"),
        ({"kind": "daily", "at": "25:00"}, "HH:MM"),
        ({"timezone": "Mars/Olympus"}, "time zone"),
        ({"quiet": {"start": "22:00"}}, "quiet.end"),
        ({"quiet": 5}, "quiet hours"),
    ],
)
def test_an_unusable_mode_says_what_is_wrong(stored, says):
    with pytest.raises(ModeError, match=says):
        DeliveryMode.from_json(stored)


def test_an_unusable_stored_mode_delivers_instantly_rather_than_never(caplog):
    assert mode_or_instant({"kind": "weekly"}, subscription_id=4) == INSTANT
    assert "delivery mode unusable" in caplog.text
