"""Queries as people type them, round 9: grouped "or", other languages' summer internships, hashtags.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.query import parse

# ---- criteria on both sides of an "or" are not silently read as something else


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("junior in Berlin or senior in Munich", "junior in Berlin", "senior in Munich"),
        ("Python Berlin or Java Munich", "Python Berlin", "Java Munich"),
        ("remote + intern Paris or senior London", "intern Paris", "senior London"),
    ],
)
def test_grouped_or_is_said_not_understood(text: str, before: str, after: str) -> None:
    notes = " ".join(parse(text).notes)
    assert f"({before}) or ({after})" in notes
    assert "two subscriptions" in notes


@pytest.mark.parametrize(
    "text",
    [
        "intern Berlin or Munich",
        "New York or San Francisco intern",
        "US remote or Canada remote",
        "Berlin or Munich + junior",
        "junior + Berlin or Munich + Python",
    ],
)
def test_plain_alternatives_get_no_grouping_note(text: str) -> None:
    assert not any("grouping" in note for note in parse(text).notes)
