"""A small model of what Discord's markdown acts on, for tests: what would render, and what a person reads.

Escaped punctuation (``\\*``) is shown as is, and code spans are shown literally; everything left that
Discord would turn into a mention, a link, a heading, a list, a quote or formatting is reported.
"""

import re

_ESCAPED = re.compile(r"\\([^0-9A-Za-z\s])")
_CODE = re.compile(r"``[^`]+``|`[^`]+`")
_LINK = re.compile(r"\[[^\]]*\]\(\s*<?[a-z][a-z0-9+.-]*:[^)]*\)", re.IGNORECASE)
_LIVE = {
    "mention": re.compile(r"<(@[!&]?\d+|/[^>\s]+:\d+|t:-?\d+(:\w)?|a?:\w+:\d+|id:\w+)>"),
    "channel": re.compile(r"<#\d+>"),
    "broadcast": re.compile(r"[@＠](everyone|here)\b", re.IGNORECASE),
    "autolink": re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE),
    "heading": re.compile(r"(?m)^[ \t]*#{1,3}\s"),
    "subtext": re.compile(r"(?m)^[ \t]*-#\s"),
    "list": re.compile(r"(?m)^[ \t]*([-*+]|\d+\.)\s"),
    "quote": re.compile(r"(?m)^[ \t]*>"),
    "bold": re.compile(r"\*\*"),
    "markup": re.compile(r"(?<!\*)\*(?!\*)|[_~|`]"),
}


def live(text: str) -> list[str]:
    """What Discord would act on in ``text`` (our own links and code spans included)."""
    text = _ESCAPED.sub("e", text)
    found: list[str] = []
    for name, pattern in (("code", _CODE), ("link", _LINK)):
        found += [name] * len(pattern.findall(text))
        text = pattern.sub(name[0], text)
    for name, pattern in _LIVE.items():
        found += [name] * len(pattern.findall(text))
    return found


def visible(text: str) -> str:
    """What a person reads: links as their labels, no markup, escapes and zero-width spaces gone."""
    text = re.sub(r"\[((?:\\.|[^\]\\])*)\]\(<[^>]*>\)", r"\1", text)
    text = re.sub(r"\\([^0-9A-Za-z\s])|\*\*|`", lambda m: m.group(1) or "", text)
    return text.replace("\u200b", "")
