"""The subscription/search language: parse, validate, explain. Scaffold: the real parser lands next."""

from __future__ import annotations

from dataclasses import dataclass


class QueryError(ValueError):
    """A query that cannot be understood; the message says what and where, for a person to read."""


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query."""

    text: str


def parse(text: str) -> Query:
    """Parse ``text``; raise QueryError explaining every problem."""
    raise QueryError("the query language is not built yet")


def explain(query: Query) -> str:
    """How ``query`` was understood, in words."""
    return query.text
