"""Titles that name an office as the work, and bodies that name five days in it."""

from __future__ import annotations

import pytest

from bot.extract.workplace import extract_workplace
from bot.models import Posting


def value(title: str, body: str = ""):
    facet = extract_workplace(Posting(id="t:1", title=title, text=body), body)
    return facet and facet.value


@pytest.mark.parametrize(
    "title",
    [
        "Office Manager",
        "Office Coordinator Mexico",
        "Back Office Executive",
        "Founder Associate, Office of the CEO",
    ],
)
def test_an_office_job_title_says_nothing_of_the_workplace(title):
    assert value(title) is None


@pytest.mark.parametrize(
    "title", ["Analyst (Office)", "Engineer - HQ", "Sales Rep - In Office", "Engineer, On-site"]
)
def test_a_title_segment_that_is_the_office_says_on_site(title):
    assert value(title) == "onsite"


@pytest.mark.parametrize(
    "body",
    [
        "Are based in SF or open to relocating (in-office 5 days/week).",
        "You will be expected to be in-office 5 days a week.",
        "The role is five days per week in-office in San Francisco.",
        "Available to be onsite 5 days per week in our NYC office.",
    ],
)
def test_five_days_in_the_office_is_on_site(body):
    assert value("Engineer", body) == "onsite"


@pytest.mark.parametrize(
    "body",
    [
        "Perks: lunch in the office 5 days per week.",
        "Many people are in the office five days a week, others need a bit more flexibility.",
        "We meet 4-5 days a week in office.",
    ],
)
def test_five_days_said_of_perks_or_others_is_not_the_jobs_workplace(body):
    assert value("Engineer", body) is None


def located(location: str):
    facet = extract_workplace(Posting(id="t:1", title="Engineer", location_text=location), "")
    return facet and facet.value


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("Home Office", "remote"),
        ("Homebased", "remote"),
        ("Thuiswerken", "remote"),
        ("Berlin (Homeoffice möglich)", "hybrid"),
        ("Teletrabajo parcial", "hybrid"),
        ("Madrid (Presencial)", "onsite"),
        ("Berlin", None),
    ],
)
def test_home_and_office_words_of_other_languages_in_a_location_field(location, expected):
    assert located(location) == expected


def test_home_office_in_a_title_is_no_workplace():
    assert value("Home Office Policy Advisor") is None
