"""Location strings written in shortened or split forms, as non-Ashby sources write them."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations, parse_location_text
from bot.models import Posting, SourceHints


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


@pytest.mark.parametrize("text", ["Mt. View, CA", "Mt View", "Mtn View, California", "Mountain View, CA"])
def test_mountain_shortened_to_mt(text):
    assert read(text) == [("Mountain View", "California", "US")]


def test_mount_keeps_its_own_short_form():
    assert read("Mt. Pleasant, SC") == [("Mount Pleasant", "South Carolina", "US")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wyoming, MN", [("Wyoming", "Minnesota", "US")]),
        ("Indiana, PA", [("Indiana", "Pennsylvania", "US")]),
        ("Washington, PA", [("Washington", "Pennsylvania", "US")]),
        # written in full, or where no such town is in that state, two states stay two states
        ("Wyoming, Minnesota", [(None, "Wyoming", "US"), (None, "Minnesota", "US")]),
        ("Texas, MD", [(None, "Texas", "US"), (None, "Maryland", "US")]),
        (
            "DC, MD, VA",
            [(None, "District of Columbia", "US"), (None, "Maryland", "US"), (None, "Virginia", "US")],
        ),
    ],
)
def test_a_town_named_like_a_state_before_another_states_code(text, expected):
    assert read(text) == expected


def test_a_source_list_that_splits_one_place_is_read_joined():
    posting = Posting(
        id="t:1",
        title="Software Engineering Intern",
        location_text="Aurora; IL; US",
        hints=SourceHints(location_texts=("Aurora", "IL", "US")),
    )
    assert [(loc.city, loc.region, loc.country) for loc in extract_locations(posting, "")] == [
        ("Aurora", "Illinois", "US")
    ]


def test_a_source_list_of_places_keeps_each_place():
    posting = Posting(
        id="t:1",
        title="Engineer",
        location_text="Erie, PA; Fort Worth, TX",
        hints=SourceHints(location_texts=("Erie, PA", "Fort Worth, TX")),
    )
    assert [loc.city for loc in extract_locations(posting, "")] == ["Erie", "Fort Worth"]


def title_places(title: str) -> list[tuple[str | None, str | None, str | None]]:
    posting = Posting(id="t:1", title=title, location_text="Remote")
    return [(loc.city, loc.region, loc.country) for loc in extract_locations(posting, "")]


@pytest.mark.parametrize(
    "title",
    [
        "Physician Assistant (PA)",
        "Medical Assistant - MA",
        "Nurse Practitioner - NP, PA",
        "Clinical Advisor (Reproductive Healthcare - NP, PA, CNM, or MD/DO)",
        "RN - OR",
    ],
)
def test_a_credential_in_a_title_is_no_state(title):
    assert title_places(title) == []


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Sales Rep - PA", [(None, "Pennsylvania", "US")]),
        ("Account Executive (PA, NJ)", [(None, "Pennsylvania", "US"), (None, "New Jersey", "US")]),
        ("Field Engineer (MD)", [(None, "Maryland", "US")]),
    ],
)
def test_a_state_code_in_a_title_without_credentials_is_the_state(title, expected):
    assert title_places(title) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Woodland Hill, CA", [("Woodland Hills", "California", "US")]),
        ("Woodland, CA", [("Woodland", "California", "US")]),
        (
            "Denver, Pheonix, Las Vegas",
            [("Denver", "Colorado", "US"), ("Phoenix", "Arizona", "US"), ("Las Vegas", "Nevada", "US")],
        ),
        ("Pheonix, Denver", [("Phoenix", "Arizona", "US"), ("Denver", "Colorado", "US")]),
        ("Boston, Remote", [("Boston", "Massachusetts", "US")]),
    ],
)
def test_a_misspelt_big_city_in_a_list_or_with_a_word_more(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Team members must live within commuting distance of our Tokyo hub.", [("Tokyo", "JP")]),
        ("You must be within a commutable distance to London.", [("London", "GB")]),
    ],
)
def test_a_commuting_distance_places_the_job(body, expected):
    posting = Posting(id="t:1", title="Partnerships Manager", text=body)
    assert [(loc.city, loc.country) for loc in extract_locations(posting, body)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US-CA-San Jose", [("San Jose", "California", "US")]),
        ("USA-MA-Boston", [("Boston", "Massachusetts", "US")]),
        ("Remote, US-TX", [(None, "Texas", "US")]),
        # with spaces or a slash, two codes are two countries
        ("US/CA", [(None, None, "US"), (None, None, "CA")]),
        ("US - CA", [(None, None, "US"), (None, None, "CA")]),
    ],
)
def test_a_state_code_hyphened_to_its_country_is_the_state(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Halle (Saale)", [("Halle (Saale)", None, "DE")]),
        ("Frankfurt (Oder)", [("Frankfurt (Oder)", "Brandenburg", "DE")]),
        ("Frankfurt", [("Frankfurt am Main", "Hesse", "DE")]),
        ("Halle, Belgium", [("Halle", "Flanders", "BE")]),
        ("Berlin (Remote)", [("Berlin", None, "DE")]),
        ("Toda España", [(None, None, "ES")]),
        ("Deutschlandweit", [(None, None, "DE")]),
        ("Österreichweit", [(None, None, "AT")]),
    ],
)
def test_names_with_a_river_in_brackets_and_country_wide_words(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "city"),
    [("Bogota", "Bogota"), ("bogota", "Bogotá"), ("sao-paulo", "São Paulo"), ("BOGOTA", "Bogotá")],
)
def test_only_a_capitalised_plain_spelling_is_kept_as_the_citys_name(text, city):
    assert read(text)[0][0] == city


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("大阪府大阪市", [("Osaka", "Osaka", "JP")]),
        ("神奈川県横浜市西区", [("Yokohama", "Kanagawa", "JP")]),
        ("北海道札幌市", [("Sapporo", "Hokkaido", "JP")]),
        ("广东省深圳市南山区", [("Shenzhen", "Guangdong", "CN")]),  # the province since round 13
        # a name holding a suffix's character stays whole
        ("京都市左京区", [("Kyoto", "Kyoto", "JP")]),
        ("四日市市", [("Yokkaichi", "Mie", "JP")]),
        ("宇都宮市", [("Utsunomiya", "Tochigi", "JP")]),
    ],
)
def test_a_chinese_or_japanese_address_without_spaces(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Independence, MO", [("Independence", "Missouri", "US")]),
        ("Union, NJ", [("Union", "New Jersey", "US")]),
        ("Mission, TX", [("Mission", "Texas", "US")]),
        # alone, or after a country only, the word is a word
        ("Independence", []),
        ("Remote Opportunity - United States", [(None, None, "US")]),
    ],
)
def test_a_city_named_like_a_word_counts_with_its_state(text, expected):
    assert read(text) == expected
