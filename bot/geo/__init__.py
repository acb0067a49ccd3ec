"""The gazetteer: cities, regions, countries and areas (Europe, EMEA, LatAm…) and how they nest.

Contract used by extraction and by matching:

- ``resolve_place(term)`` → the places a name may mean, most likely first (``Madrid`` → Madrid, ES
  before Madrid, CO); aliases in any language (Milano, München, Île-de-France).
- ``place_keys(location)`` → every key a location falls under: ``city:<geonameid>``, ``region:<CC>-<code>``,
  ``country:<CC>``, ``area:<name>``. A query place matches a posting location when the place's ``key`` is
  among the location's keys, which is how ``France`` matches Paris and ``Europe`` matches Milan.
"""

from __future__ import annotations

from functools import lru_cache

from bot.geo.names import fold
from bot.geo.places import Place, PlaceKind, place_keys, resolve_place

__all__ = ["Place", "PlaceKind", "county_names", "place_keys", "resolve_place"]


@lru_cache(maxsize=1)
def county_names() -> frozenset[str]:
    """The folded county names the gazetteer reads as their nation ("Wiltshire" → England).

    Right for a posting's location field ("Swindon, Wiltshire" is in England), too wide for a query: a person
    who asks for Wiltshire does not mean all of England.
    """
    from bot.geo import tables

    return frozenset(fold(name) for _, _, *names in tables.COUNTIES for name in names)
