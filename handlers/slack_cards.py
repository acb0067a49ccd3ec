"""Block Kit for cards, digests and command replies: pure ``build_*`` functions over slack_sdk models.

Every piece of posting text goes through :func:`escape`, so a posting can never mention ``@channel``, a
user or a group, nor smuggle in a link: Slack only acts on ``<…>`` sequences and ``&`` entities, and both
become inert. Lengths are cut to Block Kit's limits here, so ``to_dict()`` never refuses a card.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol
from urllib.parse import quote

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.cards import Card
from bot.commands.values import SourceItem, SubscriptionItem
from bot.delivery.notifier import DigestCard

# Interaction ids the Slack listeners route on; each button's ``value`` is given beside it.
ACTION_OPEN = "jobbot_open"  # a link button; value: posting id
ACTION_SAVE = "jobbot_save"  # value: posting id
ACTION_HIDE_SIMILAR = "jobbot_hide_similar"  # "Not interested"; value: posting id
ACTION_MUTE_COMPANY = "jobbot_mute_company"  # value: the company name as the posting gives it

# Block Kit limits (https://api.slack.com/reference/block-kit).
MAX_BLOCKS = 50
SECTION_TEXT_MAX = 3000
SECTION_FIELD_MAX = 2000
CONTEXT_TEXT_MAX = 2000
BUTTON_VALUE_MAX = 2000
BUTTON_URL_MAX = 3000
FALLBACK_TEXT_MAX = 3000  # notifications show a line or two; Slack itself truncates at 40,000

DIGEST_SHOWN = 10  # cards shown in full in a digest; the rest are counted ("and 7 more")
REPLY_SHOWN = 10  # cards shown in a command reply
_TITLE_MAX = 250  # raw characters of a posting title, before escaping
_NAME_MAX = 120  # company, location, language names
_LOCATIONS_SHOWN = 5
_LINK_MAX = 1500  # an escaped URL longer than this is not linked in text (the Open button still has it)

_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# "@channel" typed as text is not a mention in API posts, but clients with link_names or copy-paste may make
# it one: a word joiner after the "@" keeps the text readable and inert.
_BROADCAST_WORD = re.compile(r"[@＠](?=(channel|here|everyone)\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
_WORD_JOINER = "\u2060"


class ReplyLike(Protocol):
    """What a command reply offers to render (bot.commands' ``Reply``)."""

    text: str
    cards: tuple[Card, ...]


def escape(text: str) -> str:
    """``text`` made inert for mrkdwn: &, <, > as entities, broadcast words defused, control marks gone."""
    cleaned = _CONTROL.sub("", text).translate(_ENTITIES)
    return _BROADCAST_WORD.sub(lambda m: "@" + _WORD_JOINER, cleaned)


def fit(text: str, limit: int) -> str:
    """Cut already-escaped ``text`` to ``limit`` characters with an ellipsis, never inside an entity."""
    if len(text) <= limit:
        return text
    cut = _PARTIAL_ENTITY.sub("", text[: limit - 1])
    return cut + "…"


def safe_url(url: str) -> str | None:
    """``url`` when it is an http(s) link usable inside ``<url|label>``, else None."""
    url = url.strip()
    if not re.match(r"https?://[^\s/]", url, re.IGNORECASE) or len(url) > BUTTON_URL_MAX - 100:
        return None
    # "|" and ">" would end the link early; spaces and quotes are never valid in a URL anyway.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._").translate(_ENTITIES)


def _short(text: str, limit: int) -> str:
    return escape(text if len(text) <= limit else text[: limit - 1] + "…")


def _code(text: str) -> str:
    """``text`` as inline code; a backtick inside would end the span, so it becomes a lookalike."""
    return "`" + _short(text, 300).replace("`", "ˋ") + "`"


def is_closed(card: Card) -> bool:
    """True when the card's posting is closed: it keeps its facts but loses its buttons."""
    return (card.status or "").strip().lower() == "closed"


def status_label(card: Card) -> str:
    """The card's status ("Closed", …) in bold mrkdwn, or "" while the posting is open."""
    return f"*{_short(card.status, 40)}*" if card.status else ""


def title_link(card: Card) -> str:
    """The card's title as bold mrkdwn, linked to the posting when its URL is safe."""
    title = _short(card.title, _TITLE_MAX).replace("|", "¦")  # a pipe would split the link's label
    url = safe_url(card.url)
    # A link is kept whole or left out: cut to fit a section, it would show as broken markup.
    return f"*<{url}|{title}>*" if url and len(url) <= _LINK_MAX else f"*{title}*"


def languages_line(card: Card) -> str:
    """Required and preferred languages, e.g. "French required · English a plus"."""
    parts = [f"{_short(name, _NAME_MAX)} required" for name in card.required_languages]
    parts += [f"{_short(name, _NAME_MAX)} a plus" for name in card.preferred_languages]
    return " · ".join(parts)


def locations_line(card: Card) -> str:
    """The card's locations, the first few named and the rest counted."""
    shown = [_short(loc, _NAME_MAX) for loc in card.locations[:_LOCATIONS_SHOWN]]
    extra = len(card.locations) - len(shown)
    return "; ".join(shown) + (f" and {extra} more" if extra > 0 else "")


def why_line(card: Card) -> str:
    """The "why you got this" line: "📍 Paris · 🗣 French required · matched `Paris + French`"."""
    parts = [_short(phrase, _NAME_MAX) for phrase in card.why]
    if card.query:
        parts.append(f"matched {_code(card.query)}")
    return " · ".join(parts)


def fallback_text(card: Card | DigestCard) -> str:
    """The plain line a notification shows (escaped: Slack parses it like any message text)."""
    if isinstance(card, DigestCard):
        return fit(escape(card.title), FALLBACK_TEXT_MAX)
    head = card.title + (f" at {card.company}" if card.company else "")
    where = f" ({', '.join(card.locations[:_LOCATIONS_SHOWN])})" if card.locations else ""
    status = f"{card.status}: " if card.status else ""
    return fit(escape(status + head + where), FALLBACK_TEXT_MAX)


def build_card_blocks(card: Card) -> list[Block]:
    """One posting as a message: title and facts, why it matched, and the buttons (none once closed)."""
    closed = is_closed(card)
    head = title_link(card)
    if card.company:
        head += f"\n{_short(card.company, _NAME_MAX)}"
    if card.status:
        head = f"{status_label(card)} · {head}"
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=fit(head, SECTION_TEXT_MAX)))]
    fields = _fields(card)
    if fields:
        blocks.append(SectionBlock(fields=fields))
    why = why_line(card)
    if why:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=fit(why, CONTEXT_TEXT_MAX))]))
    if not closed:
        blocks.append(ActionsBlock(elements=card_buttons(card)))
    return blocks


def card_buttons(card: Card) -> list[ButtonElement]:
    """Open, Save, Not interested and Mute company, carrying the posting id or the company."""
    posting_id = card.posting_id[:BUTTON_VALUE_MAX]
    buttons = []
    url = card.url.strip()
    if safe_url(url) is not None:
        buttons.append(ButtonElement(text="Open", action_id=ACTION_OPEN, url=url, value=posting_id))
    buttons.append(ButtonElement(text="Save", action_id=ACTION_SAVE, value=posting_id, style="primary"))
    buttons.append(ButtonElement(text="Not interested", action_id=ACTION_HIDE_SIMILAR, value=posting_id))
    if card.company:
        buttons.append(
            ButtonElement(
                text="Mute company", action_id=ACTION_MUTE_COMPANY, value=card.company[:BUTTON_VALUE_MAX]
            )
        )
    return buttons


def build_digest_blocks(digest: DigestCard, *, shown: int = DIGEST_SHOWN) -> list[Block]:
    """A digest: its title, the first ``shown`` cards each with buttons, then "and M more"."""
    # Each card takes two blocks; keep the title and the "more" line inside the 50-block limit.
    shown = max(0, min(shown, (MAX_BLOCKS - 2) // 2, len(digest.cards)))
    title = fit(f"*{escape(digest.title)}*", SECTION_TEXT_MAX)
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=title))]
    for card in digest.cards[:shown]:
        blocks.extend(compact_card_blocks(card))
    more = digest.more + len(digest.cards) - shown
    if more > 0:
        noun = "posting" if more == 1 else "postings"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=f"…and {more} more matching {noun}")]))
    return blocks


def summary_text(card: Card) -> str:
    """A card in one mrkdwn text: title and company, facts, and why it matched."""
    lines = [title_link(card) + (f" — {_short(card.company, _NAME_MAX)}" if card.company else "")]
    if card.status:
        lines[0] = f"{status_label(card)} · {lines[0]}"
    facts = [locations_line(card), *(escape(label) for label in _labels(card)), languages_line(card)]
    lines.append(" · ".join(f for f in facts if f))
    lines.append(why_line(card))
    return fit("\n".join(line for line in lines if line), SECTION_TEXT_MAX)


def compact_card_blocks(card: Card) -> list[Block]:
    """A card in at most two blocks (digests, search results): its summary and, while open, its buttons."""
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=summary_text(card)))]
    if not is_closed(card):
        blocks.append(ActionsBlock(elements=card_buttons(card)))
    return blocks


def build_reply_blocks(reply: ReplyLike, *, shown: int = REPLY_SHOWN) -> list[Block]:
    """A command reply: its text (split into sections as needed), any listed items, then its cards."""
    blocks: list[Block] = [
        SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in _chunks(escape(reply.text))
    ]
    items: Sequence[Any] = getattr(reply, "items", None) or ()
    if items:
        listed = "\n".join(f"• {item_line(item)}" for item in items)
        blocks.extend(SectionBlock(text=MarkdownTextObject(text=chunk)) for chunk in _chunks(listed))
    blocks = blocks[: MAX_BLOCKS - 1]
    room = (MAX_BLOCKS - len(blocks) - 1) // 3  # a divider and two blocks per card, then the footer
    cards = reply.cards[: max(0, min(shown, room))]
    for card in cards:
        blocks.append(DividerBlock())
        blocks.extend(compact_card_blocks(card))
    footer = _reply_footer(reply, len(reply.cards) - len(cards))
    if footer:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=footer)]))
    return blocks


def item_line(item: SubscriptionItem | SourceItem | object) -> str:
    """One listed subscription or source as a mrkdwn line."""
    if isinstance(item, SubscriptionItem):
        where = "your DMs" if item.destination.kind == "dm" else _channel_mention(item.destination.target)
        parts = [f"*#{item.id}* {_code(item.query)} → {where}", escape(item.schedule)]
        if item.paused:
            parts.append("paused")
        if not item.understood:
            parts.append("⚠️ no longer understood")
        return " · ".join(parts)
    if isinstance(item, SourceItem):
        health = f"{item.failures} failures" if item.failures else "healthy"
        if item.last_error:
            health += f" ({_short(item.last_error, 200)})"
        return f"{_code(item.id)} {_short(item.name or item.url, _NAME_MAX)} ({escape(item.kind)}) · {health}"
    return escape(str(item))


def _channel_mention(channel_id: str) -> str:
    # Only a real Slack id becomes a mention: anything else is shown as inert text.
    return f"<#{channel_id}>" if re.fullmatch(r"[CG][A-Z0-9]{2,20}", channel_id) else escape(channel_id)


def _reply_footer(reply: ReplyLike, unshown: int) -> str:
    page = getattr(reply, "page", None)
    warnings: Sequence[str] = getattr(reply, "warnings", None) or ()
    parts = [f"⚠️ {_short(warning, 300)}" for warning in warnings]
    if unshown > 0:
        parts.append(f"…and {unshown} more")
    if isinstance(page, int) and page > 1:
        parts.append(f"page {page}")
    if getattr(reply, "has_more", False):
        parts.append(f"more results: add `--page {(page or 1) + 1}`")
    return " · ".join(parts)


def _chunks(text: str, limit: int = SECTION_TEXT_MAX) -> list[str]:
    """Escaped ``text`` in pieces of at most ``limit``, split at line ends where possible."""
    text = text.strip()
    if not text:
        return []
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        if cut <= 0:
            cut = len(_PARTIAL_ENTITY.sub("", text[:limit]))
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip("\n")
    pieces.append(text)
    return [p for p in pieces if p][: MAX_BLOCKS // 2]


def _labels(card: Card) -> list[str]:
    return [
        label
        for label in (card.workplace, card.employment, f"starts {card.start}" if card.start else None)
        if label
    ]


def _fields(card: Card) -> list[MarkdownTextObject]:
    pairs = [
        ("Location" if len(card.locations) <= 1 else "Locations", locations_line(card)),
        ("Workplace", escape(card.workplace or "")),
        ("Type", escape(card.employment or "")),
        ("Start", _short(card.start or "", _NAME_MAX)),
        ("Languages", languages_line(card)),
        ("Job code", _short(card.job_code or "", _NAME_MAX)),
    ]
    return [
        MarkdownTextObject(text=fit(f"*{label}*\n{value}", SECTION_FIELD_MAX))
        for label, value in pairs
        if value
    ]
