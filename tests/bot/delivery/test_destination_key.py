"""Destination.from_key reads back what Destination.key wrote."""

import pytest

from bot.models import Destination


@pytest.mark.parametrize(
    "destination",
    [
        Destination("slack", "channel", "C0PARIS", "T0ACME"),
        Destination("slack", "dm", "U0ANNA", "T0ACME"),
        Destination("discord", "channel", "112233", "445566"),
        Destination("terminal", "dm", "me"),
    ],
)
def test_a_key_reads_back_as_its_destination(destination):
    assert Destination.from_key(destination.key) == destination


@pytest.mark.parametrize("key", ["", "slack", "slack:T0:room:C0", "slack:T0:channel:", ":T0:channel:C0"])
def test_a_string_that_is_not_a_key_is_refused(key):
    with pytest.raises(ValueError, match="not a destination key"):
        Destination.from_key(key)
