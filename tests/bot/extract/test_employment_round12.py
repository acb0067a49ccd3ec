"""Round 12: season and off-cycle programme titles with no "intern" word, placements as the role, and
season internships of other languages are internships."""

from __future__ import annotations

import pytest

from bot.extract.employment import extract_employment
from bot.models import Posting


def kind(title: str) -> str | None:
    facet = extract_employment(Posting(id="t:1", title=title, text=""), "")
    return facet.value if facet else None


@pytest.mark.parametrize(
    "title",
    [
        "Summer 2026 Analyst",
        "Summer '26 Associate - Investment Banking",
        "2027 Venture Capital Summer Associate",
        "Winter 2026 Analyst",
        "Off-Cycle Associate",
        "Off Cycle Analyst - Markets",
        "Industrial Placement - Engineering",
        "Engineering Placement 2026",
        "Placement - Marketing",
        "Marketing Placement (12 months)",
        "Placement",
        "Zomerstage Marketing",
        "Voorjaarsstage Data Analytics",
        "Sommarpraktik 2026",
    ],
)
def test_programme_titles_without_an_intern_word_are_internships(title):
    assert kind(title) == "intern"


@pytest.mark.parametrize(
    "title",
    [
        "Media Placement Specialist",
        "Private Placement Analyst",
        "Job Placement Coordinator",
        "Placement Manager",
        "Product Placement",
        "Senior Associate",
        "Spring Associate Director",
        "Backstage Engineer",
        "Summer Camp Counselor",
    ],
)
def test_placement_and_season_words_in_other_roles_are_no_internship(title):
    assert kind(title) != "intern"
