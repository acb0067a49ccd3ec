"""Managing sources for ``jobbot sources …`` and ``/jobs sources …``: add, list with health, remove, test.

    info = add_source_from_url(registry, "https://boards.greenhouse.io/acme", now=now)
    report = await check_source(registry, "greenhouse:acme", policy=policy, now=now)

Sources may not import the store, so the registry is reached through the small ``SourceRegistry`` port
(``bot.source_registry.SqlSourceRegistry`` is the SQL one). Everything a person did wrong (a refused URL,
an unknown kind, a duplicate, an unknown id) is a ``SourceAdminError`` whose message says what to do; a
source that does not work when tested is a ``SourceCheck`` with ``ok=False``, not an exception.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from bot.sources.base import KINDS, SourceFormatError
from bot.sources.detect import board_token, detect_kind
from bot.sources.errors import FetchError, shown_url
from bot.sources.fetch import Fetcher, FetchPolicy
from bot.sources.netguard import AddressRules, check_url
from bot.sources.poll import PollPolicy, SourceState, fetch_listing

Health = Literal["new", "ok", "failing", "unhealthy"]
TEST_PAGES = 2
TEST_TIMEOUT_SECONDS = 60.0
_KIND_HELP = ", ".join(KINDS)


class SourceAdminError(ValueError):
    """A source operation that cannot be done; the message says why and what to do instead."""


class DuplicateSourceError(SourceAdminError):
    """The source (by id, or by kind and URL) is already registered."""


class UnknownSourceError(SourceAdminError):
    """No source has that id."""


@dataclass(frozen=True, slots=True)
class NewSource:
    """A source about to be registered."""

    id: str
    kind: str
    url: str
    name: str = ""
    owner: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A registered source and how its polls went, as the registry reports it."""

    id: str
    kind: str
    url: str
    name: str = ""
    owner: str = ""
    settings: Mapping[str, Any] = field(default_factory=dict)
    added_at: datetime | None = None
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    failures: int = 0  # consecutive failed polls
    next_poll_at: datetime | None = None  # held back (backoff, Retry-After) until then; None: not held


class SourceRegistry(Protocol):
    """The registered sources, as managing them needs."""

    def register(self, source: NewSource, *, now: datetime) -> SourceInfo:
        """Store a new source; DuplicateSourceError when its id, or its kind and URL, are taken."""
        ...

    def get(self, source_id: str) -> SourceInfo | None:
        """The source with this id, or None."""
        ...

    def all(self) -> list[SourceInfo]:
        """Every source, by id."""
        ...

    def remove(self, source_id: str) -> bool:
        """Forget the source (its postings stay); False when there was none."""
        ...


@dataclass(frozen=True, slots=True)
class SourceCheck:
    """What fetching a source once showed; nothing is stored."""

    source_id: str
    kind: str
    url: str
    ok: bool
    postings: int = 0
    skipped: int = 0  # records the adapter left out (placeholders, inactive, unreadable)
    complete: bool = True  # False: more pages than a test reads
    titles: tuple[str, ...] = ()  # the first few postings' titles
    error: str | None = None
    seconds: float = 0.0


def source_id_for(kind: str, url: str) -> str:
    """A stable id: the kind and the board the URL names ("greenhouse:acme"), else a digest of the URL."""
    token = board_token(url, kind)  # type: ignore[arg-type]
    if token:
        return f"{kind}:{token}"[:200]
    return f"{kind}:{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def checked_url(url: str, *, allow_private: bool = False) -> str:
    """``url`` normalized, if jobbot may fetch it; SourceAdminError saying why not otherwise."""
    try:
        return str(check_url(url.strip(), AddressRules(allow_private=allow_private)))
    except FetchError as exc:
        raise SourceAdminError(f"cannot use {shown_url(url.strip())[:200]!r}: {exc}") from None


def resolve_kind(url: str, kind: str | None) -> str:
    """The given kind (checked), else the one a well-known host implies; SourceAdminError otherwise."""
    if kind is not None:
        if kind not in KINDS:
            raise SourceAdminError(f"{kind!r} is not a source kind jobbot knows; use one of: {_KIND_HELP}")
        return kind
    found = detect_kind(url)
    if found is None:
        raise SourceAdminError(
            f"cannot tell what kind of source {url} is from its address; give the kind with --kind K "
            f"(feed for RSS/Atom, jsonld for a careers page with JobPosting data; all kinds: {_KIND_HELP})"
        )
    return found


def plan_source(
    url: str,
    *,
    kind: str | None = None,
    name: str = "",
    company: str | None = None,
    owner: str = "",
    allow_private: bool = False,
) -> NewSource:
    """The source a URL describes: checked by the SSRF guard, its kind known, its id derived."""
    checked = checked_url(url, allow_private=allow_private)
    resolved = resolve_kind(checked, kind)
    settings = {"company": company.strip()} if company and company.strip() else {}
    return NewSource(source_id_for(resolved, checked), resolved, checked, name.strip(), owner, settings)


def add_source_from_url(
    registry: SourceRegistry,
    url: str,
    *,
    now: datetime,
    kind: str | None = None,
    name: str = "",
    company: str | None = None,
    owner: str = "",
    allow_private: bool = False,
) -> SourceInfo:
    """Register the source at ``url``; SourceAdminError (DuplicateSourceError for a repeat) says why not."""
    planned = plan_source(
        url, kind=kind, name=name, company=company, owner=owner, allow_private=allow_private
    )
    return registry.register(planned, now=now)


def health_of(info: SourceInfo, *, unhealthy_after: int = PollPolicy().unhealthy_after) -> Health:
    """The source's health: new (never polled), ok, failing, or unhealthy (its owner has been told)."""
    if info.failures >= unhealthy_after:
        return "unhealthy"
    if info.failures:
        return "failing"
    return "ok" if info.last_ok_at is not None else "new"


def source_summary(
    info: SourceInfo, *, now: datetime, unhealthy_after: int = PollPolicy().unhealthy_after
) -> dict[str, Any]:
    """A source and its health as one flat JSON object; ``next_poll`` is None when it may be polled now."""
    held = info.next_poll_at is not None and info.next_poll_at > now
    return {
        "id": info.id,
        "kind": info.kind,
        "url": shown_url(info.url),  # the full URL (it may hold a key) stays in the store
        "name": info.name,
        "health": health_of(info, unhealthy_after=unhealthy_after),
        "failures": info.failures,
        "last_ok_at": _iso(info.last_ok_at),
        "last_polled_at": _iso(info.last_polled_at),
        "last_error": info.last_error,
        "next_poll": _iso(info.next_poll_at) if held else None,
        "added_at": _iso(info.added_at),
    }


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when is not None else None


def remove_source(registry: SourceRegistry, source_id: str) -> SourceInfo:
    """Forget a source (its postings stay searchable); UnknownSourceError when there is none."""
    info = registry.get(source_id)
    if info is None or not registry.remove(source_id):
        raise UnknownSourceError(f"there is no source {source_id!r}; `jobbot sources list` shows their ids")
    return info


def target_state(
    registry: SourceRegistry, target: str, *, kind: str | None = None, allow_private: bool = False
) -> SourceState:
    """The source to test: a registered one by id, or a URL (with its kind) that is not stored."""
    if "://" not in target:
        info = registry.get(target)
        if info is None:
            raise UnknownSourceError(
                f"there is no source {target!r}; give its id (`jobbot sources list`) or a URL"
            )
        return SourceState(id=info.id, kind=info.kind, url=info.url, settings=info.settings)
    planned = plan_source(target, kind=kind, allow_private=allow_private)
    return SourceState(id=planned.id, kind=planned.kind, url=planned.url)


async def check_source(
    registry: SourceRegistry,
    target: str,
    *,
    policy: FetchPolicy,
    now: datetime,
    kind: str | None = None,
    max_pages: int = TEST_PAGES,
    timeout: float = TEST_TIMEOUT_SECONDS,
    sample: int = 5,
) -> SourceCheck:
    """Fetch a source (id or URL) once and summarize what it lists; storing nothing.

    A bad target (unknown id, refused URL, unknown kind) raises SourceAdminError; a source that cannot be
    fetched or read is a report with ``ok=False`` and the error a person can act on.
    """
    state = target_state(registry, target, kind=kind, allow_private=policy.allow_private)
    started = time.monotonic()

    def failed(message: str) -> SourceCheck:
        return SourceCheck(
            state.id,
            state.kind,
            state.url,
            False,
            error=message,
            seconds=round(time.monotonic() - started, 3),
        )

    try:
        async with Fetcher(policy) as fetcher:
            listing = await asyncio.wait_for(
                fetch_listing(state, fetcher, now=now, max_pages=max_pages), timeout
            )
    except FetchError as exc:
        return failed(str(exc))
    except SourceFormatError as exc:
        return failed(f"it answered, but not as a {state.kind} source: {exc}")
    except TimeoutError:
        return failed(f"it took longer than {timeout:g} s to list its postings")
    assert listing is not None  # no validators were sent, so there is no 304
    return SourceCheck(
        state.id,
        state.kind,
        state.url,
        True,
        postings=len(listing.postings),
        skipped=listing.skipped,
        complete=listing.complete,
        titles=tuple(p.title for p in listing.postings[:sample]),
        seconds=round(time.monotonic() - started, 3),
    )
