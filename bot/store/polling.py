"""What polling keeps between polls: when to poll next, what went missing, which postings are one job.

Sources hold their next allowed poll time; postings count the complete listings in a row that missed
them; identity keys and links tie one job seen on several sources together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from bot.store.engine import Bind, connect
from bot.store.postings import _chunks, mark_closed
from bot.store.sql import insert_ignoring_conflicts, utcnow
from bot.store.tables import posting_keys, posting_links, postings, sources


def next_poll_at(bind: Bind, source_id: str) -> datetime | None:
    """The time before which the source should not be polled again (None: any time)."""
    with connect(bind) as conn:
        return conn.execute(select(sources.c.next_poll_at).where(sources.c.id == source_id)).scalar()


def set_next_poll_at(bind: Bind, source_id: str, when: datetime | None) -> None:
    """Hold the source's polls until ``when`` (None lifts the hold)."""
    with connect(bind) as conn:
        conn.execute(update(sources).where(sources.c.id == source_id).values(next_poll_at=when))


def posting_states(bind: Bind, source_id: str) -> dict[str, str]:
    """Every stored posting of the source, open or closed, by id."""
    query = select(postings.c.id, postings.c.state).where(postings.c.source_id == source_id)
    with connect(bind) as conn:
        return {row.id: row.state for row in conn.execute(query)}


def close_unseen(
    bind: Bind,
    source_id: str,
    seen_ids: Iterable[str],
    *,
    min_missed_polls: int,
    last_seen_before: datetime,
    now: datetime | None = None,
) -> list[str]:
    """Count a missed poll for the source's open postings not in ``seen_ids``; close the long-missing ones.

    Closed are those missed ``min_missed_polls`` times in a row and unseen since ``last_seen_before``;
    returns their ids.
    """
    seen = set(seen_ids)
    with connect(bind) as conn:
        rows = conn.execute(
            select(postings.c.id, postings.c.missed_polls).where(
                postings.c.source_id == source_id, postings.c.state == "open"
            )
        ).all()
        back = [row.id for row in rows if row.id in seen and row.missed_polls]
        gone = [row.id for row in rows if row.id not in seen]
        for chunk in _chunks(back):
            conn.execute(update(postings).where(postings.c.id.in_(chunk)).values(missed_polls=0))
        for chunk in _chunks(gone):
            conn.execute(
                update(postings)
                .where(postings.c.id.in_(chunk))
                .values(missed_polls=postings.c.missed_polls + 1)
            )
        stale: list[str] = []
        for chunk in _chunks(gone):
            stale.extend(
                conn.execute(
                    select(postings.c.id).where(
                        postings.c.id.in_(chunk),
                        postings.c.missed_polls >= min_missed_polls,
                        postings.c.last_seen_at < last_seen_before,
                    )
                ).scalars()
            )
        closed = mark_closed(conn, stale, now=now or utcnow())
        for chunk in _chunks(closed):
            conn.execute(update(postings).where(postings.c.id.in_(chunk)).values(missed_polls=0))
        return closed


def add_identity_keys(bind: Bind, posting_id: str, source_id: str, keys: Iterable[str]) -> None:
    """Remember the posting's identity key digests (keys already stored are kept)."""
    add_many_identity_keys(bind, [(posting_id, source_id, keys)])


def add_many_identity_keys(bind: Bind, postings_keys: Iterable[tuple[str, str, Iterable[str]]]) -> None:
    """``add_identity_keys`` for many postings in one statement: (posting id, source id, digests) each."""
    rows = [
        {"key": key, "posting_id": posting_id, "source_id": source_id}
        for posting_id, source_id, keys in postings_keys
        for key in dict.fromkeys(keys)
    ]
    if rows:
        with connect(bind) as conn:
            conn.execute(insert_ignoring_conflicts(conn, posting_keys, None, ["key", "posting_id"]), rows)


def postings_with_keys(bind: Bind, keys: Sequence[str]) -> list[tuple[str, str, str]]:
    """(key, posting id, source id) of every stored posting carrying one of ``keys``.

    A posting linked to an earlier one answers with that earlier one's id: duplicates collapse to one job.
    """
    query = (
        select(
            posting_keys.c.key, posting_keys.c.posting_id, posting_keys.c.source_id, posting_links.c.same_as
        )
        .outerjoin(posting_links, posting_links.c.posting_id == posting_keys.c.posting_id)
        .where(posting_keys.c.key.in_(list(keys)))
    )
    with connect(bind) as conn:
        return [(row.key, row.same_as or row.posting_id, row.source_id) for row in conn.execute(query)]


def link_posting(
    bind: Bind, posting_id: str, same_as: str, basis: str, *, now: datetime | None = None
) -> None:
    """Record that ``posting_id`` is the same job as ``same_as`` (the first link found stays)."""
    link_postings(bind, [(posting_id, same_as, basis)], now=now)


def link_postings(bind: Bind, links: Sequence[tuple[str, str, str]], *, now: datetime | None = None) -> None:
    """``link_posting`` for many (posting id, same as, basis) in one statement."""
    rows: list[dict[str, Any]] = [
        {"posting_id": posting_id, "same_as": same_as, "basis": basis, "linked_at": now or utcnow()}
        for posting_id, same_as, basis in links
    ]
    if rows:
        with connect(bind) as conn:
            conn.execute(insert_ignoring_conflicts(conn, posting_links, None, ["posting_id"]), rows)


def same_as(bind: Bind, posting_id: str) -> str | None:
    """The earlier posting this one duplicates, or None."""
    query = select(posting_links.c.same_as).where(posting_links.c.posting_id == posting_id)
    with connect(bind) as conn:
        return conn.execute(query).scalar()


def linked_urls(bind: Bind, posting_id: str) -> list[str]:
    """Every link to one job: the posting's own URL, then those of the postings linked to it."""
    with connect(bind) as conn:
        own = conn.execute(select(postings.c.url).where(postings.c.id == posting_id)).scalar()
        others = conn.execute(
            select(postings.c.url)
            .join(posting_links, posting_links.c.posting_id == postings.c.id)
            .where(posting_links.c.same_as == posting_id)
            .order_by(posting_links.c.linked_at, postings.c.id)
        ).scalars()
        return [url for url in dict.fromkeys([own, *others]) if url]
