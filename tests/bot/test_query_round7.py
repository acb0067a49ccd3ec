"""Queries as people type them, round 7: firms listed side by side, short and academic years, company names.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.query import parse
from tests.bot.query_helpers import posted, term_kinds

FIRMS = ("Northwind", "Contoso", "Fabrikam", "Initech", "Globex")


# ---- companies written side by side are alternatives: no posting is from two companies


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Northwind Contoso Fabrikam", [(False, ["company", "company", "company"])]),
        ("Initech Globex internship", [(False, ["company", "company"]), (False, ["employment"])]),
        ("Paris Contoso Initech", [(False, ["place"]), (False, ["company", "company"])]),
    ],
)
def test_companies_side_by_side_are_any_of_them(text, kinds):
    query = parse(text, companies=FIRMS)
    assert term_kinds(query) == kinds
    assert any("side by side" in note and "any of these companies" in note for note in query.notes)


def test_companies_side_by_side_match_a_posting_from_one_of_them():
    query = parse("Northwind Contoso intern", companies=FIRMS)
    assert match_query(query, posted("Software Engineering Intern", company="Contoso"))
    assert not match_query(query, posted("Software Engineering Intern", company="Initech"))


@pytest.mark.parametrize("text", ["Northwind + Contoso", "Northwind intern Contoso"])
def test_companies_joined_by_and_are_said_to_match_nothing(text):
    query = parse(text, companies=FIRMS)
    assert sum(1 for clause in query.clauses if clause.terms[0].kind == "company") == 2
    assert any("one company" in note and "Northwind, Contoso" in note for note in query.notes)


def test_a_negated_company_is_not_joined_to_the_next():
    assert term_kinds(parse("-Northwind Contoso", companies=FIRMS)) == [
        (True, ["company"]),
        (False, ["company"]),
    ]


# ---- a two-digit year after a type or season word is the year; "2026/27" is either year


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("intern 26", {"year:2026"}),
        ("internship '26", {"year:2026"}),
        ("co-op 27", {"year:2027"}),
        ("summer 27", {"start:summer-2027"}),
        ("SWE intern 2026/27", {"year:2026", "year:2027"}),
        ("2026-27 internship", {"year:2026", "year:2027"}),
        ("graduate scheme 2026/2027", {"year:2026", "year:2027"}),
        ("summer 2026/2027", {"start:summer-2026", "start:summer-2027"}),
        ("summer 2026/27 intern", {"start:summer-2026", "start:summer-2027"}),
    ],
)
def test_short_and_academic_years_are_years(text, years):
    query = parse(text)
    starts = [clause for clause in query.clauses if clause.terms[0].kind == "start"]
    assert len(starts) == 1
    assert {term.value for term in starts[0].terms} == years
    assert not [
        t
        for c in query.clauses
        for t in c.terms
        if t.kind == "keyword" and any(ch.isdigit() for ch in t.text)
    ]


@pytest.mark.parametrize("text", ["intern 20 hours/week", "part time 25 h", "stage 24 semaines", "Python 3"])
def test_numbers_that_are_amounts_stay_words(text):
    assert not [t for c in parse(text).clauses for t in c.terms if t.kind == "start"]


# ---- a firm's name matches its listed names: legal forms and division words after it


@pytest.mark.parametrize(
    ("query", "company"),
    [
        ("Big 4", "Deloitte Consulting LLP"),
        ("Big 4 intern", "KPMG US"),
        ("FAANG", "Meta Platforms, Inc."),
        ("company:Northwind", "Northwind Technologies GmbH"),
        ("company:Contoso", "Contoso, Ltd."),
    ],
)
def test_a_firm_matches_its_listed_names(query, company):
    assert match_query(parse(query, companies=FIRMS), posted("Audit Intern", company=company))


@pytest.mark.parametrize(
    ("query", "company"),
    [
        ("FAANG", "Apple Bank"),  # a bank is no division word: another company
        ("company:Northwind", "Northwind Traders"),
        ("Big 4", "Deloittex Inc"),
        ("company:Global", "Global Services Inc"),  # a name of suffix words only keeps them
    ],
)
def test_other_companies_sharing_a_first_word_do_not_match(query, company):
    assert not match_query(parse(query, companies=FIRMS), posted("Audit Intern", company=company))


def test_a_bare_firm_name_is_the_company_listed_with_a_suffix():
    query = parse("Initech + Paris", companies=("Initech Consulting LLP",))
    assert [t.kind for c in query.clauses for t in c.terms] == ["company", "place"]
    assert match_query(query, posted("Analyst", text="Paris office.", company="Initech Consulting LLP"))


# ---- "Go" is the title word or 'golang'; 'golang' typed is also "Go" in a title


@pytest.mark.parametrize("text", ["golang", "Golang developer", "golang, rust"])
def test_golang_typed_also_finds_go_in_the_title(text):
    query = parse(text)
    assert match_query(query, posted("Go Developer (Backend)", text="We build APIs."))
    assert match_query(query, posted("Developer", text="Services in golang."))
    assert not match_query(query, posted("Java Developer", text="Let's go build things."))


def test_go_beside_a_slash_is_the_language_or_the_other():
    query = parse("Go/Rust backend")
    assert match_query(query, posted("Backend Engineer, Rust"))
    assert match_query(query, posted("Go Backend Developer"))
    assert not match_query(query, posted("Backend Engineer", text="Let's go build things in Java."))


def test_golang_as_a_field_is_the_word_only():
    assert [t.kind for c in parse("keyword:golang").clauses for t in c.terms] == ["keyword"]


# ---- well-known firms listed side by side are companies even before the store knows them


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("PwC Deloitte KPMG", {"PwC", "Deloitte", "KPMG"}),
        ("Google Meta Apple internship", {"Google", "Meta", "Apple"}),
        ("EY KPMG audit", {"EY", "KPMG"}),
    ],
)
def test_listed_firms_are_any_of_them(text, names):
    query = parse(text)
    assert {t.label for t in query.clauses[0].terms} == names
    assert all(t.kind == "company" for t in query.clauses[0].terms)
    assert match_query(query, posted("Audit Intern", company="KPMG LLP" if "KPMG" in names else "Meta"))


@pytest.mark.parametrize("text", ["Amazon intern", "apple pie"])
def test_a_firm_name_alone_stays_a_word(text):
    assert all(t.kind != "company" for c in parse(text).clauses for t in c.terms)


@pytest.mark.parametrize(("text", "years"), [("SWE intern 26/27", {"year:2026", "year:2027"})])
def test_a_short_academic_year_after_a_type_word_is_either_year(text, years):
    assert any({t.value for t in c.terms} == years for c in parse(text).clauses)


def test_a_short_range_that_is_no_academic_year_stays_a_word():
    assert not [t for c in parse("intern 24/7").clauses for t in c.terms if t.kind == "start"]


# ---- a season and a year apart in one run are one start


@pytest.mark.parametrize(
    ("text", "value"),
    [("fall internship 2026 software", "start:fall-2026"), ("summer intern 2027", "start:summer-2027")],
)
def test_a_season_and_a_year_apart_are_one_start(text, value):
    starts = [t for c in parse(text).clauses for t in c.terms if t.kind == "start"]
    assert [t.value for t in starts] == [value]


def test_a_negated_season_keeps_its_own_clause():
    assert [c.negated for c in parse("-summer intern 2026").clauses] == [True, False, False]


# ---- "anywhere in" a place is where the job may be, not remote work


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("internship anywhere in europe", ["employment", "place"]),
        ("data jobs anywhere in Germany", ["keyword", "place"]),
        ("remote anywhere in the US", ["workplace", "place"]),
        ("anywhere", ["workplace"]),
    ],
)
def test_anywhere_in_a_place_is_the_place(text, kinds):
    assert [t.kind for c in parse(text).clauses for t in c.terms] == kinds


# ---- a job noun's short form is also the noun written whole


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("frontend dev", "Frontend Developer"),
        ("data engr intern", "Data Engineering Intern"),
        ("ops mgr", "Ops Manager"),
    ],
)
def test_a_job_nouns_short_form_finds_the_noun(text, title):
    assert match_query(parse(text), posted(title))


def test_a_short_form_in_a_field_is_the_word_only():
    assert not match_query(parse("keyword:dev"), posted("Frontend Developer"))


# ---- years listed without "or" are either year; "new grad 26" is the year


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("intern 2026 2027", {"year:2026", "year:2027"}),
        ("summer 2026 - 2027", {"start:summer-2026", "start:summer-2027"}),
        ("new grad 26", {"year:2026"}),
    ],
)
def test_years_listed_are_either_year(text, years):
    starts = [c for c in parse(text).clauses if c.terms[0].kind == "start"]
    assert len(starts) == 1
    assert {t.value for t in starts[0].terms} == years


def test_a_number_after_a_senior_level_stays_a_word():
    assert not [t for c in parse("senior 30").clauses for t in c.terms if t.kind == "start"]


@pytest.mark.parametrize("text", ["internship 2026 summer or fall", "summer 2026, fall"])
def test_a_season_listed_after_a_dated_season_shares_its_year(text):
    starts = [c for c in parse(text).clauses if c.terms[0].kind == "start"]
    assert {t.value for t in starts[0].terms} == {"start:summer-2026", "start:fall-2026"}
