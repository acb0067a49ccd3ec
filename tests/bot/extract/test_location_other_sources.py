"""Places as boards other than Ashby write them: slug-built titles, a capital district after a comma."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations, parse_location_text
from bot.models import Posting


def _places(title: str, location: str = "", body: str = "") -> list[tuple[str | None, str | None]]:
    posting = Posting(id="t:1", title=title, location_text=location, text=body)
    return [(loc.city, loc.country) for loc in extract_locations(posting, body)]


@pytest.mark.parametrize(
    ("title", "country"),
    [
        ("Senior Ecommerce Creative Strategist Philippines", "PH"),
        ("Partnerships Manager Japan", "JP"),
        ("Head of Sales Germany", "DE"),
        ("Customer Success Lead New Zealand", "NZ"),
        ("Senior Account Executive UK", "GB"),
        ("Support Engineer Remote Philippines", "PH"),
    ],
)
def test_a_slug_title_ending_in_a_country_names_the_country(title, country):
    assert _places(title) == [(None, country)]


@pytest.mark.parametrize(
    "title",
    [
        "Senior Engineer Jordan",  # a person's name as often as the country
        "Lead Engineer AI",  # a code prose does not read as a country (Anguilla)
        "Sales Manager London",  # a city at a title's end is more often a team or product
        "Key Account Manager Walmart US and Canada",  # a market, not the job's place
        "Growth Lead Solana",  # a small town's name is a project more often
    ],
)
def test_a_title_ending_in_a_name_or_code_names_no_country(title):
    assert _places(title) == []


def test_the_location_field_still_comes_before_a_country_the_title_ends_with():
    assert _places("Partnerships Manager Japan", "Singapore") == [("Singapore", "SG")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bogotá, D.C.", [("Bogotá", "CO")]),
        ("Bogotá D.C.", [("Bogotá", "CO")]),
        ("Bogotá, D.C., Colombia", [("Bogotá", "CO")]),
        ("Boston, DC", [("Boston", "US"), ("Washington", "US")]),  # a bare code after a comma: a list
        ("Washington, D.C.", [("Washington", "US")]),
    ],
)
def test_a_dotted_capital_district_after_a_foreign_city_is_the_citys_own(text, expected):
    assert [(loc.city, loc.country) for loc in parse_location_text(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Encino, LA", [("Encino", "California")]),  # no Encino in Louisiana: LA is Los Angeles
        ("Santa Monica, LA", [("Santa Monica", "California")]),
        ("Hollywood, LA", [("Hollywood", "California")]),
        ("Yonkers, NYC", [("Yonkers", "New York")]),
        ("Shreveport, LA", [("Shreveport", "Louisiana")]),  # a namesake in the state comes first
        ("Monroe, LA", [("Monroe", "Louisiana")]),
        (
            "Boston, LA, DC",
            [
                ("Boston", "Massachusetts"),
                ("Los Angeles", "California"),
                ("Washington", "District of Columbia"),
            ],
        ),
    ],
)
def test_a_town_before_its_metros_code_is_in_that_metro(text, expected):
    assert [(loc.city, loc.region) for loc in parse_location_text(text)] == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Registered Nurse - Paris, TX", [("Paris", "US")]),  # not Paris, France and Texas
        ("Nurse (Portland, ME)", [("Portland", "US")]),
        ("Analyst (Bogotá, D.C.)", [("Bogotá", "CO")]),
        ("Engineer (Paris, London)", [("Paris", "FR"), ("London", "GB")]),  # a list stays a list
        ("Sales Manager, Germany", [(None, "DE")]),
    ],
)
def test_a_title_reads_a_town_and_its_qualifier_after_a_comma_as_one_place(title, expected):
    assert _places(title) == expected
