"""Suggestions while a person types: the next word of a query, or one of their own subscriptions.

A query is completed term by term: what was typed before the last ``+``, ``,`` or ``|`` is kept, and the
last term is completed from the words the query language understands (places, most populous first;
language names; employment types, workplaces, career levels and metro areas) and from the companies of
open postings. Every suggestion is a whole query the person can send as it is.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from bot.commands.context import Context
from bot.commands.subscriptions import own_subscriptions
from bot.commands.values import Caller
from bot.extract.language_names import language_name, scan_names
from bot.geo import index as geo
from bot.geo.names import fold
from bot.geo.places import lookup_name
from bot.query.areas import METROS, metro_named
from bot.query.known_words import LEVEL_WORDS, TYPE_WORDS, WORKPLACE_WORDS
from bot.store.browse import company_names

MAX_SUGGESTIONS = 25  # Discord shows at most 25 choices
MAX_CHOICE_CHARS = 100  # and each at most 100 characters long
_LAST_TERM = re.compile(r"^(?P<head>.*(?:\+|,|\||\s(?:and|or|not)\s))?\s*(?P<last>[^+,|]*)$", re.I | re.S)
_PLACES_SCANNED = 400  # names read past the prefix before ranking them


@cache
def _place_names() -> tuple[str, ...]:
    return tuple(sorted(geo.load_index().names))


@cache
def _words() -> dict[str, str]:
    """Folded word → how to write it, for languages, types, workplaces, career levels and metro areas."""
    words = {name: language_name(code) for name, code in scan_names().items()}
    words.update({fold(w): w for w in (*TYPE_WORDS, *WORKPLACE_WORDS, *LEVEL_WORDS)})
    for metro in METROS:  # as a query names it: "San Francisco Bay Area", "DMV"
        name = metro.name if metro_named(metro.name) else metro.aliases[0].upper()
        words[fold(name)] = name
    return words


def split_last(text: str) -> tuple[str, str]:
    """The query up to its last term (with the separator), and the last term being typed."""
    found = _LAST_TERM.match(text)
    if found is None:
        return "", text.strip()
    return found["head"] or "", found["last"].strip()


def places(prefix: str, limit: int) -> list[str]:
    """Place names starting with ``prefix`` (folded), the likeliest places first."""
    names = _place_names()
    start = bisect.bisect_left(names, prefix)
    ranked: dict[str, float] = {}
    for name in names[start : start + _PLACES_SCANNED]:
        if not name.startswith(prefix):
            break
        for place in lookup_name(name)[:1]:
            # Another language's name for a place ("milano") only counts when typed whole.
            if fold(place.name).startswith(prefix) or name == prefix:
                ranked[place.name] = max(ranked.get(place.name, 0.0), place.weight)
    return sorted(ranked, key=lambda n: (-ranked[n], n))[:limit]


def query_suggestions(ctx: Context, text: str, *, limit: int = MAX_SUGGESTIONS) -> list[str]:
    """Whole queries that complete what was typed so far (the typed text itself first)."""
    head, last = split_last(text)
    typed = " ".join(text.split())
    found = [typed] if typed else []
    prefix = fold(last)
    if not prefix:
        return found
    joiner = head if not head or head.endswith(" ") else head + " "
    words = sorted({w for f, w in _words().items() if f.startswith(prefix)}, key=len)
    # Few words (languages, types) first; then places, likeliest first; then companies.
    companies = company_names(ctx.engine, last.strip(), limit=5)
    terms = [*words[:5], *companies, *places(prefix, limit)]
    for term in terms:
        query = f"{joiner}{term}".strip()
        if query not in found and len(query) <= MAX_CHOICE_CHARS:
            found.append(query)
    return found[:limit]


def subscription_choices(ctx: Context, caller: Caller, typed: str) -> list[tuple[str, int]]:
    """The caller's subscriptions as (label, id), those whose id or query contains ``typed`` first."""
    needle = typed.strip().lstrip("#").casefold()
    choices = []
    for sub in own_subscriptions(ctx, caller):
        label = f"#{sub.id} {sub.query}"
        if needle and needle not in label.casefold():
            continue
        choices.append((label[:MAX_CHOICE_CHARS], sub.id))
    return choices[:MAX_SUGGESTIONS]
