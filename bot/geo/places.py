"""Place lookup and containment. Scaffold until the gazetteer lands: countries and a few cities only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.models import Location

PlaceKind = Literal["city", "region", "country", "area"]


@dataclass(frozen=True, slots=True)
class Place:
    """A named place: a city, a region, a country or a multi-country area."""

    kind: PlaceKind
    key: str  # "city:2988507", "region:FR-IDF", "country:FR", "area:europe"
    name: str  # canonical English name
    country: str | None = None  # ISO alpha-2 (None for areas)
    region: str | None = None
    geoname_id: int | None = None
    countries: frozenset[str] = frozenset()  # for areas: the member countries


def resolve_place(term: str) -> list[Place]:
    """The places ``term`` may name, most likely first; empty when it names none."""
    return []


def place_keys(location: Location) -> frozenset[str]:
    """Every key ``location`` falls under, from its city up to the areas its country is in."""
    keys: set[str] = set()
    if location.geoname_id is not None:
        keys.add(f"city:{location.geoname_id}")
    if location.country:
        keys.add(f"country:{location.country}")
    return frozenset(keys)
