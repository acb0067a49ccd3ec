"""Queries as people type them: each reads as meant, or the reading says plainly what it could not know.

Most cases use the real vocabulary (the gazetteer and extraction's tables), since the failures they guard
against come from real collisions: country codes, namesakes, aliases.
"""

from __future__ import annotations

import pytest

from bot.query import Query, QueryError, corrected, explain, parse, pinned, to_dict
from bot.query.stored import from_stored, to_stored
from tests.fakes.vocabulary import FakeVocabulary

VOCAB = FakeVocabulary()


def shape(query: Query) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [term values])."""
    return [(clause.negated, [term.value for term in clause.terms]) for clause in query.clauses]


def only_term(text: str, companies: tuple[str, ...] = ()):
    (clause,) = parse(text, companies=companies).clauses
    (term,) = clause.terms
    return term


# ---- short forms that are also country codes


def test_ml_is_machine_learning_not_mali_and_says_how_to_get_the_country():
    query = parse("ML engineer")
    assert shape(query) == [(False, [" ml|machine~learning engineer|engineers "])]  # one job title
    assert "Mali (ML): write country:ML" in explain(query)
    assert parse("country:ML").clauses[0].terms[0].value == "country:ML"


@pytest.mark.parametrize("text", ["Google", "Julia"])
def test_a_city_s_unused_alternate_name_is_no_place(text):
    assert only_term(text).kind == "keyword"  # GeoNames lists them for Topeka and Plovdiv


def test_ml_after_an_area_is_still_machine_learning():
    query = parse("SF bay area + ML")
    # ML, or its words in full (round 10)
    assert [[t.value for t in clause.terms] for clause in query.clauses][1] == [" ml ", " machine learning "]
    assert query.clauses[0].terms[0].kind == "place"


def test_la_is_los_angeles_and_names_laos():
    term = only_term("LA")
    assert term.label == "Los Angeles (US)"
    assert any("Laos" in other for other in term.also)


def test_na_is_north_america_and_remote_dash_na_is_remote_in_north_america():
    assert only_term("NA").value == "area:north america"
    assert shape(parse("Remote - NA")) == [(False, ["wp:remote"]), (False, ["area:north america"])]


def test_a_code_that_is_a_country_and_a_us_state_names_both():
    term = only_term("CA")
    assert term.value == "country:CA"
    assert "California (US): write California" in term.also


def test_a_free_standing_dash_with_nothing_to_separate_is_still_an_error():
    with pytest.raises(QueryError, match="directly followed"):
        parse("Paris - -sales")
    with pytest.raises(QueryError, match="directly followed"):
        parse("Paris -")


# ---- "Place, qualifier" is one place


@pytest.mark.parametrize(
    ("text", "region", "country"),
    [
        ("Cambridge, MA", "Massachusetts", "US"),
        ("Paris, Texas", "Texas", "US"),
        ("Austin, Texas", "Texas", "US"),
        ("Portland, OR", "Oregon", "US"),
        ("Cambridge UK", "England", "GB"),
        ("Cambridge, UK", "England", "GB"),
        ("Paris, France", "Île-de-France", "FR"),
        ("Washington, DC", "District of Columbia", "US"),
        # a town under 15,000 people, known only with its state, whatever bigger namesake it has
        ("Brisbane, CA", "California", "US"),
        ("Brisbane, California", "California", "US"),
    ],
)
def test_a_place_and_its_qualifier_are_one_place(text, region, country):
    term = only_term(text)
    assert term.kind == "place" and term.value.startswith("city:")
    assert term.label.endswith(f"({region}, {country})")
    assert term.text == text


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # towns known only with their state: the words before the comma are the town's name
        ("Kermit, TX", "Kermit (Texas, US)"),
        ("Watkins Glen, NY", "Watkins Glen (New York, US)"),
        ("Watkins Glen, New York", "Watkins Glen (New York, US)"),
        ("Fort Meade, Maryland", "Fort Meade (Maryland, US)"),
    ],
)
def test_a_town_before_its_state_is_the_town(text, label):
    term = only_term(text)
    assert (term.kind, term.label, term.text) == ("place", label, text)


def test_words_before_a_state_code_are_searched_in_that_state_and_an_unknown_town_is_said():
    query = parse("Zorbleton, TX")
    assert [(t.kind, t.label) for c in query.clauses for t in c.terms] == [
        ("keyword", "zorbleton"),
        ("place", "Texas (US)"),
    ]
    assert "'Zorbleton' is no town I know in Texas (US)" in explain(query)
    query = parse("intern, TX")
    assert [(t.kind, t.label) for c in query.clauses for t in c.terms] == [
        ("employment", "internship"),
        ("place", "Texas (US)"),
    ]
    assert "no town" not in explain(parse("sales, TX"))


def test_portland_or_joins_the_rest_of_the_query():
    query = parse("Portland, OR + intern")
    assert [clause.terms[0].kind for clause in query.clauses] == ["place", "employment"]


def test_state_codes_after_a_comma_count_in_lower_case_too():
    assert only_term("cambridge, ma").label == "Cambridge (Massachusetts, US)"
    assert only_term("portland, or").label == "Portland (Oregon, US)"


def test_or_after_a_comma_before_a_word_is_still_an_empty_alternative():
    with pytest.raises(QueryError, match="empty alternative"):
        parse("Paris, or London")
    with pytest.raises(QueryError, match=r"end the place with \+"):
        parse("Portland, OR intern")


def test_two_places_after_a_comma_stay_alternatives():
    query = parse("Paris, London")
    assert [term.label for term in query.clauses[0].terms] == ["Paris (FR)", "London (GB)"]
    (clause,) = parse("Germany, Berlin").clauses
    assert len(clause.terms) == 2


def test_a_qualifier_after_and_narrows_only_a_place_standing_alone():
    # (Paris or Austin) and Texas: Texas narrows the clause, it is not folded into Austin alone
    query = parse("Paris, Austin + Texas")
    assert len(query.clauses) == 2 and len(query.clauses[0].terms) == 2


def test_a_town_unknown_in_its_qualifier_is_refused_not_read_as_or():
    with pytest.raises(QueryError) as caught:
        parse("Lyon, AT", VOCAB)
    message = str(caught.value)
    assert "I know no Lyon in AT (Austria)" in message and "Lyon | country:AT" in message


def test_qualifiers_with_the_fake_vocabulary():
    assert shape(parse("Paris, Texas", VOCAB)) == [(False, ["city:4717560"])]
    assert shape(parse("Paris France", VOCAB)) == [(False, ["city:2988507"])]


# ---- technology names


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("C++", " c++ "),
        ("C#", " c# "),
        ("F#", " f# "),
        (".NET", " .net "),
        ("Node.js", " node js "),
        ("CI/CD", " ci cd "),
    ],
)
def test_technology_names_keep_their_symbols(text, value):
    (clause,) = shape(parse(text, VOCAB))  # "Node.js" also asks for "nodejs" and "node" (round 6)
    assert clause[1][0] == value


def test_cpp_joins_and_is_excluded_like_any_term():
    assert shape(parse("C++ + Berlin", VOCAB)) == [(False, [" c++ "]), (False, ["city:2950159"])]
    assert shape(parse("Berlin -C++", VOCAB)) == [(False, ["city:2950159"]), (True, [" c++ "])]
    assert shape(parse("Paris+French", VOCAB)) == [(False, ["city:2988507"]), (False, ["lang:fr"])]


def test_a_technology_name_reads_back_with_its_symbols():
    assert explain(parse("C# -C++", VOCAB)) == (
        "keyword 'c#' in title or text AND NOT keyword 'c++' in title or text"
    )


# ---- career level


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("new grad", "level:entry"),
        ("graduate", "level:entry"),
        ("entry level", "level:entry"),
        ("entry-level", "level:entry"),
        ("junior", "level:entry"),
        ("senior", "level:senior"),
    ],
)
def test_career_level_is_its_own_facet_not_an_employment_type(text, value):
    assert shape(parse(text, VOCAB)) == [(False, [value])]


def test_nyc_new_grad_reads_as_a_level():
    assert explain(parse("NYC + new grad")) == (
        "location New York City (US) AND career level entry (new grad, junior)"
    )


# ---- languages asked for as requirements


@pytest.mark.parametrize(
    "text", ["French required", "fluent French", "French-speaking", "French speaker", "native French"]
)
def test_required_language_phrasings(text):
    assert shape(parse(text, VOCAB)) == [(False, ["lang!:fr"])]
    assert explain(parse(text, VOCAB)) == "language French (required)"


def test_a_plain_language_is_still_required_or_preferred():
    assert shape(parse("French", VOCAB)) == [(False, ["lang:fr"])]


# ---- typos


def test_a_typo_is_searched_as_typed_but_named_with_a_suggestion():
    query = parse("Pari + Frnech", VOCAB)
    assert shape(query) == [(False, [" pari "]), (False, [" frnech "])]
    assert [term.suggestion for clause in query.clauses for term in clause.terms] == ["Paris", "French"]
    assert "'Frnech' is not a word I know, so it is searched as a keyword: did you mean French?" in explain(
        query
    )
    assert corrected(query) == "Paris + French"


def test_typos_of_known_words_with_the_real_vocabulary():
    assert corrected(parse("Berln + Frnech + internhsip")) == "Berlin + French + internship"


def test_quoted_words_fields_and_ordinary_words_are_not_typos():
    assert corrected(parse('Paris + "Frnech"', VOCAB)) is None
    assert corrected(parse("Paris + keyword:Frnech", VOCAB)) is None
    for word in ("finance", "sales", "Sales", "Finance", "Leads", "python", "design", "rust", "ml"):
        assert corrected(parse(f"Paris + {word}")) is None, word


# ---- areas


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Bay Area", "metro:bay-area"),
        ("SF Bay Area", "metro:bay-area"),
        ("Greater London", "metro:greater-london"),
        ("Randstad", "metro:randstad"),
        ("DMV", "metro:dmv"),
        ("Île-de-France", "region:FR-11"),
        ("Nordics", "area:nordics"),
    ],
)
def test_areas_people_use(text, value):
    assert only_term(text).value == value


def test_an_area_can_be_asked_for_by_field():
    assert parse('region:"Bay Area"').clauses[0].terms[0].value == "metro:bay-area"


# ---- ambiguity notes


def test_notes_name_namesakes_not_aliases_or_twins():
    assert only_term("Milan").also == ()
    assert only_term("Singapore").also == ()
    assert "Paris (Texas, US)" in only_term("Paris").also


def test_a_place_sharing_its_name_within_its_country_says_its_region():
    term = only_term("Washington")
    assert term.label == "Washington (state, US)"
    assert "Washington (District of Columbia, US)" in term.also


# ---- other languages' words for types


@pytest.mark.parametrize(
    "word",
    ["estágio", "staż", "praktyka", "pasantía", "stage", "Praktikum", "实习", "インターンシップ", "인턴"],
)
def test_other_languages_words_for_an_internship(word):
    assert only_term(word).value == "type:intern"


@pytest.mark.parametrize("word", ["개발", "ça", "ΑΒ", "日本"])
def test_any_two_letter_word_in_any_script_is_read_without_error(word):
    parse(word)  # two letters were tried as a language code, and non-ASCII ones raised


def test_stage_is_an_internship_that_names_its_english_reading():
    term = only_term("stage")
    assert term.value == "type:intern" and "the English word 'stage': write keyword:stage" in term.also


def test_a_numbered_stage_is_the_english_word():
    query = parse("Stage 0 Propellant")
    assert [term.kind for clause in query.clauses for term in clause.terms] == ["keyword"] * 3
    assert query.clauses[0].terms[0].also == ("internship: write type:Stage",)


def test_werkstudent_stays_part_time():
    assert only_term("Werkstudent").value == "type:part_time"


# ---- companies


def test_a_bare_company_name_is_the_company():
    query = parse("TikTok + Paris", companies=("TikTok",))
    assert shape(query)[0] == (False, ["co:tiktok"])
    assert pinned(query) == 'company:"TikTok" + Paris'


def test_a_company_named_like_a_well_known_place_leaves_the_place_and_notes_the_company():
    term = only_term("Paris", companies=("Paris",))
    assert term.kind == "place"
    assert 'the company Paris: write company:"Paris"' in term.also


def test_a_pinned_query_means_the_same_without_knowing_the_companies():
    query = parse('"Jane Street" + NYC -sales', companies=("Jane Street",))
    text = pinned(query)
    assert text == 'company:"Jane Street" + NYC -sales'
    assert shape(parse(text)) == shape(query)


# ---- the parsed form


def test_to_dict_gives_the_parsed_form():
    form = to_dict(parse("Pari + Frnech -C++", VOCAB))
    assert form["query"] == "Pari + Frnech -C++"
    assert form["did_you_mean"] == "Paris + French -C++"
    clauses = form["clauses"]
    assert clauses[2] == {
        "negated": True,
        "terms": [
            {"kind": "keyword", "value": "c++", "label": "c++", "text": "C++", "also": [], "suggestion": None}
        ],
    }
    assert clauses[1]["terms"][0]["suggestion"] == "French"


def test_two_towns_joined_by_and_are_pointed_out():
    text = explain(parse("Berlin Munich", VOCAB))
    assert "a posting must be in Berlin (DE) and Munich (DE) at once (AND); for any of them write" in text
    assert "at once" not in explain(parse("Berlin, Munich", VOCAB))
    assert parse("Berlin Munich", VOCAB) == parse("Berlin  Munich".replace("  ", " "), VOCAB)


def test_the_new_readings_survive_the_stored_form():
    for text in ("NYC + new grad", "Bay Area + C++", "Cambridge, MA -ML", "fluent French", "Pari + Frnech"):
        query = parse(text)
        assert from_stored(to_stored(query)) == query, text
