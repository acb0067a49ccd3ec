"""Neutral rich text as Slack mrkdwn: every plain run escaped, so posting text can never ping or link.

Slack only acts on ``<…>`` sequences and ``&`` entities in message text; both become inert here, and a
broadcast word typed as text (``@channel``) gets a word joiner so no client turns it into a ping. Lengths
are cut to Block Kit's limits by :func:`fit`, never inside an entity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from bot.views.rich import Run

SECTION_TEXT_MAX = 3000
LINK_MAX = 1500  # an escaped URL longer than this is not linked in text (the Open button still has it)
URL_MAX = 3000
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_BROADCAST_WORD = re.compile(r"[@＠](?=(channel|here|everyone)\b)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_PARTIAL_ENTITY = re.compile(r"&[a-z]{0,4}$")
_SLACK_CHANNEL = re.compile(r"[CG][A-Z0-9]{2,20}")
_WORD_JOINER = "\u2060"


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


def link_url(url: str) -> str | None:
    """``url`` quoted for use inside ``<url|label>``, or None when it cannot be linked safely."""
    url = url.strip()
    if not re.match(r"https?://[^\s/]", url, re.IGNORECASE) or len(url) > URL_MAX - 100:
        return None
    # "|" and ">" would end the link early; spaces and quotes are never valid in a URL anyway.
    return quote(url, safe=":/?#[]@!$&'()*+,;=%~-._").translate(_ENTITIES)


def run(piece: Run) -> str:
    """One run as mrkdwn."""
    match piece.style:
        case "code":
            return "`" + escape(piece.text).replace("`", "ˋ") + "`"
        case "bold":
            return f"*{escape(piece.text)}*"
        case "link":
            url = link_url(piece.target)
            label = escape(piece.text).replace("|", "¦")  # a pipe would split the link's label
            # A link is kept whole or left out: cut to fit a section, it would show as broken markup.
            return f"<{url}|{label}>" if url and len(url) <= LINK_MAX else label
        case "channel":
            # Only a real Slack id becomes a mention: anything else is shown as inert text.
            return f"<#{piece.target}>" if _SLACK_CHANNEL.fullmatch(piece.target) else escape(piece.text)
    return escape(piece.text)


def mrkdwn(line: Sequence[Run]) -> str:
    """A line of runs as mrkdwn."""
    return "".join(run(piece) for piece in line)


def chunks(text: str, limit: int = SECTION_TEXT_MAX, most: int = 25) -> list[str]:
    """Escaped ``text`` in at most ``most`` pieces of at most ``limit``, split at line ends where possible."""
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
    return [p for p in pieces if p][:most]
