"""Several matches in one message: a heading, the first cards, and how many more there are."""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.notifier import DigestCard
from bot.views.card import CardView, card_view
from bot.views.rich import Line, markup
from bot.views.text import more_line

DIGEST_SHOWN = 10  # cards a digest shows in full; the rest are counted


@dataclass(frozen=True, slots=True)
class DigestView:
    """A digest, ready for a platform to lay out."""

    title: Line  # a heading: platforms show it emphasised
    cards: tuple[CardView, ...]
    more: Line  # "…and 7 more matching postings", or () when every card is shown
    preview: str  # the one line a notification shows (with `code` spans)


def digest_view(digest: DigestCard, *, capacity: int = DIGEST_SHOWN) -> DigestView:
    """The view of ``digest``, showing at most ``capacity`` cards (default ten; a platform may say less)."""
    shown = max(0, min(capacity, len(digest.cards)))
    return DigestView(
        title=markup(digest.title),
        cards=tuple(card_view(card) for card in digest.cards[:shown]),
        more=more_line(digest.more + len(digest.cards) - shown, "matching posting"),
        preview=digest.title,
    )
