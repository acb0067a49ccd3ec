"""Fourth round of queries as people type them: ISO codes, degrees, seasons, names that start with a place.

The real vocabulary is used where the failures come from real collisions (the gazetteer's names in other
languages, ISO tables); matching is checked through postings and the subscription index.
"""

from __future__ import annotations

import pytest

from bot.matching import match_query
from bot.models import Facets, Location, Posting
from bot.query import Query, QueryError, explain, parse


def shape(query: Query) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [term values])."""
    return [(clause.negated, [term.value for term in clause.terms]) for clause in query.clauses]


def only_term(text: str):
    (clause,) = parse(text).clauses
    (term,) = clause.terms
    return term


def posting(title: str = "Engineer", text: str = "", *, country: str = "US", **facets) -> Posting:
    return Posting(
        id=title,
        title=title,
        company="Acme",
        text=text,
        facets=Facets(locations=(Location(country=country),), **facets),
    )


def matches(query: str, post: Posting) -> bool:
    return match_query(parse(query), post) is not None


# ---- ISO codes


@pytest.mark.parametrize(
    ("text", "key"),
    [("country:BI", "country:BI"), ("country:bi", "country:BI"), ("country:UK", "country:GB"),
     ("country:XK", "country:XK"), ("country:FR", "country:FR")],
)  # fmt: skip
def test_a_country_field_means_exactly_its_iso_code(text, key):
    assert only_term(text).value == key


def test_burundi_by_its_code_matches_a_posting_in_burundi_not_one_in_belgium():
    assert matches("country:BI", posting(country="BI"))
    assert not matches("country:BI", posting(country="BE"))


def test_a_country_field_that_is_no_code_is_refused():
    with pytest.raises(QueryError, match="not an ISO country code"):
        parse("country:ZZ")


@pytest.mark.parametrize(
    "word", ["CAD", "cad", "sec", "Ira", "tai", "T'ai", "sip", "Bi", "oma", "fas", "nga"]
)
def test_a_short_country_name_of_another_language_is_a_word(word):
    term = only_term(word)
    assert term.kind == "keyword", term


@pytest.mark.parametrize(
    ("word", "key"), [("USA", "country:US"), ("Laos", "country:LA"), ("中国", "country:CN")]
)
def test_country_names_people_type_are_still_countries(word, key):
    assert only_term(word).value == key


@pytest.mark.parametrize(
    ("text", "code"),
    [("lang:iw", "he"), ("lang:he", "he"), ("lang:fra", "fr"), ("lang:fre", "fr"), ("lang:deu", "de"),
     ("lang:ger", "de"), ("lang:pt-BR", "pt"), ("lang:pt_BR", "pt"), ("lang:zh-Hant", "zh"),
     ("lang:jpn", "ja")],
)  # fmt: skip
def test_language_fields_take_iso_639_codes_and_tags(text, code):
    assert only_term(text).value == f"lang:{code}"


def test_a_required_language_field_takes_a_tag_too():
    assert only_term("lang!:pt-BR").value == "lang!:pt"


def test_a_language_tag_with_a_region_says_the_variety_is_not_told_apart():
    assert "'pt-BR' taken as Portuguese" in explain(parse("lang:pt-BR"))


@pytest.mark.parametrize("word", ["spa", "eng", "fra", "deu"])
def test_a_three_letter_code_alone_is_a_word(word):
    assert only_term(word).kind == "keyword"


def test_a_language_field_that_names_none_is_refused():
    with pytest.raises(QueryError, match="not a language I know"):
        parse("lang:xyz")
