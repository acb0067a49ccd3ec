"""Seniority from the title only."""

import pytest

from bot.extract.seniority import extract_seniority
from bot.models import Posting


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Senior Backend Engineer", "senior"),
        ("Sr. Product Designer", "senior"),
        ("Software Engineer III", "senior"),
        ("Software Engineer II", "mid"),
        ("Software Engineer I", "entry"),
        ("Junior Data Analyst", "entry"),
        ("Software Engineer, New Grad", "entry"),
        ("Staff Engineer", "lead"),
        ("Engineering Lead", "lead"),
        ("Principal Product Manager", "principal"),
        ("Director of Engineering", "director"),
        ("Senior Director, Sales", "director"),
        ("Head of People", "director"),
        ("CEO Founder Associate Intern", "intern"),
        ("Marketing Intern", "intern"),
    ],
)
def test_levels(title, level):
    facet = extract_seniority(Posting(id="t:1", title=title), "")
    assert facet is not None and (facet.value, facet.basis) == (level, "title")


@pytest.mark.parametrize(
    "title",
    ["Account Executive", "Lead Generation Specialist", "Executive Assistant (to CEO)", "AI/ML Engineer", ""],
)
def test_unknown_is_none(title):
    assert extract_seniority(Posting(id="t:1", title=title), "We work with senior leaders.") is None
