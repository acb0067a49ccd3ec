"""Lifecycle edits: when a posting closes or changes, every card already posted for it is rewritten."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from bot.cards import Card
from bot.delivery.compose import card_for, digest_for
from bot.delivery.notifier import DigestCard, Notifier
from bot.delivery.outbox import Outbox, OutboxRow
from bot.models import Destination, Posting

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EditReport:
    """What ``update_cards`` did."""

    edited: int = 0  # messages edited
    failed: int = 0  # messages the platform would not let us edit (logged)


async def update_cards(
    outbox: Outbox, notifiers: Mapping[str, Notifier], posting_id: str, *, closed: bool, digest_max_cards: int
) -> EditReport:
    """Edit every message showing the posting: "Closed", or its updated fields; a digest is rebuilt whole."""
    posting = outbox.postings([posting_id]).get(posting_id)
    if posting is None:
        return EditReport()
    edited = failed = 0
    done: set[tuple[str, str]] = set()
    for row in outbox.deliveries_for_posting(posting_id, state="sent"):
        if row.message_id is None or (row.destination_key, row.message_id) in done:
            continue  # no message of its own (a DM a channel card covered), or already edited
        done.add((row.destination_key, row.message_id))
        destination = Destination.from_key(row.destination_key)
        notifier = notifiers.get(destination.platform)
        if notifier is None:
            continue
        card = _card_now(outbox, row, row.message_id, posting, closed, digest_max_cards)
        try:
            await notifier.edit(destination, row.message_id, card)
            edited += 1
        except Exception as exc:  # one refused edit (message deleted, channel gone) must not stop the rest
            failed += 1
            logger.warning(
                "card edit failed",
                extra={"destination": row.destination_key, "posting": posting_id, "error": str(exc)},
            )
    return EditReport(edited=edited, failed=failed)


def _card_now(
    outbox: Outbox, row: OutboxRow, message_id: str, posting: Posting, closed: bool, max_cards: int
) -> Card | DigestCard:
    members = outbox.deliveries_with_message(row.destination_key, message_id)
    if len(members) <= 1:
        return card_for(posting, row.reasons, _query(outbox, row), closed=closed)
    ids = [member.posting_id for member in members]
    postings = {**outbox.postings(ids), posting.id: posting}
    closed_ids = (outbox.closed_posting_ids(ids) - {posting.id}) | ({posting.id} if closed else set())
    shown = [member for member in members if member.posting_id in postings]
    queries = [_query(outbox, member) for member in shown]
    cards = [
        card_for(postings[m.posting_id], m.reasons, query, closed=m.posting_id in closed_ids)
        for m, query in zip(shown, queries, strict=True)
    ]
    return digest_for(cards, queries, max_cards=max_cards)


def _query(outbox: Outbox, row: OutboxRow) -> str | None:
    subscription = outbox.subscription(row.subscription_id) if row.subscription_id is not None else None
    return subscription.query if subscription is not None else None
