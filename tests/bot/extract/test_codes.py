"""Job codes and teams: source first, then only what the text plainly names."""

import pytest

from bot.extract.codes import extract_job_code, extract_team
from bot.models import Posting, SourceHints


def _posting(**hints) -> Posting:
    return Posting(id="t:1", title="Analyst", company="Cliply", hints=SourceHints(**hints))


def test_source_job_code_wins():
    facet = extract_job_code(_posting(job_code="R-1"), "Job Code: A88273")
    assert facet is not None and (facet.value, facet.basis) == ("R-1", "source")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("Location:\n\nLisbon\n\nJob Code:\n\nQ55120\n", "Q55120"),
        ("Req ID: 12345", "12345"),
        ("Requisition ID: R-2231", "R-2231"),
        ("Job ID #4567", "4567"),
        ("Reference: REF-2026-77", "REF-2026-77"),
        ("Référence : ST-889", "ST-889"),
        ("Kennziffer: 4711", "4711"),
    ],
)
def test_labelled_codes(body, code):
    facet = extract_job_code(_posting(), body)
    assert facet is not None and (facet.value, facet.basis) == (code, "body")


@pytest.mark.parametrize(
    "body",
    [
        "Reference: available upon request",
        "Postcode: 75001",
        "Requirements: Python 3",
        "Write clean code: 100% test coverage matters.",
    ],
)
def test_code_traps(body):
    assert extract_job_code(_posting(), body) is None


def test_source_team_then_department():
    assert extract_team(_posting(team="Payments", department="Eng"), "").value == "Payments"
    assert extract_team(_posting(department="Engineering"), "").value == "Engineering"


def test_team_named_in_about_the_team():
    body = "About the Team: The EU LIVE Creator Growth Team is the engine behind our live hosts."
    facet = extract_team(_posting(), body)
    assert facet is not None and (facet.value, facet.basis) == ("EU LIVE Creator Growth Team", "body")


def test_team_field():
    facet = extract_team(_posting(), "Team: Payments\nWe build money movement.")
    assert facet is not None and facet.value == "Payments"


@pytest.mark.parametrize(
    "body",
    [
        "About the team\nThe e-commerce industry has grown a lot in recent years.",
        "About the team\nThe Cliply team is great.",
        "Team: We are a small group of engineers who love Rust and care about quality, always.",
        "You will join a great team.",
    ],
)
def test_team_is_never_a_guess(body):
    assert extract_team(_posting(), body) is None
