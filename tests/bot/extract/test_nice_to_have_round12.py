"""Round 12: one table of nice-to-have headings serves the language cues (a language under such a heading
is preferred) and boilerplate's job headings (such a heading opens the job's text again)."""

from __future__ import annotations

import pytest

from bot.extract.boilerplate import heading_kind
from bot.extract.language_cues import HEDGE_HEADING, NICE_TO_HAVE_HEADINGS
from bot.extract.languages import extract_languages
from bot.models import Posting

HEADINGS = [
    "Preferred qualifications",
    "Bonus points",
    "Nice to have",
    "Nice-to-haves:",
    "What sets you apart",
    "Good to have",
    "Desired Skills",
    "Brownie points",
    "Pluspunkte",
    "Wünschenswert",
    "Atouts",
    "Serait un plus",
    "Compétences appréciées",
    "Se valorará",
    "Pluspunten",
    "Diferenciais",
    "Mile widziane",
    "Meriterande",
]


def asked(text: str) -> list[tuple[str, bool]]:
    body = "We are hiring an analyst for our Berlin team.\n\nRequirements:\n- Fluent English\n\n" + text
    found, _ = extract_languages(Posting(id="t:1", title="Analyst", text=body), body)
    return sorted((req.code, req.required) for req in found)


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_language_under_a_nice_to_have_heading_is_preferred(heading):
    assert asked(f"{heading}\n- Fluent German\n") == [("de", False), ("en", True)]


@pytest.mark.parametrize("heading", [h for h in HEADINGS if not h.startswith("Compétences")])
def test_a_nice_to_have_heading_is_a_job_heading(heading):
    # headings are told by how they open: "Compétences appréciées" is read by the language cues only
    assert heading_kind(heading) == "job"


def test_the_two_readers_share_one_table():
    from bot.extract import boilerplate

    table = "|".join(NICE_TO_HAVE_HEADINGS)
    assert HEDGE_HEADING.pattern == table
    assert table in boilerplate._JOB_HEADING.pattern


def test_a_required_language_under_a_requirements_heading_stays_required():
    assert asked("Must have:\n- Fluent German\n") == [("de", True), ("en", True)]
