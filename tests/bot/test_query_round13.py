"""Queries as people type them in a hurry, round 13: short words beside a type, city codes, remote within.

Each test names a class of misreading found with `jobbot explain` on queries typed as in Discord or Slack;
the examples are members of the class, not the list it is fixed for. The real vocabulary is used, as the
collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.query import QueryError, explain, parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored
from tests.bot.query_helpers import flat, said

# ---- 2. city codes typed in lower case: the city among places, else a word naming the city


@pytest.mark.parametrize(
    ("text", "city"), [("nyc/atl", "Atlanta"), ("chi or nyc", "Chicago"), ("sf/chi", "Chicago")]
)
def test_a_city_code_among_places_is_the_city(text: str, city: str) -> None:
    (clause,) = parse(text).clauses
    assert all(term.kind == "place" for term in clause.terms)
    assert any(city in term.label for term in clause.terms)
    assert "among places" in said(text)


@pytest.mark.parametrize(("text", "city"), [("atl", "Atlanta"), ("chi", "Chicago")])
def test_a_city_code_alone_is_a_word_naming_the_city(text: str, city: str) -> None:
    assert flat(text) == {text}
    assert city in " ".join(also for term in parse(text).clauses[0].terms for also in term.also)


def test_a_city_code_in_capitals_is_the_city() -> None:
    assert "Chicago" in parse("CHI").clauses[0].terms[0].label


# ---- 4. remote then a country or area around a slash: remote work there, as "remote US"


@pytest.mark.parametrize(
    ("text", "same_as"), [("remote/us", "remote US"), ("remote/europe", "remote Europe")]
)
def test_remote_slash_a_country_or_area_is_remote_within_it(text: str, same_as: str) -> None:
    def values(query_text: str) -> list[set[str]]:
        return [{term.value for term in clause.terms} for clause in parse(query_text).clauses]

    assert values(text) == values(same_as)
    assert "remote within" in said(text)


@pytest.mark.parametrize("text", ["remote/nyc", "remote/hybrid", "Berlin/remote"])
def test_remote_slash_a_city_or_a_workplace_stays_either(text: str) -> None:
    (clause,) = parse(text).clauses
    assert len(clause.terms) == 2
    assert "remote within" not in said(text)


# ---- 5. a spaced slash before a job noun says what the unspaced one says


def test_a_spaced_slash_keeps_the_short_form_note() -> None:
    assert said("AI / machine learning engineer") == said("AI/machine learning engineer")
    assert "'artificial intelligence'" in said("AI / machine learning engineer")
    assert parse("AI / machine learning engineer").clauses == parse("AI/machine learning engineer").clauses


# ---- 3. a French student job, thesis positions in English, words of no filter


@pytest.mark.parametrize("text", ["job étudiant", "jobs étudiants"])
def test_a_french_student_job_is_part_time(text: str) -> None:
    assert flat(text) == flat("part-time")


@pytest.mark.parametrize(
    ("text", "german"), [("master thesis", "masterarbeit"), ("Bachelor Thesis", "bachelorarbeit")]
)
def test_a_thesis_in_english_is_the_thesis_position(text: str, german: str) -> None:
    (clause,) = parse(text).clauses
    assert german in {term.value.strip() for term in clause.terms}
    assert {term.kind for term in clause.terms} == {"keyword"}  # not the degree beside "thesis"
    assert "masterthesis" in flat("master thesis") and "master thesis" in flat("Masterarbeit")


def test_hot_is_left_out_and_said() -> None:
    assert flat("🔥 hot jobs berlin") == flat("berlin")
    assert "no filter" in said("🔥 hot jobs berlin")
    with pytest.raises(QueryError, match="no filter"):
        parse("🔥 hot jobs")
    assert "hot" in flat("Hot Topic")  # a name, not a word of no filter


# ---- 1. a two-letter word beside a type says what else it may be


def also(text: str) -> str:
    return " ".join(a for clause in parse(text).clauses for term in clause.terms for a in term.also)


def test_a_short_word_beside_a_type_names_its_readings() -> None:
    assert "data science" in also("ds intern")
    readings = also("de intern")
    assert "Germany" in readings and "German" in readings and "data engineering" in readings
    assert "Germany" in explain(parse("de intern"))
    assert "de" in flat("de intern")  # still searched as typed: no one reading can be told


def test_a_short_word_alone_or_spelled_out_says_nothing_more() -> None:
    assert also("de") == ""
    assert "Mali" not in also("ml intern")  # searched as "machine learning" already, and said
    assert "de" not in flat("stage de marketing")


# ---- 6. the stored form


def test_a_stored_form_of_the_last_version_is_parsed_again() -> None:
    old = {**to_stored(parse("remote/us")), "v": STORED_VERSION - 1}
    assert from_stored(old) is None
    assert from_stored(to_stored(parse("remote/us"))) == parse("remote/us")
