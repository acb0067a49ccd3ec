"""A command's answer as a person sees it: what was understood, what is listed, cards, and paging."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands.values import Reply, SourceItem, SubscriptionItem
from bot.views.actions import Action, Button, edit_value, fits, page_value, subscribe_value
from bot.views.asking import offer_button
from bot.views.card import NAME_MAX, QUERY_MAX, CardView, card_view
from bot.views.rich import Line, Run, as_markup, bold, channel, code, cut, joined, markup, plain
from bot.views.text import command, more_line

REPLY_SHOWN = 10  # cards a reply shows at most
_ERROR_MAX = 200


@dataclass(frozen=True, slots=True)
class ReplyView:
    """A reply, ready for a platform to lay out."""

    lines: tuple[Line, ...]  # the answer, line by line, then any warnings
    items: tuple[Line, ...]  # listed subscriptions or sources
    cards: tuple[CardView, ...]
    footer: Line  # cards left out, the page, how to see more
    buttons: tuple[Button, ...]  # previous / next page of a search
    ephemeral: bool  # only the person who asked sees it
    ok: bool
    preview: str  # all of it as text with `code` spans: notifications, screen readers


def reply_view(reply: Reply, *, capacity: int = REPLY_SHOWN) -> ReplyView:
    """The view of ``reply``, showing at most ``capacity`` cards (the platform's room for them)."""
    lines = [markup(line) for line in reply.text.splitlines() if line.strip()]
    lines += [(Run(f"⚠️ {warning}"),) for warning in reply.warnings]
    cards = reply.cards[: max(0, min(capacity, REPLY_SHOWN))]
    footer = _footer(reply, len(reply.cards) - len(cards))
    return ReplyView(
        lines=tuple(lines),
        items=tuple(item_line(item) for item in reply.items),
        cards=tuple(card_view(card) for card in cards),
        footer=footer,
        buttons=page_buttons(reply) + choice_buttons(reply),
        ephemeral=reply.ephemeral,
        ok=reply.ok,
        preview="\n".join(as_markup(line) for line in (*lines, footer) if line) or "jobbot",
    )


def item_line(item: SubscriptionItem | SourceItem) -> Line:
    """One listed subscription or source."""
    if isinstance(item, SubscriptionItem):
        return subscription_line(item)
    health = f"{item.failures} failures" if item.failures else "healthy"
    if item.last_error:
        health += f" ({cut(item.last_error, _ERROR_MAX)})"
    name = cut(item.name or item.url, NAME_MAX)
    return (code(item.id), Run(f" {name} ({item.kind}) · {health}"))


def subscription_line(item: SubscriptionItem) -> Line:
    """A subscription on one line: "#12 `Paris + French` → #paris-jobs · instant · paused"."""
    head = (bold(f"#{item.id}"), Run(" "), code(item.query, QUERY_MAX), Run(" → "), where(item))
    tail: list[Line] = [(plain(item.schedule),)]
    if item.paused:
        tail.append(
            (plain(f"paused: {cut(item.paused_reason, _ERROR_MAX)}" if item.paused_reason else "paused"),)
        )
    if not item.understood:
        tail.append((plain("⚠️ no longer understood"),))
    return joined([head, *tail])


def where(item: SubscriptionItem) -> Run:
    """Where a subscription's cards go: "your DMs", or the channel."""
    if item.destination.kind == "dm":
        return plain("your DMs")
    return channel(item.destination.target, "a channel")


def page_buttons(reply: Reply) -> tuple[Button, ...]:
    """Previous / Next for search results or saved postings that have more than one page."""
    if reply.pages is None or not (reply.has_more or reply.page > 1):
        return ()
    wanted = []
    for page, label, shown in (
        (reply.page - 1, "◀ Previous", reply.page > 1),
        (reply.page + 1, "Next ▶", reply.has_more),
    ):
        if not shown:
            continue
        if reply.pages == "search" and reply.query:
            wanted.append(Button(label, Action.PAGE, page_value(page, reply.query)))
        elif reply.pages == "saved":
            wanted.append(Button(label, Action.SAVED_PAGE, str(page)))
    return tuple(b for b in wanted if fits(b.action, b.value))


def choice_buttons(reply: Reply) -> tuple[Button, ...]:
    """One button for each subscription (or edit) the reply offers after asking, and each change offered.

    A query too long for a button's value is left out: the reply's text says how to send it instead.
    """
    wanted = [
        Button(choice.label, Action.EDIT, edit_value(choice.edit, choice.query), style=style)
        if choice.edit is not None
        else Button(choice.label, Action.SUBSCRIBE, subscribe_value(choice.query, choice.dm), style=style)
        for choice, style in zip(reply.choices, ("primary", "secondary", "secondary"), strict=False)
    ]
    wanted += [offer_button(offer) for offer in reply.offers]
    return tuple(b for b in wanted if fits(b.action, b.value))


def _footer(reply: Reply, unshown: int) -> Line:
    parts: list[Line] = [more_line(unshown)]
    if reply.pages is not None and (reply.page > 1 or reply.has_more):
        parts.append((plain(f"page {reply.page}"),))
    if reply.pages is not None and reply.has_more:
        parts.append((Run("next: "), command(page_command(reply, reply.page + 1))))
    return joined(parts)


def page_command(reply: Reply, page: int) -> str:
    """The command that shows ``page`` of what ``reply`` pages through, in the one paging form, `page N`."""
    if reply.pages == "search":
        return f"search {' '.join((reply.query or '').split())} page {page}"
    return f"saved page {page}"
