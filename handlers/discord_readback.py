r"""A Discord message payload as a person would read it, in a few terminal lines (for `jobbot demo`).

Reads the message as Discord holds it (content, embeds, buttons), not as jobbot built it. Markdown escapes
are undone as Discord's client undoes them (``\-`` shows as ``-``); footers and labels are not markdown and
are shown as they are. Control characters are dropped, so a message never drives the terminal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

FIELDS_WIDTH = 100  # inline fields are packed onto lines of about this width, like Discord's columns
FIELD_GAP = "   "  # between packed fields: values have their own " · " inside
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_ESCAPED = re.compile(r"\\([^\sA-Za-z0-9])")  # Discord shows an escaped punctuation mark as itself


def shown(markdown: str) -> str:
    """Discord markdown as its client shows the characters (escapes undone, formatting marks kept)."""
    return _ESCAPED.sub(r"\1", markdown)


def message_lines(message: Mapping[str, Any]) -> tuple[str, ...]:
    """The message's content lines, then each embed (title ↗, description, fields, footer), then buttons."""
    lines = [shown(line) for line in str(message.get("content") or "").splitlines() if line.strip()]
    for embed in message.get("embeds") or ():
        lines += embed_lines(embed)
    buttons = [button_text(c) for row in message.get("components") or () for c in row.get("components") or ()]
    if buttons:
        lines.append(" ".join(buttons))
    return tuple(_CONTROL.sub("", line) for line in lines)


def embed_lines(embed: Mapping[str, Any]) -> list[str]:
    """An embed's title (↗ when it links), description lines, fields packed a few to a line, and footer."""
    lines = []
    if embed.get("title"):
        lines.append(shown(embed["title"]) + (" ↗" if embed.get("url") else ""))
    lines += [shown(line) for line in str(embed.get("description") or "").splitlines() if line.strip()]
    fields = [f"{shown(f.get('name', ''))}: {shown(f.get('value', ''))}" for f in embed.get("fields") or ()]
    lines += _packed(fields, FIELDS_WIDTH)
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        lines.append(f"footer: {footer}")
    return lines


def button_text(component: Mapping[str, Any]) -> str:
    """A button as ``[Label]``; a link button as ``[Label ↗]``."""
    label = component.get("label") or component.get("custom_id") or "?"
    return f"[{label} ↗]" if component.get("url") else f"[{label}]"


def _packed(items: Sequence[str], width: int) -> list[str]:
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(FIELD_GAP) + len(item) <= width:
            lines[-1] += FIELD_GAP + item
        else:
            lines.append(item)
    return lines
