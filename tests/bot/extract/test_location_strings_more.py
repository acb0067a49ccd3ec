"""Location strings from the sources that read wrongly before: names, codes and company initials."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations, parse_location_text
from bot.models import Location, Posting, SourceHints


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KSA", [(None, None, "SA")]),
        ("Riyadh, KSA", [("Riyadh", None, "SA")]),
        ("DFW", [("Dallas", "Texas", "US")]),
        ("City of London", [("London", "England", "GB")]),
        ("Tampa Bay Area", [("Tampa", "Florida", "US")]),
        ("Playa Vista, CA", [("Los Angeles", "California", "US")]),
        ("Central Coast of California", [(None, "California", "US")]),
        ("Windhoek, NA", [("Windhoek", None, "NA")]),
    ],
)
def test_names_and_codes_of_places(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["NA", "Remote, NA", "Rest of World", "TD Bank", "AT Kearney"])
def test_texts_that_name_no_country_or_city(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TD Bank, Toronto", [("Toronto", "Ontario", "CA")]),
        ("GM - Detroit", [("Detroit", "Michigan", "US")]),
        ("TX Austin", [("Austin", "Texas", "US")]),
        ("UK - London", [("London", "England", "GB")]),
    ],
)
def test_company_initials_before_a_place_are_no_place(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("word", ["Remote", "Anywhere", "Multiple Locations"])
def test_a_workplace_word_in_a_source_city_field_is_no_city(word):
    hints = SourceHints(locations=(Location(word, "CA", "US"),))
    found = extract_locations(Posting(id="t:1", title="Analyst", hints=hints), "")
    assert [(loc.city, loc.region, loc.country) for loc in found] == [(None, "California", "US")]
