"""Saying in words how a query was understood."""

from __future__ import annotations

from bot.query.folding import fold, search_words
from bot.query.model import TEXT_KINDS, Query, Term
from bot.query.rewrite import corrected

# Kinds whose label is a fixed name ("lead or staff", "internship"): words typed beyond it are named after it.
# Places name what they read in their label already ("Paris (Texas, US)", "San Francisco Bay Area"), and a
# language its strength ("fluent French" is French (required)) or, in a note, its variety.
_NAMED_KINDS = frozenset({"employment", "workplace", "start", "level", "degree"})


def describe_term(term: Term) -> str:
    """Say one term in words: "location Paris (FR)", "keyword 'sales' in title or text".

    A term read from several words that its label does not all say names them: "career level lead or
    staff for 'Tech Lead'", so no typed word vanishes from the reading.
    """
    said = _describe(term)
    if term.kind in _NAMED_KINDS and _unsaid(term):
        return f"{said} for '{term.text.strip()}'"
    return said


def _unsaid(term: Term) -> bool:
    """True when ``term`` was read from several words, one of which its label does not hold."""
    typed = search_words(term.text)
    if len(typed) < 2:
        return False
    label = f" {' '.join(search_words(fold(term.label)))} "
    return any(f" {word}" not in label for word in typed)


def _describe(term: Term) -> str:
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
    if term.kind == "level":
        return f"career level {term.label}"
    if term.kind == "degree":
        return f"degree {term.label}"
    if term.kind == "title":
        return f"'{term.label}' in title"
    if term.kind == "job_title":
        small = [slot[1:] for slot in term.value.split() if slot.startswith("?")]
        each = f"each but '{small[0]}'" if small else "each"
        return f"title words '{term.label}': together in the title or text, or {each} in the title"
    if term.kind == "team":
        return f"'{term.label}' in team"
    return f"keyword '{term.label}' in title or text"


def explain(query: Query, *, typos: bool = True) -> str:
    """Say how ``query`` was understood, naming every ambiguous term's other meanings.

    ``typos=False`` leaves out the "did you mean" remarks, for a reply that asks about them already.
    """
    parts: list[str] = []
    for clause in query.clauses:
        texts = {term.text for term in clause.terms}
        if len(clause.terms) > 1 and len(texts) == 1 and all(t.kind in _NAMED_KINDS for t in clause.terms):
            # "mid-senior": the levels it names, then the words once
            inner = "(" + " OR ".join(_describe(term) for term in clause.terms) + ")"
            inner += f" for '{clause.terms[0].text.strip()}'" if _unsaid(clause.terms[0]) else ""
        else:
            inner = " OR ".join(describe_term(term) for term in clause.terms)
            inner = f"({inner})" if len(clause.terms) > 1 else inner
        parts.append(f"NOT {inner}" if clause.negated else inner)
    sentence = " AND ".join(parts)
    found = notes(query, typos=typos)
    return sentence + ("; " + "; ".join(found) if found else "")


def notes(query: Query, *, typos: bool = True) -> list[str]:
    """The remarks an explanation ends with: other meanings of ambiguous terms, and likely ``typos``."""
    found: list[str] = list(query.notes)
    for clause in query.clauses:
        for term in clause.terms:
            if term.also:
                # "SWE": the word or the title, both read from the same words
                read = " or ".join(dict.fromkeys(_short(t) for t in clause.terms if t.text == term.text))
                found.append(f"'{term.text}' taken as {read} (also: {', '.join(term.also)})")
            if term.suggestion and typos:
                found.append(
                    f"'{term.text}' is not a word I know, so it is searched as a keyword: did you mean "
                    f"{term.suggestion}?"
                )
    return found


def to_dict(query: Query) -> dict[str, object]:
    """The parsed form for tools and tests: clauses of typed terms, the sentence, notes and any correction."""
    return {
        "query": query.text,
        "understood": explain(query),
        "clauses": [
            {
                "negated": clause.negated,
                "terms": [
                    {
                        "kind": term.kind,
                        "value": term.value.strip() if term.kind in TEXT_KINDS else term.value,
                        "label": term.label,
                        "text": term.text,
                        "also": list(term.also),
                        "suggestion": term.suggestion or None,
                    }
                    for term in clause.terms
                ],
            }
            for clause in query.clauses
        ],
        "notes": notes(query),
        "did_you_mean": corrected(query),
    }


def _short(term: Term) -> str:
    if term.kind == "job_title":
        return f"the title words '{term.label}'"
    return "a keyword" if term.kind == "keyword" else term.label
