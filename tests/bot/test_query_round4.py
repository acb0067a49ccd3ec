"""Fourth round of queries as people type them: ISO codes, degrees, seasons, names that start with a place.

The real vocabulary is used where the failures come from real collisions (the gazetteer's names in other
languages, ISO tables); matching is checked through postings and the subscription index.
"""

from __future__ import annotations

import pytest

from bot.cards import build_card
from bot.extract import extract_posting
from bot.geo import resolve_place
from bot.matching import SubscriptionIndex, match_query
from bot.models import DegreeFacet, Facets, Location, Posting
from bot.query import Query, QueryError, explain, parse, to_dict
from bot.query.stored import from_stored, to_stored
from bot.views.card import card_view


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
     ("lang:jpn", "ja"), ("lang:yue", "zh"), ("lang:cmn", "zh"), ("lang:arb", "ar")],
)  # fmt: skip
def test_language_fields_take_iso_639_codes_and_tags(text, code):
    assert only_term(text).value == f"lang:{code}"


def test_a_required_language_field_takes_a_tag_too():
    assert only_term("lang!:pt-BR").value == "lang!:pt"


def test_a_language_tag_with_a_region_says_the_variety_is_not_told_apart():
    assert "'pt-BR' taken as Portuguese" in explain(parse("lang:pt-BR"))
    assert "'yue' taken as Chinese" in explain(parse("lang:yue"))


@pytest.mark.parametrize("word", ["spa", "eng", "fra", "deu"])
def test_a_three_letter_code_alone_is_a_word(word):
    # no language; "eng" is also searched as the words it shortens (engineer, engineering)
    (clause,) = parse(word).clauses
    assert {term.kind for term in clause.terms} == {"keyword"}


def test_a_language_field_that_names_none_is_refused():
    with pytest.raises(QueryError, match="not a language I know"):
        parse("lang:xyz")


@pytest.mark.parametrize(
    ("text", "state", "country"),
    [("PA", "Pennsylvania", "PA"), ("NC", "North Carolina", "NC"), ("GA", "Georgia", "GA"),
     ("MD", "Maryland", "MD")],
)  # fmt: skip
def test_a_small_countrys_code_alone_is_the_us_state_as_postings_read_it(text, state, country):
    term = only_term(text)
    assert term.label.startswith(f"{state} (US)")
    assert f"write country:{country}" in " ".join(term.also)
    assert only_term(f"country:{country}").value == f"country:{country}"


def test_a_state_code_query_matches_a_posting_whose_location_is_that_code_alone():
    post = extract_posting(Posting(id="p", title="Analyst", company="Acme", location_text="Remote - PA"))
    assert matches("PA", post)
    assert not matches("country:PA", post)


@pytest.mark.parametrize(("text", "key"), [("CA", "country:CA"), ("DE", "country:DE"), ("CO", "country:CO")])
def test_a_big_countrys_code_stays_the_country_and_names_the_state(text, key):
    term = only_term(text)
    assert term.value == key
    assert any("write" in also for also in term.also)


# ---- degrees


@pytest.mark.parametrize(
    ("text", "level"),
    [("PhD", "phd"), ("Ph.D.", "phd"), ("doctorate", "phd"), ("PhD student", "phd"), ("master's", "master"),
     ("Master’s", "master"), ("masters", "master"), ("MSc", "master"), ("M.Sc.", "master"),
     ("bachelor's", "bachelor"), ("BSc", "bachelor"), ("undergrad", "bachelor"),
     ("undergraduate", "bachelor"), ("degree:phd", "phd"), ("degree:Master", "master"),
     ("degree:bachelor's", "bachelor"), ("degree:undergrad", "bachelor")],
)  # fmt: skip
def test_degree_words_and_the_degree_field_read_as_the_degree(text, level):
    term = only_term(text)
    assert (term.kind, term.value) == ("degree", f"degree:{level}")


def test_a_degree_word_says_how_it_is_read_and_how_to_search_the_word():
    said = explain(parse("PhD"))
    assert said.startswith("degree PhD")
    assert "read as the degree" in said and 'keyword:"PhD"' in said
    assert to_dict(parse("master's"))["clauses"][0]["terms"][0]["kind"] == "degree"  # type: ignore[index]
    assert "read as the degree" not in explain(parse("degree:phd"))  # a field says it already


@pytest.mark.parametrize("text", ["MBA", "MS", "Scrum Master", "master", 'keyword:"PhD"'])
def test_words_that_name_more_than_a_degree_stay_words(text):
    assert all(term.kind == "keyword" for clause in parse(text).clauses for term in clause.terms)


def test_a_degree_beside_other_terms():
    assert shape(parse("PhD intern + Paris")) == [
        (False, ["degree:phd"]),
        (False, ["type:intern"]),
        (False, ["city:2988507"]),
    ]
    assert shape(parse("intern -PhD")) == [(False, ["type:intern"]), (True, ["degree:phd"])]


def test_an_unknown_degree_is_refused():
    with pytest.raises(QueryError, match="not a degree"):
        parse("degree:diploma")


def test_a_degree_query_is_stored_and_read_back():
    query = parse("PhD + remote")
    assert from_stored(to_stored(query)) == query


def extracted(title: str, text: str) -> Posting:
    return extract_posting(Posting(id=title, title=title, company="Acme", text=text))


def test_a_posting_matches_every_degree_it_names():
    post = extracted("Research Intern", "<p>Currently pursuing a BS/MS/PhD in Computer Science.</p>")
    assert post.facets is not None and post.facets.degree is not None
    assert all(matches(q, post) for q in ("PhD", "master's", "undergrad", "degree:bachelor"))


def test_a_phd_subscription_does_not_match_a_posting_for_bachelors_only():
    post = extracted("Software Engineer Intern", "<p>Pursuing a Bachelor's degree in Computer Science.</p>")
    assert matches("undergrad", post)
    assert not matches("PhD", post)
    assert not matches("Engineer -bachelor's", post)


def test_a_posting_that_names_no_degree_matches_no_degree():
    post = extracted("Marketing Intern", "<p>Help our team with campaigns.</p>")
    assert not matches("PhD", post) and not matches("degree:bachelor", post)


def test_the_index_files_a_degree_subscription_under_the_posting_s_degree_key():
    index = SubscriptionIndex()
    index.add(1, parse("PhD + intern"))
    index.add(2, parse("master's"))
    post = extracted("PhD Research Intern", "<p>Internship for PhD students in machine learning.</p>")
    assert [sub for sub, _ in index.match(post)] == [1]
    ((_, reasons),) = index.match(post)
    assert [reason.value for reason in reasons if reason.facet == "degree"] == ["degree: PhD"]


def test_the_card_says_the_degree_and_why_it_matched():
    post = posting(degree=DegreeFacet(("master", "phd"), "MS/PhD"))
    reasons = match_query(parse("PhD"), post)
    assert reasons is not None
    card = build_card(post, reasons, "PhD")
    assert card.degree == "Master's or PhD"
    assert "🎓 degree: PhD" in card.why
    assert ("Degree", "Master's or PhD") in [(fact.label, fact.value) for fact in card_view(card).facts]
    assert "Master's or PhD" in card_view(card).summary.split(" · ")  # the one-line form Slack shows
    assert build_card(posting()).degree is None


# ---- seasons


@pytest.mark.parametrize("text", ["Spring developer", "spring engineer", "Spring Java", "developer spring"])
def test_a_season_beside_an_ordinary_keyword_is_a_keyword_and_says_so(text):
    query = parse(text)
    assert all(term.kind == "keyword" for clause in query.clauses for term in clause.terms)
    assert " spring " in [term.value for clause in query.clauses for term in clause.terms]
    assert "read as a keyword beside" in explain(query) and "start:spring" in explain(query)


@pytest.mark.parametrize(
    ("text", "want"),
    [("summer intern", [["season:summer"], ["type:intern"]]),
     ("Summer Intern + Paris", [["season:summer"], ["type:intern"], ["city:2988507"]]),
     ("Summer 2027", [["start:summer-2027"]]),
     ("summer research intern", [["season:summer"], [" research "], ["type:intern"]]),
     ("spring 2026 developer", [["start:spring-2026"], [" developer "]]),
     ("summer", [["season:summer"]]),
     ("start:spring developer", [["season:spring"], [" developer "]])],
)  # fmt: skip
def test_a_season_keeps_its_meaning_beside_a_job_type_a_year_or_alone(text, want):
    query = parse(text)
    assert [values for _, values in shape(query)] == want
    assert "read as a keyword beside" not in explain(query)


def test_spring_developer_matches_the_framework_not_the_season():
    framework = posting("Backend Developer", "Java 17, Spring Boot, Kafka.")
    season = posting("Spring Developer Intern", "Join us this spring.")
    autumn = posting("Backend Developer", "Java and Kotlin, starting in autumn.")
    assert matches("Spring developer", framework) and matches("Spring developer", season)
    assert not matches("Spring developer", autumn)


def test_summer_intern_matches_summer_internships_only():
    summer = extracted("Summer Intern, Software", "<p>A 12-week internship.</p>")
    fall = extracted("Fall Intern, Software", "<p>A 12-week internship.</p>")
    assert matches("summer intern", summer)
    assert not matches("summer intern", fall)


# ---- names that start with a place


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("Georgia Tech", " georgia tech "), ("Penn State", " penn state "), ("Ohio State", " ohio state "),
     ("georgia tech", " georgia tech "),
     ("Boston Consulting Group", " boston consulting group "), ("Washington Post", " washington post "),
     ("New York Times", " new york times "), ("Bank of America", " bank of america "),
     ("Boston Dynamics", " boston dynamics "), ("London Business School", " london business school "),
     ("Boston University", " boston university "), ("Cambridge University", " cambridge university "),
     ("Toronto Dominion Bank", " toronto dominion bank "), ("Bank of England", " bank of england "),
     ("University of Toronto", " university of toronto ")],
)  # fmt: skip
def test_a_name_that_starts_with_a_place_is_one_phrase_and_says_so(text, phrase):
    query = parse(text)
    assert shape(query) == [(False, [phrase])]
    assert f"'{text}' read as one name" in explain(query)


def test_the_note_says_how_to_ask_for_the_place():
    said = explain(parse("Boston Consulting Group"))
    assert """for jobs in Boston, write 'Boston + "Consulting Group"'""" in said
    assert "for jobs in New York, write" in explain(parse("New York Times"))


def test_a_known_company_that_starts_with_a_place_is_the_company():
    (clause,) = parse("Texas Instruments", companies=("Texas Instruments",)).clauses
    assert [term.kind for term in clause.terms] == ["company"]
    (clause,) = parse("Boston Consulting Group", companies=("Boston Consulting Group",)).clauses
    assert [term.kind for term in clause.terms] == ["company"]


def test_a_name_beside_other_terms():
    assert shape(parse("intern Boston Consulting Group Paris")) == [
        (False, ["type:intern"]),
        (False, [" boston consulting group "]),
        (False, ["city:2988507"]),
    ]


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("Boston consulting", ["place", "keyword"]), ("Paris Sales", ["place", "keyword"]),
     ("London Tech", ["place", "keyword"]), ("Paris + Group", ["place", "keyword"]),
     ("Georgia + tech", ["place", "keyword"]), ("Boston Consulting", ["place", "keyword"]),
     ("Sydney Hospital", ["place", "keyword"]), ("Ohio state", ["place"])],
)  # fmt: skip
def test_a_place_and_ordinary_words_stay_a_place_and_words(text, kinds):
    query = parse(text)
    assert [term.kind for clause in query.clauses for term in clause.terms] == kinds
    assert "read as one name" not in explain(query)


@pytest.mark.parametrize("word", ["University", "Bank"])
def test_a_word_that_ends_names_is_a_word_before_a_small_town_of_that_name(word):
    term = only_term(word)
    assert term.kind == "keyword"
    assert any(f'write city:"{word}"' in other for other in term.also)


def test_university_of_a_place_leaves_nothing_out():
    assert "left out" not in explain(parse("University of Toronto"))


def test_a_name_matches_the_name_not_any_posting_in_the_place():
    bcg = posting("Associate", "Join Boston Consulting Group in Paris.", country="FR")
    boston = posting("Consultant", "Our consulting group in Boston.", country="US")
    assert matches("Boston Consulting Group", bcg)
    assert not matches("Boston Consulting Group", boston)


# ---- islands and regions people name


@pytest.mark.parametrize(
    ("text", "label"),
    [("Balearic Islands", "Balearic Islands (ES)"), ("Mallorca", "Balearic Islands (ES)"),
     ("Canary Islands", "Canary Islands (ES)"), ("Canarias", "Canary Islands (ES)"),
     ("Corsica", "Corsica (FR)"), ("Sardinia", "Sardinia (IT)"), ("Sicily", "Sicily (IT)"),
     ("Madeira", "Madeira (PT)"), ("Azores", "Azores (PT)"), ("Crete", "Crete (GR)"),
     ("Flanders", "Flanders (BE)"), ("Wallonia", "Wallonia (BE)"), ("Tyrol", "Tyrol (AT)"),
     ("Galicia", "Galicia (ES)"), ("Lapland", "Lapland (FI)")],
)  # fmt: skip
def test_islands_are_regions(text, label):
    term = only_term(text)
    assert (term.kind, term.label) == ("place", label)
    assert term.value.startswith("region:")


@pytest.mark.parametrize(
    ("query", "town", "country"),
    [("Corsica", "Bastia", "FR"), ("Sardinia", "Sassari", "IT"),
     ("Canary Islands", "Santa Cruz de Tenerife", "ES"), ("Balearic Islands", "Palma", "ES")],
)  # fmt: skip
def test_a_posting_in_a_town_on_the_island_matches_the_island(query, town, country):
    city = next(p for p in resolve_place(town) if p.kind == "city" and p.country == country)
    post = Posting(
        id=town,
        title="Engineer",
        company="Acme",
        facets=Facets(locations=(Location(city=town, country=country, geoname_id=city.geoname_id),)),
    )
    assert matches(query, post)
    assert not matches(query, posting(country=country))  # elsewhere in the country


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [("Baltics", "LV", "PL"), ("Iberia", "PT", "FR"), ("Balkans", "RS", "AT"), ("Caribbean", "JM", "MX")],
)
def test_areas_people_name_hold_their_countries(text, inside, outside):
    assert only_term(text).value.startswith("area:")
    assert matches(text, posting(country=inside))
    assert not matches(text, posting(country=outside))


# ---- areas and words that were read as something else


@pytest.mark.parametrize(
    ("text", "key"),
    [("French Riviera", "metro:french-riviera"), ("Côte d'Azur", "metro:french-riviera"),
     ("Côte d’Azur", "metro:french-riviera"), ("South Tyrol", "metro:south-tyrol"),
     ("Südtirol", "metro:south-tyrol"), ("Alto Adige", "metro:south-tyrol")],
)  # fmt: skip
def test_areas_that_were_a_language_and_a_word_or_another_country(text, key):
    """ "French Riviera" was French *the language* and a keyword; "South Tyrol" was Austria's Tyrol."""
    assert [term.value for term in parse(text).clauses[0].terms] == [key]


@pytest.mark.parametrize(("text", "code"), [("lang:fil", "tl"), ("lang:nb", "no"), ("lang:nn", "no")])
def test_language_codes_postings_file_under_another(text, code):
    assert only_term(text).value == f"lang:{code}"


@pytest.mark.parametrize(
    "text", ["stage de fin d'études", "stage de fin d’études", "fin d'études", "projet de fin d'études"]
)
def test_frances_final_year_internship_is_an_internship(text):
    assert shape(parse(text)) == [(False, ["type:intern"])]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [("Ruby on Rails", "ruby on rails"), ("React Native", "react native"), ("hedge fund", "hedge fund")],
)
def test_technologies_of_several_words_are_one_phrase(text, phrase):
    """ "Ruby on Rails" was three keywords, one of them "on"; "React Native" matched any "native speaker"."""
    term = only_term(text)
    assert (term.kind, term.value) == ("keyword", f" {phrase} ")
