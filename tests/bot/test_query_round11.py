"""Queries as people type them, round 11: commas after a job, short job words, semesters, holidays, codes.

Each test names a class of misreading found with `jobbot explain` on queries typed as in Slack; the
examples are members of the class, not the list it is fixed for. The real vocabulary is used, as the
collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.query import parse
from bot.query.stored import STORED_VERSION, from_stored, to_stored
from tests.bot.query_helpers import posted, said, term_kinds


def values(text: str) -> list[list[str]]:
    """Each clause's term values, as parsed."""
    return [[term.value for term in clause.terms] for clause in parse(text).clauses]


def flat(text: str) -> set[str]:
    return {value for clause in values(text) for value in clause}


# ---- 1. a job, a comma, then a word about it: both asked for (as titles are written)


@pytest.mark.parametrize(
    "text",
    [
        "Product Manager, SaaS",
        "Software Engineer, Backend",
        "Data Scientist, NLP",
        "Account Executive, Fintech",
        "Engineering Manager, Payments",
        "Analyst, Strategy",
    ],
)
def test_a_job_then_a_word_after_a_comma_is_and(text: str) -> None:
    query = parse(text)
    assert len(query.clauses) == 2
    assert "a job and a word about it" in said(text)


@pytest.mark.parametrize("text", ["Python, Java", "marketing, sales", "data analyst, data scientist"])
def test_things_of_one_kind_after_a_comma_stay_alternatives(text: str) -> None:
    assert len(parse(text).clauses) == 1


def test_places_after_a_comma_stay_alternatives() -> None:
    (clause,) = parse("Paris, London").clauses
    assert len(clause.terms) == 2


def test_a_job_and_its_qualifier_match_a_title_written_so() -> None:
    query = parse("Product Manager, SaaS")
    assert match_query(query, posted("Product Manager, SaaS Platform"))
    assert not match_query(query, posted("Account Executive", "We sell SaaS."))


# ---- 2. short job words are the words they shorten, in a title too


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("data eng", "Data Engineer"),
        ("data eng", "Data Engineering Intern"),
        ("eng manager", "Engineering Manager"),
        ("eng mgr", "Engineering Manager"),
        ("ML eng", "Machine Learning Engineer"),
        ("frontend dev", "Frontend Developer"),
        ("mle", "Machine Learning Engineer"),
        ("TPM", "Technical Program Manager"),
        ("EM", "Engineering Manager, Payments"),
    ],
)
def test_a_short_job_word_finds_the_title(text: str, title: str) -> None:
    assert match_query(parse(text), posted(title))


def test_a_short_job_word_makes_one_title_term() -> None:
    assert term_kinds(parse("data eng intern")) == [(False, ["job_title"]), (False, ["employment"])]
    assert parse("eng manager").clauses[0].terms[0].label == "engineering manager"


def test_a_short_job_word_does_not_find_other_jobs() -> None:
    assert not match_query(parse("data eng"), posted("Data Analyst"))


def test_lower_case_em_is_still_a_small_word() -> None:
    assert flat("estágio em Lisboa") == flat("estágio Lisboa")


# ---- 3. German semesters are when a job starts, not Samoa or South Sudan


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("ab WS 2026", {"start:fall-2026", "start:winter-2026", "start:winter-2027"}),
        ("Pflichtpraktikum WS 26/27", {"start:fall-2026", "start:winter-2026", "start:winter-2027"}),
        ("Praktikum ab SS 2027", {"start:spring-2027", "start:summer-2027"}),
        ("Praktikum Sommersemester 2027", {"start:spring-2027", "start:summer-2027"}),
        ("SoSe 2027", {"start:spring-2027", "start:summer-2027"}),
        ("Praktikum ab Wintersemester", {"season:fall", "season:winter"}),
    ],
)
def test_a_semester_is_its_seasons(text: str, starts: set[str]) -> None:
    values_read = flat(text)
    assert starts <= values_read
    assert not any(value.startswith("country:") for value in values_read)
    assert "German" in " ".join(term.label for clause in parse(text).clauses for term in clause.terms)


def test_a_semester_code_alone_is_the_country_and_names_the_semester() -> None:
    (clause,) = parse("WS").clauses
    assert clause.terms[0].value == "country:WS"
    assert any("winter semester" in also for also in clause.terms[0].also)


def test_a_semester_matches_a_posting_starting_in_it() -> None:
    query = parse("Praktikum WS 2026/27")
    assert match_query(query, posted("Praktikant (m/w/d) Marketing", "Start: Oktober 2026. Dauer 6 Monate."))
    assert match_query(query, posted("Praktikant (m/w/d) Marketing", "Start: Januar 2027. Dauer 6 Monate."))
    assert not match_query(query, posted("Praktikant (m/w/d) Marketing", "Start: Juni 2027. Dauer 6 Monate."))


# ---- 4. Portuguese holidays beside an internship: summer in Portugal, December to February in Brazil


@pytest.mark.parametrize("text", ["estágio de férias", "estágio de verão"])
def test_a_portuguese_holiday_internship_is_summer_or_winter(text: str) -> None:
    assert {"type:intern", "season:summer", "season:winter"} <= flat(text)
    assert "Brazil" in said(text)


def test_a_dated_portuguese_holiday_internship_keeps_its_year() -> None:
    assert {"start:summer-2027", "start:winter-2027"} <= flat("estágio de férias 2027")


@pytest.mark.parametrize("text", ["staż wakacyjny", "prácticas de verano"])
def test_other_summer_internships_stay_summer(text: str) -> None:
    assert "season:winter" not in flat(text)


# ---- 5. capitals that spell a small town are words; towns named like words are words beside a job


@pytest.mark.parametrize(("text", "town"), [("MAN", "Man"), ("CAT", "Çat")])
def test_a_word_in_capitals_is_no_small_town(text: str, town: str) -> None:
    (clause,) = parse(text).clauses
    assert clause.terms[0].kind == "keyword"
    assert any(town in also for also in clause.terms[0].also)


@pytest.mark.parametrize("text", ["NYC", "SF", "LDN"])
def test_city_codes_stay_places(text: str) -> None:
    assert parse(text).clauses[0].terms[0].kind == "place"


@pytest.mark.parametrize("text", ["Mobile developer", "UX Designer, Mobile", "Mobile Software Engineer"])
def test_a_town_named_like_a_word_beside_a_job_is_the_word(text: str) -> None:
    terms = [term for clause in parse(text).clauses for term in clause.terms]
    assert all(term.kind != "place" for term in terms)
    assert any("Mobile (US)" in also for term in terms for also in term.also)


def test_a_town_named_like_a_word_alone_is_the_town() -> None:
    assert parse("Mobile").clauses[0].terms[0].kind == "place"


def test_a_lower_case_city_code_names_the_city() -> None:
    term = parse("sf").clauses[0].terms[0]
    assert term.kind == "keyword"
    assert any("San Francisco" in also for also in term.also)


# ---- 6. other languages' words: levels, IT


def test_pleno_is_the_middle_level_not_plano() -> None:
    assert flat("analista de dados pleno") >= {"level:mid", " pleno "}
    assert not any(value.startswith("city:") for value in flat("analista de dados pleno"))


@pytest.mark.parametrize("text", ["estágio TI", "vaga estágio TI remoto", "soporte TI Madrid"])
def test_ti_is_it(text: str) -> None:
    assert " information technology " in flat(text)


def test_ti_finds_an_it_internship() -> None:
    assert match_query(parse("estágio TI"), posted("Estágio em TI", "Vaga de estágio na área de TI."))


def test_lower_case_ti_is_a_word() -> None:
    assert values("ti") == [[" ti "]]


def test_information_technology_is_still_it_in_the_title() -> None:
    assert "the word 'it' in the title" in said("information technology")


# ---- 7. a year, then a bank's internship; programme words after a type; phrases of fields


def test_a_year_before_summer_analyst_keeps_the_internship() -> None:
    assert flat("2027 summer analyst program") == {"year:2027", "type:intern"}
    assert "left out 'program'" in said("2027 summer analyst program")


def test_program_is_left_out_only_after_a_type() -> None:
    assert "left out" not in said("program manager")
    assert flat("internship programme") == {"type:intern"}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("PhD computer science", " computer science "), ("off cycle intern", " off cycle ")],
)
def test_a_field_or_programme_of_two_words_is_one_phrase(text: str, phrase: str) -> None:
    assert phrase in flat(text)


def test_ib_is_investment_banking() -> None:
    assert " investment banking " in flat("IB summer analyst 2027 NYC")


# ---- 8. metros named with "area"


def test_a_metro_with_area_after_it_is_the_metro() -> None:
    assert values("DMV area") == values("DMV")


# ---- 9. the stored form


def test_a_stored_form_of_the_last_version_is_parsed_again() -> None:
    old = {**to_stored(parse("data eng")), "v": STORED_VERSION - 1}
    assert from_stored(old) is None
    assert from_stored(to_stored(parse("WS 2026"))) == parse("WS 2026")


# ---- 10. more languages: Dutch and Polish job words and grades, small words, French "RH", APM


@pytest.mark.parametrize(
    ("text", "title"),
    [("junior data analist", "Junior Data Analist"), ("APM", "Associate Product Manager")],
)
def test_other_job_words_find_their_titles(text: str, title: str) -> None:
    assert match_query(parse(text), posted(title))


def test_polish_grades_are_levels() -> None:
    assert "level:entry" in flat("młodszy programista Java")
    assert "level:senior" in flat("starszy analityk")


@pytest.mark.parametrize(
    ("text", "word"), [("staż w IT zdalnie", "w"), ("Praktikum im Bereich HR", "Bereich")]
)
def test_small_words_of_other_languages_are_left_out(text: str, word: str) -> None:
    assert f" {word.lower()} " not in flat(text)
    assert f"'{word}'" in said(text)


def test_french_rh_is_human_resources() -> None:
    assert match_query(parse("responsable RH"), posted("Responsable Ressources Humaines"))


def test_a_town_named_like_a_word_among_alternatives_before_a_job_is_the_word() -> None:
    assert "place" not in {kind for _, kinds in term_kinds(parse("Mobile / iOS engineer")) for kind in kinds}
    assert term_kinds(parse("Mobile / Paris"))[0][1] == ["place", "place"]


# ---- 11. seasons south of the equator are the other way round; Latin American internships


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("winter internship Sydney", {"season:winter", "season:summer"}),
        ("summer internship Melbourne 2026", {"start:summer-2026", "start:winter-2026"}),
        ("pasantía de verano Buenos Aires", {"season:summer", "season:winter"}),
    ],
)
def test_a_season_south_of_the_equator_is_also_the_northern_one(text: str, both: set[str]) -> None:
    assert both <= flat(text)
    assert "south of the equator" in said(text)


@pytest.mark.parametrize("text", ["summer internship London", "Sydney start:summer"])
def test_a_northern_or_field_season_is_left_alone(text: str) -> None:
    assert "season:winter" not in flat(text)


def test_an_australian_summer_internship_finds_a_january_start() -> None:
    posting = posted("Intern", "Based in Sydney NSW, Australia. Start date: January 2026.")
    assert match_query(parse("summer internship Sydney 2026"), posting)
    assert not match_query(parse("summer internship 2026"), posting)  # no southern place: northern summer


@pytest.mark.parametrize(
    "text", ["práctica profesional Lima", "práctica Bogotá", "prácticas preprofesionales"]
)
def test_a_latin_american_internship_is_an_internship(text: str) -> None:
    assert "type:intern" in flat(text)


# ---- 12. a word-named town after a title's dash is the title's segment


def test_a_word_named_town_after_a_dash_is_a_word() -> None:
    terms = [
        t
        for clause in parse("Business Development Representative - Enterprise").clauses
        for t in clause.terms
    ]
    assert all(term.kind != "place" for term in terms)
    assert parse("Remote - Mobile").clauses[1].terms[0].kind == "place"


# ---- 13. plurals of levels, slashed titles, a year after "stage", hours, "non" spaced


def test_a_level_in_the_plural_is_the_level() -> None:
    assert "level:entry" in flat("remote jobs in Germany for juniors")


def test_a_slashed_pair_before_a_job_is_either_title_not_a_name() -> None:
    query = parse("Product/UX designer")
    assert term_kinds(query) == [(False, ["job_title"])]
    assert match_query(query, posted("UX Designer"))
    assert "looks like a name" not in said("Product/UX designer")


def test_short_titles_around_a_slash_are_either() -> None:
    assert {" swe ", " sre "} <= flat("SWE/SRE intern")


def test_a_year_after_stage_keeps_the_internship() -> None:
    assert {"type:intern", "year:2027"} <= flat("stage 2027 Paris")
    assert "type:intern" not in flat("Stage 0")


def test_hours_a_week_in_portuguese_are_said() -> None:
    assert "hours a week" in said("20h/semana estágio")


@pytest.mark.parametrize(("text", "negated"), [("non senior", True), ("non technical", False)])
def test_non_spaced_reads_as_hyphened(text: str, negated: bool) -> None:
    query = parse(text)
    assert query.clauses[0].negated is negated
    assert values(text) == values(text.replace(" ", "-"))


def test_a_field_after_a_slash_is_offered_whole() -> None:
    assert values("ML/Data Science intern")[0][-1] == " data science "
    assert term_kinds(parse("frontend/backend engineer")) == [(False, ["job_title"])]
