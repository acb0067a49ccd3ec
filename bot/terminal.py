"""Cards rendered as plain text, for `jobbot demo` and the command line."""

from __future__ import annotations

import re

from bot.cards import Card

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
