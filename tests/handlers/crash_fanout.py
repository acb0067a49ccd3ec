"""What both SIGKILL crash tests share: queueing a fan-out, and finding rows a kill left in doubt."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from bot.delivery.outbox import idempotency_key
from bot.models import Destination, Posting
from bot.store.deliveries import enqueue_delivery
from bot.store.migrate import open_store
from bot.store.postings import upsert_posting
from bot.store.subscriptions import add_subscription
from bot.store.tables import deliveries


def queue_fan_out(
    db_url: str, targets: Sequence[Destination], *, owner: str, postings: int, per_posting: int
) -> dict[int, str]:
    """Queue ``per_posting`` cards for each of ``postings`` postings, round-robin over ``targets``.

    Returns each row's id and destination key.
    """
    engine = open_store(db_url)
    subscriptions = {
        d.key: add_subscription(engine, owner=owner, destination=d, query="Paris").id for d in targets
    }
    rows: dict[int, str] = {}
    for n in range(postings):
        posting = Posting(
            id=f"test:crash:{n}", title=f"Job {n}", company="Acme", url=f"https://x.example/{n}"
        )
        upsert_posting(engine, posting)
        for k in range(per_posting):
            destination = targets[(n * per_posting + k) % len(targets)]
            row_id = enqueue_delivery(
                engine,
                destination=destination,
                posting_id=posting.id,
                subscription_id=subscriptions[destination.key],
            )
            assert row_id is not None
            rows[row_id] = destination.key
    engine.dispose()
    return rows


def posted_rows_left_in_doubt(db_url: str, posted_keys: Collection[str]) -> set[int]:
    """Rows a kill left in flight whose card the fake had in fact stored (by idempotency key)."""
    engine = open_store(db_url)
    with engine.connect() as conn:
        in_flight = conn.execute(deliveries.select().where(deliveries.c.state == "unknown")).fetchall()
    engine.dispose()
    return {row.id for row in in_flight if idempotency_key(row.id) in posted_keys}
