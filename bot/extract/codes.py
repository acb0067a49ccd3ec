"""Job codes / requisition ids and the team a posting belongs to."""

from __future__ import annotations

from bot.models import Posting, TextFacet


def extract_job_code(posting: Posting, body: str) -> TextFacet | None:
    """The job code or requisition id (e.g. "A88273"), from the source first, then the text."""
    if posting.hints.job_code:
        return TextFacet(posting.hints.job_code, posting.hints.job_code, "source")
    return None


def extract_team(posting: Posting, body: str) -> TextFacet | None:
    """The team or department, from the source first, then the text."""
    team = posting.hints.team or posting.hints.department
    return TextFacet(team, team, "source") if team else None
