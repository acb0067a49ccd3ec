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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote - CA, NY", [(None, "California", "US"), (None, "New York", "US")]),
        (
            "Remote - CA, NY, or TX",
            [(None, "California", "US"), (None, "New York", "US"), (None, "Texas", "US")],
        ),
        ("LA, DC", [("Los Angeles", "California", "US"), ("Washington", "District of Columbia", "US")]),
    ],
)
def test_a_state_code_beside_a_code_that_also_names_a_city_is_a_state(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["CA, OR Anywhere in the US", "Remote in CA, OR Anywhere"])
def test_or_before_a_word_stays_a_word(text):
    assert OREGON not in read(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tbilisi, Georgia", [("Tbilisi", None, "GE")]),
        ("Batumi, Georgia", [("Batumi", None, "GE")]),
        ("Georgia (country)", [(None, None, "GE")]),
        ("Republic of Georgia", [(None, None, "GE")]),
        ("Armenia, Georgia, Azerbaijan", [(None, None, "AM"), (None, None, "GE"), (None, None, "AZ")]),
        ("Georgia, EMEA", [(None, None, "GE")]),
    ],
)
def test_georgia_the_country_where_the_text_says_so(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Georgia", [(None, "Georgia", "US")]),
        ("Atlanta, Georgia", [("Atlanta", "Georgia", "US")]),
        (
            "Remote - Georgia, Texas, Florida",
            [(None, "Georgia", "US"), (None, "Texas", "US"), (None, "Florida", "US")],
        ),
        ("Georgia; Ontario", [(None, "Georgia", "US"), (None, "Ontario", "CA")]),
        ("Georgia, North America", [(None, "Georgia", "US")]),
    ],
)
def test_georgia_stays_the_state_alone_or_among_american_places(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("الرياض", "Riyadh", "SA"),
        ("دبي", "Dubai", "AE"),
        ("القاهرة", "Cairo", "EG"),
        ("กรุงเทพมหานคร", "Bangkok", "TH"),
        ("תל אביב", "Tel Aviv", "IL"),
        ("서울", "Seoul", "KR"),
        ("Москва", "Moscow", "RU"),
        ("Київ", "Kyiv", "UA"),
        ("मुंबई", "Mumbai", "IN"),
    ],
)
def test_big_cities_written_in_their_own_script(text, city, country):
    assert [(loc.city, loc.country) for loc in parse_location_text(text)] == [(city, country)]


def test_a_name_written_with_combining_accents_is_one_word():
    assert read("Zu\u0308rich") == read("Zürich")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Basingstoke, Hampshire", [("Basingstoke", "England", "GB")]),
        ("Guildford, Surrey, UK", [("Guildford", "England", "GB")]),
        ("Reading, Berkshire", [("Reading", "England", "GB")]),
        ("Cambridge, Cambridgeshire", [("Cambridge", "England", "GB")]),
        ("Maidstone, Kent", [("Maidstone", "England", "GB")]),
        ("Edinburgh, Lothian", [("Edinburgh", "Scotland", "GB")]),
        ("Belfast, County Antrim", [("Belfast", "Northern Ireland", "GB")]),
        ("Hampshire, UK", [(None, "England", "GB")]),
    ],
)
def test_a_uk_county_places_its_town_in_britain(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Surrey", [("Surrey", "British Columbia", "CA")]),
        ("Kent, WA", [("Kent", "Washington", "US")]),
        ("Norfolk, VA", [("Norfolk", "Virginia", "US")]),
        ("Suffolk County, NY", [(None, "New York", "US")]),
    ],
)
def test_a_city_named_like_a_county_stays_that_city(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["Sophia Antipolis, Alpes-Maritimes", "Sophia-Antipolis, France"])
def test_a_technology_park_named_like_a_foreign_city_is_in_its_own_country(text):
    assert read(text) == [("Antibes", "Provence-Alpes-Côte d'Azur", "FR")]


@pytest.mark.parametrize(
    "text",
    [
        "Remote - US (excluding CA, NY)",
        "Remote, US (except CA, NY, WA)",
        "Remote - US, excluding Colorado and Hawaii",
        "Remote US - Not eligible in CA",
    ],
)
def test_every_place_of_a_list_a_negation_opens_is_ruled_out(text):
    assert read(text) == [(None, None, "US")]


def test_a_ruled_out_list_ends_at_its_bracket():
    assert read("Remote (excluding CA, NY) or London") == [("London", "England", "GB")]
