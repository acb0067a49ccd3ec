"""Queries pasted or typed by people, round 14: recruiters' shorthand, job titles copied from a careers
page, non-native English, and comma lists mixing many filters.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.query import QueryError, parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored


def values(text: str) -> list[set[str]]:
    return [{term.value for term in clause.terms} for clause in parse(text).clauses]


def flat(text: str) -> set[str]:
    return {term.value for clause in parse(text).clauses for term in clause.terms}


# ---- 1. recruiters' shorthand for a kind of contract


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("C2H java developer", "type:contract"),
        ("c2c", "type:contract"),
        ("corp to corp", "type:contract"),
        ("1099 contractor", "type:contract"),
        ("FTE product manager", "type:full_time"),
        ("perm accountant", "type:full_time"),
        ("perm role berlin", "type:full_time"),
        ("FTC product manager", "type:temporary"),
        ("fixed-term contract", "type:temporary"),
    ],
)
def test_recruiters_shorthand_is_the_type(text: str, value: str) -> None:
    assert value in flat(text)
    assert not any(v.lower() in {"c2h", "c2c", "fte", "ftc", "perm", "1099", "corp"} for v in flat(text))


@pytest.mark.parametrize("text", ["Perm", "PERM"])
def test_perm_capitalised_stays_the_city(text: str) -> None:
    (term,) = parse(text).clauses[0].terms
    assert term.kind == "place"
    assert "Perm" in term.label


def test_a_word_with_digits_is_a_type_only_as_a_whole_code() -> None:
    assert not any(v.startswith("type:") for v in flat("Stage 0"))


# ---- 2. non-native English: "as data analyst", "for beginner"


def test_as_before_a_job_is_left_out() -> None:
    query = parse("looking for job in london as data analyst")
    assert "as" not in flat("looking for job in london as data analyst")
    assert "'as'" in " ".join(query.notes)


@pytest.mark.parametrize("text", ["job in tech for beginner", "jobs for beginners"])
def test_beginner_is_the_entry_level(text: str) -> None:
    assert "level:entry" in flat(text)


# ---- 3. a comma list of criteria goes on with words: AND, not alternatives


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("madrid, spanish, internship, 6 months, marketing", {"6 months", "marketing"}),
        ("toronto, french, bilingual, customer support", {"bilingual", "customer support"}),
    ],
)
def test_words_after_a_list_of_criteria_are_each_asked_for(text: str, words: set[str]) -> None:
    query = parse(text)
    alone = {next(iter(group)).strip() for group in values(text) if len(group) == 1}
    assert words <= alone
    assert "a list of criteria" in " ".join(query.notes)


@pytest.mark.parametrize(
    "text",
    [
        "london, remote ok, senior, python, not finance",
        "amsterdam, english, junior, backend, not java",
        "munich, werkstudent, data, not sap",
    ],
)
def test_not_at_the_end_of_a_list_of_criteria_is_its_own_criterion(text: str) -> None:
    query = parse(text)
    assert query.clauses[-1].negated
    assert len(query.clauses[-1].terms) == 1


def test_two_technologies_in_a_list_of_criteria_stay_either_and_it_is_said() -> None:
    query = parse("london, python, django")
    assert any(len(group) == 2 for group in values("london, python, django"))
    assert "read as OR (either technology)" in " ".join(query.notes)


def test_places_listed_first_stay_alternatives() -> None:
    assert any(len(group) == 2 for group in values("paris, lyon, french, intern"))


# ---- the stored form


def test_a_stored_form_of_the_last_version_is_parsed_again() -> None:
    old = {**to_stored(parse("C2H java")), "v": STORED_VERSION - 1}
    assert STORED_VERSION == 16
    assert from_stored(old) is None
    assert from_stored(to_stored(parse("C2H java"))) == parse("C2H java")


# ---- 4. a field's short form after a dash in a pasted title: the field, not the country


@pytest.mark.parametrize(
    ("text", "field"),
    [("Thesis student (Master) - ML", "machine learning"), ("Sales Manager - BD", "business development")],
)
def test_a_fields_short_form_after_a_dash_and_words_is_the_field(text: str, field: str) -> None:
    query = parse(text)
    assert not any(term.kind == "place" for clause in query.clauses for term in clause.terms)
    assert any(field == v.strip() for v in flat(text))


def test_a_fields_short_form_after_remote_and_a_dash_is_the_country_said() -> None:
    query = parse("Remote - ML")
    assert any(term.kind == "place" for clause in query.clauses for term in clause.terms)
    assert "keyword:ML" in " ".join(query.notes)


def test_a_country_code_after_a_dash_stays_the_country() -> None:
    assert any("Germany" in term.label for term in parse("Backend Engineer - DE").clauses[-1].terms)


# ---- 5. "PT" or "FT" after a town it does not qualify: the type, as recruiters write it


@pytest.mark.parametrize(
    ("text", "value"), [("london, PT, student, retail", "type:part_time"), ("Paris, PT", "type:part_time")]
)
def test_pt_after_a_town_elsewhere_is_part_time(text: str, value: str) -> None:
    query = parse(text)
    assert {value} in values(text)
    assert not any("Portugal" in term.label for clause in query.clauses for term in clause.terms)
    assert "country:PT" in " ".join(query.notes)


def test_pt_after_a_portuguese_town_is_still_portugal() -> None:
    (clause,) = parse("Lisbon, PT").clauses
    assert [term.kind for term in clause.terms] == ["place"]


# ---- 6. more words pasted from titles and typed as non-native speakers write


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Marketing Coordinator (Maternity Cover) - London", "type:temporary"),
        ("mat cover", "type:temporary"),
        ("job for fresh graduate in dubai", "level:entry"),
    ],
)
def test_pasted_and_plain_words_for_a_type_or_level(text: str, value: str) -> None:
    assert value in flat(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("i am looking for a job as software engineer in berlin", "am"),
        ("hamburg, werkstudent, english ok", "ok"),
    ],
)
def test_small_words_of_a_sentence_are_left_out(text: str, word: str) -> None:
    assert not any(v.strip() == word for v in flat(text))
    assert f"'{word}'" in " ".join(parse(text).notes)


# ---- 7. lower-case "it" as a term of its own is the field: as the pronoun it is in nearly every posting


@pytest.mark.parametrize("text", ["it job in warsaw", "it support", "jobs in it"])
def test_lower_case_it_is_the_field(text: str) -> None:
    assert any("information technology" in v for v in flat(text))
    assert "keyword:it" in " ".join(parse(text).notes)


def test_it_quoted_stays_the_word() -> None:
    assert flat('"it"') == {" it "}


# ---- 8. a title's spaced dash inside parentheses, as pasted: a separator, not an error


def test_a_dash_in_parentheses_separates_as_outside() -> None:
    assert values("Senior Data Engineer (Remote - UK)") == values("Senior Data Engineer - Remote - UK")


def test_parentheses_still_do_not_group_an_exclusion() -> None:
    with pytest.raises(QueryError):
        parse("Engineer (Remote -UK)")


# ---- 9. words in nearly every posting, typed in a sentence, are left out; fields holding them stay whole


@pytest.mark.parametrize(
    ("text", "word"),
    [("work in paris with english only", "work"), ("company hiring english speaker in japan", "company")],
)
def test_words_in_every_posting_are_left_out(text: str, word: str) -> None:
    assert not any(v.strip() == word for v in flat(text))
    assert f"'{word}'" in " ".join(parse(text).notes)


@pytest.mark.parametrize("text", ["social work", "work study"])
def test_a_field_holding_work_stays_whole(text: str) -> None:
    assert flat(text) == {f" {text} "}
