"""Round 12: a US town written "Town, ST" that the gazetteer does not hold, and the provinces, states and
territories of Canada, Australia and India that location fields write after their cities."""

from __future__ import annotations

import pytest

from bot.extract.locations import parse_location_text


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name that goes on past a small town's ("Wells", then "Fargo") is a town we do not hold: the
        # code after it is the state, not the country (Canada) where a namesake of its first word lies
        ("Wells Fargo, CA", [(None, "California", "US")]),
        # a big city abroad with small US namesakes elsewhere: the code's state holds none of them
        ("Berlin, CT", [(None, "Connecticut", "US")]),
        ("Berlin, VT", [(None, "Vermont", "US")]),
        # unchanged: a namesake in that state, a big city's own country, a US city in its state
        ("Berlin, NH", [("Berlin", "New Hampshire", "US")]),
        ("Berlin, DE", [("Berlin", None, "DE")]),
        ("Berlin, Germany", [("Berlin", None, "DE")]),
        ("Paris, TX", [("Paris", "Texas", "US")]),
        ("Ontario, CA", [("Ontario", "California", "US")]),
    ],
)
def test_a_town_we_do_not_hold_before_a_state_code(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toronto, ON", [("Toronto", "Ontario", "CA")]),
        ("Fredericton, NB", [("Fredericton", "New Brunswick", "CA")]),
        ("Moncton, New Brunswick", [("Moncton", "New Brunswick", "CA")]),
        ("St. John's, NL", [("St. John's", "Newfoundland and Labrador", "CA")]),
        ("Charlottetown, PEI", [("Charlottetown", "Prince Edward Island", "CA")]),
        ("Whitehorse, Yukon", [("Whitehorse", "Yukon", "CA")]),
        ("Darwin, NT", [("Darwin", "Northern Territory", "AU")]),
        ("Hobart, TAS", [("Hobart", "Tasmania", "AU")]),
        ("Canberra, ACT", [("Canberra", "Australian Capital Territory", "AU")]),
        ("Pune, MH", [("Pune", "Maharashtra", "IN")]),
        ("Ahmedabad, GJ", [("Ahmedabad", "Gujarat", "IN")]),
        ("Noida, Uttar Pradesh, India", [("Noida", "Uttar Pradesh", "IN")]),
        ("Kochi, KL", [("Kochi", "Kerala", "IN")]),
        ("Kolkata, West Bengal", [("Kolkata", "West Bengal", "IN")]),
        ("Hyderabad, TG", [("Hyderabad", "Telangana", "IN")]),
        # codes other countries' states hold first keep their reading
        ("SP, RJ", [(None, "São Paulo", "BR"), (None, "Rio de Janeiro", "BR")]),
        ("Recife, PE", [("Recife", "Pernambuco", "BR")]),
        ("London, UK", [("London", "England", "GB")]),
    ],
)
def test_provinces_and_states_after_their_cities(text, expected):
    assert read(text) == expected


def test_bare_new_brunswick_stays_the_new_jersey_city_without_other_evidence():
    assert read("New Brunswick") == [("New Brunswick", "New Jersey", "US")]
    assert read("New Brunswick, NJ") == [("New Brunswick", "New Jersey", "US")]
    assert read("New Brunswick, Canada") == [(None, "New Brunswick", "CA")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city abroad whose name runs on to a state's code: a town of that state, not the city abroad
        ("Berlin Heights, OH", [(None, "Ohio", "US")]),
        ("London Bridge, VA", [(None, "Virginia", "US")]),
        ("Toronto Heights, OH", [("Toronto", "Ohio", "US")]),
        ("Paris Hill, ME", [("Paris", "Maine", "US")]),
        # the likeliest reading already in the state: read as before, a typo corrected
        ("Woodland Hill, CA", [("Woodland Hills", "California", "US")]),
        # no code after the name: the city it starts with
        ("Berlin Heights", [("Berlin", None, "DE")]),
    ],
)
def test_a_name_that_runs_on_to_a_state_code(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote, ON", [(None, "Ontario", "CA")]),
        ("Remote - BC", [(None, "British Columbia", "CA")]),
        ("Remote, NSW", [(None, "New South Wales", "AU")]),
        ("Remote, TAS", [(None, "Tasmania", "AU")]),
        # alone, another country's code is more often an abbreviation; a code a country has stays out
        ("ON", []),
        ("WB", []),
        ("HR", []),
        ("Remote, CA", [(None, None, "CA")]),
    ],
)
def test_a_province_code_beside_a_workplace_word(text, expected):
    assert read(text) == expected
