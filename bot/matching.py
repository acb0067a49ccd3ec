"""Matching postings against queries, with reasons, and the subscription index.

A posting is read once into a :class:`PostingView`: the set of keys it carries (its places with every
ancestor, its languages, type, workplace, company, start) and its folded words. A term holds when its key
is in that set (or, for keywords, its phrase is in the folded text), so one predicate, :func:`query_holds`,
serves both ``match_query`` and the index.

Place terms: a place matches a posting located in it or under it (``France`` matches Paris, ``Europe``
matches Milan). A *remote* posting also matches the countries it says remote work is allowed from, with
their areas (``remote + Germany`` matches "Remote — Germany, Austria"); a remote posting that names only an
area (EMEA) matches that area, not each country in it, and a city never matches a remote allowance.

Start terms: a year or season matches the posting's start facet; when that facet has no year (or says
nothing), a year (or season) in the title counts ("2026 Summer Internship").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations, repeat
from weakref import WeakValueDictionary

from bot.extract.text import to_plain
from bot.models import Basis, Facets, Location, Posting
from bot.query import (
    TEXT_KINDS,
    Clause,
    Query,
    Term,
    Vocabulary,
    company_forms,
    default_vocabulary,
    metro_keys,
    readable,
    search_words,
)
from bot.query.titles import phrase_apart, title_holds, title_index_words, title_tests

log = logging.getLogger(__name__)

SubscriptionId = int

_MONTH_SEASON = {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
                 6: "summer", 7: "summer", 8: "summer", 9: "fall", 10: "fall", 11: "fall"}  # fmt: skip
_TITLE_YEAR = re.compile(r"^20\d\d$")
_SNIPPET_WORDS = 6


@dataclass(frozen=True, slots=True)
class Reason:
    """Why one query term was satisfied: the term, the facet and value that met it, and the evidence."""

    term: str
    facet: str
    value: str
    evidence: str = ""
    basis: Basis | None = None


@dataclass(frozen=True, slots=True)
class PostingView:
    """What matching reads from a posting, computed once: its keys and folded words."""

    posting: Posting
    keys: frozenset[str]
    words: frozenset[str]  # folded words of title, text and team: the keyword index's keys
    title: str  # " folded title words "
    body: str  # " folded title words \n folded text words " (a phrase never spans the two)
    team: str
    located: tuple[tuple[Location, frozenset[str]], ...]  # each location with its place keys
    title_years: frozenset[int]


def posting_view(posting: Posting, vocabulary: Vocabulary | None = None) -> PostingView:
    """Read ``posting`` (facets filled) once for matching."""
    vocab = vocabulary or default_vocabulary()
    facets = posting.facets or Facets()
    keys: set[str] = set()
    located = tuple((loc, vocab.place_keys(loc)) for loc in facets.locations)
    for _, place in located:
        keys |= place
    keys |= metro_keys(
        keys, vocab
    )  # before remote allowances: working remotely from a country is not a metro
    workplace = facets.workplace
    if workplace is not None:
        keys.add(f"wp:{workplace.value}")
        if workplace.value == "remote":
            for country in workplace.remote_countries:
                keys |= vocab.place_keys(Location(country=country))
            keys.update(f"area:{area}" for area in workplace.remote_areas)
    for lang in facets.languages:
        keys.add(f"lang:{lang.code}")
        if lang.required:
            keys.add(f"lang!:{lang.code}")
    if facets.employment is not None:
        keys.add(f"type:{facets.employment.value}")
    if facets.seniority is not None:
        keys.add(f"level:{facets.seniority.value}")
    if facets.degree is not None:  # every degree named: "BS/MS/PhD" is open to each of them
        keys.update(f"degree:{level}" for level in facets.degree.levels)
    if posting.company:
        keys.update(key for key, _ in company_forms(posting.company))  # "Deloitte LLP" is Deloitte's
    title_words = search_words(posting.title)
    text_words = search_words(to_plain(posting.text))  # keywords search what a person reads, not HTML tags
    # and the place as the source wrote it: "Zorbleton" in "Zorbleton, TX", a town too small to be known
    place_words = search_words(posting.location_text)
    team_text = facets.team.value if facets.team else ""
    team_words = search_words(team_text)
    title_years = frozenset(int(w) for w in title_words if _TITLE_YEAR.match(w))
    keys |= _start_keys(facets, title_years, _title_season(title_words, vocab))
    return PostingView(
        posting=posting,
        keys=frozenset(keys),
        words=frozenset(title_words) | frozenset(place_words) | frozenset(text_words) | frozenset(team_words),
        title=" " + " ".join(title_words) + " ",
        body=" " + " \n ".join(" ".join(part) for part in (title_words, place_words, text_words)) + " ",
        team=" " + " ".join(team_words) + " ",
        located=located,
        title_years=title_years,
    )


def _title_season(title_words: list[str], vocab: Vocabulary) -> str | None:
    """Find a season named in the title ("Summer Internship"), the fallback when the start facet has none."""
    for word in title_words:
        if not word.isdigit() and len(word) > 3:
            found = vocab.season(word)
            if found and found[0]:
                return found[0]
    return None


def _start_keys(facets: Facets, title_years: frozenset[int], title_season: str | None) -> set[str]:
    start = facets.start
    season = start.season if start else None
    year = start.year if start else None
    if start is not None and start.date:
        year = year or int(start.date[:4])
        if season is None and len(start.date) >= 7:
            season = _MONTH_SEASON.get(int(start.date[5:7]))
    if not year and not season:  # the title counts only when the start facet says nothing
        season = title_season
    years = {year} if year else set(title_years)
    keys = {f"year:{y}" for y in years}
    if season:
        keys.add(f"season:{season}")
        keys.update(f"start:{season}-{y}" for y in years)
    return keys


# --------------------------------------------------------------------------------------------- the predicate


def term_holds(term: Term, view: PostingView) -> bool:
    """Tell whether ``view`` satisfies ``term``."""
    if term.kind in TEXT_KINDS:
        return _text_holds(term.kind, term.value, view)
    return term.value in view.keys


def _text_holds(kind: str, phrase: str, view: PostingView) -> bool:
    """A text term's test: its phrase in the text (or title, or team); a job title's own test."""
    if kind == "keyword":
        return phrase in view.body
    if kind == "job_title":
        return title_holds(phrase, view.title, view.body)
    return phrase_apart(phrase, view.title if kind == "title" else view.team)  # "Go": not "Go-Live"


def clause_holds(clause: Clause, view: PostingView) -> bool:
    """Tell whether one alternative holds (for a negated clause: whether none does)."""
    hit = not clause.keys.isdisjoint(view.keys) or any(
        _text_holds(kind, phrase, view) for kind, phrase in clause.phrases
    )
    return hit != clause.negated


def query_holds(query: Query, view: PostingView) -> bool:
    """Tell whether ``view`` satisfies every clause: the one predicate ``match_query`` and the index share."""
    keys = view.keys
    for clause in query.clauses:  # clause_holds, inlined: this loop is the index's hot path
        hit = not clause.keys.isdisjoint(keys) or (
            bool(clause.phrases) and any(_text_holds(kind, phrase, view) for kind, phrase in clause.phrases)
        )
        if hit == clause.negated:
            return False
    return True


def query_reasons(
    query: Query,
    view: PostingView,
    vocabulary: Vocabulary | None = None,
    memo: dict[Term, Reason] | None = None,
) -> tuple[Reason, ...]:
    """For each positive clause, the first alternative that holds and what satisfied it.

    ``memo`` shares reasons between the queries matched against one posting (terms repeat across them).
    """
    vocab = vocabulary or default_vocabulary()
    memo = {} if memo is None else memo
    reasons = []
    for clause in query.clauses:
        if clause.negated:
            continue
        for term in clause.terms:
            if term_holds(term, view):
                reason = memo.get(term)
                if reason is None:
                    reason = memo[term] = _reason(term, view, vocab)
                reasons.append(reason)
                break
    return tuple(reasons)


def match_query(
    query: Query, posting: Posting, vocabulary: Vocabulary | None = None
) -> tuple[Reason, ...] | None:
    """Return why ``posting`` (with facets) matches ``query``, or None when it does not."""
    view = posting_view(posting, vocabulary)
    return query_reasons(query, view, vocabulary) if query_holds(query, view) else None


# --------------------------------------------------------------------------------------------- reasons


def _reason(term: Term, view: PostingView, vocab: Vocabulary) -> Reason:
    facets = view.posting.facets or Facets()
    if term.kind == "place":
        return _place_reason(term, view, facets, vocab)
    if term.kind == "language":
        code = term.value.split(":", 1)[1]
        found = sorted(
            (lang for lang in facets.languages if lang.code == code), key=lambda lang: not lang.required
        )
        lang = found[0]
        strength = "required" if lang.required else "preferred"
        level = f", {lang.level}" if lang.level else ""
        return Reason(
            term.text, "language", f"{vocab.language_name(code)} {strength}{level}", lang.evidence, lang.basis
        )
    if term.kind == "employment" and facets.employment is not None:
        employment = facets.employment
        return Reason(term.text, "employment", employment.value, employment.evidence, employment.basis)
    if term.kind == "workplace" and facets.workplace is not None:
        workplace = facets.workplace
        return Reason(term.text, "workplace", workplace.value, workplace.evidence, workplace.basis)
    if term.kind == "company":
        return Reason(term.text, "company", view.posting.company, view.posting.company, "source")
    if term.kind == "level" and facets.seniority is not None:
        level = facets.seniority
        return Reason(term.text, "level", level.value, level.evidence, level.basis)
    if term.kind == "degree" and facets.degree is not None:
        degree = facets.degree
        return Reason(term.text, "degree", f"degree: {term.label}", degree.evidence, degree.basis)
    if term.kind == "start":
        start = facets.start
        if start is not None and (start.year or start.date):
            return Reason(term.text, "start", term.label, start.evidence, start.basis)
        return Reason(term.text, "start", term.label, view.posting.title, "title")
    if term.kind == "title":
        return Reason(term.text, "title", term.label, view.posting.title, "title")
    if term.kind == "job_title":
        return _title_reason(term, view)
    if term.kind == "team":
        team = facets.team
        return Reason(
            term.text, "team", term.label, team.evidence if team else "", team.basis if team else None
        )
    in_title = term.value in view.title
    basis: Basis = "title" if in_title else "body"
    where = view.title if in_title else view.body.split("\n", 1)[1]
    return Reason(term.text, "keyword", term.label, _snippet(where, term.value), basis)


def _title_reason(term: Term, view: PostingView) -> Reason:
    """Where a job title was found: the posting's title, or its words together in the text."""
    phrases, _ = title_tests(term.value)
    text = view.body.split("\n", 1)[1]
    found = next((phrase for phrase in phrases if phrase in text), None)
    in_title = any(phrase in view.title for phrase in phrases) or title_holds(term.value, view.title, "")
    if found is None or in_title:
        return Reason(term.text, "title", term.label, view.posting.title, "title")
    return Reason(term.text, "title", term.label, _snippet(text, found), "body")


def _place_reason(term: Term, view: PostingView, facets: Facets, vocab: Vocabulary) -> Reason:
    for location, keys in view.located:
        if term.value in keys or term.value in metro_keys(keys, vocab):
            return Reason(term.text, "location", location_label(location), location.evidence, location.basis)
    workplace = facets.workplace
    allowed = ", ".join((*workplace.remote_countries, *workplace.remote_areas)) if workplace else ""
    evidence = workplace.evidence if workplace else ""
    return Reason(
        term.text, "remote", f"remote from {allowed}", evidence, workplace.basis if workplace else None
    )


def location_label(location: Location) -> str:
    """Show a location as a card does: "Paris, FR"."""
    return ", ".join(part for part in (location.city or location.region, location.country) if part) or "?"


def _snippet(padded: str, phrase: str) -> str:
    """Quote a few folded words around ``phrase`` in ``padded`` text, as a keyword's evidence."""
    at = padded.find(phrase)
    before = padded[:at].split()[-_SNIPPET_WORDS:]
    after = padded[at + len(phrase) :].split()[:_SNIPPET_WORDS]
    return readable(" ".join([*before, phrase.strip(), *after]).replace("\n", "").strip())


# --------------------------------------------------------------------------------------------- the index

# How often a posting carries a key, roughly: the index files a query under its rarest clause.
_PREFIX_WEIGHT = {
    "co": 0.005, "city": 0.01, "region": 0.03, "start": 0.05, "country": 0.15, "year": 0.15, "season": 0.15,
    "area": 0.5, "wp": 0.25, "type": 0.1, "lang": 0.05, "lang!": 0.04, "level": 0.15,
    "degree": 0.15,
    "metro": 0.02,
}  # fmt: skip
_KEY_WEIGHT = {
    "lang:en": 0.7, "lang!:en": 0.6, "type:full_time": 0.6, "wp:onsite": 0.4, "country:US": 0.4,
    "area:north_america": 0.45,
}  # fmt: skip


IndexKey = str | tuple[str, str]  # a posting key, " word", or a sorted pair of posting keys
_MAX_PAIR_KEYS = 6


def _term_index_keys(term: Term) -> tuple[tuple[str, ...], float]:
    """Return (the keys a term is filed under, any of which a match holds, how often a posting has one)."""
    if term.kind == "job_title":  # words of its most telling word's spellings ("ml", "learning")
        words, how_often = title_index_words(term.value)
        return tuple(" " + word for word in words), how_often
    key, weight = _term_index_key(term)
    return (key,), weight


def _term_index_key(term: Term) -> tuple[str, float]:
    """Return (the key a term is filed under, how often a posting has it); word keys start with a space."""
    if term.kind in TEXT_KINDS:
        rarest = max(term.value.split(), key=len)  # the longest word is the best cheap guess at the rarest
        common = 0.1 if term.kind != "keyword" else 0.3  # a description holds far more words than a title
        return " " + rarest, common if len(rarest) >= 6 else 2 * common
    weight = _KEY_WEIGHT.get(term.value)
    if weight is None:
        weight = _PREFIX_WEIGHT.get(term.value.split(":", 1)[0], 0.2)
    return term.value, weight


def index_keys(query: Query) -> tuple[IndexKey, ...]:
    """Choose the keys to file ``query`` under; () means "check every posting".

    The cheapest of: one positive clause's keys (any holds), or, when two positive clauses test posting
    keys only, every pair across them (a posting carrying both keys of a pair is a candidate).
    """
    options: list[tuple[float, tuple[IndexKey, ...]]] = []
    structured: list[tuple[float, tuple[str, ...]]] = []
    for clause in query.clauses:
        if clause.negated:
            continue
        weighted = [_term_index_keys(term) for term in clause.terms]
        keys = tuple(dict.fromkeys(key for term_keys, _ in weighted for key in term_keys))
        cost = sum(weight for _, weight in weighted)
        options.append((cost, keys))
        if not clause.phrases:
            structured.append((cost, keys))
    if len(structured) >= 2:
        structured.sort()
        (cost1, keys1), (cost2, keys2) = structured[:2]
        pairs = tuple(dict.fromkeys((min(a, b), max(a, b)) for a in keys1 for b in keys2))
        if len(pairs) <= _MAX_PAIR_KEYS and all(a != b for a, b in pairs):
            options.append((cost1 * cost2, pairs))
    return min(options, key=lambda option: option[0])[1] if options else ()


class _Entry:
    """One distinct query in the index and the subscriptions that share it."""

    __slots__ = ("keys", "members", "query")

    def __init__(self, query: Query, keys: tuple[IndexKey, ...]) -> None:
        self.query = query
        self.keys = keys
        self.members: SubscriptionId | set[SubscriptionId] | None = None  # one id until a second subscriber


class SubscriptionIndex:
    """Subscriptions filed under the keys of their most selective clause, so a posting checks few of them.

    Subscriptions with the same query share one parsed, interned query and are checked once per posting.
    After loading many subscriptions, a long-running process should call ``gc.collect(); gc.freeze()``:
    otherwise each full pass of the cycle collector re-walks the whole index (about 1 s per million).
    """

    def __init__(self, vocabulary: Vocabulary | None = None) -> None:
        self._vocab = vocabulary or default_vocabulary()
        self._subs: dict[SubscriptionId, _Entry] = {}
        self._entries: dict[Query, _Entry] = {}
        self._by_key: dict[IndexKey, set[_Entry]] = {}
        self._always: set[_Entry] = set()
        # shared parts of queries; an entry goes away with the last query that uses it
        self._terms: WeakValueDictionary[tuple[object, ...], Term] = WeakValueDictionary()
        self._clauses: WeakValueDictionary[tuple[object, ...], Clause] = WeakValueDictionary()

    def __len__(self) -> int:
        return len(self._subs)

    @property
    def distinct_queries(self) -> int:
        """How many different queries the subscriptions hold."""
        return len(self._entries)

    def stats(self) -> dict[str, int]:
        """Count what the index holds, for logs and the benchmark."""
        return {
            "subscriptions": len(self._subs),
            "distinct_queries": len(self._entries),
            "index_keys": len(self._by_key),
            "always_checked": len(self._always),
            "shared_terms": len(self._terms),
            "shared_clauses": len(self._clauses),
        }

    def add(self, sub_id: SubscriptionId, query: Query) -> None:
        """File ``sub_id`` under ``query`` (replacing its previous query, if any)."""
        if sub_id in self._subs:
            self.remove(sub_id)
        entry = self._entries.get(query)
        if entry is None:
            query = self._intern(query)
            entry = _Entry(query, index_keys(query))
            self._entries[query] = entry
            for key in entry.keys:
                self._by_key.setdefault(key, set()).add(entry)
            if not entry.keys:
                self._always.add(entry)
        if entry.members is None:
            entry.members = sub_id
        elif isinstance(entry.members, set):
            entry.members.add(sub_id)
        else:
            entry.members = {entry.members, sub_id}
        self._subs[sub_id] = entry

    def remove(self, sub_id: SubscriptionId) -> bool:
        """Forget ``sub_id``; False when it was not there."""
        entry = self._subs.pop(sub_id, None)
        if entry is None:
            return False
        if isinstance(entry.members, set):
            entry.members.discard(sub_id)
            if len(entry.members) == 1:
                entry.members = next(iter(entry.members))
            return True
        del self._entries[entry.query]
        for key in entry.keys:
            bucket = self._by_key[key]
            bucket.discard(entry)
            if not bucket:
                del self._by_key[key]
        self._always.discard(entry)
        return True

    def query_of(self, sub_id: SubscriptionId) -> Query | None:
        """Return the (interned) query ``sub_id`` is filed under."""
        entry = self._subs.get(sub_id)
        return entry.query if entry else None

    def view(self, posting: Posting) -> PostingView:
        """Read ``posting`` for matching with this index's vocabulary."""
        return posting_view(posting, self._vocab)

    def match(self, posting: Posting) -> list[tuple[SubscriptionId, tuple[Reason, ...]]]:
        """Find every subscription ``posting`` matches, with why (in no particular order)."""
        return self.match_view(self.view(posting))

    def match_view(self, view: PostingView) -> list[tuple[SubscriptionId, tuple[Reason, ...]]]:
        """Like :meth:`match`, for a posting already read."""
        candidates = set(self._always)
        by_key = self._by_key
        for key in view.keys:
            bucket = by_key.get(key)
            if bucket:
                candidates |= bucket
        for word in view.words:
            bucket = by_key.get(" " + word)
            if bucket:
                candidates |= bucket
        for pair in combinations(sorted(view.keys), 2):
            bucket = by_key.get(pair)
            if bucket:
                candidates |= bucket
        return self._matches(candidates, view)

    def scan(self, posting_or_view: Posting | PostingView) -> list[tuple[SubscriptionId, tuple[Reason, ...]]]:
        """Answer like :meth:`match` by checking every subscription (the benchmark's baseline)."""
        view = posting_or_view if isinstance(posting_or_view, PostingView) else self.view(posting_or_view)
        out: list[tuple[SubscriptionId, tuple[Reason, ...]]] = []
        memo: dict[Term, Reason] = {}
        for sub_id, entry in self._subs.items():
            if query_holds(entry.query, view):
                out.append((sub_id, query_reasons(entry.query, view, self._vocab, memo)))
        return out

    def _matches(
        self, entries: Iterable[_Entry], view: PostingView
    ) -> list[tuple[SubscriptionId, tuple[Reason, ...]]]:
        out: list[tuple[SubscriptionId, tuple[Reason, ...]]] = []
        memo: dict[Term, Reason] = {}
        for entry in entries:
            if not query_holds(entry.query, view):
                continue
            reasons = query_reasons(entry.query, view, self._vocab, memo)
            if isinstance(entry.members, set):
                out.extend(zip(entry.members, repeat(reasons)))
            elif entry.members is not None:
                out.append((entry.members, reasons))
        return out

    def _intern(self, query: Query) -> Query:
        """Rebuild ``query`` from shared Term and Clause objects, so similar queries share memory."""
        clauses = []
        for clause in query.clauses:
            terms = tuple(self._shared_term(term) for term in clause.terms)
            key = (terms, clause.negated)  # the tables key by value tuples: a key must not hold its value
            shared = self._clauses.get(key)
            if shared is None:
                shared = self._clauses[key] = Clause(terms, clause.negated)
            clauses.append(shared)
        return Query(query.text, tuple(clauses))

    def _shared_term(self, term: Term) -> Term:
        key = (term.kind, term.value, term.label, term.text, term.also)
        shared = self._terms.get(key)
        if shared is None:
            shared = self._terms[key] = term
        return shared
