"""Round 13: Chinese provinces and Nunavut as regions, and titles that name several states' licences."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations, parse_location_text
from bot.models import Posting


def read(text: str) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)]


def read_posting(title: str, location: str = "Remote") -> list[tuple[str | None, str | None, str | None]]:
    posting = Posting(id="t:1", title=title, location_text=location, text="Join a friendly team.")
    return [(loc.city, loc.region, loc.country) for loc in extract_locations(posting, posting.text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shandong, China", [(None, "Shandong", "CN")]),
        ("Guangdong", [(None, "Guangdong", "CN")]),
        ("Jiangsu", [(None, "Jiangsu", "CN")]),
        ("Zhejiang Province, China", [(None, "Zhejiang", "CN")]),
        ("Shenzhen, Guangdong, China", [("Shenzhen", "Guangdong", "CN")]),
        ("Suzhou, Jiangsu", [("Suzhou", "Jiangsu", "CN")]),
        ("广东省深圳市", [("Shenzhen", "Guangdong", "CN")]),
        # a city learns its province; the municipalities stay cities with no province
        ("Hangzhou", [("Hangzhou", "Zhejiang", "CN")]),
        ("Beijing, China", [("Beijing", None, "CN")]),
        # "Jilin" alone is the city (in the province of the same name)
        ("Jilin", [("Jilin", "Jilin", "CN")]),
    ],
)
def test_chinese_provinces(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nunavut", [(None, "Nunavut", "CA")]),
        ("Nunavut, Canada", [(None, "Nunavut", "CA")]),
        ("Iqaluit, NU", [("Iqaluit", "Nunavut", "CA")]),
        ("Iqaluit, Nunavut", [("Iqaluit", "Nunavut", "CA")]),
        # unchanged: the other provinces and territories
        ("Yellowknife, NWT", [("Yellowknife", "Northwest Territories", "CA")]),
    ],
)
def test_nunavut(text, expected):
    assert read(text) == expected


NY, NJ, CT = (None, "New York", "US"), (None, "New Jersey", "US"), (None, "Connecticut", "US")


@pytest.mark.parametrize(
    ("title", "location", "expected"),
    [
        ("Nurse Practitioner - Licensed in NY or NJ", "Remote", [NY, NJ]),
        ("Nurse Practitioner (Licensed in NY or NJ)", "United States", [NY, NJ]),
        ("Therapist (Licensed in NY, NJ, or CT)", "USA", [NY, NJ, CT]),
        ("Therapist - NY/NJ Licensed", "Remote", [NY, NJ]),
        ("Texas or Oklahoma Licensed Therapist", "Remote", [(None, "Texas", "US"), (None, "Oklahoma", "US")]),
        # a state named like its city is the state where its licence is meant
        ("Psychiatrist - Licensed in New York or New Jersey", "Remote", [NY, NJ]),
        ("Psychiatrist - Licensed in New York or New Jersey", "United States", [NY, NJ]),
        ("New York Licensed Therapist", "Remote", [NY]),
        # unchanged: one state, a city the title names, the location field first
        ("Pharmacist (licensed in CA)", "Remote", [(None, "California", "US")]),
        ("Therapist - New York, NY - NY licensed", "Remote", [("New York City", "New York", "US")]),
        ("Nurse - Licensed in NY or NJ", "Denver, CO", [("Denver", "Colorado", "US")]),
        ("Software Engineer, Licence Server", "Remote", []),
    ],
)
def test_each_state_of_a_licence_list(title, location, expected):
    assert read_posting(title, location) == expected
