"""Places and how they nest: look a name up, and list every key a location falls under."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from bot.geo import index as ix
from bot.geo import tables
from bot.geo.names import fold
from bot.models import Location

PlaceKind = Literal["city", "region", "country", "area"]
_RANK: dict[str, int] = {"city": 0, "region": 1, "country": 2, "area": 3}
# A country under this many people is not what its code alone means where the code is also a US state:
# "PA", "NC", "GA" typed or written alone are Pennsylvania, North Carolina and Georgia, not Panama, New
# Caledonia and Gabon; "CA", "DE", "CO" stay Canada, Germany and Colombia.
_SMALL_COUNTRY_PEOPLE = 5_000_000


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: a city, a region, a country or a multi-country area."""

    kind: PlaceKind
    key: str  # "city:2988507", "region:FR-11" (GeoNames admin1 code), "country:FR", "area:europe"
    name: str  # canonical English name
    country: str | None = None  # ISO alpha-2 (None for areas)
    region: str | None = None  # the region's name, when known
    geoname_id: int | None = None
    countries: frozenset[str] = frozenset()  # for areas: the member countries
    region_key: str | None = None  # for cities and regions: "region:<CC>-<admin1>"
    weight: float = 0.0  # how likely this reading of a name is, against others (population-based)

    @property
    def rank(self) -> int:
        """0 for a city up to 3 for an area: a place can only sit inside a place of higher rank."""
        return _RANK[self.kind]

    @property
    def small_country(self) -> bool:
        """True for a country of fewer people than its code's other readings are typed for (see above)."""
        return self.kind == "country" and self.weight < ix.COUNTRY_WEIGHT + _SMALL_COUNTRY_PEOPLE

    def contains(self, other: Place) -> bool:
        """True when ``other`` lies strictly inside this place (Paris in France, France in Europe)."""
        if other.rank >= self.rank:
            return False
        if self.kind == "area":
            return other.country in self.countries if other.country else other.countries <= self.countries
        if self.kind == "country":
            return other.country == self.country
        return other.region_key == self.key  # a region holds the cities whose admin1 it is

    def to_location(self, evidence: str = "", basis: str = "location") -> Location:
        """Make a posting Location of this place (areas have no Location form and give an empty one)."""
        return Location(
            city=self.name if self.kind == "city" else None,
            region=self.region if self.kind in ("city", "region") else None,
            country=self.country,
            geoname_id=self.geoname_id if self.kind == "city" else None,
            evidence=evidence,
            basis=basis,  # type: ignore[arg-type]
        )


@cache
def place_at(index: int) -> Place:
    """The Place for index entry ``index`` (built once, then shared)."""
    c = ix.load_index().columns
    return Place(
        kind=c[ix.KIND][index],
        key=c[ix.KEY][index],
        name=c[ix.NAME][index],
        country=c[ix.COUNTRY][index],
        region=c[ix.REGION][index],
        geoname_id=c[ix.GEONAME_ID][index],
        countries=frozenset(c[ix.MEMBERS][index]),
        region_key=c[ix.REGION_KEY][index],
        weight=c[ix.WEIGHT][index],
    )


def twin_city(place: Place) -> Place | None:
    """The one city of a city-state country (Singapore, Hong Kong, Luxembourg), else None."""
    if place.kind != "country":
        return None
    idx = ix.load_index()
    twin = idx.field(idx.by_key[place.key], ix.TWIN)
    return place_at(twin) if twin >= 0 else None


def lookup_name(folded: str) -> list[Place]:
    """The places a folded name (see ``bot.geo.names.fold``) may mean, most likely first."""
    found = ix.load_index().names.get(folded)
    return [] if found is None else [place_at(i) for i in ix.refs(found)]


def lookup_town(folded: str) -> list[Place]:
    """The towns of under 15,000 people a folded name may mean: places only where a qualifier confirms."""
    found = ix.load_index().towns.get(folded)
    return [] if found is None else [place_at(i) for i in ix.refs(found)]


@cache
def name_prefixes() -> frozenset[str]:
    """Each beginning of a folded gazetteer name or town name that ends before a space ("new", "new york").

    A run of words that is neither a name (``begins_name``) nor one of these begins no name, so no longer
    run from its first word needs a look-up. The names themselves are not copied here: the index holds
    them. Built on first use (tens of milliseconds, a few megabytes).
    """
    idx = ix.load_index()
    found: set[str] = set()
    for table in (idx.names, idx.towns):
        for name in table:
            at = name.find(" ")
            while at != -1:
                found.add(name[:at])
                at = name.find(" ", at + 1)
    return frozenset(found)


def begins_name(folded: str) -> bool:
    """Tell whether ``folded`` (words joined by spaces) is a gazetteer name or town name, or begins one."""
    idx = ix.load_index()
    return folded in name_prefixes() or folded in idx.names or folded in idx.towns


def lookup_code(code: str, *, qualifier: bool = False) -> list[Place]:
    """The places an upper-case code names ("US", "NYC"); with ``qualifier`` also "TX", "ON", "IT"…."""
    idx = ix.load_index()
    found = list(ix.refs(idx.codes.get(code)))
    if qualifier:
        found += [i for i in ix.refs(idx.qualifier_codes.get(code)) if i not in found]
    return [place_at(i) for i in found]


def place_by_key(key: str) -> Place | None:
    """The place with ``key`` ("country:FR", "city:2988507"), or None."""
    i = ix.load_index().by_key.get(key)
    return place_at(i) if i is not None else None


def resolve_place(term: str) -> list[Place]:
    """The places ``term`` may name, most likely first; empty when it names none.

    Case and accents are folded ("milano", "MÜNCHEN"), except for short codes, which only count in
    upper case ("US", "UK", "NYC": "us" is a word). "Paris, Texas" resolves within its qualifier.
    """
    from bot.geo.mentions import resolve_text  # the phrase parser builds on this module

    text = term.strip()
    if not text:
        return []
    if "," in text:
        return resolve_text(text)
    code = fold(text).replace(" ", "").upper()
    found = lookup_code(code) if text.isupper() and len(code) <= 4 else []
    found += [p for p in lookup_name(fold(text)) if p not in found]
    return found


@cache
def _areas_of(country: str) -> tuple[str, ...]:
    c = ix.load_index().columns
    return tuple(key for key, members in zip(c[ix.KEY], c[ix.MEMBERS], strict=True) if country in members)


def place_keys(location: Location) -> frozenset[str]:
    """Every key ``location`` falls under, from its city up to the areas its country is in."""
    keys: set[str] = set()
    city = place_by_key(f"city:{location.geoname_id}") if location.geoname_id is not None else None
    if city is not None:
        keys.add(city.key)
        if city.region_key:
            keys.add(city.region_key)
    elif location.region:
        keys.update(p.key for p in lookup_name(fold(location.region))
                    if p.kind == "region" and p.country == location.country)  # fmt: skip
    country = location.country or (city.country if city else None)
    if country:
        keys.add(f"country:{country}")
        keys.update(_areas_of(country))
    return frozenset(keys)


# A misspelt country name is read only when it is this long: shorter names are too close to each other
# and to words ("Iran", "Iraq"; "Niger", "Nigeria").
_MIN_TYPO_LETTERS = 7


def misspelt_country(folded: str) -> Place | None:
    """The one country whose name ``folded`` misspells by one letter ("united kingdon", "germnay"), or None.

    A letter added, dropped, changed or two swapped is a typo; a longer or shorter form of the name is a
    word of its own ("Romanian", "Austrian"), not the country.
    """
    if len(folded.replace(" ", "")) < _MIN_TYPO_LETTERS:
        return None
    by_end = _country_names_by_end()
    found = {
        key
        for size in (len(folded) - 1, len(folded), len(folded) + 1)
        for end in (_HEAD, _TAIL)
        for name, key in by_end.get((size, end, _end_letters(folded, end)), ())
        if not (name.startswith(folded) or folded.startswith(name)) and _one_edit(folded, name)
    }
    return place_by_key(found.pop()) if len(found) == 1 else None


_HEAD, _TAIL = 0, 1


def _end_letters(name: str, end: int) -> str:
    """The first two letters of ``name`` (``_HEAD``) or its last two (``_TAIL``)."""
    return name[:2] if end == _HEAD else name[-2:]


@cache
def _country_names_by_end() -> dict[tuple[int, int, str], tuple[tuple[str, str], ...]]:
    """``_country_names`` by the name's length and first two letters, and again by length and last two.

    A misspelling is one letter longer or shorter at most, and one edit (a letter added, dropped or
    changed, or two swapped) leaves the first two letters or the last two as they were, the names being
    long: only the names that share them are compared.
    """
    by_end: dict[tuple[int, int, str], list[tuple[str, str]]] = {}
    for name, key in _country_names():
        for end in (_HEAD, _TAIL):
            by_end.setdefault((len(name), end, _end_letters(name, end)), []).append((name, key))
    return {found: tuple(names) for found, names in by_end.items()}


@cache
def _country_names() -> tuple[tuple[str, str], ...]:
    """Every long country name, folded, with its country's key."""
    idx = ix.load_index()
    names = {(fold(place_at(i).name), key) for key, i in idx.by_key.items() if key.startswith("country:")}
    names |= {(fold(name), f"country:{cc}") for cc, *aliases in tables.COUNTRY_ALIASES for name in aliases}
    return tuple(sorted(n for n in names if len(n[0].replace(" ", "")) >= _MIN_TYPO_LETTERS))


# A misspelt city is read only for a city this big (its weight, about its people) and a name this long:
# a small town's name is more often right as written, a short one too close to other names.
_MIN_TYPO_CITY_WEIGHT = 100_000.0
_MIN_TYPO_CITY_LETTERS = 5


def misspelt_city(folded: str, within: Place) -> Place | None:
    """The one big city inside ``within`` whose name ``folded`` misspells by one letter, or None.

    "Sna Francisco, CA", "Londno, UK": only the place the text qualifies the name with is searched, so a
    correction must agree with the region or country the text names.
    """
    if len(folded.replace(" ", "")) < _MIN_TYPO_CITY_LETTERS or within.kind not in ("region", "country"):
        return None
    by_length = _big_cities()
    country, head, tail = within.country or "", folded[:2], folded[-2:]
    found = {
        city.key: city
        for size in (len(folded) - 1, len(folded), len(folded) + 1)
        for name, city in by_length.get((country, size), ())
        # One edit (a letter added, dropped or changed, or two swapped) leaves the first two letters or the
        # last two as they were, the names being four letters or more: a cheap test first.
        if (name[:2] == head or name[-2:] == tail) and _one_edit(folded, name) and within.contains(city)
    }
    return next(iter(found.values())) if len(found) == 1 else None


@cache
def _big_cities() -> dict[tuple[str, int], list[tuple[str, Place]]]:
    """Each country's big cities under every name (their own and aliases), folded, by country and length."""
    c = ix.load_index().columns
    found: dict[tuple[str, int], list[tuple[str, Place]]] = {}
    for name, refs in ix.load_index().names.items():
        for i in ix.refs(refs):
            if c[ix.KIND][i] == "city" and c[ix.WEIGHT][i] >= _MIN_TYPO_CITY_WEIGHT:
                found.setdefault((c[ix.COUNTRY][i], len(name)), []).append((name, place_at(i)))
    return found


def build_typo_tables() -> None:
    """Build the tables that misspelt countries and cities are read against (once; about 0.2 s of CPU).

    They are otherwise built on the first typo a location field holds: a benchmark builds them first.
    """
    _country_names_by_end()
    _big_cities()


def _one_edit(a: str, b: str) -> bool:
    """Tell whether ``a`` and ``b`` differ by one letter added, dropped or changed, or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    k = 0  # the first letter that differs
    while k < len(a) and k < len(b) and a[k] == b[k]:
        k += 1
    if len(a) == len(b):
        if a[k + 1 :] == b[k + 1 :]:
            return True  # that letter changed
        return a[k + 2 :] == b[k + 2 :] and a[k] == b[k + 1] and a[k + 1] == b[k]  # it and the next swapped
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short[k:] == long[k + 1 :]
