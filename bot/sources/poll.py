"""Poll one source once: fetch (conditionally), parse, store each posting as an event, close what is gone.

    result = await poll_source("greenhouse:acme", store=store, fetcher=fetcher, now=now)

``poll_source`` never raises for a source's own trouble: a network error, a refused URL or a malformed
body is recorded on that source (what went wrong, for a person) and returned in the result, so one bad
source never stops the others. The store is reached through the small ``PollStore`` port (sources are an
adapter and may not import the store; ``bot.poll_store`` is the real implementation).

Lifecycle: the first successful poll of a source stores everything as already seen (no flood of cards);
later polls announce new postings; a changed posting is "updated", a closed one listed again "reopened";
a posting is closed only after it was missing from ``close_after_polls`` complete listings in a row *and*
unseen for ``close_after`` (one failed or partial fetch closes nothing). The store queues an edit of every
card already posted for an updated, reopened or closed posting in the same transaction; the dispatcher
does them.
"""

from __future__ import annotations

import importlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal, Protocol

from bot import metrics
from bot.models import Posting
from bot.sources.backoff import next_delay
from bot.sources.base import KINDS, Parser, ParseResult, RecordError, SourceContext, SourceFormatError
from bot.sources.detect import ApiRequest, api_request, detect_kind, next_page
from bot.sources.errors import FetchError

logger = logging.getLogger(__name__)

PollStatus = Literal["ok", "not_modified", "error", "deferred", "unknown_source"]
Offload = Callable[..., Awaitable[Any]]
"""How a poll runs its store calls: ``inline`` (on the event loop) or ``asyncio.to_thread``."""
StoreOutcome = Literal["new", "updated", "unchanged"]


# One listing, all pages together, is bounded in postings and in bytes, not only per response: a source
# that claims a billion results (SmartRecruiters' totalFound, TikTok's count, Workday's total) would
# otherwise be paged until the page limit, every page held in memory. What is cut is said (``cut``) and
# closes nothing; the postings read so far are stored and announced as usual.
MAX_LISTING_POSTINGS = 5_000
MAX_LISTING_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class PollPolicy:
    """How a poll decides what closed, when to try again, and when a source is unhealthy."""

    close_after_polls: int = 2  # complete listings in a row without the posting …
    close_after: timedelta = timedelta(hours=24)  # … and this long since it was last seen
    unhealthy_after: int = 5  # consecutive failed polls
    backoff_base: float = 60.0  # seconds after the first failure, doubling with each further one
    backoff_cap: float = 6 * 3600.0
    max_pages: int = 50  # a listing longer than this is partial: nothing is closed from it
    max_postings: int = MAX_LISTING_POSTINGS  # likewise: a board claiming 10^9 results is read this far
    max_bytes: int = MAX_LISTING_BYTES  # response bytes over all pages of one listing
    rand: Callable[[], float] = field(default=random.random, compare=False)  # backoff jitter, fixed in tests


@dataclass(frozen=True, slots=True)
class SourceState:
    """What a poll needs to know about a source: where it is, and how its last polls went."""

    id: str
    kind: str
    url: str
    settings: Mapping[str, Any] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    last_ok_at: datetime | None = None  # None: never polled successfully, the next success is the first
    failures: int = 0
    next_poll_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Stored:
    """What storing one posting did."""

    outcome: StoreOutcome
    queued: int = 0  # outbox rows (cards to send)
    same_as: str | None = None  # the posting of another source this one duplicates
    edits: int = 0  # card edits queued: messages already posted for it, to show its new fields
    reopened: bool = False  # it was closed, and is listed again ("updated")


@dataclass(frozen=True, slots=True)
class Closed:
    """What closing a source's long-missing postings did."""

    ids: tuple[str, ...] = ()
    edits: int = 0  # card edits queued: messages already posted for them, to mark "Closed"


class PollStore(Protocol):
    """The store as a poll sees it."""

    def load_source(self, source_id: str) -> SourceState | None:
        """The source's state, or None when no such source is registered."""
        ...

    def store_postings(
        self, postings: Sequence[Posting], *, announce: bool, now: datetime
    ) -> list[Stored | RecordError]:
        """Store a listing's postings, each as its event; per posting, what storing did or why it was refused.

        Cards are queued for those ``announce``d and new, edits of cards already posted for those changed.
        """
        ...

    def close_unseen(
        self, source_id: str, seen_ids: set[str], *, min_missed_polls: int, last_seen_before: datetime,
        now: datetime,
    ) -> Closed:  # fmt: skip
        """Count a missed poll for open postings not seen; close those past the grace period, queue edits."""
        ...

    def record_ok(
        self, source_id: str, *, etag: str | None, last_modified: str | None, now: datetime
    ) -> None:
        """Record a successful poll: failures reset, validators kept, no hold on the next poll."""
        ...

    def record_error(self, source_id: str, message: str, *, next_poll_at: datetime, now: datetime) -> int:
        """Record a failed poll and when to try again; returns the consecutive failures."""
        ...


class Fetch(Protocol):
    """The fetcher as a poll uses it (``bot.sources.fetch.Fetcher`` is one)."""

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> Any:
        """Fetch ``url``; the answer has status, url, body, etag, last_modified and ``not_modified``."""
        ...


@dataclass(frozen=True, slots=True)
class PollResult:
    """What one poll of one source did, for logs, the CLI and the owner's health notices."""

    source_id: str
    status: PollStatus
    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    reopened: tuple[str, ...] = ()
    closed: tuple[str, ...] = ()
    unchanged: int = 0
    duplicates: int = 0  # postings that are the same job as one already stored from another source
    skipped: int = 0  # records the adapter left out (placeholders, inactive rows, malformed records)
    cleaned: tuple[str, ...] = ()  # records kept after cleaning NUL/surrogates/NaN: which, and which fields
    rejected: tuple[str, ...] = ()  # postings the store refused, each with why (the rest were stored)
    cut: str | None = None  # the listing was longer than a bound and read only in part: which bound
    queued: int = 0
    edits: int = 0  # card edits queued (cards already posted for updated, reopened or closed postings)
    first_poll: bool = False  # stored as already seen, nothing announced
    error: str | None = None
    failures: int = 0
    unhealthy: bool = False
    became_unhealthy: bool = False  # this poll crossed the threshold: tell the owner once
    recovered: bool = False  # was unhealthy, works again: tell the owner
    next_poll_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class _Listing:
    postings: tuple[Posting, ...]
    skipped: int
    cleaned: tuple[str, ...]
    complete: bool  # every page was read: safe to close what is missing
    etag: str | None
    last_modified: str | None
    cut: str | None = None  # why it is not complete, when a bound cut it


async def inline(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
    """Run ``func`` right here, on the event loop: the store calls of a poll on SQLite (one writer)."""
    return func(*args, **kwargs)


async def poll_source(
    source_id: str,
    *,
    store: PollStore,
    fetcher: Fetch,
    now: datetime,
    policy: PollPolicy | None = None,
    force: bool = False,
    offload: Offload = inline,
) -> PollResult:
    """Poll the source once (unless it is held back by backoff and not ``force``); never raises for it.

    Every poll is counted here (``bot.metrics``), whoever runs it: the scheduler, a round, a worker.
    ``offload`` runs the store's (blocking) calls: ``asyncio.to_thread`` keeps a database server's round
    trips and the extraction off the event loop, so other polls fetch meanwhile.
    """
    try:
        result = await _poll_source(
            source_id, store=store, fetcher=fetcher, now=now, policy=policy, force=force, offload=offload
        )
    except Exception:  # the store failed before anything could be recorded: still a failed poll
        metrics.count_poll("error")
        raise
    metrics.count_poll(
        result.status, new=len(result.new), updated=len(result.updated), reopened=len(result.reopened),
        closed=len(result.closed),
    )  # fmt: skip
    return result


async def _poll_source(
    source_id: str,
    *,
    store: PollStore,
    fetcher: Fetch,
    now: datetime,
    policy: PollPolicy | None,
    force: bool,
    offload: Offload,
) -> PollResult:
    policy = policy or PollPolicy()
    state = await offload(store.load_source, source_id)
    if state is None:
        return PollResult(source_id, "unknown_source", error=f"no source {source_id!r} is registered")
    if not force and state.next_poll_at is not None and state.next_poll_at > now:
        return PollResult(
            source_id, "deferred", failures=state.failures, next_poll_at=state.next_poll_at,
            unhealthy=state.failures >= policy.unhealthy_after,
        )  # fmt: skip
    try:
        listing = await fetch_listing(
            state, fetcher, now=now, max_pages=policy.max_pages, max_postings=policy.max_postings,
            max_bytes=policy.max_bytes,
        )  # fmt: skip
        if listing is None:
            await offload(
                store.record_ok, source_id, etag=state.etag, last_modified=state.last_modified, now=now
            )
            return _succeeded(PollResult(source_id, "not_modified"), state, policy)
        result = await offload(_apply, state, listing, store, now=now, policy=policy)
    except FetchError as exc:
        failure: tuple[str, float | None, bool] = (str(exc), exc.retry_after, exc.retryable)
    except SourceFormatError as exc:
        failure = (f"the answer could not be read as a source of kind {state.kind}: {exc}", None, True)
    except RecordError as exc:
        failure = (f"no posting of this source could be stored ({exc})", None, True)
    except Exception as exc:
        # A bug or a store hiccup must not stop the other sources; the log has the traceback.
        logger.exception("poll failed", extra={"source": source_id, "kind": state.kind})
        message = f"jobbot failed while polling this source ({type(exc).__name__}); it will try again"
        failure = (message, None, True)
    else:
        return _succeeded(result, state, policy)
    return await offload(_failed, state, *failure, store, now=now, policy=policy)


async def fetch_listing(
    state: SourceState,
    fetcher: Fetch,
    *,
    now: datetime,
    max_pages: int,
    max_postings: int = MAX_LISTING_POSTINGS,
    max_bytes: int = MAX_LISTING_BYTES,
) -> _Listing | None:
    """Fetch and parse the pages of the source's listing; None when the server says nothing changed.

    Stops at whichever comes first: the last page, ``max_pages`` pages, ``max_postings`` postings or
    ``max_bytes`` bytes read; a listing stopped by a bound is not complete and says which bound (``cut``).
    Each page's body is parsed and dropped before the next is fetched.
    """
    parser = parser_for(state.kind)
    request = listing_request(state)
    postings: dict[str, Posting] = {}
    skipped = 0
    cleaned: list[str] = []
    read = 0  # bytes of every page so far
    etag = last_modified = None
    for page in range(max_pages):
        first = page == 0
        answer = await fetcher.fetch(
            request.url,
            method=request.method,
            json=request.json_body,
            headers=dict(request.headers),
            etag=state.etag if first else None,  # validators describe the first page only
            last_modified=state.last_modified if first else None,
        )
        if first:
            if answer.not_modified:
                return None
            etag, last_modified = answer.etag, answer.last_modified
        read += len(answer.body or b"")
        parsed: ParseResult = parser(answer.body or b"", _context(state, answer.url, now))
        del answer  # the body is parsed: do not hold it while the next page is fetched
        for posting in parsed.postings:
            postings.setdefault(posting.id, posting)
        skipped += len(parsed.skipped)
        cleaned.extend(f"page {page + 1}, {note}" if page else note for note in parsed.cleaned)
        following = next_page(request, state.kind, len(postings) + skipped, parsed.total)  # type: ignore[arg-type]
        if following is None or not parsed.postings:
            return _Listing(tuple(postings.values()), skipped, tuple(cleaned), True, etag, last_modified)
        cut = None
        if len(postings) >= max_postings:
            cut = f"read only the first {max_postings:,} postings (the listing goes on)"
        elif read >= max_bytes:
            cut = f"read only the first {_size(read)} (the listing goes on)"
        if cut is not None:
            kept = tuple(postings.values())[:max_postings]
            logger.warning("listing cut", extra={"source": state.id, "cut": cut, "pages": page + 1})
            return _Listing(kept, skipped, tuple(cleaned), False, etag, last_modified, cut)
        request = following
    cut = f"read only the first {max_pages} pages (the listing goes on)"
    logger.warning("listing cut", extra={"source": state.id, "cut": cut, "pages": max_pages})
    return _Listing(tuple(postings.values()), skipped, tuple(cleaned), False, etag, last_modified, cut)


def _size(count: int) -> str:
    return f"{count / 1e6:.1f} MB" if count >= 1_000_000 else f"{count / 1e3:.0f} KB"


def parser_for(kind: str) -> Parser:
    """The adapter's ``parse`` for a source kind (one module per kind in ``bot.sources``)."""
    if kind not in KINDS:
        raise SourceFormatError(kind, f"a known source kind ({', '.join(KINDS)})", repr(kind))
    return importlib.import_module(f"bot.sources.{kind}").parse


def listing_request(state: SourceState) -> ApiRequest:
    """The vendor's API request for a board on its well-known host; any other URL is fetched as given.

    Other URLs are self-hosted mirrors, feeds, career pages and local test servers.
    """
    if detect_kind(state.url) == state.kind:
        return api_request(state.url, state.kind)  # type: ignore[arg-type]
    return ApiRequest(state.url)


def _context(state: SourceState, fetched_url: str, now: datetime) -> SourceContext:
    company, board = state.settings.get("company"), state.settings.get("board")
    return SourceContext(
        source_id=state.id,
        url=fetched_url,
        company=company if isinstance(company, str) else None,
        board=board if isinstance(board, str) else None,
        fetched_at=now,
    )


def _apply(
    state: SourceState, listing: _Listing, store: PollStore, *, now: datetime, policy: PollPolicy
) -> PollResult:
    """Store every posting of a fresh listing as its event, close what stayed away long enough, record it."""
    first = state.last_ok_at is None
    events: dict[str, list[str]] = {"new": [], "updated": [], "reopened": []}
    unchanged = duplicates = queued = edits = 0
    rejected: list[str] = []
    outcomes = store.store_postings(listing.postings, announce=not first, now=now)
    for posting, stored in zip(listing.postings, outcomes, strict=True):
        if isinstance(stored, RecordError):  # one posting the store cannot take; the others go on
            rejected.append(f"{posting.id}: {stored}")
            note = {"source": state.id, "posting": posting.id, "error": str(stored)}
            logger.warning("posting rejected", extra=note)
            continue
        queued += stored.queued
        edits += stored.edits
        duplicates += stored.same_as is not None
        if stored.outcome == "unchanged":
            unchanged += 1
        elif stored.reopened:
            events["reopened"].append(posting.id)
        else:
            events[stored.outcome].append(posting.id)
    if rejected and len(rejected) == len(listing.postings):
        # Not one odd record but every one: the store or jobbot is broken, and the poll failed.
        raise RecordError(f"every posting was rejected; the first: {rejected[0]}")
    if listing.cleaned:
        logger.warning("records cleaned", extra={"source": state.id, "records": list(listing.cleaned)})
    closed = Closed()
    if listing.complete and not first:
        closed = store.close_unseen(
            state.id,
            {p.id for p in listing.postings},
            min_missed_polls=policy.close_after_polls,
            last_seen_before=now - policy.close_after,
            now=now,
        )
    logger.info(
        "polled",
        extra={"source": state.id, "new": len(events["new"]), "updated": len(events["updated"]),
               "reopened": len(events["reopened"]), "closed": len(closed.ids), "queued": queued,
               "edits": edits + closed.edits},
    )  # fmt: skip
    store.record_ok(state.id, etag=listing.etag, last_modified=listing.last_modified, now=now)
    return PollResult(
        state.id,
        "ok",
        new=tuple(events["new"]),
        updated=tuple(events["updated"]),
        reopened=tuple(events["reopened"]),
        closed=closed.ids,
        unchanged=unchanged,
        duplicates=duplicates,
        skipped=listing.skipped,
        cleaned=listing.cleaned,
        rejected=tuple(rejected),
        cut=listing.cut,
        queued=queued,
        edits=edits + closed.edits,
        first_poll=first,
    )


def _succeeded(result: PollResult, state: SourceState, policy: PollPolicy) -> PollResult:
    recovered = state.failures >= policy.unhealthy_after
    if recovered:
        logger.info("source recovered", extra={"source": state.id, "after_failures": state.failures})
    return replace(result, recovered=recovered, failures=0)


def _failed(
    state: SourceState,
    message: str,
    retry_after: float | None,
    retryable: bool,
    store: PollStore,
    *,
    now: datetime,
    policy: PollPolicy,
) -> PollResult:
    """Record the failure and hold the source back: the server's Retry-After or exponential backoff."""
    failures = state.failures + 1
    # A source that cannot work until someone fixes it (404, refused address) is retried rarely.
    delay = (
        next_delay(failures, base=policy.backoff_base, cap=policy.backoff_cap, rand=policy.rand)
        if retryable
        else policy.backoff_cap
    )
    if retry_after is not None:
        delay = max(delay, min(retry_after, policy.backoff_cap))
    when = now + timedelta(seconds=delay)
    failures = store.record_error(state.id, message, next_poll_at=when, now=now)
    unhealthy = failures >= policy.unhealthy_after
    logger.warning("poll failed", extra={"source": state.id, "failures": failures, "error": message})
    return PollResult(
        state.id,
        "error",
        error=message,
        failures=failures,
        unhealthy=unhealthy,
        became_unhealthy=failures == policy.unhealthy_after,
        next_poll_at=when,
    )
