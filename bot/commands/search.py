"""Finding stored open postings that match a query: `/jobs search` pages and the subscribe preview."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from sqlalchemy.engine import Engine

from bot.cards import Card, build_card
from bot.matching import match_query
from bot.models import Posting
from bot.query import Query
from bot.store.browse import iter_open_postings
from bot.store.preferences import suppressed_ids

PAGE_SIZE = 5
PREVIEW_CARDS = 3
_BATCH = 200
BROAD_SHARE = 0.5  # a query matching at least this share of recent postings is "very broad"
BROAD_MIN_WINDOW = 20


@dataclass(frozen=True, slots=True)
class Page:
    """One page of search results."""

    cards: tuple[Card, ...]
    has_more: bool
    scanned: int


@dataclass(frozen=True, slots=True)
class Preview:
    """What a query matches among the newest open postings."""

    cards: tuple[Card, ...]
    matched: int
    window: int  # how many open postings were looked at


def _batches(engine: Engine, limit: int) -> Iterator[list[Posting]]:
    postings = iter_open_postings(engine, batch=_BATCH, limit=limit)
    while batch := list(islice(postings, _BATCH)):
        yield batch


def _matches(
    engine: Engine, query: Query, batch: list[Posting], owner: str | None, now: datetime | None
) -> list[tuple[Posting, Card]]:
    found = []
    for posting in batch:
        reasons = match_query(query, posting)
        if reasons is not None:
            found.append((posting, build_card(posting, reasons, query.text, now=now)))
    if owner is not None and found:
        hidden = suppressed_ids(engine, owner, [posting for posting, _ in found])
        found = [(p, card) for p, card in found if p.id not in hidden]
    return found


def search_page(
    engine: Engine,
    query: Query,
    *,
    page: int,
    owner: str | None,
    scan_limit: int,
    now: datetime | None = None,
) -> Page:
    """Page ``page`` (from 1) of open postings matching ``query``, newest first, minus ``owner``'s hides."""
    skip = (page - 1) * PAGE_SIZE
    cards: list[Card] = []
    scanned = 0
    for batch in _batches(engine, scan_limit):
        scanned += len(batch)
        cards.extend(card for _, card in _matches(engine, query, batch, owner, now))
        if len(cards) > skip + PAGE_SIZE:
            break
    return Page(tuple(cards[skip : skip + PAGE_SIZE]), len(cards) > skip + PAGE_SIZE, scanned)


def preview(
    engine: Engine, query: Query, *, owner: str | None, window: int, now: datetime | None = None
) -> Preview:
    """The first few matches among the newest ``window`` open postings, and how many of them match."""
    cards: list[Card] = []
    matched = scanned = 0
    for batch in _batches(engine, window):
        scanned += len(batch)
        found = _matches(engine, query, batch, owner, now)
        matched += len(found)
        cards.extend(card for _, card in found[: PREVIEW_CARDS - len(cards)])
    return Preview(tuple(cards), matched, scanned)


def is_broad(result: Preview) -> bool:
    """Whether the query lets through so much that a subscriber would be flooded."""
    return result.window >= BROAD_MIN_WINDOW and result.matched >= BROAD_SHARE * result.window
