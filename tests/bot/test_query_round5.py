"""Queries as people type them, round 5: every typed word is read or named, and common forms are known.

Each test names a class of misreading found with `jobbot explain`; the examples are members of the class,
not the list it is fixed for. The real vocabulary is used, as the collisions come from real names.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

import pytest

from bot.extract import extract_posting
from bot.geo import resolve_place
from bot.matching import SubscriptionIndex, match_query
from bot.models import Facets, Posting
from bot.query import Query, QueryError, explain, parse
from bot.query.folding import fold, search_words
from bot.query.stored import from_stored, to_stored

# Operators spelled as words: they join or exclude terms, and the reading's AND/OR/NOT says them.
_FIELD_NAME = re.compile(r"\b[a-z]+!?:", re.IGNORECASE)  # "country:": how, not what, to search
_OPERATOR_WORDS = frozenset({"or", "and", "not", "no", "without", "except", "excluding", "ou", "oder", "et"})


def unaccounted(text: str) -> list[str]:
    """The typed words neither said in the reading nor the whole of one term, nor an operator.

    A place's words are its name, which its label says in full ("Cambridge UK" is Cambridge (England, GB)),
    and a language's are the language and its strength ("fluent French" is French (required)).
    """
    query = parse(text)
    reading = f" {' '.join(search_words(explain(query)))} "
    terms = [term for clause in query.clauses for term in clause.terms]
    named = {word for term in terms if term.kind in ("place", "language") for word in search_words(term.text)}
    single = [" ".join(search_words(term.text)) for term in terms if len(search_words(term.text)) == 1]
    whole = {*single, *(a + b for a, b in pairwise(single))}  # "Sommerpraktikum": two terms
    return [
        word
        for word in search_words(_FIELD_NAME.sub(" ", text))
        if f" {word} " not in reading and word not in whole | named and word not in _OPERATOR_WORDS
    ]


@pytest.mark.parametrize(
    "text",
    ["Tech Lead + Berlin", "Staff Engineer", "graduate scheme + London", "grad programme", "team lead",
     "new grad + NYC", "entry level data analyst", "summer 2026 intern", "remote anywhere + Python",
     "fluent French + Paris", "no experience required", "head of marketing", "PhD student + ML",
     "Senior Software Engineer + Remote", "junior developer in Berlin", "part-time + Lyon",
     "Boston Consulting Group", "September 2026 internship", "year in industry", "Werkstudent + München",
     "remote first + EMEA", "Orange County", "Acme Robotics software engineer", "SWE intern", "PM + London",
     "Q1 2027 + intern", "Sommerpraktikum", "stage PFE", "contract to hire + Austin", "Cambridge UK",
     "Paris, Texas", "Northern Virginia", "Bay Area", "New York State",
     "German C1", "French not required", "bilingual English/French", "JLPT N2"],
)  # fmt: skip
def test_every_typed_word_is_said_in_the_reading(text):
    assert unaccounted(text) == []


@pytest.mark.parametrize(
    "text",
    ["Senior Staff Software Engineer", "Head of Product + London", "Director of Engineering",
     "new grad SWE 2026", "Fall 2026 co-op Toronto", "grad role in fintech London",
     "stage marketing Paris 6 mois", "alternance développeur Lyon",
     "internship in Tokyo for English speakers", "hybrid London 3 days",
     "tech lead Python", "team lead customer support", "MSc student internship", "South East England",
     "London or South East", "Orange County, CA", "Austin TX", "Remote - LATAM", "US-remote",
     "part-time internship", "fall/winter 2026 co-op", "Jan 2027 start", "internship + visa sponsorship",
     "Series A startup", "prácticas de verano en Madrid", "Kent, Washington", "country:United Kingdom + PM",
     "-backend + Berlin", "ingegnere del software", "Werkstudent Praktikant", "Q3 developer"],
)  # fmt: skip
def test_every_typed_word_is_said_in_the_reading_of_more_queries(text):
    assert unaccounted(text) == []


def test_a_level_read_from_more_words_than_its_label_names_them():
    assert explain(parse("Tech Lead + Berlin")).startswith("career level lead or staff for 'Tech Lead' AND")
    assert "career level entry (new grad, junior) for 'graduate scheme'" in explain(parse("graduate scheme"))
    assert explain(parse("senior")) == "career level senior"  # one word: nothing more to say


def shape(query: Query) -> list[tuple[bool, list[str]]]:
    """Each clause as (negated, [term values])."""
    return [(clause.negated, [term.value for term in clause.terms]) for clause in query.clauses]


# ---- other languages' words for a type, and German compounds of them


@pytest.mark.parametrize(
    ("text", "season"),
    [("Sommerpraktikum", "summer"), ("Frühjahrspraktikum", "spring"), ("Herbstpraktikum", "fall"),
     ("Winterpraktikum", "winter"), ("Sommerpraktikant", "summer")],
)  # fmt: skip
def test_a_season_compound_is_an_internship_starting_then_or_the_word_itself(text, season):
    assert shape(parse(text)) == [(False, ["type:intern", f" {fold(text)} "]), (False, [f"season:{season}"])]


@pytest.mark.parametrize(
    ("text", "kind"),
    [("PFE", "intern"), ("Praxissemester", "intern"), ("Praktikumsstelle", "intern"),
     ("Auslandspraktikum", "intern"), ("Werkstudentenstelle", "part_time"), ("Lehrling", "apprenticeship"),
     ("afstudeerstage", "intern")],
)  # fmt: skip
def test_type_words_postings_are_not_read_for_ask_for_the_type_or_the_word(text, kind):
    assert shape(parse(text)) == [(False, [f"type:{kind}", f" {fold(text)} "])]


@pytest.mark.parametrize("text", ["Praktikum", "Pflichtpraktikum", "Werkstudent", "alternance", "stagiaire"])
def test_type_words_postings_are_read_for_stay_the_type_alone(text):
    assert len(shape(parse(text))[0][1]) == 1


def test_a_type_said_twice_keeps_the_searched_word_once():
    assert shape(parse("stage PFE")) == shape(parse("PFE stage")) == [(False, ["type:intern", " pfe "])]
    assert shape(parse("-PFE + Paris"))[0] == (True, ["type:intern", " pfe "])


def test_a_posting_naming_its_internship_only_by_a_word_extraction_skips_still_matches():
    post = extract_posting(
        Posting(id="p", title="PFE - Data Science", company="Acme", text="Projet de fin d'études à Paris.")
    )
    # extraction reads "PFE" beside French as an internship; the word itself matches too
    assert post.facets.employment is not None and post.facets.employment.value == "intern"
    assert match_query(parse("PFE"), post) is not None


# ---- quarters


@pytest.mark.parametrize(
    ("text", "key"),
    [("Q1 2027", "start:winter-2027"), ("2027 Q3", "start:summer-2027"), ("Q2-2026", "start:spring-2026"),
     ("Q4 '26", "start:fall-2026"), ("Q3", "season:summer")],
)  # fmt: skip
def test_a_quarter_is_a_start_in_the_season_most_of_it_is_in(text, key):
    (clause,) = parse(text).clauses
    assert [term.value for term in clause.terms] == [key]
    assert "quarters are matched by season" in explain(parse(text))


def test_a_quarter_beside_a_type_is_its_start_not_a_keyword():
    assert shape(parse("Q1 2027 + intern")) == [(False, ["start:winter-2027"]), (False, ["type:intern"])]
    assert shape(parse("Q3 developer"))[0] == (False, ["season:summer"])  # not a name, as "Spring" may be


# ---- a field's value of several words, unquoted


@pytest.mark.parametrize(
    ("text", "label"),
    [("country:United Kingdom", "United Kingdom (GB)"), ("city:New York + intern", "New York City (US)"),
     ("region:New South Wales", "New South Wales (AU)"),
     ("city:Frankfurt am Main", "Frankfurt am Main (DE)")],
)  # fmt: skip
def test_a_place_field_takes_the_words_after_it_that_make_one_name(text, label):
    first = parse(text).clauses[0].terms[0]
    assert (first.kind, first.label) == ("place", label)
    assert unaccounted(text) == []


def test_a_place_field_takes_no_word_that_does_not_make_a_longer_name():
    assert shape(parse("country:US intern")) == [(False, ["country:US"]), (False, ["type:intern"])]
    assert shape(parse("start:summer 2026")) == [(False, ["start:summer-2026"])]


def test_an_unknown_name_of_several_words_in_a_field_is_told_to_be_quoted():
    with pytest.raises(QueryError, match='quote it: country:"Untied Kingdom"'):
        parse("country:Untied Kingdom")


# ---- counties: areas of their towns, or words said to be no place


def located(name: str) -> Posting:
    place = resolve_place(name)[0]
    return Posting(id=name, title="Engineer", company="Acme", facets=Facets(locations=(place.to_location(),)))


@pytest.mark.parametrize(
    ("query", "town", "want"),
    [("Hampshire", "Southampton, UK", True), ("Hampshire", "Leeds, UK", False),
     ("Surrey", "Guildford, UK", True), ("Kent", "Maidstone, UK", True),
     ("Orange County", "Irvine, California", True),
     ("Orange County", "San Diego, California", False), ("Surrey county", "Woking, UK", True)],
)  # fmt: skip
def test_a_county_matches_its_towns(query, town, want):
    assert (match_query(parse(query), located(town)) is not None) is want


def test_a_county_named_like_a_town_names_the_town_and_how_to_ask_for_it():
    (term,) = parse("Kent").clauses[0].terms
    assert term.label == "Kent (county, GB)"
    assert "Kent (Washington, US): write Kent, Washington" in term.also
    assert parse("Kent, Washington").clauses[0].terms[0].label == "Kent (Washington, US)"


@pytest.mark.parametrize("text", ["Wayne County", "County Cork", "Wiltshire"])
def test_a_county_not_listed_is_searched_as_words_and_said_to_be_no_place(text):
    (term,) = parse(text).clauses[0].terms
    assert term.kind == "keyword"
    assert "a county, which I do not know as a place" in explain(parse(text))


# ---- short forms of job titles and joined spellings: searched as typed, and as meant


def terms_of(text: str) -> list[tuple[str, str]]:
    return [(term.kind, term.label) for term in parse(text).clauses[0].terms]


@pytest.mark.parametrize("text", ["SWE + NYC", "SWE intern", "swe", "SDE"])
def test_a_software_engineer_short_form_is_the_word_or_the_title(text):
    assert terms_of(text) == [
        ("keyword", fold(text.split()[0])),
        ("job_title", "software engineer/engineering"),
    ]


def test_swe_still_names_sweden():
    assert "Sweden (SE): write country:SWE" in explain(parse("SWE + NYC"))


def test_pm_is_a_product_manager_and_names_the_other_managers():
    assert terms_of("PM + London") == [("keyword", "pm"), ("job_title", "product manager")]
    assert 'a project or program manager: write "project manager"' in explain(parse("PM + London"))


@pytest.mark.parametrize(
    ("text", "forms"),
    [("backend", {" backend ", " back end "}), ("back-end", {" backend ", " back end "}),
     ("frontend", {" frontend ", " front end "}), ("full stack", {" fullstack ", " full stack "})],
)  # fmt: skip
def test_a_word_written_joined_or_apart_is_searched_both_ways(text, forms):
    assert set(shape(parse(text))[0][1]) == forms


@pytest.mark.parametrize(
    ("query", "title"),
    [("SWE intern", "Software Engineering Intern"), ("SWE intern", "SWE Intern"),
     ("backend", "Back-End Developer"), ("full stack", "Fullstack Developer")],
)  # fmt: skip
def test_short_forms_and_spellings_match_the_postings_they_mean(query, title):
    post = extract_posting(Posting(id="p", title=title, company="Acme", text="Join our team."))
    assert match_query(parse(query), post) is not None


def test_a_job_title_keeps_its_own_reading():
    assert terms_of("backend engineer") == [("job_title", "backend engineer")]


# ---- a name before a title


def test_a_name_of_several_words_before_a_title_is_suggested_whole_as_the_company():
    said = explain(parse("Acme Robotics software engineer"))
    assert "'Acme Robotics' read as keywords of their own" in said
    assert 'for the company write company:"Acme Robotics"' in said
    assert "for the company write company:McKinsey" in explain(parse("McKinsey analyst"))


# ---- other languages' seasons and small words beside a type


@pytest.mark.parametrize("text", ["prácticas de verano", "staż letni", "tirocinio estivo", "stage d'été"])
def test_a_summer_internship_in_other_languages_is_an_internship_starting_in_summer(text):
    assert shape(parse(text)) == [(False, ["type:intern"]), (False, ["season:summer"])]


def test_a_portuguese_summer_internship_may_be_brazils_summer():
    # round 11: Brazil's summer (December to February) is dated winter, so "verão" is either, said
    assert shape(parse("estágio de verão")) == [
        (False, ["type:intern"]),
        (False, ["season:summer", "season:winter"]),
    ]


def test_a_small_word_between_words_is_left_out_and_said_but_alone_is_a_word():
    assert "left out 'de'" in explain(parse("prácticas de verano"))
    assert shape(parse("de")) == [(False, [" de "])]
    assert shape(parse("ingeniero de software"))[0][1][0].startswith(" =ingeniero")


def test_the_index_misses_no_match_of_the_alternatives_a_word_asks_for():
    index = SubscriptionIndex()
    queries = ["SWE intern", "PFE", "backend", "Sommerpraktikum", "PM + London", "Hampshire"]
    for number, text in enumerate(queries):
        index.add(number, parse(text))
    titles = ["Software Engineering Intern", "PFE - Data", "Back-End Developer", "Sommerpraktikum Marketing",
              "Product Manager", "SWE Intern"]  # fmt: skip
    found = {}
    for title in titles:
        post = extract_posting(Posting(id=title, title=title, company="Acme", text="Start: June 2026."))
        found[title] = sorted(sub for sub, _ in index.match(post))
        assert found[title] == sorted(sub for sub, _ in index.scan(post))
    # "PFE" asks for any internship, which "Sommerpraktikum" now reads as
    assert found["Sommerpraktikum Marketing"] == [1, 3] and found["Back-End Developer"] == [2]
    assert 0 in found["SWE Intern"] and 0 in found["Software Engineering Intern"]


@pytest.mark.parametrize("text", ["SWE intern", "PFE", "backend", "Sommerpraktikum", "Hampshire", "Q1 2027"])
def test_a_stored_reading_reads_back_equal(text):
    query = parse(text)
    assert from_stored(json.loads(json.dumps(to_stored(query)))) == query


# ---- levels side by side


@pytest.mark.parametrize(
    ("text", "level"),
    [("Senior Staff Software Engineer", "level:lead"), ("Senior Principal Engineer", "level:principal"),
     ("Senior Director", "level:director"), ("Lead Senior Engineer", "level:lead")],
)  # fmt: skip
def test_levels_typed_side_by_side_are_one_the_highest_as_titles_are_read(text, level):
    levels = [term.value for clause in parse(text).clauses for term in clause.terms if term.kind == "level"]
    assert levels == [level]
    assert "read as one career level, the higher" in explain(parse(text))
    post = extract_posting(Posting(id="p", title=text, company="Acme", text=""))
    assert match_query(parse(text), post) is not None  # the title itself matches its own query


def test_levels_joined_by_an_operator_stay_what_was_asked():
    assert shape(parse("junior/senior")) == [(False, ["level:entry", "level:senior"])]
    assert len(parse("senior + staff").clauses) == 2


@pytest.mark.parametrize(
    ("query", "town", "want"),
    [("South East England", "Guildford, UK", True), ("London or South East", "Reading, UK", True),
     ("Home Counties", "Watford, UK", True), ("Thames Valley", "Oxford, UK", True),
     ("Midlands", "Birmingham, UK", True), ("Midlands", "Leeds, UK", False),
     ("North West England", "Liverpool, UK", True), ("Long Island", "Hempstead, New York", True),
     ("Long Island", "Reykjavik", False)],
)  # fmt: skip
def test_regions_people_name_match_their_towns(query, town, want):
    assert (match_query(parse(query), located(town)) is not None) is want


def test_long_island_is_the_island_not_iceland_and_a_word():
    assert terms_of("Long Island") == [("place", "Long Island (US)")]


@pytest.mark.parametrize("text", ["Orange County, CA", "Bay Area, CA", "Kent, UK", "Hampshire, England"])
def test_an_area_followed_by_the_state_or_country_holding_it_is_the_area(text):
    query = parse(text)
    assert len(query.clauses) == 1 and len(query.clauses[0].terms) == 1
    (term,) = query.clauses[0].terms
    assert term.value.startswith("metro:") and term.also == ()


# ---- types side by side


@pytest.mark.parametrize(
    ("text", "kept", "words"),
    [("part-time internship", "type:intern", " part time "),
     ("full-time internship", "type:intern", " full time "),
     ("internship part time", "type:intern", " part time "),
     ("Werkstudent Praktikant", "type:intern", " werkstudent ")],
)  # fmt: skip
def test_types_side_by_side_keep_the_most_specific_and_search_the_other(text, kept, words):
    values = [term.value for clause in parse(text).clauses for term in clause.terms]
    assert sorted(values) == sorted([kept, words])
    assert "a posting has one type" in explain(parse(text))


def test_a_part_time_internship_matches_a_part_time_intern_posting():
    post = extract_posting(
        Posting(id="p", title="Part-time Intern", company="Acme", text="A part-time internship, 20h a week.")
    )
    assert match_query(parse("part-time internship"), post) is not None


def test_a_short_form_note_names_both_readings_of_its_words():
    assert (
        "'SWE' taken as a keyword or the title words 'software engineer/engineering' (also: Sweden"
        in explain(parse("SWE intern"))
    )


@pytest.mark.parametrize(
    ("text", "values"),
    [("🇩🇪 intern", ["country:DE", "type:intern"]), ("intern 🇫🇷", ["type:intern", "country:FR"])],
)
def test_a_flag_beside_a_word_is_its_country_not_dropped(text, values):
    assert [term.value for clause in parse(text).clauses for term in clause.terms] == values


@pytest.mark.parametrize("text", ["Sr. Software Engineer", "Jr. Developer", "🇩🇪 intern", "intern @ Google"])
def test_every_typed_word_is_said_with_punctuation_and_emoji_around(text):
    assert unaccounted(text) == []


# ---- "senior+": a level or above


def test_a_level_with_a_plus_is_that_level_or_any_above():
    assert shape(parse("senior+")) == [
        (False, ["level:senior", "level:lead", "level:principal", "level:director"])
    ]
    assert shape(parse("lead+ Berlin"))[0] == (False, ["level:lead", "level:principal", "level:director"])


def test_a_plus_between_words_still_joins_them():
    assert (
        shape(parse("senior+Berlin"))
        == shape(parse("senior + Berlin"))
        == [
            (False, ["level:senior"]),
            (False, ["city:2950159"]),
        ]
    )


@pytest.mark.parametrize("text", ["Wilts", "Fife", "Middlesex"])
def test_a_county_the_gazetteer_reads_as_its_nation_is_no_place_in_a_query(text):
    # A location field "Swindon, Wilts" is in England; a person asking for Wilts does not mean all of England.
    (term,) = parse(text).clauses[0].terms
    assert term.kind == "keyword"
    assert "a county, which I do not know as a place" in explain(parse(text))


def test_a_town_named_like_a_county_says_the_county_is_not_read():
    (term,) = parse("Norfolk").clauses[0].terms
    assert term.kind == "place" and term.label.startswith("Norfolk (Virginia")
    assert any("a county" in note for note in term.also)


@pytest.mark.parametrize(
    ("text", "levels"),
    [("mid-senior", ["level:mid", "level:senior"]), ("Mid-Senior level", ["level:mid", "level:senior"]),
     ("junior to mid", ["level:entry", "level:mid"])],
)  # fmt: skip
def test_a_range_of_levels_is_each_level_in_it(text, levels):
    assert shape(parse(text)) == [(False, levels)]
    assert explain(parse(text)).endswith(f"for '{text}'")


@pytest.mark.parametrize(
    ("text", "count"), [("DevOps / SRE", 4), ("marketing / sales", 2), ("Data Analyst / Business Analyst", 2)]
)
def test_a_spaced_slash_between_words_is_or(text, count):
    # "DevOps / SRE": devops, dev ops, SRE and (round 10) its words, site reliability
    (clause,) = parse(text).clauses
    assert len(clause.terms) == count


def test_an_unspaced_slash_between_words_is_one_name():
    assert shape(parse("CI/CD")) == [(False, [" ci cd "])]


@pytest.mark.parametrize(
    "text",
    ["prácticas profesionales", "tirocinio curriculare", "estágio curricular", "estágio não obrigatório",
     "stage obligatoire", "freiwilliges Praktikum", "praktyki studenckie"],
)  # fmt: skip
def test_a_kind_of_internship_named_in_full_is_an_internship_not_a_keyword_beside_one(text):
    assert shape(parse(text)) == [(False, ["type:intern"])]
    assert explain(parse(text)) == f"type internship for '{text}'"


def test_kent_state_is_the_university_and_its_note_offers_the_county_not_a_state():
    said = explain(parse("Kent State"))
    assert shape(parse("Kent State")) == [(False, [" kent state "])]
    assert "for jobs in Kent, write 'Kent'" in said and "for the state" not in said
    assert "for the state, write 'Ohio'" in explain(parse("Ohio State"))


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("senior + staff", "career level"),
        ("intern + part time", "type"),
        ("junior/mid + senior", "career level"),
    ],
)
def test_two_levels_or_types_joined_by_and_are_said_to_match_nothing(text, what):
    assert f"a posting has one {what}, so no posting has all of these" in explain(parse(text))


def test_levels_that_share_one_are_not_said_to_match_nothing():
    assert "a posting has one" not in explain(parse("junior/mid + mid"))
