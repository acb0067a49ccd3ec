"""Cards rendered as plain text, for `jobbot demo` and the command line."""

from __future__ import annotations

import re

from bot.cards import Card
from bot.delivery.notifier import DigestCard
from bot.models import Destination

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)  # includes ESC: posting text never drives the terminal


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def render_card(card: Card, width: int = 78) -> str:
    """A boxed, readable text card."""
    lines = [f"┃ {card.title}" + (f" — {card.company}" if card.company else "")]
    facts = [
        ", ".join(card.locations) or None,
        card.workplace,
        card.employment,
        f"starts {card.start}" if card.start else None,
    ]
    lines.append("┃ " + " · ".join(f for f in facts if f) if any(facts) else "┃ (no location or type stated)")
    if card.required_languages or card.preferred_languages:
        langs = [f"{name} required" for name in card.required_languages]
        langs += [f"{name} a plus" for name in card.preferred_languages]
        lines.append("┃ 🗣 " + ", ".join(langs))
    if card.job_code:
        lines.append(f"┃ Job code {card.job_code}")
    if card.why:
        matched = f" · matched `{card.query}`" if card.query else ""
        lines.append("┃ Why: " + " · ".join(card.why) + matched)
    if card.url:
        lines.append(f"┃ {card.url}")
    rule = "━" * min(width, max(len(line) for line in lines))
    return "\n".join([rule, *(_clean(line) for line in lines), rule])


class TerminalNotifier:
    """A ``Notifier`` that renders cards as text, per destination: the demo's platform when none is wired."""

    def __init__(self, platform: str = "slack") -> None:
        self.platform = platform
        self.shown: dict[str, list[str]] = {}  # destination key -> rendered cards and notices, in order
        self._count = 0

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Render ``card`` (a digest as its cards under a heading) for ``destination``."""
        self._count += 1
        if isinstance(card, DigestCard):
            more = f"\n… and {card.more} more" if card.more else ""
            text = f"▶ {card.title}\n" + "\n".join(render_card(c) for c in card.cards) + more
        else:
            text = render_card(card)
        self.shown.setdefault(destination.key, []).append(text)
        return f"terminal-{self._count}"

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Show that a card was edited."""
        title = card.title if isinstance(card, DigestCard) else f"{card.title} ({card.status or 'updated'})"
        self.shown.setdefault(destination.key, []).append(f"✎ {message_id} now reads: {_clean(title)}")

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """Nothing survives a restart of the terminal: a card in doubt is shown again."""
        return None

    async def notify(self, destination: Destination, text: str) -> None:
        """Show a plain notice."""
        self.shown.setdefault(destination.key, []).append(f"ℹ {_clean(text)}")
