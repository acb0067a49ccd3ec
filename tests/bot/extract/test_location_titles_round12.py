"""Round 12: a title that names a state's licence places the job in that state."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations
from bot.models import Posting


def read(title: str, location: str = "Remote") -> list[tuple[str | None, str | None, str | None]]:
    posting = Posting(id="t:1", title=title, location_text=location, text="Join a friendly team.")
    return [(loc.city, loc.region, loc.country) for loc in extract_locations(posting, posting.text)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Registered Nurse - Texas licence", [(None, "Texas", "US")]),
        ("Registered Nurse (Texas License)", [(None, "Texas", "US")]),
        ("Travel RN - Georgia licensure required", [(None, "Georgia", "US")]),
        ("Clinical Nurse - Active Florida RN License", [(None, "Florida", "US")]),
        ("Pharmacist - Licensed in California", [(None, "California", "US")]),
    ],
)
def test_a_state_licence_in_the_title_gives_the_state(title, expected):
    assert read(title) == expected


@pytest.mark.parametrize(
    "title",
    [
        "Physical Therapist (Compact License)",  # no state named
        "Licensing Manager - Paramount Pictures",  # licensing, and no state
        "Software Engineer, Licence Server",
    ],
)
def test_a_licence_without_a_state_names_no_place(title):
    assert read(title) == []


def test_the_location_field_still_comes_first():
    assert read("Registered Nurse - Texas licence", "Denver, CO") == [("Denver", "Colorado", "US")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("NC Licensed Bilingual Clinician - LMSW or LCSW", [(None, "North Carolina", "US")]),
        ("Rhode Island-Licensed Child & Adolescent Therapist (Virtual)", [(None, "Rhode Island", "US")]),
        ("Pharmacist (licensed in CA)", [(None, "California", "US")]),
        ("Therapist (must hold TX license)", [(None, "Texas", "US")]),
    ],
)
def test_a_state_licence_before_the_role_or_by_code(title, expected):
    assert read(title) == expected


def test_a_country_alone_is_made_precise_by_the_licences_state():
    assert read("NC Licensed Clinician - LCSW", "USA - Remote") == [(None, "North Carolina", "US")]
    assert read("Licensed Clinical Social Worker", "USA - Remote") == [(None, None, "US")]
