from __future__ import annotations

import marshal

import pytest

from bot.geo import Place, place_keys, resolve_place
from bot.geo import index as ix
from bot.geo.mentions import chain_mentions, find_mentions, resolve_text
from bot.geo.names import fold
from bot.models import Location


def first(term: str) -> Place:
    found = resolve_place(term)
    assert found, f"{term!r} resolved to nothing"
    return found[0]


def test_fold_lowercases_strips_accents_and_dots():
    assert fold("Île-de-France") == "ile de france"
    assert fold("U.S.") == "us"
    assert fold("  Zürich ") == "zurich"
    assert fold("Łódź") == "lodz"
    assert fold("St. Louis") == "st louis"


def test_the_bigger_madrid_comes_first_but_the_other_is_kept():
    found = resolve_place("Madrid")
    assert (found[0].kind, found[0].country) == ("city", "ES")
    assert any(p.country == "CO" for p in found[1:])


@pytest.mark.parametrize("alias", ["Milano", "Mailand", "milan", "MILAN"])
def test_milan_answers_to_its_names_in_any_language_and_case(alias):
    milan = first("Milan")
    assert first(alias).key == milan.key
    assert milan.name == "Milan" and milan.country == "IT"


@pytest.mark.parametrize(
    ("alias", "canonical"),
    [
        ("München", "Munich"),
        ("Muenchen", "Munich"),
        ("NYC", "New York City"),
        ("New York", "New York City"),
        ("Bangalore", "Bengaluru"),
        ("Bengaluru", "Bengaluru"),
        ("SF", "San Francisco"),
        ("Bay Area", "San Francisco"),
        ("Gurgaon", "Gurugram"),
        ("Köln", "Cologne"),
        ("Den Haag", "The Hague"),
    ],
)
def test_city_aliases_resolve_to_the_canonical_city(alias, canonical):
    place = first(alias)
    assert (place.kind, place.name) == ("city", canonical)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("Italia", "IT"),
        ("Schweiz", "CH"),
        ("Suisse", "CH"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("Holland", "NL"),
    ],
)
def test_country_names_and_codes(name, code):
    place = first(name)
    assert (place.kind, place.country, place.key) == ("country", code, f"country:{code}")


def test_short_codes_count_only_in_upper_case():
    assert first("US").country == "US"
    assert resolve_place("us") == []
    assert resolve_place("in") == []


def test_regions_in_their_own_languages():
    idf = first("Île-de-France")
    assert idf.kind == "region" and idf.country == "FR" and idf.key.startswith("region:FR-")
    assert first("Ile de France").key == idf.key
    assert first("Bayern").key == first("Bavaria").key
    assert first("Cataluña").key == first("Catalonia").key
    assert first("California").key == "region:US-CA"


def test_a_us_state_named_like_a_country_is_read_as_the_state():
    assert first("Georgia").key == "region:US-GA"
    assert any(p.key == "country:GE" for p in resolve_place("Georgia"))


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Paris, Texas", "US", "Texas"),
        ("Austin, TX", "US", "Texas"),
        ("Perth, WA", "AU", "Western Australia"),
        ("Perth, Scotland", "GB", "Scotland"),
        ("London, Ontario", "CA", "Ontario"),
        ("Atlanta, Georgia", "US", "Georgia"),
    ],
)
def test_a_qualifier_picks_the_reading(text, country, region):
    place = first(text)
    assert (place.kind, place.country, place.region) == ("city", country, region)


def test_areas_have_member_countries():
    europe = first("Europe")
    assert europe.kind == "area" and europe.key == "area:europe"
    assert {"FR", "DE", "IT", "GB"} <= europe.countries
    assert "US" not in europe.countries
    assert first("DACH").countries == frozenset({"DE", "AT", "CH"})
    assert {"MX", "BR", "AR", "CO"} <= first("LatAm").countries
    assert first("NAMER").countries == frozenset({"US", "CA"})
    assert {"FR", "AE", "ZA"} <= first("EMEA").countries
    assert {"JP", "SG", "AU"} <= first("APAC").countries and "AE" not in first("APAC").countries


def test_a_city_state_is_both_a_country_and_a_city():
    assert [p.kind for p in resolve_place("Singapore")[:2]] == ["country", "city"]
    assert resolve_text("Singapore")[0].kind == "city"


def test_place_keys_climb_from_city_to_areas():
    milan = first("Milan")
    keys = place_keys(milan.to_location())
    assert {milan.key, "country:IT", "area:europe", "area:emea", "area:eu"} <= keys
    assert first("Lombardy").key in keys
    assert "area:latam" not in keys


def test_france_and_europe_keys_cover_a_paris_location():
    paris = first("Paris").to_location()
    keys = place_keys(paris)
    assert first("France").key in keys and first("Europe").key in keys
    assert first("Île-de-France").key in keys


def test_place_keys_of_a_bare_country_or_region():
    assert place_keys(Location(country="DE")) >= {"country:DE", "area:dach", "area:europe"}
    keys = place_keys(Location(region="Bavaria", country="DE"))
    assert first("Bavaria").key in keys and "country:DE" in keys
    assert place_keys(Location()) == frozenset()


def test_contains_follows_the_hierarchy():
    paris, france, europe = first("Paris"), first("France"), first("Europe")
    assert france.contains(paris) and europe.contains(paris) and europe.contains(france)
    assert not paris.contains(france) and not first("Germany").contains(paris)
    assert first("Île-de-France").contains(paris)


def test_prose_mode_skips_lowercase_words_and_abbreviations():
    text = "We build ML tools for nice people in reading groups."
    assert chain_mentions(text, find_mentions(text, prose=True)) == []
    assert [m.text for m in find_mentions("Our office in Nice, France", prose=True)] == ["Nice", "France"]


def test_not_places_are_never_places():
    assert find_mentions("Remote / Hybrid / Office") == []


def test_the_index_cache_round_trips(tmp_path, monkeypatch):
    path = tmp_path / "gazetteer.marshal"
    monkeypatch.setattr(ix, "_cache_path", lambda: path)
    ix.load_index.cache_clear()
    try:
        built = ix.load_index()
        assert path.exists()
        columns, *_ = marshal.loads(path.read_bytes())
        assert len(columns[ix.KEY]) == len(built) > 30_000
        ix.load_index.cache_clear()
        loaded = ix.load_index()
        assert loaded.names == built.names and loaded.by_key == built.by_key
    finally:
        ix.load_index.cache_clear()


def test_a_misspelt_country_is_read_as_by_comparing_every_name():
    from bot.geo import places

    def every_name(folded: str) -> Place | None:
        if len(folded.replace(" ", "")) < places._MIN_TYPO_LETTERS:
            return None
        found = {
            key
            for name, key in places._country_names()
            if abs(len(name) - len(folded)) <= 1
            and not (name.startswith(folded) or folded.startswith(name))
            and places._one_edit(folded, name)
        }
        return places.place_by_key(found.pop()) if len(found) == 1 else None

    letters = "abcdefghijklmnopqrstuvwxyz "
    tried = 0
    for name in ("united kingdom", "germany", "switzerland", "netherlands", "argentina", "portugal"):
        variants = {name[:k] + name[k + 1 :] for k in range(len(name))}  # a letter dropped
        variants |= {name[:k] + c + name[k + 1 :] for k in range(len(name)) for c in letters[::5]}  # changed
        variants |= {name[:k] + c + name[k:] for k in range(len(name) + 1) for c in letters[::7]}  # added
        variants |= {
            name[:k] + name[k + 1] + name[k] + name[k + 2 :] for k in range(len(name) - 1)
        }  # swapped
        for variant in variants:
            assert places.misspelt_country(variant) == every_name(variant), variant
            tried += 1
    assert places.misspelt_country("united kingdon").country == "GB"
    assert tried > 500


def _edits(word: str, letters: str) -> set[str]:
    """Every word one letter added, dropped or changed, or two neighbours swapped, away from ``word``."""
    found = {word[:k] + word[k + 1 :] for k in range(len(word))}
    found |= {word[:k] + c + word[k + 1 :] for k in range(len(word)) for c in letters}
    found |= {word[:k] + c + word[k:] for k in range(len(word) + 1) for c in letters}
    found |= {word[:k] + word[k + 1] + word[k] + word[k + 2 :] for k in range(len(word) - 1)}
    return found - {word}


def test_one_edit_is_one_letter_added_dropped_changed_or_two_swapped():
    from bot.geo import places

    words = ["", "a", "ab", "ba", "aab", "abab", "baab", "abba", "a b", "aaab", "abcab"]
    for word in words:
        near = _edits(word, "abc ")
        for other in {*words, *near, *(n2 for n in near for n2 in _edits(n, "abc"))}:
            assert places._one_edit(word, other) == (other in near), (word, other)


def test_a_misspelt_city_is_read_as_by_comparing_every_big_city():
    from bot.geo import places

    def every_city(folded: str, within: Place) -> Place | None:
        if len(folded.replace(" ", "")) < places._MIN_TYPO_CITY_LETTERS:
            return None
        found = {
            city.key: city
            for sized in places._big_cities().values()
            for name, city in sized
            if city.country == within.country and within.contains(city) and places._one_edit(folded, name)
        }
        return next(iter(found.values())) if len(found) == 1 else None

    tried = 0
    for name, key in (("san francisco", "region:US-CA"), ("london", "country:GB"), ("phoenix", "country:US")):
        place = places.place_by_key(key)
        assert place is not None
        for variant in _edits(name, "aeinorst"):
            assert places.misspelt_city(variant, place) == every_city(variant, place), variant
            tried += 1
    assert tried > 300
    assert places.misspelt_city("sna francisco", places.place_by_key("region:US-CA")).name == "San Francisco"


def test_names_and_their_beginnings_at_spaces_begin_a_name():
    from bot.geo.places import begins_name, name_prefixes

    assert all(begins_name(run) for run in ("new", "new york", "new york city", "san", "san francisco"))
    assert not begins_name("new yo") and not begins_name("york city")
    assert "new york" in name_prefixes() and "new yo" not in name_prefixes()
    # A place in running text is still found through the table, however many words its name has.
    assert [m.text for m in find_mentions("Offices in New York City and San Francisco")] == [
        "New York City",
        "San Francisco",
    ]


def test_no_mention_starts_where_may_start_mention_says_none_can():
    from bot.geo.mentions import may_start_mention
    from bot.geo.names import WORD

    texts = [
        "Paris or Bordeaux, France", "New York City, NY and San Francisco", "People team in London",
        "U.S. or UK", "Frankfurt am Main (Hesse)", "Rio de Janeiro; São Paulo", "Delivery organization",
        "InfluxData. Berlin", "大阪府大阪市 Osaka", "The Hague", "Washington State, USA", "Acme Minsk",
        "Commure, we are building", "Hong Kong SAR", "Greater Toronto Area", "NYC / SF / LA",
    ]  # fmt: skip
    ruled_out = 0
    for text in texts:
        starts = {m.start for m in find_mentions(text, prose=True)}
        for word in WORD.finditer(text):
            if not may_start_mention(text, word.start()):
                assert word.start() not in starts, (text, word.group())
                ruled_out += 1
    assert ruled_out >= 5  # "People", "Delivery", "organization", "InfluxData", "Commure"…
