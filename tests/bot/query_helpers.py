"""Helpers shared by the query-reading test rounds."""

from __future__ import annotations

from bot.extract import extract_posting
from bot.models import Posting
from bot.query import Query, parse


def term_kinds(query: Query) -> list[tuple[bool, list[str]]]:
    """(negated, term kinds) per clause."""
    return [(clause.negated, [term.kind for term in clause.terms]) for clause in query.clauses]


def posted(title: str, text: str = "Join our team.", company: str = "Acme") -> Posting:
    """A posting with ``title`` and ``text``, its facets read as a worker reads them."""
    return extract_posting(Posting(id=title, title=title, company=company, text=text))


def said(text: str) -> str:
    """Every note the reading of ``text`` gives, in one line."""
    return " ".join(parse(text).notes)


def flat(text: str) -> set[str]:
    """The values of every term of ``text``'s reading, whatever its clause, stripped."""
    return {term.value.strip() for clause in parse(text).clauses for term in clause.terms}
