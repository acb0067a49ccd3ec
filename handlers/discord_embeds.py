"""Embeds for the neutral views: cards, digests, command replies and notices, as pure ``build_*`` functions.

Everything worded or counted comes from ``bot.views``; this module only chooses embeds and fits them to
Discord's limits, which it exports. Text goes through ``handlers.discord_text``, so no posting can format,
link or mention; and every send uses :data:`NO_MENTIONS`, so not even our own text can ping anyone.
"""

from __future__ import annotations

from collections.abc import Sequence

import discord

from bot.cards import Card
from bot.commands.values import Reply
from bot.delivery.notifier import DigestCard
from bot.views.card import CardView, card_view
from bot.views.digest import DIGEST_SHOWN, digest_view
from bot.views.reply import REPLY_SHOWN, ReplyView, reply_view
from bot.views.rich import Line, Run, markup, plain
from handlers.discord_components import build_buttons
from handlers.discord_text import clean, fit, link_url, markdown, share, stack

# Message and embed limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
CONTENT_MAX = 2000
EMBEDS_MAX = 10  # per message
TOTAL_MAX = 6000  # characters across every embed of one message
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
AUTHOR_MAX = 256
EMBED_URL_MAX = 2048

NO_MENTIONS = discord.AllowedMentions.none()  # pass on every send: nothing jobbot posts may ping
OPEN_COLOUR = discord.Colour.blurple()
CLOSED_COLOUR = discord.Colour.light_grey()
HEAD_MAX = 3000  # a reply too long for content goes in a first embed, leaving room for cards
_LINE_FLOOR = 80


def _view(card: Card | CardView) -> CardView:
    return card if isinstance(card, CardView) else card_view(card)


def title_line(view: CardView) -> Line:
    """The card's title, after its status when it has one: "Closed · Marketing Intern"."""
    title = " ".join(view.title.split())
    return (plain(f"{view.status} · "), plain(title)) if view.status else (plain(title),)


def _embed(view: CardView, title: str) -> discord.Embed:
    url = link_url(view.url) if view.url else None
    return discord.Embed(
        title=title or None,
        url=url if url and len(url) <= EMBED_URL_MAX else None,
        colour=CLOSED_COLOUR if view.closed else OPEN_COLOUR,
    )


def build_card_embed(card: Card | CardView, *, budget: int = TOTAL_MAX) -> discord.Embed:
    """One posting: linked title, company and why-line, its facts as inline fields, and where it came from."""
    view = _view(card)
    footer = clean(view.footer)[: min(FOOTER_MAX, budget // 4)]
    facts = view.facts[:FIELDS_MAX]
    names = [markdown((plain(fact.label),), FIELD_NAME_MAX) for fact in facts]
    parts: list[tuple[Line, int]] = [
        (title_line(view), TITLE_MAX),
        ((plain(view.company),), DESCRIPTION_MAX),
        (view.why, DESCRIPTION_MAX),
        *(((plain(fact.value),), FIELD_VALUE_MAX) for fact in facts),
    ]
    title, company, why, *values = share(parts, budget - len(footer) - sum(map(len, names)))
    embed = _embed(view, title)
    embed.description = fit("\n".join(t for t in (company, why) if t), DESCRIPTION_MAX) or None
    for name, value in zip(names, values, strict=True):
        if name and value:
            embed.add_field(name=name, value=value, inline=True)
    if footer:
        embed.set_footer(text=footer)
    return embed


def card_lines(view: CardView) -> list[Line]:
    """A card's company, facts on one line, and why-line: a compact card's description."""
    return [line for line in ((plain(view.company),), (plain(view.summary),), view.why) if line]


def build_compact_embed(card: Card | CardView, *, budget: int = TOTAL_MAX // EMBEDS_MAX) -> discord.Embed:
    """A card in a few lines (digests, search results): linked title, then company, facts and why."""
    view = _view(card)
    lines = card_lines(view)
    title, *rest = share(
        [(title_line(view), TITLE_MAX), *((line, DESCRIPTION_MAX) for line in lines)], budget
    )
    embed = _embed(view, title)
    embed.description = "\n".join(text for text in rest if text) or None
    return embed


def build_digest_message(digest: DigestCard, *, shown: int = DIGEST_SHOWN) -> tuple[str, list[discord.Embed]]:
    """A digest: its heading (bold) and "…and N more" as content, the first cards as compact embeds."""
    view = digest_view(digest, capacity=min(shown, EMBEDS_MAX))
    heading, more = share([(view.title, CONTENT_MAX // 2), (view.more, CONTENT_MAX // 4)], CONTENT_MAX - 4)
    content = "\n".join(text for text in (f"**{heading}**" if heading else "", more) if text)
    budget = TOTAL_MAX // max(1, len(view.cards))
    return content, [build_compact_embed(card, budget=budget) for card in view.cards]


def _body(view: ReplyView) -> list[Line]:
    return [*view.lines, *((Run("• "), *item) for item in view.items)]


def build_reply_message(
    reply: Reply, *, shown: int = REPLY_SHOWN
) -> tuple[str, list[discord.Embed], discord.ui.View | None]:
    """A command reply: lines and listed items, cards as compact embeds, the footer, and page buttons.

    The lines go in the content when they fit its 2,000 characters, else in a first embed; the cards share
    what is left of the message's 6,000 characters.
    """
    view = reply_view(reply, capacity=min(shown, EMBEDS_MAX))
    body = _body(view)
    content = "\n".join(markdown(line) for line in (*body, view.footer) if line)
    head: list[discord.Embed] = []
    if len(content) > CONTENT_MAX:
        head = [discord.Embed(description=stack(body, HEAD_MAX, _LINE_FLOOR) or None)]
        view = reply_view(reply, capacity=min(shown, EMBEDS_MAX - 1))
        content = markdown(view.footer, CONTENT_MAX)
    if not content and not head and not view.cards:
        content = markdown(markup(view.preview), CONTENT_MAX)
    room = TOTAL_MAX - sum(len(embed) for embed in head)
    budget = room // max(1, len(view.cards))
    cards = [build_compact_embed(card, budget=budget) for card in view.cards]
    return content, head + cards, build_buttons(view.buttons)


def build_notice(text: str, mark: str = "") -> str:
    """An owner notice (plain text with `code` spans) as message content, ``mark`` on a small last line."""
    if not mark:
        return markdown(markup(text), CONTENT_MAX)
    last = f"\n-# {mark}"
    return markdown(markup(text), CONTENT_MAX - len(last)) + last


def total_length(embeds: Sequence[discord.Embed]) -> int:
    """Characters Discord counts against :data:`TOTAL_MAX` for ``embeds``."""
    return sum(len(embed) for embed in embeds)
