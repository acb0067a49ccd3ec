"""Employment type: intern, full time, part time, contract, temporary, apprenticeship."""

from __future__ import annotations

from bot.models import EmploymentFacet, EmploymentType, Posting


def employment_term(word: str) -> EmploymentType | None:
    """The employment type a query word names ("intern", "stage", "Praktikum", "new grad"), or None."""
    return {"intern": "intern", "internship": "intern"}.get(word.strip().lower())


def extract_employment(posting: Posting, body: str) -> EmploymentFacet | None:
    """The employment type, from the source field first, then the title, then the text. Scaffold."""
    return None
