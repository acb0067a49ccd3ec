"""Test cards (`/jobs test`): a sample posting and its one outbox row, queued together.

The sample is stored closed, so no search, preview, company list or count of open postings ever sees it;
the dispatcher sends it like any card. At most one waits per destination, so a person pressing `test` again
and again gets one card, not a flood.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.models import Destination, Posting
from bot.store.deliveries import enqueue_delivery
from bot.store.engine import Bind, connect
from bot.store.postings import mark_closed, upsert_posting
from bot.store.tables import deliveries


def queue_sample(
    bind: Bind, posting: Posting, destination: Destination, *, id_prefix: str, now: datetime
) -> int | None:
    """Store ``posting`` (closed) and queue its card for ``destination``; the outbox row's id.

    None, and nothing stored, while another sample (a posting id starting with ``id_prefix``) still waits
    to go there.
    """
    d = deliveries.c
    waiting = select(d.id).where(
        d.destination_key == destination.key, d.state == "queued", d.posting_id.startswith(id_prefix)
    )
    with connect(bind) as conn:
        if conn.execute(waiting.limit(1)).first() is not None:
            return None
        upsert_posting(conn, posting, now=now)
        mark_closed(conn, [posting.id], now=now)
        return enqueue_delivery(conn, destination=destination, posting_id=posting.id, now=now)
