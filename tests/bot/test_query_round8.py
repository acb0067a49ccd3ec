"""Queries as people type them, round 8: other languages' workplace and type words, links, phrases.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import pytest

from bot.extract import extract_posting
from bot.matching import match_query
from bot.models import Posting
from bot.query import Query, parse


def terms(query: Query) -> list[tuple[bool, str, str]]:
    """(negated, kind, value) of every term, the value without its kind's prefix or padding."""
    return [
        (clause.negated, term.kind, term.value.split(":")[-1].strip())
        for clause in query.clauses
        for term in clause.terms
    ]


def posting(title: str, text: str = "Join our team.") -> Posting:
    return extract_posting(Posting(id=title, title=title, company="Acme", text=text))


# ---- other languages' words for remote and hybrid work are the workplace, not keywords


@pytest.mark.parametrize(
    ("text", "workplace"),
    [
        ("vaga remota desenvolvedor", "remote"),
        ("praca zdalna programista", "remote"),
        ("programista zdalnie", "remote"),
        ("thuiswerken ontwikkelaar", "remote"),
        ("ontwikkelaar op afstand", "remote"),
        ("mobiles Arbeiten Entwickler", "remote"),
        ("desarrolladora híbrida Madrid", "hybrid"),
        ("sviluppatore ibrida", "hybrid"),
        ("praca hybrydowa Kraków", "hybrid"),
    ],
)
def test_other_languages_workplace_words_are_the_workplace(text, workplace):
    query = parse(text)
    assert (False, "workplace", workplace) in terms(query)
    assert not any(value in ("remota", "zdalna", "thuiswerken", "hibrida") for _, _, value in terms(query))


# ---- other languages' part- and full-time words are the type


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("medio tiempo Barcelona", "part_time"),
        ("meio período São Paulo", "part_time"),
        ("tempo parcial", "part_time"),
        ("deeltijd Utrecht", "part_time"),
        ("pół etatu Warszawa", "part_time"),
        ("tempo integral", "full_time"),
        ("voltijd", "full_time"),
        ("pełny etat", "full_time"),
    ],
)
def test_other_languages_time_words_are_the_type(text, kind):
    query = parse(text)
    assert (False, "employment", kind) in terms(query)
    assert not any(term_kind == "keyword" for _, term_kind, _ in terms(query))


# ---- other languages' words for a job are left out, as "jobs" is, and said


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("trabajo remoto ingeniero de datos", "trabajo"),
        ("lavoro da remoto", "lavoro"),
        ("Stellen Berlin Python", "Stellen"),
        ("vacatures Amsterdam", "vacatures"),
        ("offres emploi Lyon", "offres"),
    ],
)
def test_other_languages_job_words_are_left_out(text, word):
    query = parse(text)
    assert all(value != word.lower() for _, _, value in terms(query))
    assert any("left out" in note and word in note for note in query.notes)


def test_a_job_word_does_not_stop_the_posting_matching():
    query = parse("trabajo remoto python")
    assert match_query(query, posting("Python Developer (Remote)", "Fully remote. Python."))


# ---- "4-day work week" is one phrase searched, said to be unread


@pytest.mark.parametrize("text", ["4-day work week", "four day working week", "3 days per work week"])
def test_a_working_week_is_one_phrase(text):
    query = parse(text)
    assert [kind for _, kind, _ in terms(query)] == ["keyword"]
    assert any("working week" in note for note in query.notes)


# ---- "early stage" is a company's age, not the French internship


@pytest.mark.parametrize("text", ["early stage startup engineer", "seed stage fintech", "growth stage"])
def test_a_stage_of_a_company_is_no_internship(text):
    query = parse(text)
    assert all(kind != "employment" for _, kind, _ in terms(query))
    assert any(value.endswith(" stage") for _, _, value in terms(query))


def test_stage_alone_is_still_an_internship():
    assert (False, "employment", "intern") in terms(parse("stage Paris"))


# ---- a pasted link is left out and said, never an unknown field


@pytest.mark.parametrize(
    "link",
    [
        "https://boards.greenhouse.io/acme/jobs/123",
        "http://jobs.lever.co/acme?team=a+b,c",
        "<https://acme.com/careers|acme.com>",
        "www.acme.com/careers",
    ],
)
def test_a_pasted_link_is_left_out(link):
    query = parse(f"python remote {link}")
    assert [kind for _, kind, _ in terms(query)] == ["keyword", "workplace"]
    assert any("left out" in note and link in note for note in query.notes)


def test_a_field_is_still_a_field_beside_a_link():
    query = parse("https://acme.com city:Paris")
    assert [kind for _, kind, _ in terms(query)] == ["place"]


# ---- a hashtag is its word: "#SWE" is the title as "SWE" is, not Sweden; "#NewGrad" is the level


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("#NewGrad #SWE", ["level", "keyword", "job_title"]),
        ("#SWE intern", ["keyword", "job_title", "employment"]),
        ("#remote #python", ["workplace", "keyword"]),
    ],
)
def test_a_hashtag_is_read_as_its_word(text, kinds):
    query = parse(text)
    assert [kind for _, kind, _ in terms(query)] == kinds
    assert all(kind != "place" for _, kind, _ in terms(query))


def test_a_hash_closing_a_name_stays_part_of_it():
    assert (False, "keyword", "c#") in terms(parse("C# developer"))


def test_hiring_as_a_tag_is_left_out():
    query = parse("#hiring #python")
    assert [kind for _, kind, _ in terms(query)] == ["keyword"]
    assert any("left out" in note and "hiring" in note for note in query.notes)


# ---- more ways of writing remote work, and Polish interns


@pytest.mark.parametrize("text", ["100% remoto", "full remote", "a distancia", "fully distributed"])
def test_more_remote_phrasings_are_remote(text):
    assert terms(parse(text)) == [(False, "workplace", "remote")]


def test_a_polish_intern_word_is_the_internship():
    assert (False, "employment", "intern") in terms(parse("praktykant Wrocław"))


# ---- a named word written on both sides of an "or" is read once, for either alternative


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("US remote or Canada remote", [["place", "place"], ["workplace"]]),
        ("remote US or remote Canada", [["workplace"], ["place", "place"]]),
        ("Berlin hybrid or Munich hybrid", [["place", "place"], ["workplace"]]),
    ],
)
def test_a_word_repeated_around_or_is_shared(text, kinds):
    query = parse(text)
    assert [[term.kind for term in clause.terms] for clause in query.clauses] == kinds
    assert any("both sides" in note for note in query.notes)


def test_a_shared_word_matches_either_alternative():
    query = parse("US remote or Canada remote")
    assert match_query(query, posting("Support Engineer (Remote, Canada)", "Remote within Canada."))
    assert not match_query(query, posting("Support Engineer", "On-site in Toronto, Canada."))


def test_a_job_titles_repeated_word_is_not_shared():
    query = parse("data engineer or data scientist")
    assert [term.kind for term in query.clauses[0].terms] == ["job_title", "job_title"]
    assert not any("both sides" in note for note in query.notes)


# ---- a Swiss workload ("80-100%") is searched as written, and said to be unread


@pytest.mark.parametrize(
    "text", ["Data Scientist, Zürich, 80-100%", "Software Engineer 60-80% Bern", "Pensum 80%"]
)
def test_a_workload_is_said_to_be_unread(text):
    assert any("workload" in note for note in parse(text).notes)


def test_fully_remote_in_percent_stays_remote():
    assert terms(parse("100% remote")) == [(False, "workplace", "remote")]


# ---- a time zone written with "±" is said to be unread, as "UTC+1" is


@pytest.mark.parametrize("text", ["remote (UTC±2)", "CET ±2h"])
def test_a_time_zone_with_plus_minus_is_said(text):
    assert any("time zones" in note for note in parse(text).notes)
