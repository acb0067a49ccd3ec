"""The degree level a posting asks for."""

from __future__ import annotations

from bot.models import DegreeFacet, Posting


def extract_degree(posting: Posting, body: str) -> DegreeFacet | None:
    """Bachelor / master / PhD. Scaffold: not yet implemented, returns None."""
    return None
