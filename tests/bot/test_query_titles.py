"""Job titles typed as words: "software engineer" is one title, matched together or in the title.

Read with the real vocabulary (the words around a title are places, levels and languages from it); matched
through postings, the subscription index and the stored form.
"""

from __future__ import annotations

import json

import pytest

from bot.matching import SubscriptionIndex, index_keys, match_query
from bot.models import Facets, Location, Posting
from bot.query import Query, explain, parse, to_dict
from bot.query.stored import from_stored, to_stored


def kinds(query: Query) -> list[list[str]]:
    return [[term.kind for term in clause.terms] for clause in query.clauses]


def titles(query: Query) -> list[str]:
    return [term.label for clause in query.clauses for term in clause.terms if term.kind == "job_title"]


def posting(title: str, text: str = "", name: str = "") -> Posting:
    return Posting(
        id=name or title,
        title=title,
        company="Acme",
        text=text,
        facets=Facets(locations=(Location(country="US"),)),
    )


def matches(query: str, post: Posting) -> bool:
    return match_query(parse(query), post) is not None


# ---- reading


@pytest.mark.parametrize(
    ("text", "label"),
    [("software engineer", "software engineer"), ("product manager", "product manager"),
     ("Data Scientist", "data scientist"), ("account executive", "account executive"),
     ("machine learning engineer", "machine learning engineer"), ("ML engineer", "ml engineer"),
     ("QA engineer", "qa engineer"), ("data platform engineer", "data platform engineer"),
     ("frontend/backend engineer", "frontend/backend engineer"), ("software engineers", "software engineers"),
     ("UX designer", "ux designer")],
)  # fmt: skip
def test_plain_words_ending_in_a_job_noun_are_one_title(text, label):
    query = parse(text)
    assert kinds(query) == [["job_title"]]
    assert titles(query) == [label]


def test_the_explanation_says_how_a_title_is_matched():
    assert explain(parse("software engineer")) == (
        "title words 'software engineer': together in the title or text, or each in the title"
    )
    assert to_dict(parse("software engineer"))["clauses"][0]["terms"][0]["kind"] == "job_title"


@pytest.mark.parametrize(
    ("text", "want"),
    [("senior software engineer", [["level"], ["job_title"]]),
     ("software engineer Paris", [["job_title"], ["place"]]),
     ("account executive German", [["job_title"], ["language"]]),
     ("software engineer intern", [["job_title"], ["employment"]]),
     ("remote data scientist", [["workplace"], ["job_title"]]),
     ("new grad software engineer 2026", [["level"], ["job_title"], ["start"]])],
)  # fmt: skip
def test_what_names_something_else_keeps_its_meaning_around_a_title(text, want):
    assert kinds(parse(text)) == want


def test_a_known_company_before_a_title_stays_the_company():
    query = parse("Stripe software engineer", companies=["Stripe"])
    assert kinds(query) == [["company"], ["job_title"]]


def test_an_unknown_name_before_a_title_is_a_keyword_of_its_own_and_noted():
    query = parse("McKinsey business analyst")
    assert kinds(query) == [["keyword"], ["job_title"]]
    assert titles(query) == ["business analyst"]
    assert "'McKinsey' read as a keyword of its own" in explain(query)


@pytest.mark.parametrize("text", ["Python developer", "React engineer", "C++ developer", "CI/CD engineer"])
def test_a_technology_before_a_job_noun_stays_a_keyword(text):
    assert kinds(parse(text)) == [["keyword"], ["keyword"]]


def test_a_word_that_rarely_starts_a_title_stays_apart_when_three_words_run():
    query = parse("fintech software engineer")
    assert kinds(query) == [["keyword"], ["job_title"]]
    assert titles(query) == ["software engineer"]


@pytest.mark.parametrize("text", ["engineer", "software", "developer spring", "sales"])
def test_a_lone_word_is_a_keyword_as_before(text):
    assert {kind for clause in kinds(parse(text)) for kind in clause} == {"keyword"}


def test_a_field_of_work_alone_is_a_phrase():
    (clause,) = parse("machine learning").clauses
    # the phrase, and its short form (round 10: "ML" and "machine learning" are searched alike)
    assert [t.value for t in clause.terms] == [" machine learning ", " ml "]
    assert {t.kind for t in clause.terms} == {"keyword"}


def test_negation_keeps_its_reading():
    assert kinds(parse("-sales engineer")) == [["keyword"], ["keyword"]]
    assert parse("-sales engineer").clauses[0].negated
    assert [t.value for t in parse("not sales engineer").clauses[0].terms] == [" sales engineer "]


def test_alternatives_between_titles_are_titles():
    query = parse("Data Analyst or Business Analyst")
    assert kinds(query) == [["job_title", "job_title"]]
    assert not any("joins only" in note for note in query.notes)
    assert kinds(parse("data scientist, analyst")) == [["job_title", "keyword"]]


@pytest.mark.parametrize(
    ("text", "label"),
    [("ingeniero de software", "ingeniero de software"), ("ingénieur logiciel", "ingenieur logiciel"),
     ("chef de projet", "chef de projet"), ("développeur web", "developpeur web"),
     ("ingegnere del software", "ingegnere del software"), ("analista de datos", "analista de datos")],
)  # fmt: skip
def test_a_noun_first_title_in_another_language_is_one_title(text, label):
    query = parse(text)
    assert kinds(query) == [["job_title"]]
    assert titles(query) == [label]
    assert "left out" not in explain(query)


@pytest.mark.parametrize("text", ["chef cuisine", "ingeniero Madrid"])
def test_a_noun_first_without_a_field_after_it_stays_as_it_was(text):
    assert "job_title" not in {kind for clause in kinds(parse(text)) for kind in clause}


# ---- matching


def test_a_title_matches_its_words_together_in_the_text_or_each_in_the_title():
    assert matches("software engineer", posting("Software Engineer"))
    assert matches("software engineer", posting("Engineer, Software (Backend)"))
    assert matches("software engineer", posting("Platform Team", "As a software engineer you will..."))
    assert matches("software engineer", posting("Software Engineers"))
    # in the text a plural names colleagues: "work with product managers" is no product manager job
    assert not matches("product manager", posting("Frontend Engineer", "Work with product managers."))
    assert matches("software engineer", posting("Staff Software-Engineer"))
    assert not matches("software engineer", posting("Account Executive", "Sell our software to engineers."))
    assert not matches("software engineer", posting("Sales Engineer", "Our software is great."))


def test_short_forms_and_joined_spellings_match_their_words():
    assert matches("ML engineer", posting("Machine Learning Engineer"))
    assert matches("ML engineer", posting("Engineer, ML Platform"))
    assert matches("machine learning engineer", posting("ML Engineer"))
    assert matches("frontend engineer", posting("Front-End Engineer"))
    assert matches("frontend/backend engineer", posting("Senior Backend Engineer"))
    assert not matches("frontend/backend engineer", posting("Data Engineer"))


def test_a_noun_first_title_matches_with_or_without_its_small_word_in_the_title():
    assert matches("ingeniero de software", posting("Ingeniero de Software Senior"))
    assert matches("ingeniero de software", posting("Software - Ingeniero"))
    assert matches("ingeniero de software", posting("Backend", "Buscamos un ingeniero de software."))
    assert not matches("ingeniero de software", posting("Ingeniero de Datos", "Software libre."))
    assert matches("chef de projet", posting("Chefs de projet digital"))
    assert "each but 'de' in the title" in explain(parse("ingeniero de software"))


def test_a_field_of_work_matches_only_its_words_together():
    assert matches("machine learning", posting("Researcher", "Applied machine learning at scale."))
    assert not matches("machine learning", posting("Operator", "Run the machine, keep learning on the job."))


def test_a_title_reason_quotes_the_title_or_the_text():
    (reason,) = match_query(parse("software engineer"), posting("Engineer, Software"))
    assert (reason.facet, reason.basis, reason.evidence) == ("title", "title", "Engineer, Software")
    builders = posting("Builders", "join us as a software engineer today")
    (reason,) = match_query(parse("software engineer"), builders)
    assert reason.basis == "body" and "software engineer" in reason.evidence


# ---- index and stored form


def test_the_index_files_a_title_under_its_most_telling_word_and_misses_no_match():
    assert index_keys(parse("software engineer")) == (" software",)
    assert set(index_keys(parse("data scientist"))) == {" scientist", " scientists"}
    assert set(index_keys(parse("ML engineer"))) == {" ml", " machine"}
    index = SubscriptionIndex()
    queries = ["software engineer", "data scientist", "ML engineer", "frontend/backend engineer"]
    for number, text in enumerate(queries):
        index.add(number, parse(text))
    posts = [
        posting("Software Engineer"), posting("Scientists wanted", "We hire data scientists."),
        posting("Machine Learning Engineer"), posting("Back End Engineer"), posting("Sales", "our software"),
    ]  # fmt: skip
    for post in posts:
        assert sorted(sub for sub, _ in index.match(post)) == sorted(sub for sub, _ in index.scan(post))
    assert [sub for sub, _ in index.match(posts[2])] == [2]


@pytest.mark.parametrize(
    "text", ["senior software engineer Paris", "ML engineer", "UX designer", "chef de projet"]
)
def test_a_stored_title_reads_back_equal(text):
    query = parse(text)
    assert from_stored(json.loads(json.dumps(to_stored(query)))) == query
