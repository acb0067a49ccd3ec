"""The query language: operators, fields, quotes, multi-word names, clear errors, explanations."""

from __future__ import annotations

import pytest

from bot.query import MAX_QUERY_CHARS, MAX_TERMS, Query, QueryError, explain, parse
from tests.fakes.vocabulary import FakeVocabulary

VOCAB = FakeVocabulary()
COMPANIES = ("TikTok", "Jane Street")


def q(text: str) -> Query:
    return parse(text, VOCAB, COMPANIES)


def shape(query: Query) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [term values])."""
    return [(clause.negated, [term.value for term in clause.terms]) for clause in query.clauses]


# ---- operators


def test_plus_and_word_and_space_all_join_terms():
    want = [(False, ["city:2988507"]), (False, ["lang:fr"])]
    assert shape(q("Paris + French")) == want
    assert shape(q("Paris and French")) == want
    assert shape(q("Paris French")) == want
    assert shape(q("Paris AND French")) == want


def test_alternatives_bind_tighter_than_and():
    query = q("Madrid, Barcelona + Spanish + intern")
    assert shape(query) == [
        (False, ["city:3117735", "city:3128760"]),
        (False, ["lang:es"]),
        (False, ["type:intern"]),
    ]
    assert shape(q("Madrid | Barcelona Spanish")) == shape(q("Madrid or Barcelona + Spanish"))


def test_minus_and_not_exclude():
    assert shape(q("country:FR lang:fr -sales")) == [
        (False, ["country:FR"]),
        (False, ["lang:fr"]),
        (True, [" sales "]),
    ]
    assert shape(q("Paris not sales")) == [(False, ["city:2988507"]), (True, [" sales "])]


def test_negation_before_alternatives_excludes_all_of_them():
    assert shape(q("-sales, marketing + Paris")) == [
        (True, [" sales ", " marketing "]),
        (False, ["city:2988507"]),
    ]


def test_hyphenated_words_are_not_negations():
    query = q("on-site full-time")
    assert shape(query) == [(False, ["wp:onsite"]), (False, ["type:full_time"])]


# ---- typing bare words


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Paris", "place", "city:2988507"),
        ("France", "place", "country:FR"),
        ("Bavaria", "place", "region:DE-02"),
        ("Europe", "place", "area:europe"),
        ("EMEA", "place", "area:emea"),
        ("Milano", "place", "city:3173435"),
        ("French", "language", "lang:fr"),
        ("français", "language", "lang:fr"),
        ("intern", "employment", "type:intern"),
        ("Praktikum", "employment", "type:intern"),
        ("stage", "employment", "type:intern"),
        ("remote", "workplace", "wp:remote"),
        ("hybrid", "workplace", "wp:hybrid"),
        ("onsite", "workplace", "wp:onsite"),
        ("TikTok", "company", "co:tiktok"),
        ("tiktok", "company", "co:tiktok"),
        ("2026", "start", "year:2026"),
        ("summer", "start", "season:summer"),
        ("sales", "keyword", " sales "),
    ],
)
def test_a_bare_word_is_typed_by_what_it_names(text, kind, value):
    (clause,) = q(text).clauses
    (term,) = clause.terms
    assert (term.kind, term.value) == (kind, value)
    assert term.text == text


def test_two_letter_words_are_not_languages_unless_asked():
    (clause,) = q("de").clauses
    assert clause.terms[0].kind == "keyword"
    assert q("lang:de").clauses[0].terms[0].value == "lang:de"


def test_multiword_names_join_greedily_without_quotes():
    assert shape(q("New York + French")) == [(False, ["city:5128581"]), (False, ["lang:fr"])]
    assert shape(q("summer 2026 intern")) == [(False, ["start:summer-2026"]), (False, ["type:intern"])]
    assert shape(q("Jane Street")) == [(False, ["co:janestreet"])]
    assert shape(q("new grad Berlin")) == [(False, ["level:entry"]), (False, ["city:2950159"])]


def test_unknown_words_stay_separate_keywords():
    assert shape(q("distributed systems Paris")) == [
        (False, [" distributed "]),
        (False, [" systems "]),
        (False, ["city:2988507"]),
    ]


def test_quotes_make_one_phrase_typed_as_a_whole():
    assert shape(q('"machine learning" + Paris')) == [
        (False, [" machine learning "]),
        (False, ["city:2988507"]),
    ]
    assert shape(q('"new grad"')) == [(False, ["level:entry"])]
    assert shape(q("“New York”")) == [(False, ["city:5128581"])]


def test_keywords_fold_case_and_accents():
    assert q("Équipe").clauses[0].terms[0].value == " equipe "


# ---- fields


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("city:Paris", "city:2988507"),
        ('city:"New York"', "city:5128581"),
        ("country:FR", "country:FR"),
        ("country:fr", "country:FR"),
        ("country:France", "country:FR"),
        ("region:Bavaria", "region:DE-02"),
        ("region:EMEA", "area:emea"),
        ("lang:fr", "lang:fr"),
        ("lang:French", "lang:fr"),
        ("lang!:fr", "lang!:fr"),
        ("required:French", "lang!:fr"),
        ("type:intern", "type:intern"),
        ("type:full_time", "type:full_time"),
        ("type:part-time", "type:part_time"),
        ("workplace:remote", "wp:remote"),
        ("company:Acme", "co:acme"),
        ('company:"Jane Street"', "co:janestreet"),
        ("team:Growth", " growth "),
        ("title:engineer", " engineer "),
        ("start:2026", "year:2026"),
        ('start:"summer 2026"', "start:summer-2026"),
        ("keyword:Paris", " paris "),
    ],
)
def test_fields_force_a_meaning(text, value):
    (clause,) = q(text).clauses
    assert clause.terms[0].value == value


def test_field_names_are_case_insensitive():
    assert shape(q("City:Paris LANG:fr")) == shape(q("city:Paris lang:fr"))


# ---- errors


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", ["empty"]),
        ("   ", ["empty"]),
        ("Paris +", ["'+'", "character 7", "no term after"]),
        ("+ Paris", ["'+'", "character 1", "no term before"]),
        (", Paris", ["','", "no term before"]),
        ("Paris,, London", ["empty alternative", "character 6", "character 7"]),
        ("Paris + , London", ["','", "follows '+'"]),
        ("Paris or", ["'or'", "no term after"]),
        ("-", ["'-'", "directly followed"]),
        ("Paris - -sales", ["'-'", "character 7", "directly followed"]),
        ("Paris + not", ["'not'", "no term after it to exclude"]),
        ("not not Paris", ["repeats a negation"]),
        ("Paris, -London", ["negates one alternative only"]),
        ('"new grad', ["quote", "character 1", "never closed"]),
        ('Paris ""', ["quotes", "empty"]),
        ("(Paris + French), Lyon", ["parentheses", "character 1", "alternatives already bind tighter"]),
        ("remote (US", ["parenthesis", "never closed"]),
        ("foo:bar", ["unknown field 'foo:'", "city:"]),
        ("city:", ["'city:'", "needs a value"]),
        ("country:XX", ["'XX'", "country"]),
        ("city:Atlantis", ["'Atlantis'", "not a city"]),
        ("city:France", ["not a city"]),
        ("lang:klingon", ["'klingon'", "not a language"]),
        ("type:boss", ["'boss'", "employment type", "intern"]),
        ("workplace:moon", ["'moon'", "remote, hybrid or onsite"]),
        ("start:someday", ["'someday'", "year or season"]),
        ("company:!!", ["no letters or digits"]),
        ("x" * (MAX_QUERY_CHARS + 1), [f"limit is {MAX_QUERY_CHARS}"]),
        (" + ".join(f"skill{n}" for n in range(MAX_TERMS + 1)), [f"limit is {MAX_TERMS}"]),
    ],
)
def test_bad_queries_say_what_and_where(text, words):
    with pytest.raises(QueryError) as caught:
        q(text)
    message = str(caught.value)
    for word in words:
        assert word in message, message


def test_an_error_is_a_value_error_for_callers_that_catch_broadly():
    with pytest.raises(ValueError, match="unknown field"):
        q("colour:blue")


# ---- explain


def test_explain_reads_like_the_brief():
    assert (
        explain(q("country:FR lang:fr")) == "location France (FR) AND language French (required or preferred)"
    )


def test_explain_names_alternatives_negations_and_keywords():
    assert explain(q("Madrid, Barcelona + Spanish + intern -sales")) == (
        "(location Madrid (ES) OR location Barcelona (ES)) AND language Spanish (required or preferred) "
        "AND type internship AND NOT keyword 'sales' in title or text"
    )


def test_explain_names_the_other_meanings_of_an_ambiguous_place():
    text = explain(q("Paris + French"))
    assert text.startswith("location Paris (FR) AND language French (required or preferred)")
    assert "'Paris' taken as Paris (FR) (also: Paris (Texas, US))" in text


def test_explain_says_required_only_languages_and_other_kinds():
    assert explain(q("lang!:de")) == "language German (required)"
    assert (
        explain(q("remote TikTok summer 2026"))
        == "workplace remote AND company TikTok AND starting summer 2026"
    )
    assert explain(q("title:engineer team:growth")) == "'engineer' in title AND 'growth' in team"


def test_same_text_parses_to_equal_queries():
    assert q("Paris + French") == q("Paris + French")
    assert hash(q("Paris + French")) == hash(q("Paris + French"))


def test_lowercase_common_words_stay_keywords_and_name_the_place():
    term = q("mobile + Paris").clauses[0].terms[0]
    assert (term.kind, term.value) == ("keyword", " mobile ")
    assert "'mobile' taken as a keyword (also: Mobile (US): write Mobile for the place)" in explain(
        q("mobile")
    )
    assert q("Mobile").clauses[0].terms[0].value == "city:4076598"
    assert q("city:mobile").clauses[0].terms[0].value == "city:4076598"


def test_a_word_naming_a_place_and_loosely_a_language_is_the_place():
    term = q("Georgia").clauses[0].terms[0]
    assert (term.kind, term.value) == ("place", "country:GE")
    assert "the Georgian language" in term.also
    assert q("Georgian").clauses[0].terms[0].value == "lang:ka"


# ---- with the real vocabulary (gazetteer and extraction tables)


def test_real_vocabulary_reads_places_languages_and_types():
    query = parse("Milano, München + Deutsch + Praktikum")
    assert [term.kind for clause in query.clauses for term in clause.terms] == [
        "place",
        "place",
        "language",
        "employment",
    ]
    assert query.clauses[1].terms[0].value == "lang:de"
    assert query.clauses[2].terms[0].value == "type:intern"
    assert (
        explain(parse("country:FR lang:fr"))
        == "location France (FR) AND language French (required or preferred)"
    )


def test_real_vocabulary_paris_is_ambiguous_and_says_so():
    query = parse("Paris + French")
    paris = query.clauses[0].terms[0]
    assert paris.value == "city:2988507"  # GeoNames id of Paris, France
    assert paris.also
    assert explain(query).startswith(
        "location Paris (FR) AND language French (required or preferred); 'Paris'"
    )


def test_real_vocabulary_areas_seasons_and_codes():
    assert parse("Europe").clauses[0].terms[0].value == "area:europe"
    assert parse("summer 2026").clauses[0].terms[0].value == "start:summer-2026"
    assert parse("country:UK").clauses[0].terms[0].value == "country:GB"
    with pytest.raises(QueryError, match="'QQ' in country:"):
        parse("country:QQ")
