from __future__ import annotations

import pytest

from bot.extract.locations import body_locations, extract_locations, parse_location_text
from bot.models import Location, Posting, SourceHints


def places(locations) -> list[tuple[str | None, str | None]]:
    return [(loc.city, loc.country) for loc in locations]


def posting(title: str = "Analyst", location: str = "", text: str = "", **hints) -> Posting:
    return Posting(id="t:1", title=title, location_text=location, text=text, hints=SourceHints(**hints))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote (United States | Canada)", [(None, "US"), (None, "CA")]),
        ("Paris, France; Bordeaux, France", [("Paris", "FR"), ("Bordeaux", "FR")]),
        ("Hybrid - London", [("London", "GB")]),
        ("San Francisco, CA", [("San Francisco", "US")]),
        ("New York City (Hybrid)", [("New York City", "US")]),
        ("*HQ - San Francisco, CA", [("San Francisco", "US")]),
        ("Reading (London)", [("Reading", "GB"), ("London", "GB")]),
        ("Anywhere in France, Belgium, Spain", [(None, "FR"), (None, "BE"), (None, "ES")]),
        ("SF / NY", [("San Francisco", "US"), ("New York City", "US")]),
        ("Bay Area", [("San Francisco", "US")]),
        ("Berlin or Munich", [("Berlin", "DE"), ("Munich", "DE")]),
        ("London, England, United Kingdom", [("London", "GB")]),
        ("München, Bayern, Deutschland", [("Munich", "DE")]),
        ("San Francisco Office", [("San Francisco", "US")]),
        ("Remote - US", [(None, "US")]),
        ("U.S. (Remote)", [(None, "US")]),
        ("Toronto, ON, Canada", [("Toronto", "CA")]),
        ("Darmstadt, DE", [("Darmstadt", "DE")]),
        ("Luxembourg, Luxembourg", [("Luxembourg", "LU")]),
        ("Singapore", [("Singapore", "SG")]),
        ("Acme Minsk", [("Minsk", "BY")]),
        ("TLV", [("Tel Aviv", "IL")]),
        ("Acme - Headquarters (Lehi, UT)", [("Lehi", "US")]),
    ],
)
def test_location_strings(text, expected):
    assert places(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    "text", ["Remote - Europe", "LatAm", "NAMER", "EMEA", "Headquarters", "Remote", "Hybrid"]
)
def test_areas_and_bare_workplace_words_give_no_location(text):
    assert parse_location_text(text) == []


def test_a_place_the_text_rules_out_is_not_a_location():
    assert parse_location_text("Remote (non-U.S.)") == []
    assert places(parse_location_text("Remote, outside the US; Toronto")) == [("Toronto", "CA")]


def test_locations_carry_region_geoname_and_evidence():
    (loc,) = parse_location_text("Paris, France")
    assert loc.region == "Île-de-France" and loc.geoname_id == 2988507
    assert loc.evidence == "Paris, France" and loc.basis == "location"


def test_an_accent_free_spelling_of_the_same_city_is_kept():
    assert places(parse_location_text("Bogota")) == [("Bogota", "CO")]
    assert places(parse_location_text("Bogotá, Colombia")) == [("Bogotá", "CO")]


def test_structured_source_locations_win_and_are_normalised():
    p = posting(
        location="Berlin",
        locations=(Location(city="Lyon", country="France", basis="source"),),
    )
    (loc,) = extract_locations(p, "Location: Madrid")
    assert (loc.city, loc.country, loc.basis) == ("Lyon", "FR", "source")
    assert loc.geoname_id is not None


def test_vendor_location_texts_are_read_too():
    p = posting(location="Paris", location_texts=("Lisbon, Portugal",))
    assert places(extract_locations(p, "")) == [("Paris", "FR"), ("Lisbon", "PT")]


def test_the_location_field_beats_the_body():
    p = posting(location="Amsterdam", text="")
    assert places(extract_locations(p, "This role is based in our Madrid office.")) == [("Amsterdam", "NL")]


def test_a_country_field_is_made_precise_by_a_body_city_inside_it():
    p = posting(location="United States")
    found = extract_locations(p, "You will be based in our Austin, TX office three days a week.")
    assert places(found) == [("Austin", "US")]
    assert found[0].basis == "body"


def test_a_body_city_in_another_country_does_not_replace_the_field():
    p = posting(location="Germany")
    assert places(extract_locations(p, "This role is based in our Madrid office.")) == [(None, "DE")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Account Manager - Paris", [("Paris", "FR")]),
        ("Software Engineer (Berlin)", [("Berlin", "DE")]),
        ("Sales Lead, Remote US", [(None, "US")]),
        ("Mobile Engineer", []),
        ("Senior Engineer - Nice to have Rust", []),
        ("Distributed Systems Engineer", []),
        # A small city alone in a title is more often a product or a project.
        ("Lead, Validator & Staking Growth (Solana)", []),
        ("Engineer (Palo Alto)", [("Palo Alto", "US")]),
    ],
)
def test_titles_name_a_place_only_in_a_segment_of_its_own(title, expected):
    assert places(extract_locations(posting(title=title), "")) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("About the role\nLocation:\n\nParis\n\nEmployment Type: Intern", [("Paris", "FR")]),
        ("Location: Lisbon, Portugal (hybrid)", [("Lisbon", "PT")]),
        (
            "Available for a 4-month internship based in Madrid (in-office attendance required).",
            [("Madrid", "ES")],
        ),
        ("This role is based in our Milan office.", [("Milan", "IT")]),
        (
            "You are based in (or willing to relocate to) either Lyon or Toulouse.",
            [("Lyon", "FR"), ("Toulouse", "FR")],
        ),
        ("Candidates must reside in the United Kingdom.", [(None, "GB")]),
        ("Ce poste est basé à Lyon.", [("Lyon", "FR")]),
        # labels and phrases of other languages
        ("Ort: München", [("Munich", "DE")]),
        ("Lieu de travail : Lyon", [("Lyon", "FR")]),
        ("Sede di lavoro: Torino", [("Turin", "IT")]),
        ("Localização: Lisboa", [("Lisbon", "PT")]),
        ("Werkplek: Rotterdam", [("Rotterdam", "NL")]),
        ("Miejsce pracy: Kraków", [("Kraków", "PL")]),
        ("Il ruolo è basato a Bologna.", [("Bologna", "IT")]),
        ("Vous rejoindrez notre équipe à Lille.", [("Lille", "FR")]),
    ],
)
def test_body_phrases_that_place_the_job(body, expected):
    assert places(body_locations(body)) == expected


def test_an_office_list_about_the_company_is_not_the_job():
    body = (
        "About Streamly\n"
        "Streamly is the leading destination for short video. Streamly's global headquarters are in "
        "Los Angeles and Singapore, and our offices include New York, London, Dublin, Paris, Berlin, Dubai, "
        "Jakarta, Seoul, and Tokyo.\n"
        "We also have offices in Madrid and Milan. Our customers in Brazil love us."
    )
    assert body_locations(body) == ()
    assert extract_locations(posting(text=body), body) == ()


def test_the_office_list_does_not_drown_the_real_place():
    body = (
        "Minimum Qualifications\n- Available for a 3-month internship based in Madrid\n"
        "About Streamly\nOur offices include New York, London, Paris and Berlin."
    )
    assert places(body_locations(body)) == [("Madrid", "ES")]


@pytest.mark.parametrize(
    "body",
    [
        "We have a nice office and reading groups.",
        "Experience with ML and AI in production.",
        "Join a team that builds mobile apps. It is based on trust.",
        "Work with partners across Europe.",
    ],
)
def test_prose_that_only_looks_like_places(body):
    assert body_locations(body) == ()


def test_a_line_that_is_only_a_place_near_the_top():
    body = "Junior Analyst\nWarsaw, Poland\n\nWhat you will do\n- Work with data"
    assert places(body_locations(body)) == [("Warsaw", "PL")]


def test_a_city_and_its_country_give_one_location():
    body = "The internship is based in Madrid. You will work with teams based in Spain."
    assert places(body_locations(body)) == [("Madrid", "ES")]


def test_nothing_said_gives_nothing():
    assert extract_locations(posting(title="Engineer", text="Build things."), "Build things.") == ()


def test_an_area_field_lets_the_body_name_a_place_inside_it_only():
    inside = posting(location="Remote - Europe")
    assert places(extract_locations(inside, "You will be based in Lisbon.")) == [("Lisbon", "PT")]
    outside = posting(location="Remote - Europe")
    assert extract_locations(outside, "You will be based in Denver.") == ()


def test_free_text_in_a_structured_location_field_is_read_as_a_location_string():
    # JSON-LD addressLocality often carries the board's display string, with no country.
    got = extract_locations(
        posting(locations=(Location(city="Remote (Germany | Austria)", basis="source"),)), ""
    )
    assert {(loc.city, loc.country) for loc in got} == {(None, "DE"), (None, "AT")}
    got = extract_locations(posting(locations=(Location(city="München", basis="source"),)), "")
    assert [(loc.city, loc.country) for loc in got] == [("Munich", "DE")]


def test_a_confirmed_source_location_keeps_an_unconfirmed_sibling_only_if_it_reads_as_a_place():
    hints = (
        Location(city="Paris", country="FR", basis="source"),
        Location(city="Hybrid - London", basis="source"),
    )
    got = extract_locations(posting(locations=hints), "")
    assert {(loc.city, loc.country) for loc in got} == {("Paris", "FR"), ("London", "GB")}


def full(locations) -> list[tuple[str | None, str | None, str | None]]:
    return [(loc.city, loc.region, loc.country) for loc in locations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # towns of a few thousand people, resolved within the state or region that follows them
        ("Kermit, TX", [("Kermit", "Texas", "US")]),
        ("Armonk, NY", [("Armonk", "New York", "US")]),
        ("Exton, PA, United States", [("Exton", "Pennsylvania", "US")]),
        ("Greenwich, CT", [("Greenwich", "Connecticut", "US")]),
        ("Carpinteria, California", [("Carpinteria", "California", "US")]),
        ("Allendorf, Hesse, Germany", [("Allendorf", "Hesse", "DE")]),
        # the whole name, not a shorter namesake inside it
        ("Glen Allen, VA", [("Glen Allen", "Virginia", "US")]),
        ("Westlake Village, CA 91362", [("Westlake Village", "California", "US")]),
        ("Crystal City, TX", [("Crystal City", "Texas", "US")]),
        ("Marina del Rey, CA", [("Marina del Rey", "California", "US")]),
    ],
)
def test_towns_resolve_to_the_namesake_in_their_state_or_region(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a town the gazetteer does not know: the state it names, never a country sharing the code
        ("Zorbleton, NY", [(None, "New York", "US")]),
        ("Zorbleton, PA", [(None, "Pennsylvania", "US")]),
        ("Zorbleton, MO", [(None, "Missouri", "US")]),
        ("Zorbleton, CO", [(None, "Colorado", "US")]),
        # a known name whose namesake is not in that state: the state, not the far-away city
        ("Gilroy, TX", [(None, "Texas", "US")]),
        ("Crystal City, VA", [(None, "Virginia", "US")]),
        # a town we do not hold whose name begins with a city's: the state, not that city
        ("Zorbleton Junction, MD", [(None, "Maryland", "US")]),
        ("Columbia Junction, MD", [(None, "Maryland", "US")]),
        ("Springfield Crossing, OH", [(None, "Ohio", "US")]),
        ("Zorbleton Springs, FL", [(None, "Florida", "US")]),
    ],
)
def test_an_unknown_town_before_a_state_code_gives_the_state_not_a_city_or_country(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize("text", ["Crystal City", "Westlake Village", "Republic", "roles", "Slovak Republic"])
def test_an_unqualified_small_town_or_a_word_is_not_cut_to_another_city(text):
    assert all(loc.city is None for loc in parse_location_text(text))


def test_a_small_town_alone_in_prose_is_not_a_place():
    assert body_locations("We are based in Center. Location: Republic") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京都", [("Tokyo", "JP")]),
        ("千葉県 柏市", [("Kashiwa", "JP")]),
        ("千葉県, Japan", [(None, "JP")]),
        ("san_francisco", [("San Francisco", "US")]),
        ("new_york_city", [("New York City", "US")]),
        ("Giv'atayim, Israel", [("Givatayim", "IL")]),
    ],
)
def test_non_latin_scripts_and_slugs_parse(text, expected):
    assert places(parse_location_text(text)) == expected


def test_japanese_prefecture_is_a_region():
    assert full(parse_location_text("千葉県, Japan")) == [(None, "Chiba", "JP")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Boston, New York", [("Boston", "Massachusetts", "US"), ("New York City", "New York", "US")]),
        ("Salisbury, North Carolina", [("Salisbury", "North Carolina", "US")]),
        ("Pelham Manor, New York", [("Pelham Manor", "New York", "US")]),
        ("Remote (Canada, LATAM, EU)", [(None, None, "CA")]),
        ("USA, Mexico, Argentina", [(None, None, "US"), (None, None, "MX"), (None, None, "AR")]),
        ("Remote - CO, FL, GA", [(None, "Colorado", "US"), (None, "Florida", "US"), (None, "Georgia", "US")]),
        ("San Francisco, CA, OR Anywhere", [("San Francisco", "California", "US")]),
        ("Guadalajara, Jalisco, México", [("Guadalajara", "Jalisco", "MX")]),
        ("London Bridge, UK", [("London", "England", "GB"), (None, None, "GB")]),
        ("Greater St. Louis, IL", [("St. Louis", "Missouri", "US"), (None, "Illinois", "US")]),
    ],
)
def test_lists_areas_and_big_cities_are_not_read_as_towns(text, expected):
    assert full(parse_location_text(text)) == expected


def test_a_title_word_that_is_a_town_does_not_make_a_place_segment():
    assert extract_locations(posting(title="Deal Hunter", location="Remote"), "") == ()


def test_a_body_list_of_state_codes_names_the_states():
    body = "Branch is open to candidates located in AL, AZ, CT."
    assert full(body_locations(body)) == [
        (None, "Alabama", "US"),
        (None, "Arizona", "US"),
        (None, "Connecticut", "US"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kashiwa, Chiba", [("Kashiwa", "Chiba", "JP")]),
        ("柏市, 千葉県", [("Kashiwa", "Chiba", "JP")]),
        ("大阪府", [(None, "Osaka", "JP")]),
        ("Chiba", [("Chiba", "Chiba", "JP")]),
    ],
)
def test_a_prefecture_named_like_its_capital_qualifies_a_town_inside_it(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # time zones and "LA" alone are not Portugal, Ethiopia or Laos
        ("PT Remote", []),
        ("ET/CT/PT Remote", []),
        ("Lisbon, PT", [("Lisbon", None, "PT")]),
        ("LA Hybrid or Remote", [("Los Angeles", "California", "US")]),
        ("New Orleans, LA", [("New Orleans", "Louisiana", "US")]),
        # ISO alpha-3 codes are countries, not a small town of that name
        ("Anywhere (US/CAN)", [(None, None, "US"), (None, None, "CA")]),
        ("Vancouver, BC, CAN", [("Vancouver", "British Columbia", "CA")]),
        # a country's name in another language does not take a big city's own name
        ("Granada", [("Granada", "Andalusia", "ES")]),
        ("Salvador, Brazil", [("Salvador", "Bahia", "BR")]),
        # counties and states are not the city of that name
        ("Zorbleton County, New York", [(None, "New York", "US")]),
        ("Washington County, MD", [(None, "Maryland", "US")]),
        ("New York State", [(None, "New York", "US")]),
        ("Long Island, New York", [(None, "New York", "US")]),
        # short forms of Mount, Fort and Saint
        ("Mt Juliet, Tennessee", [("Mount Juliet", "Tennessee", "US")]),
        ("Ft Worth, TX", [("Fort Worth", "Texas", "US")]),
        # "City, CA": the city in California before the one in Canada; a far namesake gives way to the state
        ("Richmond, CA", [("Richmond", "California", "US")]),
        ("Central Coast, CA", [(None, "California", "US")]),
        ("Vancouver, CA", [("Vancouver", "British Columbia", "CA")]),
        # a town named like a province abroad, in the state that follows it; two states stay two states
        ("Ontario, Ohio", [("Ontario", "Ohio", "US")]),
        ("Virginia, Minnesota", [(None, "Virginia", "US"), (None, "Minnesota", "US")]),
        # a list of cities keeps its city codes
        (
            "Boston, LA, DC",
            [
                ("Boston", "Massachusetts", "US"),
                ("Los Angeles", "California", "US"),
                ("Washington", "District of Columbia", "US"),
            ],
        ),
    ],
)
def test_codes_counties_and_namesakes_read_as_people_write_them(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a place name that begins a street's or a venue's name is no city of that name
        ("150 Folsom St., San Francisco, CA 94105", [("San Francisco", "California", "US")]),
        ("7 Syracuse Way Suite 3, Greenwood Village, CO", [("Greenwood Village", "Colorado", "US")]),
        ("Acme Highland Farms - Black Mountain, NC", [("Black Mountain", "North Carolina", "US")]),
        ("Stanford Shopping Center", []),
        ("Highland Park Mall", []),
        ("Brookfield Place", []),
        ("Hudson Yards", []),
        ("Salesforce Tower, San Francisco", [("San Francisco", "California", "US")]),
        # a mall named after one town and sitting in another ("Westfield" is no Westfield, MA)
        ("Westfield Century City", []),
        ("Westfield Century City, Los Angeles, CA", [("Los Angeles", "California", "US")]),
        ("Boulder City, NV", [("Boulder City", "Nevada", "US")]),
        ("Kansas City, MO", [("Kansas City", "Missouri", "US")]),
        ("Menlo Park", [("Menlo Park", "California", "US")]),
        ("Greenwich CT", [("Greenwich", "Connecticut", "US")]),
        # lower-case prose in a capitalised field is not an old name of a far-away city
        ("Chicago, Illinois (Hybrid: part virtual and part in-person)", [("Chicago", "Illinois", "US")]),
        ("tel aviv", [("Tel Aviv", None, "IL")]),
    ],
)
def test_streets_venues_and_prose_in_a_location_field_are_not_places(text, expected):
    assert full(parse_location_text(text)) == expected


def test_a_city_written_twice_in_two_spellings_is_one_location():
    found = extract_locations(posting(location="São Paulo, Sao Paulo, Brazil"), "")
    assert [(loc.city, loc.country) for loc in found] == [("São Paulo", "BR")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city as likely in two countries is read in the country the rest of its list is in
        ("Kettering, Corby & Northampton", [("Kettering", "GB"), ("Corby", "GB"), ("Northampton", "GB")]),
        ("Toronto, ON; Richmond, CA", [("Toronto", "CA"), ("Richmond", "CA")]),
        ("Cambridge (EMEA)", [("Cambridge", "GB")]),
        ("Cambridge, Boston", [("Cambridge", "US"), ("Boston", "US")]),
        # a much likelier reading stays ("Paris" in a list with London is not Paris, Ontario)
        ("Paris; London, UK", [("Paris", "FR"), ("London", "GB")]),
    ],
)
def test_an_ambiguous_city_is_read_in_the_country_of_its_list(text, expected):
    assert places(parse_location_text(text)) == expected


def test_the_context_spans_the_source_location_texts():
    found = extract_locations(posting(location="Cambridge", location_texts=("London, UK",)), "")
    assert places(found) == [("Cambridge", "GB"), ("London", "GB")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("This remote role requires working from a US location during US business hours.", [(None, "US")]),
        ("This role can be located anywhere within the Continental United States.", [(None, "US")]),
        ("You must be based out of one of the following states: Ohio, Utah.", [(None, "US"), (None, "US")]),
        ("Salary range (Canada): CAD 90,000 - 110,000", [(None, "CA")]),
        ("The estimated pay in the United Kingdom is £40,000.", [(None, "GB")]),
        ("For US-based applicants the range is $1 - $2.", [(None, "US")]),
        ("UK candidates only, please.", [(None, "GB")]),
        ("Requirements:\n- U.S. citizenship (required for clearance)", [(None, "US")]),
        ("Location\n\n- Remote - US or Canada\n- Flexible hours", [(None, "US"), (None, "CA")]),
    ],
)
def test_body_phrases_that_say_who_may_apply_or_where_the_pay_applies(body, expected):
    assert places(body_locations(body)) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Location\nWe are a remote-first company with offices in London and Paris.",
        "We are a London-based startup with customers in Paris.",
        "Competitive salary in line with the market. Pay in USD.",
    ],
)
def test_headings_company_descriptions_and_currencies_are_not_the_job_place(body):
    assert body_locations(body) == ()


def test_an_americas_field_lets_the_body_name_a_country_of_either_continent():
    found = extract_locations(posting(location="North to South America"), "Candidates must reside in Canada.")
    assert places(found) == [(None, "CA")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a territory qualified by its sovereign is one place
        ("Hong Kong, China", [("Hong Kong", "HK")]),
        ("San Juan, Puerto Rico, United States", [("San Juan", "PR")]),
        ("Beijing, China", [("Beijing", "CN")]),
        # New England is a part of the US, not England
        ("New England, Remote United States", [(None, "US"), (None, "US")]),
    ],
)
def test_territories_and_new_england(text, expected):
    assert places(parse_location_text(text)) == expected


BENEFITS = (
    "What we offer\n\nA new office situated on the AI Campus in Berlin, where we work with other teams.\n"
)


def test_a_place_in_stripped_text_counts_only_where_nothing_else_names_one():
    whole = "We build robots.\n\n" + BENEFITS
    assert places(extract_locations(posting(location="Hybrid"), "We build robots.", whole)) == [
        ("Berlin", "DE")
    ]
    # The job's own place wins over the stripped text.
    assert places(extract_locations(posting(location="Munich"), "We build robots.", whole)) == [
        ("Munich", "DE")
    ]


def test_stripped_text_must_place_the_job_in_a_well_known_place():
    whole = "About us\n\nSquads is used by almost every team in the Solana ecosystem.\n"
    assert extract_locations(posting(location="Anywhere"), "", whole) == ()


def test_where_the_company_has_people_is_not_where_the_job_is():
    body = "Work from anywhere. We have people based in New York, Seattle and Singapore."
    assert places(body_locations(body)) == []
    assert places(body_locations("We are hiring people based in London.")) == [("London", "GB")]


US_PERKS = "We build data tools.\n\nWhat we offer\n- 401(k) retirement plan with a match\n- Unlimited PTO\n"


@pytest.mark.parametrize(
    ("location", "whole", "expected"),
    [
        # Nothing names a place, but the benefits are US-only ones: the job hires in the United States.
        ("Remote", US_PERKS, [(None, "US")]),
        ("", "Benefits: Medical, dental, and vision insurance for you and your family.", [(None, "US")]),
        ("Remote - North America", US_PERKS, [(None, "US")]),
        # A place the posting names wins; an area without the US, or a text ruling it out, forbids the guess.
        ("Remote - Canada", US_PERKS, [(None, "CA")]),
        ("Remote - Europe", US_PERKS, []),
        ("Remote (non-U.S.)", US_PERKS, []),
        # Only the benefit itself counts, not any 401 or any mention of dental work.
        ("Remote", "Our team of 401 engineers builds dental clinics software.", []),
    ],
)
def test_us_only_benefits_place_a_job_that_names_no_place(location, whole, expected):
    assert places(extract_locations(posting(location=location), "We build data tools.", whole)) == expected


@pytest.mark.parametrize(
    ("location", "body", "expected"),
    [
        # A small town alone in the location field counts where the posting names it with its state.
        ("Fort Meade", "Required: clearance\n\nIn person in Fort Meade, Maryland\n", [("Fort Meade", "US")]),
        ("Exton, Remote", "Hybrid from our Exton, PA office or remote.", [("Exton", "US")]),
        ("Watkins Glen", "Our clinic in Watkins Glen (NY) is hiring.", [("Watkins Glen", "US")]),
        # Named alone everywhere, it stays unread: the name is as likely a word or a namesake.
        ("Watkins Glen", "We love Watkins Glen.", []),
        ("Trinity", "Trinity, our platform, ships weekly.", []),
    ],
)
def test_a_lone_town_counts_where_the_posting_names_its_state(location, body, expected):
    assert places(extract_locations(posting(location=location), body, body)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a Brazilian state's code after its city is the state, not a country or a US state
        ("Florianópolis/SC", [("Florianópolis", "Santa Catarina", "BR")]),
        ("Florianópolis, SC", [("Florianópolis", "Santa Catarina", "BR")]),
        ("Belo Horizonte, MG", [("Belo Horizonte", "Minas Gerais", "BR")]),
        ("Porto Alegre, RS, Brazil", [("Porto Alegre", "Rio Grande do Sul", "BR")]),
        ("Curitiba - PR", [("Curitiba", "Paraná", "BR")]),
        # and the same codes after a US town, or in a list of US states, are still the US states
        ("Greenville, SC", [("Greenville", "South Carolina", "US")]),
        ("Exton, PA", [("Exton", "Pennsylvania", "US")]),
        ("Amherst, MA", [("Amherst", "Massachusetts", "US")]),
        (
            "Remote - MA, PA, SC",
            [(None, "Massachusetts", "US"), (None, "Pennsylvania", "US"), (None, "South Carolina", "US")],
        ),
        ("SP, RJ", [(None, "São Paulo", "BR"), (None, "Rio de Janeiro", "BR")]),
        ("Stockholm, SE", [("Stockholm", None, "SE")]),
    ],
)
def test_state_codes_are_read_in_the_country_of_the_city_before_them(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3280 Peachtree Road NE, Atlanta, GA", [("Atlanta", "Georgia", "US")]),
        ("1 Main St. SE, Washington, DC", [("Washington", "District of Columbia", "US")]),
        ("Remote - NE", [(None, None, "NE")]),
    ],
)
def test_a_street_quadrant_is_not_a_country(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("United Kingdon", [(None, None, "GB")]),
        ("United Kingdon - London", [("London", "England", "GB")]),
        ("Remote, Untied States", [(None, None, "US")]),
        ("Germnay", [(None, None, "DE")]),
        # a longer or shorter form of a name is a word of its own, and prose is never guessed at
        ("Romanian", []),
        ("Austrian", []),
    ],
)
def test_a_country_name_misspelt_by_one_letter_is_the_country(text, expected):
    assert full(parse_location_text(text)) == expected


def test_a_misspelt_country_in_prose_is_not_guessed_at():
    assert body_locations("We are based in the United Kingdon and hire widely.") == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two city names side by side are one name we do not hold, not a second, far-away place
        ("Tysons Green, Virginia, United States", [("Tysons", "Virginia", "US")]),
        # a city and its state or country, or a list, are still read as such
        ("Boston Massachusetts", [("Boston", "Massachusetts", "US")]),
        ("Toronto Ontario, Canada", [("Toronto", "Ontario", "CA")]),
        ("Berlin / Munich", [("Berlin", None, "DE"), ("Munich", "Bavaria", "DE")]),
    ],
)
def test_a_city_name_running_on_into_another_is_not_two_places(text, expected):
    assert full(extract_locations(posting(location=text), "", "")) == expected


def test_a_source_locality_holding_a_list_is_read_as_the_places_it_names():
    listed = Location(city="Paris, France; Lyon, France", country="France, Metropolitan", basis="source")
    p = posting(location="Paris, France; Lyon, France", locations=(listed,))
    assert full(extract_locations(p, "", "")) == [
        ("Paris", "Île-de-France", "FR"),
        ("Lyon", "Auvergne-Rhône-Alpes", "FR"),
    ]
    area = Location(city="Heilbronn Area", country="Germany", basis="source")
    assert places(extract_locations(posting(locations=(area,)), "", "")) == [("Heilbronn", "DE")]
    # a locality the gazetteer cannot read, or reads in another country, is kept as the source wrote it
    odd = Location(city="Campus Nord", country="DE", basis="source")
    assert places(extract_locations(posting(locations=(odd,)), "", "")) == [("Campus Nord", "DE")]


def test_a_source_country_alone_is_made_precise_by_the_location_text():
    country = Location(country="France", basis="source")
    p = posting(location="Paris, France", locations=(country,))
    assert places(extract_locations(p, "", "")) == [("Paris", "FR")]
    # but a location text in another country does not move it
    p = posting(location="London", locations=(country,))
    assert places(extract_locations(p, "", "")) == [(None, "FR")]


@pytest.mark.parametrize(
    ("city", "region", "country", "expected"),
    [
        # the namesake in the source's own state, not the biggest one in the country
        ("Portland", "ME", "US", ("Portland", "Maine", "US")),
        ("Springfield", "Illinois", "US", ("Springfield", "Illinois", "US")),
        ("Portland", "Oregon", "US", ("Portland", "Oregon", "US")),
        # the region as the gazetteer names it, and an unknown town kept as written in its state
        ("Düsseldorf", "north rhine-westphalia", "DE", ("Düsseldorf", "North Rhine-Westphalia", "DE")),
        ("Zorbleton", "TX", "US", ("Zorbleton", "Texas", "US")),
        ("Lisbon", "Lisboa", "PT", ("Lisbon", "Lisboa", "PT")),
    ],
)
def test_a_source_city_is_read_in_the_source_region(city, region, country, expected):
    source = Location(city=city, region=region, country=country, basis="source")
    (loc,) = extract_locations(posting(locations=(source,)), "", "")
    assert (loc.city, loc.region, loc.country) == expected


def test_a_source_city_in_its_region_gets_that_namesakes_geoname():
    maine = Location(city="Portland", region="ME", country="US", basis="source")
    oregon = Location(city="Portland", region="OR", country="US", basis="source")
    (a,) = extract_locations(posting(locations=(maine,)), "", "")
    (b,) = extract_locations(posting(locations=(oregon,)), "", "")
    assert a.geoname_id != b.geoname_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a company's initials are no country code ("JP" is not Japan, "CH" not Switzerland)
        ("JP Morgan - New York", [("New York City", "New York", "US")]),
        ("CH Robinson", []),
        ("GE Healthcare, Chicago", [("Chicago", "Illinois", "US")]),
        # but a code before a place, a location word or nothing is still the code
        ("JP Tokyo", [("Tokyo", None, "JP")]),
        ("US Remote", [(None, None, "US")]),
        ("CA Statewide", [(None, None, "CA")]),
        ("Berlin, DE", [("Berlin", None, "DE")]),
    ],
)
def test_two_initials_before_a_name_are_a_company_not_a_country(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # two "Town, ST" places with no separator between them: each keeps its own state
        ("O'Fallon, IL Odenton, MD", [("O'Fallon", "Illinois", "US"), ("Odenton", "Maryland", "US")]),
        ("Austin, TX Denver, CO", [("Austin", "Texas", "US"), ("Denver", "Colorado", "US")]),
    ],
)
def test_a_state_code_after_a_town_is_its_state_even_before_another_town(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Center" is a town only where a state qualifies it alone, not at the end of a venue's name
        # (the state code after the venue's name is read on its own: the same state)
        ("Denver Tech Center, CO", [("Denver", "Colorado", "US"), (None, "Colorado", "US")]),
        ("Center, CO", [("Center", "Colorado", "US")]),
        # a neighbourhood named after its city is that city
        ("Boston Landing, MA", [("Boston", "Massachusetts", "US"), (None, "Massachusetts", "US")]),
    ],
)
def test_a_qualified_word_ending_a_longer_name_is_no_town(text, expected):
    assert full(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words of organisations and buildings that are also names of foreign towns are no places in them
        ("Navy Federal Credit Union, VA", [(None, "Virginia", "US")]),
        ("Bank of America Plaza, Atlanta, GA", [("Atlanta", "Georgia", "US")]),
        ("Media Lab, Cambridge, MA", [("Cambridge", "Massachusetts", "US")]),
        # the towns of those names, qualified, still are
        ("Media, PA", [("Media", "Pennsylvania", "US")]),
        ("Federal Way, WA", [("Federal Way", "Washington", "US")]),
        # the same for US cities whose names are words of companies' and venues' names
        ("Delta Air Lines Hangar, Atlanta, GA", [("Atlanta", "Georgia", "US")]),
        ("Mobile Solutions Center, Austin, TX", [("Austin", "Texas", "US")]),
        ("Paramount Studios, Los Angeles, CA", [("Los Angeles", "California", "US")]),
        ("Mobile, AL", [("Mobile", "Alabama", "US")]),
        ("Summit, NJ", [("Summit", "New Jersey", "US")]),
        ("Vista, CA", [("Vista", "California", "US")]),
        # foreign words that are towns abroad: French "sur", German "auch"
        ("Remote sur Paris, France", [("Paris", "Île-de-France", "FR")]),
        # big cities whose names are words too stay cities when named alone
        ("Nice", [("Nice", "Provence-Alpes-Côte d'Azur", "FR")]),
        ("Split", [("Split", None, "HR")]),
    ],
)
def test_common_words_in_organisation_names_are_no_towns(text, expected):
    assert [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "St" for "Saint" inside a town's name, not only at its start: no cut to the city it ends with
        ("Lake St Louis, MO", [("Lake Saint Louis", "Missouri", "US")]),
        ("Lake St. Louis, MO", [("Lake Saint Louis", "Missouri", "US")]),
        ("Port St. Lucie, FL", [("Port Saint Lucie", "Florida", "US")]),
        ("St Louis, MO", [("St. Louis", "Missouri", "US")]),
    ],
)
def test_saint_shortened_inside_a_name(text, expected):
    assert [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a country's name with a state after it is that state's town of the name
        ("Denmark, WI", [("Denmark", "Wisconsin", "US")]),
        ("Mexico, MO", [("Mexico", "Missouri", "US")]),
        ("Lebanon, NH", [("Lebanon", "New Hampshire", "US")]),
        ("San Marino, CA", [("San Marino", "California", "US")]),
        # a country after it is a list of countries, and the country alone is the country
        ("Mexico, United States", [(None, None, "MX"), (None, None, "US")]),
        ("Denmark", [(None, None, "DK")]),
        # the country's own code restates the country
        ("Malta, MT", [(None, None, "MT")]),
    ],
)
def test_a_country_named_town_where_a_state_follows(text, expected):
    assert [(loc.city, loc.region, loc.country) for loc in parse_location_text(text)] == expected


@pytest.mark.parametrize("tool", ["Crystal", "Ada", "Erlang", "Cocoa", "Mocha", "Cypress", "Athena"])
def test_tools_named_like_towns_are_no_places(tool):
    # a labelled line that names a language or tool, not a place; the town qualified stays one
    assert body_locations(f"Location: {tool} team\n\nYou will work with {tool} every day.") == ()


def test_a_tool_named_town_with_its_state_is_the_town():
    assert [(loc.city, loc.region) for loc in parse_location_text("Cypress, TX")] == [("Cypress", "Texas")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Como, Italy", [("Como", "IT")]),
        ("Gap (France)", [("Gap", "FR")]),
        ("Most, Czech Republic", [("Most", "CZ")]),
        ("Federal, Argentina", [("Federal", "AR")]),
        ("Mobile, USA", [("Mobile", "US")]),
        ("Como (IT)", [("Como", "IT")]),
    ],
)
def test_a_country_right_after_a_word_town_qualifies_it(text, expected):
    assert places(parse_location_text(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gap, Spain", [(None, "ES")]),  # no Gap in Spain: the country alone
        ("Mobile - United States", [(None, "US")]),  # a dash is no qualifier of a word
        ("Mexico, Canada", [(None, "MX"), (None, "CA")]),  # a list of countries stays a list
        ("Delta Air Lines, United States", [(None, "US")]),
        ("Remote Opportunity, United States", [(None, "US")]),  # the word ends a longer name
        ("Innovation Center (USA)", [(None, "US")]),
        ("Bank of America Plaza, Charlotte, NC", [("Charlotte", "US")]),
        ("Mobile", []),
    ],
)
def test_a_word_town_without_its_country_stays_no_place(text, expected):
    assert places(parse_location_text(text)) == expected
