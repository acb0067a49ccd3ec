"""Queries as people type them, round 10: short forms, company suffixes, commas, months, left-out words.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.models import Posting
from bot.query import QueryError, explain, parse
from bot.query.folding import company_forms, company_key
from bot.query.stored import STORED_VERSION, from_stored, to_stored
from tests.bot.query_helpers import posted, said, term_kinds


def values(text: str, companies: tuple[str, ...] = ()) -> list[list[str]]:
    """Each clause's term values, as parsed."""
    return [[term.value for term in clause.terms] for clause in parse(text, companies=companies).clauses]


# ---- 1. a short form and its words are searched alike, and the reading says so


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("ML", " machine learning "),
        ("machine learning", " ml "),
        ("HR", " human resources "),
        ("human resources", " hr "),
        ("UX", " user experience "),
        ("BI", " business intelligence "),
        ("NLP", " natural language processing "),
        ("natural language processing", " nlp "),
    ],
)
def test_a_short_form_and_its_words_are_alike(text: str, other: str) -> None:
    (clause,) = parse(text).clauses
    assert other in [term.value for term in clause.terms]
    assert "also searched as" in said(text)


def test_a_short_form_in_a_title_is_said_too() -> None:
    query = parse("BI analyst")
    assert "business~intelligence" in query.clauses[0].terms[0].value
    assert "'bi' also searched as 'business intelligence'" in said("BI analyst")


def test_a_short_form_matches_a_posting_naming_its_words() -> None:
    query = parse("ML + Berlin")
    assert match_query(query, posted("Research Scientist, Machine Learning", "Based in Berlin, Germany."))
    assert not match_query(query, posted("Research Scientist", "Based in Berlin, Germany."))


def test_quoted_words_stay_as_written() -> None:
    assert values('"machine learning"') == [[" machine learning "]]


def test_a_capitalised_word_is_no_short_form() -> None:
    assert values("Bi") == [[" bi "]]


# ---- 2. "Go" the language is not in "Go-To-Market" or "Go-Live"


@pytest.mark.parametrize("title", ["Go-To-Market Manager", "Go-Live Consultant", "GTM (Go to Market) Lead"])
def test_go_does_not_match_inside_a_name(title: str) -> None:
    assert not match_query(parse("Go"), posted(title))


@pytest.mark.parametrize("title", ["Backend Engineer (Go)", "Go Developer", "Software Engineer - Go, Kafka"])
def test_go_still_matches_the_language(title: str) -> None:
    assert match_query(parse("Go"), posted(title))


def test_go_in_a_name_and_alone_matches() -> None:
    assert match_query(parse("Go"), posted("Go-To-Market Engineer, Go and Rust"))


# ---- 3. holiday words alone are words, beside an internship the summer break's


@pytest.mark.parametrize("text", ["férias", "wakacje", "Férias"])
def test_a_holiday_word_alone_is_a_word(text: str) -> None:
    assert term_kinds(parse(text)) == [(False, ["keyword"])]
    assert "names holidays" in said(text)


@pytest.mark.parametrize("text", ["estágio de férias", "staż wakacyjny"])
def test_a_holiday_word_beside_an_internship_is_summer(text: str) -> None:
    flat = {value for clause in values(text) for value in clause}
    assert {"type:intern", "season:summer"} <= flat


# ---- 4. a company's legal form, the words of its name and its divisions are told apart


@pytest.mark.parametrize(
    ("text", "form"), [("Siemens AG", "AG"), ("Acme GmbH", "GmbH"), ("Globex Ltd", "Ltd")]
)
def test_a_legal_form_is_left_out(text: str, form: str) -> None:
    query = parse(text)
    assert term_kinds(query) == [(False, ["keyword"])]  # no "AG" Antigua, no keyword "gmbh"
    assert f"left out '{form}'" in said(text)


def test_a_legal_form_after_a_known_company_leaves_the_company() -> None:
    assert values("Meta Inc", companies=("Meta Platforms, Inc.",)) == [[company_key("Meta")]]


@pytest.mark.parametrize(("text", "name"), [("Meta Group", "meta group"), ("Acme Labs", "acme labs")])
def test_a_name_word_makes_another_firm(text: str, name: str) -> None:
    # the words, or a posting listed under the whole name; never Meta's own postings
    assert values(text, companies=("Meta Platforms, Inc.",)) == [[f" {name} ", company_key(name)]]
    assert "a firm of its own" in said(text)


def test_a_division_is_one_name_said() -> None:
    assert values("Deloitte Consulting") == [[" deloitte consulting ", company_key("Deloitte Consulting")]]
    assert "company:Deloitte" in said("Deloitte Consulting")


def test_a_firm_with_a_name_word_matches_its_postings_not_the_shorter_firms() -> None:
    query = parse("Meta Group")
    assert match_query(query, posted("Analyst", company="Meta Group"))
    assert match_query(query, posted("Analyst", "Join the Meta Group team.", company="Other"))
    assert not match_query(query, posted("Analyst", "Join our group.", company="Meta"))


def test_a_listed_firm_with_a_name_word_is_that_firm() -> None:
    assert values("Meta Group", companies=("Meta Group",)) == [[company_key("Meta Group")]]


def test_a_posting_of_a_firm_with_a_name_word_is_not_the_shorter_firm() -> None:
    assert company_key("Meta") not in {key for key, _ in company_forms("Meta Group")}
    assert company_key("Deloitte") in {key for key, _ in company_forms("Deloitte Consulting LLP")}


def test_a_leading_the_is_dropped() -> None:
    assert company_key("Trade Desk") in {key for key, _ in company_forms("The Trade Desk, Inc.")}
    assert values("The Meta Group") == [[" meta group ", company_key("Meta Group")]]


def test_a_job_title_after_a_name_word_stays_a_title() -> None:
    assert term_kinds(parse("Data Analyst")) == [(False, ["job_title"])]
    assert term_kinds(parse("Paris Group")) == [(False, ["keyword"])]  # a name: not Paris


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Google Software Engineer", [(False, ["keyword"]), (False, ["job_title"])]),  # a title after it
        ("Google Germany", [(False, ["keyword"]), (False, ["place"])]),  # a place after it stays one
        ("Amazon Web Services", [(False, ["keyword", "company"])]),
    ],
)
def test_division_words_before_a_title_or_a_place_are_not_merged(
    text: str, kinds: list[tuple[bool, list[str]]]
) -> None:
    assert term_kinds(parse(text)) == kinds


def test_a_legal_form_that_is_a_job_short_form_stays_said() -> None:
    assert len(parse("Airbus SE").clauses) == 2  # "SE" may be a software engineer
    assert "legal form, leave it out" in said("Airbus SE")


# ---- 5. a comma between a job and a skill is AND; places stay alternatives or one place


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("data analyst, SQL", [(False, ["job_title"]), (False, ["keyword"])]),
        ("SQL, data analyst", [(False, ["keyword"]), (False, ["job_title"])]),
        ("software engineer, Python", [(False, ["job_title"]), (False, ["keyword"])]),
    ],
)
def test_a_comma_between_a_job_and_a_skill_is_and(text: str, kinds: list[tuple[bool, list[str]]]) -> None:
    assert term_kinds(parse(text)) == kinds
    assert "read as AND" in said(text)


@pytest.mark.parametrize("text", ["Python, Java", "data analyst, data scientist", "marketing, sales"])
def test_a_comma_between_things_of_one_kind_is_or(text: str) -> None:
    assert len(parse(text).clauses) == 1


def test_places_after_a_comma_stay_alternatives_or_one_place() -> None:
    assert values("Paris, London") == [[values("Paris")[0][0], values("London")[0][0]]]
    assert len(parse("Paris, France").clauses[0].terms) == 1


# ---- 6. a month that is also a word is a start only with a year, or after a word saying from when


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("ab Mai 2027", "start:spring-2027"),
        ("from May 2027", "start:spring-2027"),
        ("Mai 2027", "start:spring-2027"),
        ("ab Mai", "season:spring"),
        ("from May", "season:spring"),
        ("desde mayo 2027", "start:spring-2027"),
        ("start in May", "season:spring"),
    ],
)
def test_a_word_month_with_a_year_or_after_from_is_a_start(text: str, start: str) -> None:
    assert values(text) == [[start]]


@pytest.mark.parametrize("text", ["Edmonton AB", "Calgary, AB"])
def test_a_code_spelled_like_a_start_word_stays_a_code(text: str) -> None:
    assert "left out 'AB'" not in said(text)
    assert [kind for _, kinds in term_kinds(parse(text)) for kind in kinds] == ["place"]


def test_a_place_named_with_a_month_after_from_stays_the_place() -> None:
    assert term_kinds(parse("from Mar del Plata")) == [(False, ["place"])]


@pytest.mark.parametrize("text", ["May", "may"])
def test_a_word_month_alone_is_a_word(text: str) -> None:
    assert term_kinds(parse(text)) == [(False, ["keyword"])]


# ---- 7. German "KI" is AI


@pytest.mark.parametrize("text", ["KI", "KI Engineer", "Künstliche Intelligenz"])
def test_ki_is_ai(text: str) -> None:
    flat = " ".join(value for clause in values(text) for value in clause)
    assert "country:KI" not in flat
    assert " ai " in f" {flat.replace('|', ' ').replace('~', ' ')} "


def test_ki_names_kiribati_one_field_away() -> None:
    assert "country:KI" in explain(parse("KI"))
    assert values("country:KI") == [["country:KI"]]


# ---- 8. words saying from when are left out, not keywords


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("stage à partir de septembre 2026", "start:fall-2026"),
        ("desde junio", "season:summer"),
        ("vanaf september", "season:fall"),
    ],
)
def test_start_from_words_are_left_out(text: str, start: str) -> None:
    query = parse(text)
    assert all(term.kind != "keyword" for clause in query.clauses for term in clause.terms)
    assert [start] in values(text)


# ---- 9. a range of durations is one phrase; a range of months any of its seasons


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("3-6 months", " 3 6 months "), ("3 à 6 mois", " 3 a 6 mois "), ("3 to 6 months", None)],
)
def test_a_duration_range_is_one_phrase(text: str, phrase: str | None) -> None:
    (clause,) = parse(text).clauses
    assert len(clause.terms) == 1
    assert phrase is None or clause.terms[0].value == phrase
    assert "how long a job lasts" in said(text)


@pytest.mark.parametrize(
    ("text", "seasons"),
    [
        ("June–August", ["season:summer"]),
        ("June-August", ["season:summer"]),
        ("June to September", ["season:summer", "season:fall"]),
        ("März bis Mai 2027", ["start:spring-2027"]),
        ("November-February", ["season:fall", "season:winter"]),
    ],
)
def test_a_month_range_is_any_of_its_seasons(text: str, seasons: list[str]) -> None:
    assert values(text) == [seasons]


# ---- 10. "ASAP" is said to be no filter, not searched


@pytest.mark.parametrize(
    "text", ["intern ASAP", "intern, start ASAP", "Praktikum ab sofort", "internship immediate joiners"]
)
def test_asap_is_left_out_with_a_note(text: str) -> None:
    query = parse(text)
    assert term_kinds(query) == [(False, ["employment"])]
    assert "how soon a job starts is no filter" in said(text)


def test_asap_alone_names_nothing_and_says_why() -> None:
    with pytest.raises(QueryError, match="how soon a job starts"):
        parse("ASAP")


def test_a_word_that_starts_a_job_is_kept() -> None:
    assert values("urgent care nurse")[0] == [" urgent "]


@pytest.mark.parametrize("text", ["mid-2026", "early 2026", "late 2026", "Anfang 2026", "fin 2026"])
def test_a_part_of_a_year_is_the_year_said(text: str) -> None:
    assert values(text) == [["year:2026"]]  # "mid" is no career level here
    assert "is not read" in explain(parse(text))


def test_a_firm_before_a_year_stays_a_word() -> None:
    assert values("Meta 2026") == [[" meta "], ["year:2026"]]


# ---- 11. short forms of places


@pytest.mark.parametrize(
    ("text", "city"),
    [("LDN", "London"), ("BCN", "Barcelona"), ("BLR", "Bangalore"), ("HYD", "Hyderabad"), ("ATX", "Austin")],
)
def test_a_place_short_form_is_the_city(text: str, city: str) -> None:
    assert values(text) == values(city)


# ---- 12. "no degree required" is said not to be understood, not read as asking for a degree


@pytest.mark.parametrize(
    "text",
    ["no degree required", "degree not required", "no degree needed", "degree optional", "PhD not required",
     "intern + no bachelor's required"],
)  # fmt: skip
def test_no_degree_required_cannot_be_told(text: str) -> None:
    with pytest.raises(QueryError, match="cannot tell from a posting: postings say which degrees"):
        parse(text)


@pytest.mark.parametrize("text", ["no degree", "without degree", "intern, no PhD"])
def test_excluding_a_degree_says_what_it_leaves_out(text: str) -> None:
    assert parse(text).clauses[-1].negated
    assert "whether a posting needs no degree cannot be told" in said(text)


def test_python_not_required_cannot_be_told() -> None:
    with pytest.raises(QueryError, match="cannot tell"):
        parse("Python not required")


# ---- 13. pay words are said not to be read


@pytest.mark.parametrize(
    "text", ["paid internship", "salary", "stipend", "unpaid intern", "1500€/month", "€20 per hour"]
)
def test_pay_words_get_a_note(text: str) -> None:
    assert "I do not read pay" in said(text)


def test_a_currency_sign_alone_says_pay_is_not_read() -> None:
    with pytest.raises(QueryError, match="I do not read pay"):
        parse("€")


# ---- 14. "fresher" is entry level; "first years", "final year" are a student's year


@pytest.mark.parametrize("text", ["fresher", "freshers"])
def test_fresher_is_entry_level(text: str) -> None:
    assert values(text) == [["level:entry"]]


@pytest.mark.parametrize(
    "text", ["first years", "final year", "final year students", "2nd year", "sophomore", "freshman"]
)
def test_a_year_of_study_is_one_phrase(text: str) -> None:
    assert term_kinds(parse(text)) == [(False, ["keyword"])]
    assert "year of study" in said(text)


# ---- 15. a postal code after a place is left out


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Paris 75008", "75008"),
        ("London EC1", "EC1"),
        ("London EC1A 1BB", "EC1A 1BB"),
        ("Zürich 8001", "8001"),
        ("Paris 8e", "8e"),
        ("Amsterdam 1012 AB", "1012 AB"),
    ],
)
def test_a_postal_code_after_a_place_is_left_out(text: str, code: str) -> None:
    assert term_kinds(parse(text)) == [(False, ["place"])]
    assert f"left out '{code}'" in said(text)


def test_a_language_level_after_a_place_is_kept() -> None:
    assert len(parse("Paris B2").clauses) == 2


def test_a_job_word_is_no_pay_word() -> None:
    assert term_kinds(parse("compensation analyst")) == [(False, ["job_title"])]


def test_a_year_after_a_place_stays_a_year() -> None:
    assert values("Paris 2026")[1] == ["year:2026"]


def test_a_number_alone_is_no_postal_code() -> None:
    assert term_kinds(parse("75008")) == [(False, ["keyword"])]


# ---- 16. lower-case words that are also towns are words


@pytest.mark.parametrize("text", ["man", "forest", "delta"])
def test_a_lower_case_word_town_is_a_word(text: str) -> None:
    (clause,) = parse(text).clauses
    assert clause.terms[0].kind == "keyword"
    assert "for the place" in explain(parse(text))


def test_a_capitalised_word_town_is_the_place() -> None:
    assert term_kinds(parse("Man")) == [(False, ["place"])]


# ---- the stored form is read again under the new version


def test_a_stored_form_of_the_last_version_is_parsed_again() -> None:
    old = {**to_stored(parse("ML")), "v": STORED_VERSION - 1}
    assert from_stored(old) is None
    assert from_stored(to_stored(parse("ML"))) == parse("ML")


def test_a_posting_with_a_place_short_form_is_found() -> None:
    posting = Posting(id="p1", title="Data Analyst", company="Acme", text="Office in London.")
    assert match_query(parse("data analyst + LDN"), posted(posting.title, posting.text))
