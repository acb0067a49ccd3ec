r"""Neutral rich text as Discord markdown: every plain run escaped, so posting text can never ping or link.

``discord.utils.escape_markdown`` is not enough on its own: it leaves ``1.`` lists, indented ``- `` lists,
bare ``https://`` links (also the one inside an escaped ``[x](https://…)``) and every ``<@…>``/``@here``
sequence alone. So plain text is escaped here with a backslash before each markdown character
(``\ * _ ~ | ` [ ]`` anywhere; ``# - + > N.`` where a line starts), a backslash inside ``://`` so no
autolink forms, a zero-width space after ``<`` and after the ``@`` of ``@everyone``/``@here`` so no mention,
channel, slash command, timestamp or emoji sequence forms, and control and bidi marks removed.

Lengths: :func:`markdown` cuts a line's plain text before rendering it, so nothing is cut inside an escape,
a bold pair, a code span or a link; :func:`share` fits several lines into one budget; :func:`fit` cuts
already-rendered markdown at token boundaries, closing an open bold pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from bot.views.rich import Line, Run

ELLIPSIS = "…"
URL_MAX = 2048  # an escaped link longer than this is shown as its plain label
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_ANYWHERE = re.compile(r"([\\*_~|`\[\]])")
_LINE_START = re.compile(r"(?m)^([ \t]*)([#>+-]|\d+\.)")  # headings, -# subtext, quotes, lists
_SCHEME = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)")  # "https://" — escaping the colon stops autolinks
_ANGLE = re.compile(r"<(?=\S)")  # <@1>, <@&1>, <#1>, </cmd:1>, <t:1>, <a:x:1>, <https://…>
_BROADCAST = re.compile(r"([@＠])(?=(everyone|here)\b)", re.IGNORECASE)
_SNOWFLAKE = re.compile(r"[0-9]{17,20}")
_WEB_URL = re.compile(r"https?://[^\s/]", re.IGNORECASE)
_ZWSP = "\u200b"
_BOLD = "**"
# The tokens of rendered markdown (as this module writes it), never to be split by a cut. A link's text
# holds no bare "[" and its target no "<" (this module escapes them), so a failed link stops at the next
# one: a run of thousands of "[" is read in linear time, not the square of its length.
_TOKEN = re.compile(r"\\[\s\S]|`[^`]*`|\[(?:\\[\s\S]|[^\[\]\\])*\]\(<[^<>]*>\)|<#\d+>|\*\*|[\s\S]")


def clean(text: str) -> str:
    """``text`` without control and bidi marks, broadcast words defused: for places Discord shows as is.

    Embed footers, author names and button labels are not markdown, so they get no backslashes.
    """
    return _BROADCAST.sub(r"\1" + _ZWSP, _CONTROL.sub("", text))


def escape(text: str) -> str:
    """``text`` made inert as Discord markdown: no formatting, heading, list, link or mention can form."""
    text = _ANYWHERE.sub(r"\\\1", _CONTROL.sub("", text))
    text = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), text)
    text = _SCHEME.sub(r"\\\1", text)
    text = _ANGLE.sub("<" + _ZWSP, text)
    return _BROADCAST.sub(r"\1" + _ZWSP, text)


def _escape_marker(marker: str) -> str:
    # "12." becomes "12\." — Discord only reads the escape before the punctuation.
    return marker[:-1] + "\\" + marker[-1]


def link_url(url: str) -> str | None:
    """``url`` percent-encoded for ``[label](<url>)`` and embed URLs, or None when it is not a web link."""
    url = _CONTROL.sub("", url.strip())
    if not _WEB_URL.match(url):
        return None
    # "<", ">", "(", ")", spaces and backslashes would end or break the link; they are never needed raw.
    quoted = quote(url, safe=":/?#@!$&'*+,;=%~-._")
    return quoted if len(quoted) <= URL_MAX else None


def is_snowflake(value: str) -> bool:
    """True when ``value`` is a Discord id (17–20 digits)."""
    return _SNOWFLAKE.fullmatch(value) is not None


def code_text(text: str) -> str:
    """Text for inside a code span: one line, no backticks (Discord has no escape inside code)."""
    return " ".join(_CONTROL.sub("", text).split()).replace("`", "ˋ")


def run(piece: Run) -> str:
    """One run as Discord markdown."""
    match piece.style:
        case "code":
            inner = code_text(piece.text)
            return f"`{inner}`" if inner else ""
        case "bold":
            inner = escape(piece.text)
            return f"**{inner}**" if inner else ""
        case "link":
            url = link_url(piece.target)
            label = escape(piece.text)
            return f"[{label}](<{url}>)" if url and label.strip() else label
        case "channel":
            # Only a real Discord id becomes a channel reference; anything else is inert text.
            return f"<#{piece.target}>" if is_snowflake(piece.target) else escape(piece.text)
    return escape(piece.text)


def markdown(line: Sequence[Run], limit: int | None = None) -> str:
    """A line of runs as markdown, at most ``limit`` long: cut in its plain text, an ellipsis marking it."""
    whole = "".join(run(piece) for piece in line)
    if limit is None or len(whole) <= limit:
        return whole
    room = limit - len(ELLIPSIS)
    out: list[str] = []
    for piece in line:
        if room <= 0:
            break
        rendered = run(piece)
        if len(rendered) <= room:
            out.append(rendered)
            room -= len(rendered)
            continue
        out.append(_cut_run(piece, room))
        break
    return ("".join(out).rstrip() + ELLIPSIS) if limit >= len(ELLIPSIS) else ""


def _cut_run(piece: Run, room: int) -> str:
    """The longest start of ``piece`` whose markdown fits ``room``; a cut link or channel loses its target."""
    style = piece.style if piece.style in ("plain", "bold", "code") else "plain"
    text = piece.text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits: rendering only grows as the prefix does
        mid = (low + high + 1) // 2
        if len(run(Run(text[:mid].rstrip(), style))) <= room:
            low = mid
        else:
            high = mid - 1
    return run(Run(text[:low].rstrip(), style))


def share(lines: Sequence[tuple[Line, int]], total: int, separator: str = "\n") -> list[str]:
    """Lines rendered within their own limits and, together with separators, within ``total``.

    The longest lines are cut first, to one common length (a water level), so a huge posting title cannot
    crowd out everything else; with no room at all a line keeps only its ellipsis.
    """
    room = total - len(separator) * max(0, len(lines) - 1)

    def rendered(level: int) -> list[str]:
        return [markdown(line, min(cap, level)) for line, cap in lines]

    top = max((cap for _, cap in lines), default=0)
    if sum(map(len, rendered(top))) <= room:
        return rendered(top)
    low, high = 0, top
    while low < high:
        mid = (low + high + 1) // 2
        if sum(map(len, rendered(mid))) <= room:
            low = mid
        else:
            high = mid - 1
    return rendered(low)


def stack(lines: Sequence[Line], limit: int, floor: int = 80) -> str:
    """Lines one under another within ``limit``: cut evenly, but none below ``floor`` characters.

    When that cannot hold (too many lines), the first lines are kept at ``floor`` and an ellipsis ends them.
    """
    shared = share([(line, limit) for line in lines], limit)
    if all(len(text) >= floor or text == markdown(line) for text, line in zip(shared, lines, strict=True)):
        return "\n".join(shared)
    kept: list[str] = []
    used = 0
    for line in lines:
        rendered = markdown(line, floor)
        if used + len(rendered) + 1 + len(ELLIPSIS) > limit:
            kept.append(ELLIPSIS)
            break
        kept.append(rendered)
        used += len(rendered) + 1
    return "\n".join(kept)


def fit(text: str, limit: int) -> str:
    """Rendered markdown cut to ``limit`` with an ellipsis, never inside an escape, code span or link.

    An opened ``**`` is closed (or dropped when nothing follows it), so no formatting runs on.
    """
    if len(text) <= limit:
        return text
    out: list[str] = []
    used, bold = 0, False
    for match in _TOKEN.finditer(text):
        piece = match.group()
        toggles = piece == _BOLD
        closing = len(_BOLD) if bold != toggles else 0  # the "**" this piece leaves open
        if used + len(piece) + closing + len(ELLIPSIS) > limit:
            break
        out.append(piece)
        used += len(piece)
        bold ^= toggles
    if bold:
        if out and out[-1] == _BOLD:
            out.pop()
        else:
            out.append(_BOLD)
    return "".join(out).rstrip() + ELLIPSIS if limit >= len(ELLIPSIS) else ""
