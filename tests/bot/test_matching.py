"""Matching with reasons, and the subscription index against a linear scan."""

from __future__ import annotations

import gc
import random
from dataclasses import replace

import pytest

from bot.matching import Reason, SubscriptionIndex, index_keys, match_query
from bot.models import (
    EmploymentFacet,
    Facets,
    LanguageRequirement,
    Posting,
    StartFacet,
    TextFacet,
    WorkplaceFacet,
)
from bot.query import parse
from tests.fakes.vocabulary import FakeVocabulary, location

VOCAB = FakeVocabulary()


def posting(
    pid: str = "p1",
    *,
    title: str = "Growth Intern",
    text: str = "",
    company: str = "Acme",
    cities: tuple[str, ...] = ("Paris",),
    languages: tuple[LanguageRequirement, ...] = (),
    employment: str | None = None,
    workplace: WorkplaceFacet | None = None,
    start: StartFacet | None = None,
    team: str | None = None,
) -> Posting:
    return Posting(
        id=pid,
        title=title,
        company=company,
        text=text,
        facets=Facets(
            locations=tuple(location(city) for city in cities),
            employment=EmploymentFacet(employment, f"{employment} in title", "title") if employment else None,  # type: ignore[arg-type]
            languages=languages,
            workplace=workplace,
            start=start,
            team=TextFacet(team, team, "source") if team else None,
        ),
    )


FRENCH_REQUIRED = LanguageRequirement("fr", True, "fluent", "Fluent French is required", "body")
ENGLISH_PLUS = LanguageRequirement("en", False, None, "English is a plus", "body")


def match(text: str, post: Posting) -> tuple[Reason, ...] | None:
    return match_query(parse(text, VOCAB, ("TikTok",)), post, VOCAB)


# ---- single postings, with reasons


def test_city_and_language_match_with_reasons():
    reasons = match("Paris + French", posting(languages=(FRENCH_REQUIRED,)))
    assert reasons == (
        Reason("Paris", "location", "Paris, FR", "Paris", "location"),
        Reason("French", "language", "French required, fluent", "Fluent French is required", "body"),
    )


def test_places_are_hierarchical():
    paris = posting(cities=("Paris",))
    for text in ("France", "Île-de-France", "Europe", "EMEA", "country:FR", "region:EMEA"):
        assert match(text, paris) is not None, text
    assert match("Germany", paris) is None
    assert match("Lyon", paris) is None
    assert match("Bavaria", posting(cities=("Munich",))) is not None


def test_a_posting_in_two_cities_matches_either():
    post = posting(cities=("Berlin", "Paris"))
    (reason,) = match("Paris", post) or ()
    assert reason.value == "Paris, FR"
    assert match("Germany", post) is not None


def test_language_matches_required_or_preferred_unless_required_only():
    post = posting(languages=(FRENCH_REQUIRED, ENGLISH_PLUS))
    assert match("English", post) == (
        Reason("English", "language", "English preferred", "English is a plus", "body"),
    )
    assert match("lang!:en", post) is None
    assert match("lang!:fr", post) is not None
    assert match("Spanish", post) is None


def test_negation_excludes_and_gives_no_reason():
    post = posting(title="Sales Intern", languages=(FRENCH_REQUIRED,))
    assert match("France -sales", post) is None
    reasons = match("France -marketing", post)
    assert reasons is not None
    assert [r.term for r in reasons] == ["France"]
    assert match("-sales, marketing", posting(title="Marketing Intern")) is None
    assert match("-sales, marketing", posting(title="Design Intern")) == ()


def test_alternatives_report_the_one_that_held():
    reasons = match("Madrid, Paris + intern", posting(employment="intern"))
    assert reasons is not None
    assert reasons[0].term == "Paris"
    assert reasons[1] == Reason("intern", "employment", "intern", "intern in title", "title")


def test_keywords_are_whole_word_and_fold_case_and_accents():
    post = posting(title="Stagiaire Équipe Data", text="You will support the SALES team.\nNo résumé needed.")
    assert match("equipe", post) is not None
    assert match("sales", post) is not None
    assert match("resume", post) is not None
    assert match("sale", post) is None  # not a word of its own
    assert match('"sales team"', post) is not None
    assert match('"data you"', post) is None  # a phrase never spans the title and the text


def test_keywords_search_the_location_as_written_too():
    post = replace(posting(title="Veterinarian", text="Join our clinic."), location_text="Zorbleton, TX")
    assert match("zorbleton", post) is not None
    assert match('"tx join"', post) is None  # a phrase never spans the location and the text


def test_keywords_search_the_text_not_its_html():
    post = posting(title="Analyst", text="<p>Work with <b>Python</b> &amp; SQL</p>")
    assert match("python", post) is not None
    assert match('"python sql"', post) is not None
    assert match("b", post) is None
    assert match("amp", post) is None


def test_chinese_and_japanese_keywords_are_found_inside_unspaced_words():
    post = posting(title="服务商运营实习生（市场营销）", text="東京オフィスでC++を使います。")
    (reason,) = match("运营", post) or ()
    assert reason.value == "运营" and "服务商运营实习生" in reason.evidence  # no spaces in between
    assert match("東京", post) is not None
    assert match("c++", post) is not None
    assert match("实营", post) is None  # the characters must stand together
    assert match('"京東"', post) is None


def test_korean_keywords_stay_whole_words():
    post = posting(title="소프트웨어 개발자", text="")
    assert match("개발자", post) is not None
    assert match("개발", post) is None


def test_kana_keep_their_sound_marks_and_korean_its_syllables():
    post = posting(title="データエンジニア", text="서울 개발자 채용")
    (reason,) = match("データ", post) or ()
    assert reason.evidence.startswith("データ")  # not "テータ"
    assert match("テータ", post) is None  # "te" is another letter than "de"
    (reason,) = match("개발자", post) or ()
    assert reason.evidence == "서울 개발자 채용"  # syllables as written, not their decomposed letters


def test_keyword_reason_says_where_it_was_found():
    post = posting(title="Data Analyst", text="Work with python and sql daily.")
    (in_title,) = match("data", post) or ()
    (in_text,) = match("python", post) or ()
    assert (in_title.facet, in_title.basis, in_title.evidence) == ("keyword", "title", "data analyst")
    assert (in_text.basis, in_text.evidence) == ("body", "work with python and sql daily")


def test_title_and_team_fields_look_only_there():
    post = posting(title="Backend Engineer", text="Our growth team is great.", team="Platform")
    assert match("title:engineer", post) is not None
    assert match("title:growth", post) is None
    assert match("team:platform", post) is not None
    assert match("team:growth", post) is None


def test_company_matches_folded_name():
    post = posting(company="Tik Tok")
    assert match("TikTok", post) == (Reason("TikTok", "company", "Tik Tok", "Tik Tok", "source"),)
    assert match("company:acme", post) is None


def test_employment_and_workplace():
    post = posting(employment="intern", workplace=WorkplaceFacet("hybrid", evidence="Hybrid (3 days)"))
    assert match("intern hybrid", post) is not None
    assert match("remote", post) is None
    assert match("type:full_time", post) is None


def test_start_year_and_season_from_the_start_facet():
    post = posting(start=StartFacet(season="summer", year=2026, evidence="starting summer 2026"))
    assert match("2026", post) == (Reason("2026", "start", "2026", "starting summer 2026", "body"),)
    assert match("summer 2026", post) is not None
    assert match("summer", post) is not None
    assert match("winter 2026", post) is None
    assert match("2027", post) is None
    assert match("summer", posting(start=StartFacet(date="2026-07-01"))) is not None


def test_start_year_falls_back_to_the_title_when_the_facet_says_nothing():
    post = posting(title="2026 Summer Internship - Data", company="TikTok")
    reasons = match("TikTok + 2026", post)
    assert reasons is not None
    assert reasons[1] == Reason("2026", "start", "2026", "2026 Summer Internship - Data", "title")
    assert match("summer 2026", post) is not None
    assert match("2027", post) is None
    stated = posting(title="2026 Summer Internship", start=StartFacet(year=2027))
    assert match("2026", stated) is None  # a stated start wins over the title


def test_remote_allowance_counts_for_countries_not_cities():
    remote_de = posting(cities=("London",), workplace=WorkplaceFacet("remote", remote_countries=("DE",)))
    reasons = match("remote + Germany", remote_de)
    assert reasons is not None
    assert reasons[1].facet == "remote"
    assert reasons[1].value == "remote from DE"
    assert match("Europe", remote_de) is not None
    assert match("Berlin", remote_de) is None
    assert match("Spain", remote_de) is None


def test_remote_area_matches_the_area_only():
    remote_emea = posting(cities=(), workplace=WorkplaceFacet("remote", remote_areas=("emea",)))
    assert match("remote + EMEA", remote_emea) is not None
    assert match("remote + Germany", remote_emea) is None


def test_remote_without_stated_countries_matches_by_location():
    post = posting(cities=("Berlin",), workplace=WorkplaceFacet("remote"))
    assert match("remote + Germany", post) is not None
    assert match("remote + France", post) is None


def test_hybrid_allowance_is_not_remote():
    post = posting(cities=("London",), workplace=WorkplaceFacet("hybrid", remote_countries=("DE",)))
    assert match("Germany", post) is None


def test_a_posting_without_facets_matches_only_text():
    bare = Posting(id="x", title="Sales Intern", text="")
    assert match_query(parse("sales", VOCAB), bare, VOCAB) is not None
    assert match_query(parse("Paris", VOCAB), bare, VOCAB) is None


# ---- the index


def test_index_files_a_query_under_its_rarest_clause():
    assert index_keys(parse("Europe + intern + Paris", VOCAB)) == (("city:2988507", "type:intern"),)
    assert index_keys(parse("Paris, Lyon + Europe", VOCAB)) == (
        ("area:europe", "city:2988507"),
        ("area:europe", "city:2996944"),
    )
    assert index_keys(parse("Madrid, Barcelona", VOCAB)) == ("city:3117735", "city:3128760")
    assert index_keys(parse('"machine learning"', VOCAB)) == (" learning",)  # its longest word
    assert index_keys(parse("-sales", VOCAB)) == ()


def test_index_matches_with_reasons_and_removes():
    index = SubscriptionIndex(VOCAB)
    index.add(1, parse("Paris + French", VOCAB))
    index.add(2, parse("Berlin", VOCAB))
    index.add(3, parse("-sales", VOCAB))
    post = posting(title="Growth Intern", languages=(FRENCH_REQUIRED,))
    assert sorted(sub for sub, _ in index.match(post)) == [1, 3]
    assert dict(index.match(post))[3] == ()
    assert index.remove(1) is True
    assert index.remove(1) is False
    assert sorted(sub for sub, _ in index.match(post)) == [3]
    index.remove(3)
    assert index.match(post) == []
    assert len(index) == 1


def test_readding_a_subscription_replaces_its_query():
    index = SubscriptionIndex(VOCAB)
    index.add(7, parse("Berlin", VOCAB))
    index.add(7, parse("Paris", VOCAB))
    assert [sub for sub, _ in index.match(posting())] == [7]
    assert index.query_of(7) == parse("Paris", VOCAB)
    assert len(index) == 1
    assert index.distinct_queries == 1


def test_same_query_text_is_interned_once():
    index = SubscriptionIndex(VOCAB)
    for sub in range(50):
        index.add(sub, parse("Paris + French", VOCAB))
    index.add(99, parse("Lyon + French", VOCAB))
    assert index.distinct_queries == 2
    assert index.query_of(0) is index.query_of(49)
    french_in_paris = index.query_of(0).clauses[1]  # type: ignore[union-attr]
    french_in_lyon = index.query_of(99).clauses[1]  # type: ignore[union-attr]
    assert french_in_paris is french_in_lyon  # terms and clauses are shared across queries too
    post = posting(languages=(FRENCH_REQUIRED,))
    assert sorted(sub for sub, _ in index.match(post)) == list(range(50))
    for sub in range(50):
        index.remove(sub)
    assert index.distinct_queries == 1
    assert index.match(post) == []
    index.remove(99)
    del french_in_paris, french_in_lyon
    gc.collect()
    assert index.stats() == {
        "subscriptions": 0,
        "distinct_queries": 0,
        "index_keys": 0,
        "always_checked": 0,
        "shared_terms": 0,
        "shared_clauses": 0,
    }


def test_negation_only_queries_are_always_checked():
    index = SubscriptionIndex(VOCAB)
    index.add(1, parse("-sales", VOCAB))
    index.add(2, parse("Paris", VOCAB))
    assert index.stats()["always_checked"] == 1
    assert sorted(sub for sub, _ in index.match(posting(title="Data Intern"))) == [1, 2]


QUERY_PARTS = [
    "Paris", "Lyon", "Berlin", "Munich", "Madrid", "Barcelona", "Milan", "London", "New York", "France",
    "Germany", "Spain", "Europe", "EMEA", "Bavaria", "French", "German", "Spanish", "English", "lang!:fr",
    "lang!:en", "intern", "full time", "remote", "hybrid", "TikTok", "2026", "summer", "sales", "data",
    '"growth team"', "title:engineer", "team:platform",
]  # fmt: skip
CITIES = [
    "Paris",
    "Lyon",
    "Berlin",
    "Munich",
    "Madrid",
    "Barcelona",
    "Milan",
    "London",
    "New York",
    "Amsterdam",
]
WORDS = ["sales", "data", "growth", "team", "engineer", "python", "design", "customers"]


def random_query(rng: random.Random) -> str:
    clauses = []
    for _ in range(rng.randint(1, 3)):
        alternatives = rng.sample(QUERY_PARTS, rng.choice((1, 1, 1, 2)))
        clause = ", ".join(alternatives)
        clauses.append(("-" if rng.random() < 0.15 else "") + clause)
    return " + ".join(clauses)


def random_posting(rng: random.Random, number: int) -> Posting:
    langs = [
        LanguageRequirement(code, rng.random() < 0.6) for code in rng.sample(["fr", "de", "es", "en"], 2)
    ]
    workplace = rng.choice(
        [None, WorkplaceFacet("onsite"), WorkplaceFacet("hybrid"), WorkplaceFacet("remote", ("DE",))]
    )
    return posting(
        f"p{number}",
        title=" ".join(rng.sample(WORDS, 2)),
        text=" ".join(rng.choices(WORDS, k=8)),
        company=rng.choice(["TikTok", "Acme"]),
        cities=tuple(rng.sample(CITIES, rng.choice((0, 1, 1, 2)))),
        languages=tuple(langs[: rng.randint(0, 2)]),
        employment=rng.choice([None, "intern", "full_time"]),
        workplace=workplace,
        start=rng.choice([None, StartFacet(season="summer", year=2026), StartFacet(year=2027)]),
        team=rng.choice([None, "Platform", "Growth"]),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_index_gives_exactly_what_a_linear_scan_gives(seed):
    rng = random.Random(seed)
    index = SubscriptionIndex(VOCAB)
    queries = {}
    for sub in range(400):
        text = random_query(rng)
        if text.startswith("-") and rng.random() < 0.5:
            text = "Paris " + text
        queries[sub] = parse(text, VOCAB, ("TikTok",))
        index.add(sub, queries[sub])
    for sub in rng.sample(range(400), 60):
        index.remove(sub)
        del queries[sub]
    total = 0
    for number in range(150):
        post = random_posting(rng, number)
        got = sorted(index.match(post))
        assert got == sorted(index.scan(post))
        expected = []
        for sub, query in queries.items():
            reasons = match_query(query, post, VOCAB)
            if reasons is not None:
                expected.append((sub, reasons))
        assert got == expected
        total += len(got)
    assert total > 300  # the random mix really matches things


# ---- with the real vocabulary (gazetteer)


def real_posting(city: str, languages: tuple[LanguageRequirement, ...]) -> Posting:
    from bot.geo import resolve_place

    place = next(p for p in resolve_place(city) if p.kind == "city")
    where = place.to_location(evidence=city, basis="source")
    return Posting(id=city, title="Intern", facets=Facets(locations=(where,), languages=languages))


def test_real_gazetteer_hierarchy_in_match_query():
    milan = real_posting("Milan", (LanguageRequirement("it", True, evidence="Fluent Italian"),))
    for text in ("Milan + Italian", "Milano", "Italy", "Europe + Italian", "EMEA", "lang!:it"):
        assert match_query(parse(text), milan) is not None, text
    for text in ("Paris", "France", "Spanish", "Rome"):
        assert match_query(parse(text), milan) is None, text


def test_real_gazetteer_index_equals_scan():
    index = SubscriptionIndex()
    texts = ["Milan + Italian", "Europe, US + intern", "Italy -sales", "Paris", "Lombardy", "France, Italy"]
    for sub, text in enumerate(texts):
        index.add(sub, parse(text))
    milan = real_posting("Milan", (LanguageRequirement("it", True),))
    assert sorted(index.match(milan)) == sorted(index.scan(milan))
    assert sorted(sub for sub, _ in index.match(milan)) == [0, 2, 4, 5]  # Milan is in Lombardy
