"""Rewriting a query's text: typos corrected, or companies pinned so a saved query keeps its meaning."""

from __future__ import annotations

from collections.abc import Callable

from bot.query.model import Query, Term


def corrected(query: Query) -> str | None:
    """The query with each likely typo replaced by its suggestion ("Paris + French"), or None if none."""
    return _rewrite(query, lambda term: term.suggestion or None)


def pinned(query: Query) -> str:
    """The query with each bare company name as a field: ``TikTok + Paris`` → ``company:"TikTok" + Paris``.

    Which names are companies depends on the postings stored when the query is read; a saved subscription
    pins them, so it means the same after a restart, and a keyword never turns into a company later.
    """
    return _rewrite(query, _company_field) or query.text


def _company_field(term: Term) -> str | None:
    return f'company:"{term.label}"' if term.kind == "company" else None


def _rewrite(query: Query, replacement: Callable[[Term], str | None]) -> str | None:
    """Replace each term's words where they stand in the text, in order; None when nothing changed.

    A term written as a field (``company:TikTok``) is left as it is; a quoted one is replaced with its quotes.
    """
    text, at, changed = query.text, 0, False
    for clause in query.clauses:
        for term in clause.terms:
            start = text.find(term.text, at)
            if start < 0:
                continue
            end = start + len(term.text)
            new = replacement(term)
            if new is None or text[:start].rstrip(_QUOTES).endswith(":"):
                at = end
                continue
            if start > 0 and text[start - 1] in _QUOTES and end < len(text) and text[end] in _QUOTES:
                start, end = start - 1, end + 1
            text = text[:start] + new + text[end:]
            changed = True
            at = start + len(new)
    return text if changed else None


_QUOTES = '"“”„«»'
