"""A town with its metro after it is one place; a name a country and a foreign city share follows its text."""

from __future__ import annotations

import pytest

from bot.extract.locations import parse_location_text


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


@pytest.mark.parametrize(
    ("text", "city", "region", "country"),
    [
        ("Segrate, Milano", "Segrate", "Lombardy", "IT"),
        ("Segrate, Milan, Italy", "Segrate", "Lombardy", "IT"),
        ("Levallois-Perret, Paris", "Levallois-Perret", "Île-de-France", "FR"),
        ("Sesto San Giovanni, Milano", "Sesto San Giovanni", "Lombardy", "IT"),
        ("Garching, München, Germany", "Garching", "Bavaria", "DE"),
    ],
)
def test_a_town_then_its_metro_is_the_town(text, city, region, country):
    assert read(text) == [(city, region, country)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cambridge, London", [("Cambridge", "England", "GB"), ("London", "England", "GB")]),
        ("Barcelona, Madrid", [("Barcelona", "Catalonia", "ES"), ("Madrid", "Community of Madrid", "ES")]),
        ("Bergamo, Milano", [("Bergamo", "Lombardy", "IT"), ("Milan", "Lombardy", "IT")]),
        ("Milano, Segrate", [("Milan", "Lombardy", "IT"), ("Segrate", "Lombardy", "IT")]),
        ("Segrate, Milano; Roma", [("Segrate", "Lombardy", "IT"), ("Rome", "Lazio", "IT")]),
    ],
)
def test_cities_of_some_size_or_in_another_order_stay_a_list(text, expected):
    assert read(text) == expected


AMMAN, OMAN = ("Amman", None, "JO"), (None, None, "OM")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عمان، الأردن", [AMMAN]),  # Arabic comma: the country after it qualifies the city
        ("عمان - الأردن", [AMMAN]),
        ("عمان / الزرقاء", [AMMAN, ("Zarqa", None, "JO")]),  # beside another place in Jordan
        ("مدينة عمان", [AMMAN]),  # "the city of"
        ("سلطنة عمان", [OMAN]),  # "the Sultanate of"
        ("مسقط، عمان", [("Muscat", None, "OM")]),
        ("دبي، الإمارات العربية المتحدة", [("Dubai", None, "AE")]),
        ("Amman", [AMMAN]),
        ("Oman", [OMAN]),
    ],
)
def test_a_name_of_a_country_and_a_foreign_city_follows_its_text(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["عمان", "عمّان"])
def test_a_lone_name_of_a_country_and_a_foreign_city_is_neither(text):
    assert read(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("West Caldwell, NJ", [(None, "New Jersey", "US")]),  # a township we do not hold: not Caldwell
        ("Upper Darby, PA", [(None, "Pennsylvania", "US")]),
        ("West London", [("London", "England", "GB")]),  # a part of a big city is the city
        ("North Berlin", [("Berlin", None, "DE")]),
        ("West Orange, NJ", [("West Orange", "New Jersey", "US")]),  # held whole
        ("South Bend, IN", [("South Bend", "Indiana", "US")]),
        ("Remote - North Florida", [(None, "Florida", "US")]),
    ],
)
def test_a_compass_word_and_a_small_towns_name_is_another_town(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Medellín, Antioquia", [("Medellín", "Antioquia", "CO")]),  # not Antakya, Turkey (Antioch)
        ("Envigado, Antioquia, Colombia", [("Envigado", "Antioquia", "CO")]),
        ("Monterrey, Nuevo León", [("Monterrey", "Nuevo León", "MX")]),
        ("Zapopan, Jalisco", [("Zapopan", "Jalisco", "MX")]),
        ("Antakya", [("Antakya", None, "TR")]),
    ],
)
def test_mexican_states_and_colombian_departments_qualify_their_cities(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Bogotá D.C.", [("Bogotá", None, "CO")]),  # Colombia's capital district, not Washington
        ("Lima PE", [("Lima", None, "PE")]),
        ("Austin TX", [("Austin", "Texas", "US")]),
        ("Boston DC", [("Boston", "Massachusetts", "US"), ("Washington", "District of Columbia", "US")]),
        ("London NYC", [("London", "England", "GB"), ("New York City", "New York", "US")]),
    ],
)
def test_a_foreign_code_right_after_a_city_is_the_citys_own(text, expected):
    assert read(text) == expected
