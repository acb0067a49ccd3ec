"""Block Kit for the neutral views: cards, digests and command replies, as pure ``build_*`` functions.

Everything worded or counted comes from ``bot.views``; this module only chooses blocks and fits them to
Block Kit's limits (slack_sdk's models validate them in ``to_dict()``). Text goes through
``handlers.slack_text``, so no posting can mention ``@channel``, a user or a group, nor smuggle in a link.
"""

from __future__ import annotations

from collections.abc import Sequence

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.cards import Card
from bot.commands.values import Reply
from bot.delivery.notifier import DigestCard
from bot.views.actions import Button
from bot.views.card import CardView, card_view
from bot.views.digest import DIGEST_SHOWN, digest_view
from bot.views.reply import REPLY_SHOWN, reply_view
from bot.views.rich import Line, link, plain
from handlers.slack_text import SECTION_TEXT_MAX, chunks, escape, fit, mrkdwn
from handlers.slack_text import run as render_run

# Block Kit limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50
SECTION_FIELD_MAX = 2000
CONTEXT_TEXT_MAX = 2000
BUTTON_VALUE_MAX = 2000
ACTION_ID_MAX = 255
FALLBACK_TEXT_MAX = 3000  # notifications show a line or two; Slack itself truncates at 40,000


def _view(card: Card | CardView) -> CardView:
    return card if isinstance(card, CardView) else card_view(card)


def context(line: Line | str) -> ContextBlock:
    """A context block holding one line of runs (or already-safe mrkdwn)."""
    text = line if isinstance(line, str) else mrkdwn(line)
    return ContextBlock(elements=[MarkdownTextObject(text=fit(text, CONTEXT_TEXT_MAX))])


def section(text: str) -> SectionBlock:
    """A section holding already-safe mrkdwn, cut to the section limit."""
    return SectionBlock(text=MarkdownTextObject(text=fit(text, SECTION_TEXT_MAX)))


def build_buttons(buttons: Sequence[Button]) -> list[ButtonElement]:
    """Neutral buttons as Block Kit buttons: the action id is the button's one-string encoding."""
    elements = []
    for button in buttons:
        confirm = (
            ConfirmObject(
                title=button.confirm.title,
                text=button.confirm.text,
                confirm=button.confirm.confirm,
                deny=button.confirm.deny,
                style="danger" if button.style == "danger" else None,
            )
            if button.confirm
            else None
        )
        elements.append(
            ButtonElement(
                text=button.label,
                action_id=button.custom_id[:ACTION_ID_MAX],
                value=button.value[:BUTTON_VALUE_MAX] or None,
                url=button.url,
                style=button.style if button.style in ("primary", "danger") else None,
                confirm=confirm,
            )
        )
    return elements


def title_text(view: CardView) -> str:
    """The title, bold and linked to the posting when it can be, after the status if there is one."""
    title = render_run(link(view.title, view.url) if view.url else plain(view.title))
    status = f"*{escape(view.status)}* · " if view.status else ""
    return f"{status}*{title}*"


def fallback_text(card: Card | DigestCard) -> str:
    """The plain line a notification shows (escaped: Slack parses it like any message text)."""
    preview = digest_view(card).preview if isinstance(card, DigestCard) else _view(card).preview
    return fit(escape(preview), FALLBACK_TEXT_MAX)


def build_card_blocks(card: Card | CardView) -> list[Block]:
    """One posting as a message: title and facts, why it matched, where and when, and its buttons."""
    view = _view(card)
    head = title_text(view) + (f"\n{escape(view.company)}" if view.company else "")
    blocks: list[Block] = [section(head)]
    fields = [
        MarkdownTextObject(text=fit(f"*{fact.label}*\n{escape(fact.value)}", SECTION_FIELD_MAX))
        for fact in view.facts
    ]
    if fields:
        blocks.append(SectionBlock(fields=fields))
    if view.why:
        blocks.append(context(view.why))
    if view.footer:
        blocks.append(context(escape(view.footer)))
    if view.buttons:
        blocks.append(ActionsBlock(elements=build_buttons(view.buttons)))
    return blocks


def summary_text(card: Card | CardView) -> str:
    """A card in one mrkdwn text: title and company, facts, and why it matched."""
    view = _view(card)
    lines = [title_text(view) + (f" — {escape(view.company)}" if view.company else "")]
    lines.append(escape(view.summary))
    lines.append(mrkdwn(view.why))
    return fit("\n".join(line for line in lines if line), SECTION_TEXT_MAX)


def compact_card_blocks(card: Card | CardView) -> list[Block]:
    """A card in at most two blocks (digests, search results): its summary and, while open, its buttons."""
    view = _view(card)
    blocks: list[Block] = [section(summary_text(view))]
    if view.buttons:
        blocks.append(ActionsBlock(elements=build_buttons(view.buttons)))
    return blocks


def build_digest_blocks(digest: DigestCard, *, shown: int = DIGEST_SHOWN) -> list[Block]:
    """A digest: its title, the first cards each with buttons, then "…and M more"."""
    # Each card takes two blocks; keep the title and the "more" line inside the 50-block limit.
    view = digest_view(digest, capacity=min(shown, (MAX_BLOCKS - 2) // 2))
    blocks: list[Block] = [section(f"*{mrkdwn(view.title)}*")]
    for card in view.cards:
        blocks.extend(compact_card_blocks(card))
    if view.more:
        blocks.append(context(view.more))
    return blocks


def build_reply_blocks(reply: Reply, *, shown: int = REPLY_SHOWN) -> list[Block]:
    """A command reply: its lines, any listed items, its cards, a footer and page buttons."""
    head = reply_view(reply, capacity=shown)
    blocks: list[Block] = [section(c) for c in chunks("\n".join(mrkdwn(line) for line in head.lines))]
    if head.items:
        listed = "\n".join(f"• {mrkdwn(item)}" for item in head.items)
        blocks.extend(section(c) for c in chunks(listed))
    blocks = blocks[: MAX_BLOCKS - 2]
    # A divider and two blocks per card, then the footer and the page buttons.
    room = max(0, (MAX_BLOCKS - len(blocks) - 2) // 3)
    view = reply_view(reply, capacity=min(shown, room)) if room < len(head.cards) else head
    for card in view.cards:
        blocks.append(DividerBlock())
        blocks.extend(compact_card_blocks(card))
    if view.footer:
        blocks.append(context(view.footer))
    if view.buttons:
        blocks.append(ActionsBlock(elements=build_buttons(view.buttons)))
    return blocks


def reply_fallback(reply: Reply) -> str:
    """The notification line of a reply."""
    return fit(escape(reply_view(reply, capacity=0).preview), FALLBACK_TEXT_MAX) or "jobbot"
