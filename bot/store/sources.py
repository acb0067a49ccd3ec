"""Sources: the job boards jobbot polls, and how each one's last polls went."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.store.engine import Bind, connect
from bot.store.sql import utcnow
from bot.store.tables import sources


class SourceExistsError(ValueError):
    """A source with that id, or that kind and URL, is already registered."""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """A registered source and its health (the fields a poller reads and writes)."""

    id: str  # stable and unique, e.g. "ashby:9fin"; its postings' ids start with it
    kind: str  # the adapter: "ashby", "greenhouse", "lever", …
    url: str
    name: str = ""
    owner: str = ""  # the platform user id that added it
    added_at: datetime | None = None
    settings: dict[str, Any] = field(default_factory=dict)  # adapter options
    last_polled_at: datetime | None = None
    last_ok_at: datetime | None = None
    last_error: str | None = None
    failures: int = 0  # consecutive failed polls
    etag: str | None = None  # for conditional GET
    last_modified: str | None = None
    next_poll_at: datetime | None = None  # held back until then (backoff, Retry-After); None: not held


def add_source(
    bind: Bind,
    *,
    id: str,
    kind: str,
    url: str,
    name: str = "",
    owner: str = "",
    settings: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> SourceRecord:
    """Register a source; SourceExistsError when its id, or its kind and URL, are taken."""
    values = {
        "id": id,
        "kind": kind,
        "url": url,
        "name": name,
        "owner": owner,
        "added_at": now or utcnow(),
        "settings": settings or {},
        "failures": 0,
    }
    with connect(bind) as conn:
        taken = conn.execute(
            select(sources.c.id).where(
                (sources.c.id == id) | ((sources.c.kind == kind) & (sources.c.url == url))
            )
        ).scalar()
        if taken is not None:
            raise SourceExistsError(f"{kind} source {url} is already registered as {taken!r}")
        try:
            row = conn.execute(insert(sources).values(**values).returning(*sources.c)).one()
        except IntegrityError:  # another process registered it between the check and the insert
            raise SourceExistsError(f"{kind} source {url} was registered at the same time") from None
    return _source(row)


def get_source(bind: Bind, source_id: str) -> SourceRecord | None:
    """Return the source with this id, or None."""
    with connect(bind) as conn:
        row = conn.execute(select(sources).where(sources.c.id == source_id)).first()
    return _source(row) if row is not None else None


def list_sources(bind: Bind, *, kind: str | None = None, owner: str | None = None) -> list[SourceRecord]:
    """List registered sources by id, narrowed by whichever filters are given."""
    query = select(sources).order_by(sources.c.id)
    if kind is not None:
        query = query.where(sources.c.kind == kind)
    if owner is not None:
        query = query.where(sources.c.owner == owner)
    with connect(bind) as conn:
        return [_source(row) for row in conn.execute(query)]


def update_source(
    bind: Bind,
    source_id: str,
    *,
    name: str | None = None,
    url: str | None = None,
    settings: dict[str, Any] | None = None,
) -> bool:
    """Rename a source, move it to a new URL or replace its adapter settings; False when there is none.

    A new URL forgets the old one's ETag / Last-Modified: they described another resource.
    """
    values: dict[str, Any] = {}
    if name is not None:
        values["name"] = name
    if url is not None:
        values |= {"url": url, "etag": None, "last_modified": None}
    if settings is not None:
        values["settings"] = settings
    return _update(bind, source_id, **values) if values else get_source(bind, source_id) is not None


def remove_source(bind: Bind, source_id: str) -> bool:
    """Forget a source (its postings stay); False when there was no such source."""
    with connect(bind) as conn:
        return conn.execute(delete(sources).where(sources.c.id == source_id)).rowcount > 0


def record_poll_ok(
    bind: Bind,
    source_id: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    now: datetime | None = None,
) -> bool:
    """Record a successful poll (a 304 counts): reset the failures, lift any hold, keep the validators."""
    now = now or utcnow()
    return _update(
        bind,
        source_id,
        last_polled_at=now,
        last_ok_at=now,
        last_error=None,
        failures=0,
        etag=etag,
        last_modified=last_modified,
        next_poll_at=None,
    )


def record_poll_error(bind: Bind, source_id: str, error: str, *, now: datetime | None = None) -> int | None:
    """Record a failed poll, keeping the error for people to read; returns the consecutive failures."""
    statement = (
        update(sources)
        .where(sources.c.id == source_id)
        .values(last_polled_at=now or utcnow(), last_error=error, failures=sources.c.failures + 1)
        .returning(sources.c.failures)
    )
    with connect(bind) as conn:
        return conn.execute(statement).scalar()


def _update(bind: Bind, source_id: str, **values: Any) -> bool:
    with connect(bind) as conn:
        return conn.execute(update(sources).where(sources.c.id == source_id).values(**values)).rowcount > 0


def _source(row: Row[Any]) -> SourceRecord:
    return SourceRecord(
        id=row.id,
        kind=row.kind,
        url=row.url,
        name=row.name,
        owner=row.owner,
        added_at=row.added_at,
        settings=dict(row.settings or {}),
        last_polled_at=row.last_polled_at,
        last_ok_at=row.last_ok_at,
        last_error=row.last_error,
        failures=row.failures,
        etag=row.etag,
        last_modified=row.last_modified,
        next_poll_at=row.next_poll_at,
    )
