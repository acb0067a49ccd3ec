"""Fetch one source once, outside any store: what `jobbot fetch` and `/jobs sources test` show."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.models import Posting
from bot.sources.base import ParseResult, SourceContext
from bot.sources.detect import detect_kind
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.poll import SourceState, fetch_listing, parser_for


class UnknownKindError(ValueError):
    """The kind of a URL could not be told from its host and none was given."""


@dataclass(frozen=True, slots=True)
class OneShot:
    """The postings a source lists right now, and how many records its adapter left out."""

    kind: str
    postings: tuple[Posting, ...]
    skipped: int
    complete: bool


def resolve_kind(url: str, kind: str | None) -> str:
    """The given kind, or the one a well-known host implies; say what to do when neither is known."""
    found = kind or detect_kind(url)
    if not found:
        raise UnknownKindError(
            f"cannot tell what kind of source {url} is; pass --kind (feed, jsonld, greenhouse, lever, …)"
        )
    return found


async def fetch_once(url: str, kind: str | None, policy: FetchPolicy) -> OneShot:
    """Fetch every page of ``url`` once through the safe fetcher and parse it with its kind's adapter."""
    resolved = resolve_kind(url, kind)
    state = SourceState(id=f"{resolved}:adhoc", kind=resolved, url=url)
    async with Fetcher(policy) as fetcher:
        listing = await fetch_listing(state, fetcher, now=datetime.now(UTC), max_pages=50)
    assert listing is not None  # no validators were sent, so the server cannot answer 304
    return OneShot(resolved, listing.postings, listing.skipped, listing.complete)


def parse_file(path: Path, kind: str) -> ParseResult:
    """Parse a saved response body (a capture on disk) with ``kind``'s adapter."""
    context = SourceContext(
        source_id=f"{kind}:{path.stem}",
        url=path.resolve().as_uri(),
        board=path.stem,
        fetched_at=datetime.now(UTC),
    )
    return parser_for(kind)(path.read_bytes(), context)
