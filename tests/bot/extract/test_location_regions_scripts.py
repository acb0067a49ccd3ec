"""Location strings from many boards: state lists, countries named like states, counties, other scripts."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations, parse_location_text
from bot.models import Posting


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


def field(location: str) -> list[tuple[str | None, str | None, str | None]]:
    found = extract_locations(Posting(id="t:1", title="Engineer", location_text=location), "")
    return [(loc.city, loc.region, loc.country) for loc in found]


OREGON, WASHINGTON = (None, "Oregon", "US"), (None, "Washington", "US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote (United States - OR or WA State ONLY)", [OREGON, WASHINGTON]),
        ("Remote (US - CA, OR, WA only)", [(None, "California", "US"), OREGON, WASHINGTON]),
        ("Remote - TX and AZ", [(None, "Texas", "US"), (None, "Arizona", "US")]),
    ],
)
def test_state_codes_joined_by_or_and_or_ending_in_only_are_states(text, expected):
    assert field(text) == expected


@pytest.mark.parametrize("text", ["CA, OR Anywhere in the US", "Remote in CA, OR Anywhere"])
def test_or_before_a_word_stays_a_word(text):
    assert OREGON not in read(text)
