"""The neutral views rendered as plain text, for `jobbot demo` and the command line.

Wording, order and counts come from ``bot.views``; this only lays them out in a box and strips control
characters, so posting text never drives the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.cards import Card
from bot.delivery.notifier import DigestCard
from bot.models import Destination
from bot.views.card import CardView, card_view
from bot.views.digest import digest_view
from bot.views.rich import Run

_CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)  # includes ESC: posting text never drives the terminal
NOTHING_STATED = "(no location or type stated)"


def _clean(text: str) -> str:
    return _CONTROL.sub("", text)


def text(line: Sequence[Run]) -> str:
    """A line of runs as terminal text: code in backticks, links as their words."""
    return "".join(f"`{run.text}`" if run.style == "code" else run.text for run in line)


def render_card(card: Card | CardView, width: int = 78) -> str:
    """A boxed, readable text card."""
    view = card if isinstance(card, CardView) else card_view(card)
    status = f"[{view.status}] " if view.status else ""
    lines = [f"┃ {status}{view.title}" + (f" — {view.company}" if view.company else "")]
    lines.append(f"┃ {view.summary}" if view.summary else f"┃ {NOTHING_STATED}")
    lines += [f"┃ {fact.label} {fact.value}" for fact in view.facts if fact.label == "Job code"]
    if view.why:
        lines.append(f"┃ Why: {text(view.why)}")
    if view.url:
        lines.append(f"┃ {view.url}")
    rule = "━" * min(width, max(len(line) for line in lines))
    return "\n".join([rule, *(_clean(line) for line in lines), rule])


def render_digest(digest: DigestCard) -> str:
    """A digest: its heading, its cards, and how many more."""
    view = digest_view(digest)
    parts = [f"▶ {_clean(text(view.title))}", *(render_card(card) for card in view.cards)]
    if view.more:
        parts.append(_clean(text(view.more)))
    return "\n".join(parts)


class TerminalNotifier:
    """A ``Notifier`` that renders cards as text, per destination: the demo's platform when none is wired."""

    def __init__(self, platform: str = "slack") -> None:
        self.platform = platform
        self.shown: dict[str, list[str]] = {}  # destination key -> rendered cards and notices, in order
        self._count = 0

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Render ``card`` (a digest as its cards under a heading) for ``destination``."""
        self._count += 1
        shown = render_digest(card) if isinstance(card, DigestCard) else render_card(card)
        self.shown.setdefault(destination.key, []).append(shown)
        return f"terminal-{self._count}"

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Show that a card was edited."""
        title = card.title if isinstance(card, DigestCard) else f"{card.title} ({card.status or 'updated'})"
        self.shown.setdefault(destination.key, []).append(f"✎ {message_id} now reads: {_clean(title)}")

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """Nothing survives a restart of the terminal: a card in doubt is shown again."""
        return None

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Show a plain notice."""
        self._count += 1
        self.shown.setdefault(destination.key, []).append(f"ℹ {_clean(text)}")
        return f"terminal-{self._count}"
