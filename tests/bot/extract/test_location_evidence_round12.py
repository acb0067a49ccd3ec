"""Round 12: a lone ambiguous name or code in the location field read in the country the rest of the posting
gives: the body's own place for the job, the one country it names, or (for a code only) its pay and
benefits."""

from __future__ import annotations

import pytest

from bot.extract.locations import extract_locations
from bot.models import Posting


def read(location: str, body: str) -> list[tuple[str | None, str | None, str | None]]:
    posting = Posting(id="t:1", title="Analyst", location_text=location, text=body)
    return [(loc.city, loc.region, loc.country) for loc in extract_locations(posting, body, body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("We offer a 401(k) match and medical, dental and vision cover.", [(None, "California", "US")]),
        ("The pay range for this role is 120,000 - 150,000 USD.", [(None, "California", "US")]),
        ("This role is based in the United States.", [(None, "California", "US")]),
        # no US evidence, or Canadian evidence: the country, as before
        ("Join a friendly team.", [(None, None, "CA")]),
        ("The pay range is 120,000 - 150,000 CAD.", [(None, None, "CA")]),
        ("The pay range is 120,000 CAD, or 90,000 USD for US hires.", [(None, None, "CA")]),
    ],
)
def test_remote_ca_is_california_where_the_posting_hires_in_the_us(body, expected):
    assert read("Remote, CA", body) == expected


@pytest.mark.parametrize(
    ("location", "body", "expected"),
    [
        ("Halle", "You will join our team in Belgium.", [("Halle", "Flanders", "BE")]),
        ("Halle", "Join a friendly team.", [("Halle (Saale)", None, "DE")]),
        ("Cambridge", "Location: United Kingdom", [("Cambridge", "England", "GB")]),
        ("Kingston", "This role is based in Canada.", [("Kingston", "Ontario", "CA")]),
        ("Hamilton", "We are growing our business across New Zealand.", [("Hamilton", None, "NZ")]),
        ("Frankfurt", "Wir suchen Verstärkung in Deutschland.", [("Frankfurt am Main", "Hesse", "DE")]),
    ],
)
def test_a_town_named_alone_is_placed_by_the_bodys_country(location, body, expected):
    assert read(location, body) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # a far less likely namesake, or a small town held only for its qualifiers, is never chosen so
        ("This role is based in Canada.", [("London", "England", "GB")]),
        ("A 401(k) plan and pay in USD.", [("London", "England", "GB")]),
        # a code in prose is no country's evidence ("the U.S. Department of Energy")
        ("Our partners include the U.S. Department of Energy.", [("London", "England", "GB")]),
    ],
)
def test_evidence_does_not_move_a_city_to_a_far_smaller_namesake(body, expected):
    assert read("London", body) == expected


def test_pay_and_benefits_do_not_move_a_city_abroad():
    # benefits are written for every country a company hires in: they choose a code's reading only
    assert read("Waterloo", "A 401(k) plan, and pay in USD for US hires.") == [("Waterloo", "Ontario", "CA")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Join a friendly team.", [("New Brunswick", "New Jersey", "US")]),
        ("A 401(k) plan and dental cover.", [("New Brunswick", "New Jersey", "US")]),
        ("Our office in New Jersey is growing.", [("New Brunswick", "New Jersey", "US")]),
        ("This role is based in Canada.", [(None, "New Brunswick", "CA")]),
        # the province, made precise by the city the body names in it
        ("You will work from our Moncton office.", [("Moncton", "New Brunswick", "CA")]),
    ],
)
def test_bare_new_brunswick_takes_the_reading_the_evidence_supports(body, expected):
    assert read("New Brunswick", body) == expected


@pytest.mark.parametrize(
    ("location", "body", "expected"),
    [
        # a small town alone is a word to the gazetteer; the posting's one country places it
        ("Walldorf", "Wir suchen Verstärkung in Deutschland.", [("Walldorf", "Baden-Württemberg", "DE")]),
        ("Watkins Glen", "We offer a 401(k) plan.", [("Watkins Glen", "New York", "US")]),
        ("Yennora", "The role is based in Australia.", [("Yennora", "New South Wales", "AU")]),
        ("Exton, Remote", "Medical, dental and vision cover.", [("Exton", "Pennsylvania", "US")]),
    ],
)
def test_a_small_town_named_alone_is_placed_by_the_postings_country(location, body, expected):
    assert read(location, body) == expected


@pytest.mark.parametrize(
    ("location", "body"),
    [
        ("Walldorf", "Join a friendly team."),  # no evidence
        ("Walldorf", "We hire in Germany and the United States."),  # two countries
    ],
)
def test_a_small_town_alone_stays_unread_without_one_country(location, body):
    assert read(location, body) == []


def test_no_town_of_the_name_in_the_evidence_country_leaves_the_country_alone():
    # no Yennora in the US: the benefits still say the US, as for a posting that names no place
    assert read("Yennora", "We offer a 401(k) plan.") == [(None, None, "US")]
