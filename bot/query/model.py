"""The parsed shape of a query: terms, clauses of alternatives, the query, and its limits and error."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MAX_QUERY_CHARS = 300
MAX_TERMS = 16

TermKind = Literal[
    "place",
    "language",
    "employment",
    "workplace",
    "company",
    "start",
    "level",
    "degree",
    "keyword",
    "job_title",
    "title",
    "team",
]
# kinds tested against a posting's words; a job title's value spells its forms (bot.query.titles)
TEXT_KINDS: frozenset[str] = frozenset({"keyword", "job_title", "title", "team"})


class QueryError(ValueError):
    """A query that cannot be understood; the message says what and where, for a person to read."""


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weak: the index interns them
class Term:
    """One thing a posting must have: a key it must carry, or a folded phrase its text must contain."""

    kind: TermKind
    value: (
        str  # a posting key ("city:2988507", "lang!:fr", "type:intern") or, for text kinds, " folded words "
    )
    label: str  # how a person reads it: "Paris (FR)", "French", "internship"
    text: str  # as written in the query
    also: tuple[str, ...] = ()  # other meanings the words could have had (ambiguity)
    # for a bare word read as a keyword: the known word it was probably meant (typo); a remark, not meaning
    suggestion: str = field(default="", compare=False)


@dataclass(frozen=True, slots=True, weakref_slot=True)  # weak: the index interns them
class Clause:
    """Alternatives: any one term satisfies it; a negated clause is satisfied when none holds."""

    terms: tuple[Term, ...]
    negated: bool = False
    # derived once, so matching tests a whole clause with one set operation
    keys: frozenset[str] = field(init=False, compare=False, repr=False)
    phrases: tuple[tuple[str, str], ...] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        """Split the alternatives into posting keys and (kind, phrase) text tests."""
        object.__setattr__(self, "keys", frozenset(t.value for t in self.terms if t.kind not in TEXT_KINDS))
        phrases = tuple((t.kind, t.value) for t in self.terms if t.kind in TEXT_KINDS)
        object.__setattr__(self, "phrases", phrases)


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must be satisfied (AND of ORs)."""

    text: str
    clauses: tuple[Clause, ...]
    # remarks on the query as a whole ("both Berlin and Munich"); derived from the text, so not compared
    notes: tuple[str, ...] = field(default=(), compare=False)


Meaning = frozenset[tuple[bool, frozenset[tuple[str, str]]]]


def meaning(query: Query) -> Meaning:
    """What ``query`` asks of a posting, whatever the order, case or spelling of its words.

    ``French + Paris`` means ``Paris + French``, and ``paris, lyon`` means ``Lyon, Paris``: the clauses
    (AND) and each clause's alternatives (OR) are sets of what terms match on, not of how they were written.
    """
    return frozenset(
        (clause.negated, frozenset((term.kind, term.value) for term in clause.terms))
        for clause in query.clauses
    )
