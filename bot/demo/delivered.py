"""What the demo's destinations received, per example: each card once, then what each platform got.

``Recorder`` wraps a platform's notifier and notes which card became which message; ``write_delivered``
prints every card (as the terminal renders it) followed, per platform, by the message it became — read back
from the platform when it can be, so what is shown is what the platform holds. A message the platform holds
that no card explains is shown too, and so is a card a platform never received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from bot.cards import Card
from bot.delivery.notifier import DigestCard, Notifier
from bot.demo.examples import ExampleSubscription
from bot.demo.platforms import DemoPlatform, Received
from bot.models import Destination
from bot.terminal import TerminalNotifier, render_card, render_digest

Placed = tuple[ExampleSubscription, Sequence[tuple[DemoPlatform, Destination]]]


def card_key(card: Card | DigestCard) -> str:
    """What pairs the same card across platforms: its posting (a digest: its title)."""
    return card.posting_id if isinstance(card, Card) else f"digest: {card.title}"


class Recorder:
    """Delivers through ``inner`` and notes, per destination, each card and the message it became."""

    def __init__(self, inner: Notifier) -> None:
        self.platform = inner.platform
        self.inner = inner
        self.sent: dict[str, dict[str, tuple[Card | DigestCard, str]]] = {}  # key -> card key -> card, id

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Send, and note the message id."""
        message_id = await self.inner.send(destination, card, idempotency_key=idempotency_key)
        self.sent.setdefault(destination.key, {})[card_key(card)] = (card, message_id)
        return message_id

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Edit through the platform."""
        await self.inner.edit(destination, message_id, card)

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """Ask the platform."""
        return await self.inner.find_sent(destination, idempotency_key)

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Notify through the platform."""
        return await self.inner.notify(destination, text, idempotency_key=idempotency_key)


@dataclass(slots=True)
class _Place:
    """One example's destination on one platform: what was sent there, and what the platform holds."""

    platform: DemoPlatform
    sent: dict[str, tuple[Card | DigestCard, str]]  # card key -> card, message id
    held: dict[str, Received] | None  # message id -> message; None: the platform cannot be read back

    def write_receipt(self, out: TextIO, key: str) -> None:
        """What became of the card ``key`` here (nothing for the terminal, which showed the card)."""
        name = self.platform.name
        if isinstance(self.platform.notifier, TerminalNotifier):
            return
        if key not in self.sent:
            out.write(f"  ↳ {name}: not delivered\n")
            return
        message_id = self.sent[key][1]
        if self.held is None:
            out.write(f"  ↳ {name}: posted, message {message_id}\n")
        elif (got := self.held.pop(message_id, None)) is None:
            out.write(f"  ↳ {name}: posted as message {message_id}, which {name} does not hold\n")
        else:
            _write_received(out, f"{name}: message {message_id}, read back from {name}", got)

    def write_unexplained(self, out: TextIO) -> None:
        """Messages the platform holds that no card explains (after every receipt took its own)."""
        for extra in (self.held or {}).values():
            _write_received(out, f"{self.platform.name} also holds message {extra.message_id}", extra)


def write_delivered(
    out: TextIO, platforms: Sequence[DemoPlatform], placed: Sequence[Placed], recorders: dict[str, Recorder]
) -> None:
    """Print, per example, its cards and what each platform received (see the module docstring)."""
    if len(platforms) == 1:
        out.write(f"\nDelivered through the dispatcher to {platforms[0].where}:\n")
    else:
        out.write("\nDelivered through one dispatcher to every platform at once:\n")
        out.writelines(f"  {platform.where}\n" for platform in platforms)
    for example, destinations in placed:
        places = [_place(platform, destination, recorders) for platform, destination in destinations]
        counts = [(place.platform.name, len(place.sent)) for place in places]
        out.write(f"\n═══ {example.label}: {_counted(counts)} ═══\n")
        cards = {key: card for place in places for key, (card, _) in place.sent.items()}
        for key, card in cards.items():
            out.write((render_digest(card) if isinstance(card, DigestCard) else render_card(card)) + "\n")
            for place in places:
                place.write_receipt(out, key)
        for place in places:
            place.write_unexplained(out)  # shown, never hidden


def _place(platform: DemoPlatform, destination: Destination, recorders: dict[str, Recorder]) -> _Place:
    held = platform.received(destination)
    return _Place(
        platform,
        recorders[platform.notifier.platform].sent.get(destination.key, {}),
        None if held is None else {message.message_id: message for message in held},
    )


def _counted(counts: list[tuple[str, int]]) -> str:
    """One platform: "3 cards"; several: "3 cards on Slack, 3 on Discord"."""
    (first_name, first), *others = counts
    cards = f"{first} card{'' if first == 1 else 's'}"
    if not others:
        return cards
    return ", ".join([f"{cards} on {first_name}", *(f"{count} on {name}" for name, count in others)])


def _write_received(out: TextIO, heading: str, received: Received) -> None:
    out.write(f"  ↳ {heading}:\n")
    for line in received.lines:
        out.write(f"    │ {line}\n")
