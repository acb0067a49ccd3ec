"""Round 12: season internships in other languages name the start season, in the title or the body; the
query language reads extraction's one table of season words."""

from __future__ import annotations

import pytest

from bot.extract.dates import INTERNSHIP_SEASONS, extract_start
from bot.models import Posting
from bot.query.known_words import simple_season


def start(title: str, body: str = ""):
    facet = extract_start(Posting(id="t:1", title=title, text=body), body)
    return facet and (facet.season, facet.year)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Zomerstage Marketing", ("summer", None)),
        ("Voorjaarsstage Data", ("spring", None)),
        ("Sommerpraktikum Vertrieb", ("summer", None)),
        ("Sommer-Praktikum Controlling 2026", ("summer", 2026)),
        ("Sommarpraktik 2026", ("summer", 2026)),
        ("Stage d'été - Finance", ("summer", None)),
        ("Stage d’hiver - Marketing", ("winter", None)),
        ("Prácticas de verano - Ventas", ("summer", None)),
        ("Pasantía de invierno", ("winter", None)),
        ("Estágio de Verão 2027", ("summer", 2027)),
        ("Estágio de férias", ("summer", None)),
        ("Tirocinio estivo - Finanza", ("summer", None)),
        ("Staż letni w dziale IT", ("summer", None)),
        ("Letnie praktyki 2026", ("summer", 2026)),
    ],
)
def test_a_season_internship_in_the_title_gives_the_start(title, expected):
    assert start(title) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Nous proposons un stage d'été de 2 mois au sein de l'équipe.", ("summer", None)),
        ("Wir bieten ein Sommerpraktikum in unserem Team in München.", ("summer", None)),
        ("Ofrecemos unas prácticas de verano en Madrid.", ("summer", None)),
        ("Voor onze afdeling zoeken wij een zomerstagiair voor een zomerstage.", ("summer", None)),
    ],
)
def test_a_season_internship_in_the_body_gives_the_start(body, expected):
    assert start("Analyst", body) == expected


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Growth Stage Controller", ""),
        ("Summer Stage Production Assistant", ""),  # a venue, not an internship
        ("Backstage Engineer", "Work backstage at our summer festival."),
        ("Stage Manager", "Fall protection training is provided."),
    ],
)
def test_stages_and_seasons_that_are_no_season_internship(title, body):
    assert start(title, body) is None


def test_the_query_reads_extractions_season_table_folded():
    # one table: every word of extraction's reads as the same season in a query, accents or none
    for word, season in INTERNSHIP_SEASONS.items():
        assert simple_season(word) == (season, None)
    assert simple_season("verão 2026") == ("summer", 2026)
    assert simple_season("d'été") == ("summer", None)
    assert simple_season("Sommer") == ("summer", None)


def test_holiday_words_name_a_season_only_beside_an_internship():
    assert start("Analyst", "Staż wakacyjny w naszym zespole.") == ("summer", None)
    # "ferias 2026": Spanish for the 2026 trade fairs, no start
    assert start("Analyst", "Participación en ferias 2026 y eventos del sector.") is None
    # other languages' seasons beside a year are a start, as English ones are
    assert start("Analyst", "Start: lato 2026") == ("summer", 2026)
