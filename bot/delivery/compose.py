"""Outbox rows to what is sent: a card per row, or one digest card for several."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.cards import Card, build_card
from bot.delivery.notifier import DigestCard
from bot.matching import Reason
from bot.models import Posting

logger = logging.getLogger(__name__)

CLOSED = "Closed"
_REASON_FIELDS = frozenset(f.name for f in dataclasses.fields(Reason))


def reasons_from_json(data: Any) -> tuple[Reason, ...]:
    """The reasons stored with an outbox row (as the matcher gave them), skipping any that do not fit."""
    reasons = []
    for item in data if isinstance(data, list) else ():
        if not isinstance(item, dict):
            continue
        try:
            reasons.append(Reason(**{k: v for k, v in item.items() if k in _REASON_FIELDS}))
        except TypeError:  # a stored reason missing a field: the card simply says less
            logger.debug("stored reason unusable", extra={"reason": item})
    return tuple(reasons)


def card_for(
    posting: Posting, reasons: Any, query: str | None, *, closed: bool = False, now: datetime | None = None
) -> Card:
    """The card for one outbox row: the posting, why it matched, and "Closed" once it is gone.

    ``now`` is when its message is (or was first) posted: the card's dates read as of then. A sample card
    (`/jobs test`) is never "Closed": its posting is stored closed only so that nothing lists it.
    """
    card = build_card(posting, reasons_from_json(reasons), query, now=now)
    return dataclasses.replace(card, status=CLOSED) if closed and not card.sample else card


def digest_for(cards: Sequence[Card], queries: Sequence[str | None], *, max_cards: int) -> DigestCard:
    """One message for several cards: the first ``max_cards`` in full, the rest counted."""
    count = len(cards)
    distinct = {q for q in queries if q}
    title = f"{count} new posting{'s' if count != 1 else ''}"
    if len(distinct) == 1 and len(queries) == count and all(queries):
        title += f" for `{next(iter(distinct))}`"
    shown = tuple(cards[:max_cards])
    return DigestCard(title=title, cards=shown, more=count - len(shown))
