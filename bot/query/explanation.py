"""Saying in words how a query was understood."""

from __future__ import annotations

from bot.query.model import Query, Term


def describe_term(term: Term) -> str:
    """Say one term in words: "location Paris (FR)", "keyword 'sales' in title or text"."""
    if term.kind == "place":
        return f"location {term.label}"
    if term.kind == "language":
        strength = "required" if term.value.startswith("lang!:") else "required or preferred"
        return f"language {term.label} ({strength})"
    if term.kind == "employment":
        return f"type {term.label}"
    if term.kind == "workplace":
        return f"workplace {term.label}"
    if term.kind == "company":
        return f"company {term.label}"
    if term.kind == "start":
        return f"starting {term.label}"
    if term.kind == "title":
        return f"'{term.label}' in title"
    if term.kind == "team":
        return f"'{term.label}' in team"
    return f"keyword '{term.label}' in title or text"


def explain(query: Query) -> str:
    """Say how ``query`` was understood, naming every ambiguous term's other meanings."""
    parts: list[str] = []
    for clause in query.clauses:
        inner = " OR ".join(describe_term(term) for term in clause.terms)
        if len(clause.terms) > 1:
            inner = f"({inner})"
        parts.append(f"NOT {inner}" if clause.negated else inner)
    notes = [
        f"'{term.text}' taken as {_short(term)} (also: {', '.join(term.also)})"
        for clause in query.clauses
        for term in clause.terms
        if term.also
    ]
    sentence = " AND ".join(parts)
    return sentence + ("; " + "; ".join(notes) if notes else "")


def _short(term: Term) -> str:
    return "a keyword" if term.kind == "keyword" else term.label
