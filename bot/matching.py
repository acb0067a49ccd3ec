"""Matching postings against queries, and the subscription index. Scaffold: the index lands next."""

from __future__ import annotations

from dataclasses import dataclass

from bot.models import Basis, Posting
from bot.query import Query


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one query term was satisfied: the term, the facet and value that met it, and the evidence."""

    term: str
    facet: str
    value: str
    evidence: str = ""
    basis: Basis | None = None


def match_query(query: Query, posting: Posting) -> tuple[Reason, ...] | None:
    """The reasons ``posting`` (with facets) matches ``query``, or None when it does not."""
    return None
