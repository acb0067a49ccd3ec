"""Onsite, hybrid or remote, and where remote work is allowed."""

from __future__ import annotations

from bot.models import Posting, WorkplaceFacet


def extract_workplace(posting: Posting, body: str) -> WorkplaceFacet | None:
    """The workplace arrangement, or None when the posting does not say. Scaffold."""
    return None
