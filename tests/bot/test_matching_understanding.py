"""Matching the terms people type: technology names, career levels and metro areas against postings."""

from __future__ import annotations

import pytest

from bot.geo import resolve_place
from bot.matching import SubscriptionIndex, match_query
from bot.models import EmploymentFacet, Facets, Location, Posting, TextFacet, WorkplaceFacet
from bot.query import parse
from tests.fakes.vocabulary import FakeVocabulary, location

VOCAB = FakeVocabulary()


def posting(
    title: str, text: str = "", *, level: str | None = None, employment: str | None = None
) -> Posting:
    return Posting(
        id=title,
        title=title,
        company="Acme",
        text=text,
        facets=Facets(
            locations=(location("New York"),),
            seniority=TextFacet(level, level, "title") if level else None,
            employment=EmploymentFacet(employment, employment, "source") if employment else None,  # type: ignore[arg-type]
        ),
    )


def matches(query: str, post: Posting) -> bool:
    return match_query(parse(query, VOCAB), post, VOCAB) is not None


# ---- technology names


@pytest.mark.parametrize(
    ("query", "text", "want"),
    [
        ("C++", "Modern C++ (17/20) and Python.", True),
        ("C++", "C and Python.", False),
        ("C", "Modern C++ only.", False),
        ("C#", "C#/.NET services.", True),
        ("C#", "C and Go.", False),
        (".NET", "C#/.NET services on ASP.NET Core.", True),
        (".NET", "Our net revenue grew; see example.net.", False),
        ("F#", "F# or OCaml.", True),
        ("Node.js", "Backend in Node.js.", True),
        ("CI/CD", "You own our CI/CD pipelines.", True),
    ],
)
def test_technology_names_match_the_name_not_its_letters(query, text, want):
    assert matches(query, posting("Engineer", text)) is want


def test_an_excluded_technology_excludes_only_itself():
    assert matches("New York -C++", posting("Engineer", "C and Python."))
    assert not matches("New York -C++", posting("Engineer", "C++ all day."))


def test_the_index_files_a_technology_under_its_whole_name():
    index = SubscriptionIndex(VOCAB)
    index.add(1, parse("C# + New York", VOCAB))
    assert [sub for sub, _ in index.match(posting("Engineer", "C# on .NET"))] == [1]
    assert index.match(posting("Engineer", "C and Go")) == []


# ---- career level


def test_new_grad_matches_entry_level_postings_not_full_time_seniors():
    new_grad = posting("Software Engineer, New Grad", level="entry", employment="full_time")
    senior = posting("Senior Accountant", level="senior", employment="full_time")
    assert matches("New York + new grad", new_grad)
    assert not matches("New York + new grad", senior)
    assert matches("senior", senior) and not matches("senior", new_grad)


def test_a_level_match_says_why():
    reasons = match_query(parse("junior", VOCAB), posting("Junior Analyst", level="entry"), VOCAB)
    assert reasons is not None and (reasons[0].facet, reasons[0].value) == ("level", "entry")


# ---- metro areas (the real gazetteer)


def located(name: str) -> Posting:
    place = resolve_place(name)[0]
    return Posting(id=name, title="Engineer", company="Acme", facets=Facets(locations=(place.to_location(),)))


@pytest.mark.parametrize(
    ("query", "town", "want"),
    [
        ("Bay Area", "Oakland, California", True),
        ("Bay Area", "Palo Alto, California", True),
        ("Bay Area", "San Francisco", True),
        ("Bay Area", "Los Angeles", False),
        ("Greater London", "Croydon, UK", True),
        ("Greater London", "Manchester, UK", False),
        ("Randstad", "Rotterdam", True),
        ("Randstad", "Eindhoven", False),
        ("DMV", "Arlington, Virginia", True),
        ("DMV", "Washington, DC", True),
        ("DMV", "Philadelphia", False),
        ("French Riviera", "Nice, France", True),
        ("Côte d’Azur", "Antibes, France", True),
        ("French Riviera", "Marseille, France", False),
        ("South Tyrol", "Bolzano, Italy", True),
        ("Südtirol", "Merano, Italy", True),
        ("South Tyrol", "Innsbruck, Austria", False),
    ],
)
def test_a_metro_area_matches_its_towns(query, town, want):
    assert (match_query(parse(query), located(town)) is not None) is want


def test_a_metro_match_names_the_location():
    reasons = match_query(parse("Bay Area"), located("Oakland, California"))
    assert reasons is not None and reasons[0].facet == "location" and reasons[0].value.startswith("Oakland")


def test_remote_from_a_country_is_not_a_metro():
    post = Posting(
        id="r",
        title="Engineer",
        facets=Facets(
            locations=(Location(country="US"),),
            workplace=WorkplaceFacet("remote", remote_countries=("US",)),
        ),
    )
    assert match_query(parse("Bay Area"), post) is None
