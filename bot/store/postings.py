"""Postings: store what sources return, tell new from updated from unchanged, close what disappeared."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import Row, bindparam, select, update

from bot.models import Posting, SourceHints
from bot.store.codec import facets_from_json, facets_to_json, hints_from_json, hints_to_json
from bot.store.engine import Bind, connect
from bot.store.sql import insert_ignoring_conflicts, utcnow
from bot.store.tables import postings

UpsertResult = Literal["new", "updated", "unchanged"]
PostingState = Literal["open", "closed"]

_CHUNK = 500  # ids per IN (...) list, well under every backend's bound-parameter limit


def content_hash(posting: Posting) -> str:
    """Digest what a reader sees and what matching uses: title, text, location and facets."""
    payload = {
        "title": posting.title,
        "text": posting.text,
        "location_text": posting.location_text,
        "facets": facets_to_json(posting.facets) if posting.facets is not None else None,
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def upsert_posting(bind: Bind, posting: Posting, *, now: datetime | None = None) -> UpsertResult:
    """Store ``posting``: "new" the first time, "updated" when its content changed or it reopened."""
    now = now or utcnow()
    values = _values(posting)
    with connect(bind) as conn:
        first = {**values, "id": posting.id, "first_seen_at": now, "last_seen_at": now, "updated_at": now}
        statement = insert_ignoring_conflicts(conn, postings, {**first, "state": "open"}, ["id"])
        if conn.execute(statement.returning(postings.c.id)).first() is not None:
            return "new"
        stored = conn.execute(
            select(postings.c.content_hash, postings.c.state).where(postings.c.id == posting.id)
        ).one()
        changed = stored.content_hash != values["content_hash"] or stored.state != "open"
        refresh: dict[str, Any] = {**values, "last_seen_at": now}
        if changed:
            refresh |= {"updated_at": now, "state": "open", "closed_at": None}
        conn.execute(update(postings).where(postings.c.id == posting.id).values(**refresh))
        return "updated" if changed else "unchanged"


def upsert_postings(
    bind: Bind,
    batch: Sequence[Posting],
    *,
    now: datetime | None = None,
    known: Mapping[str, StoredVersion] | None = None,
) -> list[UpsertResult]:
    """Store each posting as ``upsert_posting`` does, in a few statements for the whole batch.

    ``known``: the stored versions of the batch's postings as read in this transaction (read here when
    not given). Returns the outcome of each posting, in order; ids must be distinct.
    """
    now = now or utcnow()
    ids = [posting.id for posting in batch]
    if len(set(ids)) != len(ids):
        raise ValueError("upsert_postings takes each posting once")
    with connect(bind) as conn:
        if known is None:
            known = stored_versions(conn, ids)
        values = {posting.id: _values(posting) for posting in batch}
        fresh = [
            {
                **values[i],
                "id": i,
                "first_seen_at": now,
                "last_seen_at": now,
                "updated_at": now,
                "state": "open",
            }
            for i in ids
            if i not in known
        ]
        inserted: set[str] = set()
        if fresh:
            statement = insert_ignoring_conflicts(conn, postings, None, ["id"]).returning(postings.c.id)
            inserted = set(conn.execute(statement, fresh).scalars())
        missing = [i for i in ids if i not in known and i not in inserted]  # stored meanwhile by another
        if missing:
            known = {**known, **stored_versions(conn, missing)}
        outcomes: dict[str, UpsertResult] = {}
        seen: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for i in ids:
            if i in inserted:
                outcomes[i] = "new"
                continue
            old = known[i]
            differs = old.content_hash != values[i]["content_hash"] or old.state != "open"
            outcomes[i] = "updated" if differs else "unchanged"
            row = {**values[i], "last_seen_at": now, "_id": i}
            if differs:
                changed.append({**row, "updated_at": now, "state": "open", "closed_at": None})
            else:
                seen.append(row)
        for rows in (seen, changed):  # one executemany each: the rows of one share their columns
            if rows:
                conn.execute(update(postings).where(postings.c.id == bindparam("_id")), rows)
    return [outcomes[i] for i in ids]


@dataclass(frozen=True, slots=True)
class StoredVersion:
    """A stored posting as a fresh copy is compared with it: its content (no raw record), digest, state."""

    posting: Posting
    content_hash: str
    state: str


def stored_versions(bind: Bind, posting_ids: Sequence[str]) -> dict[str, StoredVersion]:
    """The stored versions of these postings, by id; unknown ids are left out."""
    columns = [column for column in postings.c if column.name != "raw"]
    found: dict[str, StoredVersion] = {}
    with connect(bind) as conn:
        for chunk in _chunks(list(posting_ids)):
            for row in conn.execute(select(*columns).where(postings.c.id.in_(chunk))):
                found[row.id] = StoredVersion(posting_from_row(row), row.content_hash, row.state)
    return found


def get_posting(bind: Bind, posting_id: str) -> Posting | None:
    """Return the stored posting with this id, or None."""
    with connect(bind) as conn:
        row = conn.execute(select(postings).where(postings.c.id == posting_id)).first()
    return posting_from_row(row) if row is not None else None


def get_postings(bind: Bind, posting_ids: Sequence[str]) -> list[Posting]:
    """Return the stored postings with these ids, in the order asked; unknown ids are left out."""
    found: dict[str, Posting] = {}
    with connect(bind) as conn:
        for chunk in _chunks(posting_ids):
            for row in conn.execute(select(postings).where(postings.c.id.in_(chunk))):
                found[row.id] = posting_from_row(row)
    return [found[i] for i in posting_ids if i in found]


def latest_postings(
    bind: Bind, *, limit: int = 50, source_id: str | None = None, include_closed: bool = False
) -> list[Posting]:
    """Return the most recently first-seen postings, newest first."""
    query = select(postings).order_by(postings.c.first_seen_at.desc(), postings.c.id).limit(limit)
    if source_id is not None:
        query = query.where(postings.c.source_id == source_id)
    if not include_closed:
        query = query.where(postings.c.state == "open")
    with connect(bind) as conn:
        return [posting_from_row(row) for row in conn.execute(query)]


def posting_state(bind: Bind, posting_id: str) -> PostingState | None:
    """Whether the posting is open or closed; None when it is not stored."""
    with connect(bind) as conn:
        return conn.execute(select(postings.c.state).where(postings.c.id == posting_id)).scalar()


def open_posting_ids(bind: Bind, source_id: str) -> set[str]:
    """Ids of the source's postings that are still open."""
    query = select(postings.c.id).where(postings.c.source_id == source_id, postings.c.state == "open")
    with connect(bind) as conn:
        return set(conn.execute(query).scalars())


def mark_closed(bind: Bind, posting_ids: Iterable[str], *, now: datetime | None = None) -> list[str]:
    """Close these postings; returns the ids that were open until now."""
    now = now or utcnow()
    closed: list[str] = []
    with connect(bind) as conn:
        for chunk in _chunks(list(posting_ids)):
            statement = (
                update(postings)
                .where(postings.c.id.in_(chunk), postings.c.state == "open")
                .values(state="closed", closed_at=now, updated_at=now)
                .returning(postings.c.id)
            )
            closed.extend(conn.execute(statement).scalars())
    return sorted(closed)


def close_missing(
    bind: Bind, source_id: str, seen_ids: Iterable[str], *, now: datetime | None = None
) -> list[str]:
    """Close the source's open postings that its latest complete listing no longer has."""
    with connect(bind) as conn:
        gone = open_posting_ids(conn, source_id) - set(seen_ids)
        return mark_closed(conn, gone, now=now)


def _values(posting: Posting) -> dict[str, Any]:
    return {
        "source_id": posting.source,
        "company": posting.company,
        "title": posting.title,
        "url": posting.url,
        "location_text": posting.location_text,
        "text": posting.text,
        "hints": hints_to_json(posting.hints),
        "raw": posting.raw,
        "facets": facets_to_json(posting.facets) if posting.facets is not None else None,
        "content_hash": content_hash(posting),
        "posted_at": posting.posted_at,
        "closes_at": posting.closes_at,
    }


def posting_from_row(row: Row[Any]) -> Posting:
    """A stored posting; ``raw`` stays None when the query left that (large) column out."""
    return Posting(
        id=row.id,
        title=row.title,
        company=row.company,
        url=row.url,
        source=row.source_id,
        location_text=row.location_text,
        text=row.text,
        hints=hints_from_json(row.hints) if row.hints else SourceHints(),
        posted_at=row.posted_at,
        closes_at=row.closes_at,
        raw=row._mapping.get("raw"),
        facets=facets_from_json(row.facets) if row.facets is not None else None,
    )


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]
