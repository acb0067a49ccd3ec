"""Queries as people type them, round 9: grouped "or", other languages' summer internships, hashtags.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.query import parse
from tests.bot.query_helpers import posted, term_kinds

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


# ---- other languages' summer internships start in summer, as "Sommerpraktikum" does


@pytest.mark.parametrize(
    "text",
    [
        "zomerstage",
        "Sommerpraktikum",
        "estágio de férias",
        "estágio de verão",
        "wakacyjny staż",
        "staż wakacyjny",
    ],
)
def test_summer_internship_starts_in_summer(text: str) -> None:
    values = {term.value for clause in parse(text).clauses for term in clause.terms}
    assert "type:intern" in values
    assert "season:summer" in values


@pytest.mark.parametrize("text", ["backstage", "multistage"])
def test_a_word_ending_in_stage_is_no_internship(text: str) -> None:
    assert term_kinds(parse(text)) == [(False, ["keyword"])]


# ---- a camel-case hashtag is its words, unless it is one known name


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("#DataScience", "data science"),
        ("#MachineLearning", "machine learning"),
        ("#ProductManager", "product manager"),
    ],
)
def test_camel_case_hashtag_is_its_words(text: str, phrase: str) -> None:
    values = [term.value.strip() for clause in parse(text).clauses for term in clause.terms]
    assert phrase in values


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("#JavaScript", "javascript"),
        ("#TypeScript", "typescript"),
        ("#GitHub", "github"),
        ("#LinkedIn", "linkedin"),
    ],
)
def test_camel_case_name_hashtag_stays_one_word(text: str, word: str) -> None:
    values = [term.value.strip() for clause in parse(text).clauses for term in clause.terms]
    assert values == [word]


def test_camel_case_level_hashtag_is_the_level() -> None:
    assert term_kinds(parse("#NewGrad")) == [(False, ["level"])]


# ---- "open to remote" asks for remote work; "open" is no keyword there


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("open to remote", [(False, ["workplace"])]),
        ("Python open to remote", [(False, ["keyword"]), (False, ["workplace"])]),
        ("open to remote + Berlin", [(False, ["workplace"]), (False, ["place"])]),
    ],
)
def test_open_to_remote_is_remote(text: str, kinds: list[tuple[bool, list[str]]]) -> None:
    query = parse(text)
    assert term_kinds(query) == kinds
    assert any(term.value.endswith("remote") for clause in query.clauses for term in clause.terms)


def test_grouped_or_subscriptions_keep_the_criteria_around_it() -> None:
    notes = " ".join(parse("Python + junior in Berlin or senior in Munich + remote").notes)
    assert "'Python + junior in Berlin + remote' and 'Python + senior in Munich + remote'" in notes


def test_a_compound_postings_are_not_read_for_still_matches_its_word() -> None:
    """Postings are not read for "zomerstage"'s season: the word itself still finds them."""
    query = parse("zomerstage")
    assert match_query(query, posted("Zomerstage Marketing 2026"))
    assert match_query(query, posted("Summer Internship 2026"))
    assert not match_query(query, posted("Marketing Intern"))


def test_alternatives_of_one_kind_between_criteria_get_no_grouping_note() -> None:
    assert not any("grouping" in note for note in parse("remote Python or Java Berlin").notes)
