"""Read-only views for people browsing: open postings newest first, recent delivery counts.

``/jobs search`` and the subscribe preview walk the open postings in pages (keyset on first-seen time and
id, so a page costs the same deep in the list) without the heavy ``raw`` vendor record.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import and_, exists, func, or_, select

from bot.models import Posting
from bot.store.engine import Bind, connect
from bot.store.postings import posting_from_row
from bot.store.tables import deliveries, posting_links, postings

_COLUMNS = [c for c in postings.c if c.name != "raw"]


def iter_open_postings(bind: Bind, *, batch: int = 200, limit: int | None = None) -> Iterator[Posting]:
    """Open postings, newest first, without duplicates of a job already stored from another source."""
    after: tuple[datetime, str] | None = None
    seen = 0
    while limit is None or seen < limit:
        size = batch if limit is None else min(batch, limit - seen)
        query = (
            select(*_COLUMNS)
            .where(postings.c.state == "open")
            .where(~exists().where(posting_links.c.posting_id == postings.c.id))
            .order_by(postings.c.first_seen_at.desc(), postings.c.id)
            .limit(size)
        )
        if after is not None:
            first_seen, last_id = after
            query = query.where(
                or_(
                    postings.c.first_seen_at < first_seen,
                    and_(postings.c.first_seen_at == first_seen, postings.c.id > last_id),
                )
            )
        with connect(bind) as conn:
            rows = conn.execute(query).all()
        for row in rows:
            yield posting_from_row(row)
        seen += len(rows)
        if len(rows) < size:
            return
        after = (rows[-1].first_seen_at, rows[-1].id)


def count_open_postings(bind: Bind) -> int:
    """How many postings are open."""
    with connect(bind) as conn:
        return int(conn.execute(select(func.count()).where(postings.c.state == "open")).scalar() or 0)


def delivery_counts_since(
    bind: Bind, since: datetime, *, destination_key: str | None = None
) -> dict[str, int]:
    """Outbox rows created since ``since``, by state (states with none are left out)."""
    query = (
        select(deliveries.c.state, func.count())
        .where(deliveries.c.created_at >= since)
        .group_by(deliveries.c.state)
    )
    if destination_key is not None:
        query = query.where(deliveries.c.destination_key == destination_key)
    with connect(bind) as conn:
        return {state: int(count) for state, count in conn.execute(query)}


def company_names(bind: Bind, prefix: str, *, limit: int = 25) -> list[str]:
    """Companies of open postings whose name starts with ``prefix`` (any case), most postings first."""
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    count = func.count().label("n")
    query = (
        select(postings.c.company, count)
        .where(postings.c.state == "open")
        .where(postings.c.company != "")
        .where(func.lower(postings.c.company).like(pattern.lower(), escape="\\"))
        .group_by(postings.c.company)
        .order_by(count.desc(), postings.c.company)
        .limit(limit)
    )
    with connect(bind) as conn:
        return [row.company for row in conn.execute(query)]
