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
        ("NY - Boston", [("New York City", "New York", "US"), ("Boston", "Massachusetts", "US")]),
    ],
)
def test_company_initials_before_a_place_are_no_place(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("word", ["Remote", "Anywhere", "Multiple Locations"])
def test_a_workplace_word_in_a_source_city_field_is_no_city(word):
    hints = SourceHints(locations=(Location(word, "CA", "US"),))
    found = extract_locations(Posting(id="t:1", title="Analyst", hints=hints), "")
    assert [(loc.city, loc.region, loc.country) for loc in found] == [(None, "California", "US")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Milano, MI, Italy", [("Milan", "Lombardy", "IT")]),
        ("Roma, RM, Italy", [("Rome", "Lazio", "IT")]),
        ("Lyon, 69, France", [("Lyon", "Auvergne-Rhône-Alpes", "FR")]),
        ("Toronto, ON, Canada", [("Toronto", "Ontario", "CA")]),
        ("Austin, TX, USA", [("Austin", "Texas", "US")]),
    ],
)
def test_a_local_code_between_a_city_and_its_country(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("NC", "North Carolina"),
        ("PA", "Pennsylvania"),
        ("Remote - GA", "Georgia"),
        ("MD (Remote)", "Maryland"),
    ],
)
def test_a_lone_state_code_is_the_state_not_a_small_country(text, region):
    assert read(text) == [(None, region, "US")]


@pytest.mark.parametrize(("text", "country"), [("CA", "CA"), ("DE", "DE"), ("Panama", "PA")])
def test_a_big_country_keeps_its_code(text, country):
    assert read(text) == [(None, None, country)]


@pytest.mark.parametrize("text", ["IN", "Remote - ID"])
def test_a_code_of_a_big_country_is_not_read_as_a_state(text):
    assert read(text) == []  # India or Indiana, Indonesia or Idaho: too close to call


def test_a_row_split_by_semicolons_reads_as_one_place():
    assert read("Aurora; IL; US") == [("Aurora", "Illinois", "US")]
    both = [("Boston", "Massachusetts", "US"), ("New York City", "New York", "US")]
    assert read("Boston; New York") == both


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sna Francisco, CA", [("San Francisco", "California", "US")]),
        ("Londno, UK", [("London", "England", "GB")]),
        ("Bostno, MA, USA", [("Boston", "Massachusetts", "US")]),
        ("Herzlyia, Israel", [("Herzliya", None, "IL")]),
    ],
)
def test_a_misspelt_big_city_inside_the_named_region_or_country(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sna Francisco, Texas", [(None, "Texas", "US")]),  # no such city in Texas: left alone
        ("Kermit, TX", [("Kermit", "Texas", "US")]),  # a real small town, not a typo
        ("Remote, CA", [(None, None, "CA")]),
    ],
)
def test_no_correction_against_the_context(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Imphal, Manipur, India", [("Imphal", None, "IN")]),
        ("Brno, South Moravian, Czechia", [("Brno", None, "CZ")]),
        ("Santiago, Región Metropolitana, Chile", [("Santiago", None, "CL")]),
    ],
)
def test_a_region_we_do_not_hold_between_a_city_and_its_country(text, expected):
    assert read(text) == expected


def test_a_state_code_after_words_of_residence():
    assert read("Fully Remote (must reside in TX)") == [(None, "Texas", "US")]


def test_districts_of_los_angeles():
    assert read("Playa Del Rey- HQ") == [("Los Angeles", "California", "US")]


def test_a_code_reads_alike_across_one_location_text():
    assert read("San Francisco, CA & Remote CA (PT)") == [
        ("San Francisco", "California", "US"),
        (None, "California", "US"),
    ]
    assert read("Toronto, ON, CA; Remote CA") == [("Toronto", "Ontario", "CA"), (None, None, "CA")]
