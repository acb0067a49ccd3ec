"""Rich text without a platform: runs of plain, `code`, bold, linked and channel-reference text.

Everything a person reads is written once, here in ``bot``, as runs; each platform turns runs into its own
markup (Slack mrkdwn, Discord markdown, plain terminal text) and escapes the plain runs its own way, so a
posting's words can never become a mention, a link or formatting on any platform.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Style = Literal["plain", "code", "bold", "link", "channel"]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text in one style; ``target`` is the URL of a link or the id of a channel."""

    text: str
    style: Style = "plain"
    target: str = ""


Line = tuple[Run, ...]


def plain(text: str) -> Run:
    """Text shown as it is (every platform escapes it)."""
    return Run(text)


def code(text: str, limit: int = 200) -> Run:
    """Text as inline code, flattened to one line and cut to ``limit`` characters."""
    return Run(cut(" ".join(text.split()), limit) or " ", "code")


def bold(text: str) -> Run:
    """Emphasised text."""
    return Run(text, "bold")


def link(text: str, url: str) -> Run:
    """``text`` linking to ``url`` (a renderer shows plain text when it cannot link safely)."""
    return Run(text, "link", url)


def channel(channel_id: str, fallback: str = "a channel") -> Run:
    """A reference to a channel by its platform id; ``fallback`` names it where it cannot be linked."""
    return Run(fallback, "channel", channel_id)


def cut(text: str, limit: int) -> str:
    """``text`` no longer than ``limit`` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: max(0, limit - 1)] + "…"


def markup(text: str) -> Line:
    """Runs from the command service's text convention: plain text with `code` spans in backticks."""
    runs: list[Run] = []
    for index, piece in enumerate(text.split("`")):
        if not piece:
            continue
        runs.append(Run(piece, "code") if index % 2 else Run(piece))
    if text.count("`") % 2:  # an unpaired backtick: the last "code" run was never closed, keep it plain
        last = runs.pop() if runs and runs[-1].style == "code" else None
        if last is not None:
            runs.append(Run("`" + last.text))
    return tuple(runs)


def joined(parts: Iterable[Line], separator: str = " · ") -> Line:
    """Non-empty lines joined into one, ``separator`` between them."""
    out: list[Run] = []
    for part in parts:
        if not part:
            continue
        if out:
            out.append(Run(separator))
        out.extend(part)
    return tuple(out)


def length(line: Sequence[Run]) -> int:
    """Characters the line holds before any platform markup."""
    return sum(len(run.text) for run in line)


def as_markup(line: Sequence[Run]) -> str:
    """The line back in the command service's convention: plain text with `code` spans."""
    return "".join(f"`{run.text}`" if run.style == "code" else run.text for run in line)


def as_plain(line: Sequence[Run]) -> str:
    """The line's words with no markup at all (notification previews, logs, terminal)."""
    return "".join(run.text for run in line)
