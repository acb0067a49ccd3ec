"""Queries as people type them in a hurry, round 12: slashes before a job, lower-case codes, towns.

Each test names a class of misreading found with `jobbot explain` on queries typed as in Discord or Slack;
the examples are members of the class, not the list it is fixed for. The real vocabulary is used, as the
collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.query import explain, parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored
from tests.bot.query_helpers import flat, posted, said

# ---- 1. a field's word or phrase around a slash before one job noun: either title


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("AI/machine learning engineer", ("Machine Learning Engineer", "AI Engineer")),
        ("iOS/Mobile engineer", ("iOS Engineer", "Mobile Engineer")),
        ("ios/mobile engineer", ("Senior iOS Engineer", "Mobile Engineer II")),
    ],
)
def test_either_word_before_one_job_noun_is_either_title(text: str, titles: tuple[str, ...]) -> None:
    query = parse(text)
    assert len(query.clauses) == 1
    assert all(match_query(query, posted(title)) for title in titles)
    assert not match_query(query, posted("Learning Designer"))


def test_two_technologies_around_a_slash_stay_either_word() -> None:
    assert {"python", "django"} <= flat("python/django developer")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("SWE/SRE", {"software engineer", "site reliability"}),
        ("backend/frontend", {"backend", "frontend"}),
        ("devops/sre", {"devops", "sre"}),
    ],
)
def test_slashed_short_forms_and_field_words_are_each_spelled_out(text: str, words: set[str]) -> None:
    query = parse(text)
    assert len(query.clauses) == 1
    assert words <= {term.value.strip() for term in query.clauses[0].terms}


# ---- 2. lower-case place codes among places are the places, and said so


@pytest.mark.parametrize(
    ("text", "value"),
    [("remote us", "country:US"), ("us or canada", "country:US"), ("ny or sf", "metro:")],
)
def test_a_lower_case_code_among_places_is_the_place(text: str, value: str) -> None:
    values = flat(text)
    assert any(v.startswith(value) for v in values) or any("city:" in v for v in values)
    assert "among places" in said(text)
    assert not any(v in (" us ", "us", " sf ", "sf") for v in values)


def test_a_lower_case_code_alone_stays_a_word() -> None:
    assert flat("us") == {"us"}


# ---- 3. "working" before "student" is the job's word, not the language's level


def test_a_language_before_working_student_leaves_the_type() -> None:
    kinds = {term.kind for clause in parse("german working student").clauses for term in clause.terms}
    assert {"language", "employment"} <= kinds
    assert flat("working german") == flat("german")


# ---- 4. towns by their state's code in a lower-case query, and names the gazetteer holds


@pytest.mark.parametrize("text", ["falls church va", "falls church, va", "Falls Church, VA"])
def test_a_small_town_with_its_state_is_the_town(text: str) -> None:
    (clause,) = parse(text).clauses
    assert clause.terms[0].label == "Falls Church (Virginia, US)"


@pytest.mark.parametrize(("text", "label"), [("arlington va", "Virginia"), ("cambridge ma", "Massachusetts")])
def test_a_lower_case_state_code_after_a_town_qualifies_it(text: str, label: str) -> None:
    (clause,) = parse(text).clauses
    assert label in clause.terms[0].label


def test_rio_is_rio_de_janeiro() -> None:
    assert flat("rio intern") == flat("Rio de Janeiro intern")
    assert "Rio Tinto" in parse("Rio Tinto").clauses[0].terms[0].label


# ---- 5. a season with places both sides of the equator is said to be the northern one


def test_a_season_across_the_equator_is_said() -> None:
    assert "northern season" in said("summer intern Sydney or London")
    assert "northern season" not in said("summer intern Paris or London")
    assert "also read as winter" in said("summer intern Sydney")


# ---- 6. the stored form


def test_a_stored_form_of_the_last_version_is_parsed_again() -> None:
    old = {**to_stored(parse("remote us")), "v": STORED_VERSION - 1}
    assert from_stored(old) is None
    assert from_stored(to_stored(parse("remote us"))) == parse("remote us")


# ---- 7. two job nouns around a slash share the words before them


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("data engineer/analyst", ("Data Engineer", "Data Analyst")),
        ("Software Engineer/Developer", ("Software Engineer", "Software Developer")),
        ("senior data engineer/analyst", ("Senior Data Analyst", "Senior Data Engineer")),
    ],
)
def test_two_job_nouns_around_a_slash_are_either_title(text: str, titles: tuple[str, ...]) -> None:
    query = parse(text)
    assert all(match_query(query, posted(title)) for title in titles)
    assert not any(term.value.strip() == "engineer analyst" for term in query.clauses[-1].terms)


# ---- 8. other languages' small words and words for remote, a dated Italian summer


@pytest.mark.parametrize("text", ["da remoto", "lavoro da remoto"])
def test_italian_remote_is_remote(text: str) -> None:
    assert flat(text) == flat("remote")


def test_dutch_small_words_are_left_out() -> None:
    assert flat("stage bij een startup") == flat("stage startup")
    assert "het" not in flat("stage in het buitenland")


def test_estate_with_a_year_is_the_italian_summer() -> None:
    assert flat("tirocinio estate 2027") == flat("tirocinio summer 2027")
    assert "real estate" in flat("real estate intern")
    assert flat("estate agent") != flat("summer agent")


# ---- 9. a query excluding something typed first on the command line


def test_explain_takes_a_query_starting_with_a_dash(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main

    assert main(["explain", "-senior"]) == 0
    assert "NOT career level senior" in capsys.readouterr().out
    assert main(["explain", "-intern", "--json"]) == 0
    assert '"negated": true' in capsys.readouterr().out


# ---- 10. one word, "or", then a job's words: either title, the noun shared


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("frontend or backend developer", ("Frontend Developer", "Backend Developer")),
        ("data or ml engineer", ("Data Engineer", "Machine Learning Engineer")),
        ("Frontend or Backend Engineer remote", ("Frontend Engineer (Remote)", "Backend Engineer, Remote")),
    ],
)
def test_a_word_or_a_word_before_a_job_noun_is_either_title(text: str, titles: tuple[str, ...]) -> None:
    query = parse(text)
    assert all(match_query(query, posted(title)) for title in titles)
    assert not match_query(query, posted("Frontend Designer"))


def test_two_technologies_or_levels_before_a_noun_stay_as_they_were() -> None:
    assert {"python", "java", "developer"} <= flat("python or java developer")
    kinds = {term.kind for clause in parse("junior or senior developer").clauses for term in clause.terms}
    assert "level" in kinds


# ---- 11. place codes around a slash are either place


@pytest.mark.parametrize("text", ["nyc/sf/la", "sf/nyc", "us/canada"])
def test_place_codes_around_a_slash_are_either_place(text: str) -> None:
    (clause,) = parse(text).clauses
    assert len(clause.terms) == len(text.split("/"))
    assert all(term.kind == "place" for term in clause.terms)


def test_a_slashed_technology_name_stays_one_word() -> None:
    assert flat("CI/CD") == {"ci cd"}


@pytest.mark.parametrize("text", ["work anywhere", "work from anywhere"])
def test_work_anywhere_is_remote(text: str) -> None:
    assert flat(text) == flat("remote")


# ---- 12. what stays a word says what else it may be


def test_a_small_town_searched_as_words_says_how_to_name_it() -> None:
    assert "'Falls Church, Virginia'" in said("Falls Church")
    assert "'Falls Church, Virginia'" in said("Technical Project Manager Falls Church")
    assert "small town" not in said("Citadel intern")  # one word beside others: a name, not a town
    assert "small town" not in said("Nairobi NGO")


def test_a_lower_case_us_alone_says_it_may_be_the_country() -> None:
    assert "United States (US): write US" in explain(parse("intern us"))


def test_remote_slash_a_place_code_is_either() -> None:
    assert flat("remote/us") == flat("remote/US")


def test_a_spaced_slash_before_a_job_noun_is_either_title() -> None:
    assert flat("Mobile / iOS engineer") == flat("mobile/ios engineer")


@pytest.mark.parametrize("text", ["google or meta engineer", "bcg or bain consultant"])
def test_two_firms_or_joined_before_a_job_are_either_firm(text: str) -> None:
    clauses = parse(text).clauses
    assert [term.kind for term in clauses[0].terms] == ["company", "company"]
    assert clauses[1].terms[0].value.strip() == text.split()[-1]


# ---- 13. whole sentences in other languages, and hashtags joining a word to "jobs" or a year


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("je cherche un stage en data à paris", "stage data paris"),
        ("cerco un tirocinio a milano", "tirocinio milano"),
        ("ich suche ein praktikum in berlin", "praktikum berlin"),
        ("busco prácticas de marketing en barcelona", "prácticas marketing barcelona"),
    ],
)
def test_a_request_as_a_sentence_in_another_language_keeps_what_it_asks(text: str, same_as: str) -> None:
    assert flat(text) == flat(same_as)


@pytest.mark.parametrize(
    ("text", "same_as"),
    [("#remotejobs", "remote"), ("#internship2027", "internship 2027"), ("#summer2027", "summer 2027")],
)
def test_a_hashtag_of_a_word_and_jobs_or_a_year_is_both(text: str, same_as: str) -> None:
    assert flat(text) == flat(same_as)
