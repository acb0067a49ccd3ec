"""Neutral buttons as discord.py components: plain ``discord.ui.View`` objects, built without a client.

A button's ``custom_id`` is its neutral one-string encoding (``bot.views.actions``), so a click decodes to
the same action and value as on Slack. Views never time out: a card keeps working for as long as it stays
in the channel, and the bot answers clicks by their custom id, not by a view object kept in memory. So no
view is kept: discord.py would keep each one it sends (one that never times out, for good) to dispatch
clicks that the bot's dynamic item answers anyway (``handlers.discord_buttons``).
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.views.actions import Button
from bot.views.card import CardView
from handlers.discord_text import clean, link_url

# Component limits (https://discord.com/developers/docs/components/reference).
ROWS_MAX = 5  # action rows per message
ROW_BUTTONS_MAX = 5  # buttons per action row
LABEL_MAX = 80
CUSTOM_ID_MAX = 100
BUTTON_URL_MAX = 512

_STYLES = {
    "primary": discord.ButtonStyle.primary,
    "secondary": discord.ButtonStyle.secondary,
    "danger": discord.ButtonStyle.danger,
    "link": discord.ButtonStyle.link,
}


class SentView(discord.ui.View):
    """Buttons to send and forget: discord.py does not keep a finished view after sending it."""

    def is_finished(self) -> bool:
        """Always: nothing listens to this view (clicks are answered by their custom id)."""
        return True


def build_button(
    button: Button, *, row: int | None = None, label: str | None = None
) -> discord.ui.Button | None:
    """One neutral button, or None when Discord could not take it (a link too long, an id cut short)."""
    text = clean(label or button.label)[:LABEL_MAX]
    if button.url is not None:
        url = link_url(button.url)
        if url is None or len(url) > BUTTON_URL_MAX:
            return None  # the title still links to it when it fits an embed's URL
        return discord.ui.Button(style=discord.ButtonStyle.link, label=text, url=url, row=row)
    if len(button.custom_id) > CUSTOM_ID_MAX:
        return None  # a cut id would decode to the wrong value; the neutral layer should never send one
    return discord.ui.Button(style=_STYLES[button.style], label=text, custom_id=button.custom_id, row=row)


def build_view(rows: Sequence[Sequence[tuple[Button, str | None]]]) -> discord.ui.View | None:
    """A view of at most five rows of at most five buttons (each with an optional label), or None if empty."""
    view = SentView(timeout=None)
    for index, row in enumerate(rows[:ROWS_MAX]):
        for button, label in row[:ROW_BUTTONS_MAX]:
            item = build_button(button, row=index, label=label)
            if item is not None:
                view.add_item(item)
    return view if view.children else None


def build_buttons(buttons: Sequence[Button]) -> discord.ui.View | None:
    """Buttons in reading order, five to a row, or None when there are none."""
    pairs = [(button, None) for button in buttons]
    return build_view([pairs[i : i + ROW_BUTTONS_MAX] for i in range(0, len(pairs), ROW_BUTTONS_MAX)])


def build_card_components(view: CardView) -> discord.ui.View | None:
    """A card's buttons in one row (Open, Save, Not interested, Mute company); None once it is closed."""
    return build_buttons(view.buttons) if not view.closed else None
