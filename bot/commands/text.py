"""Small text helpers for replies: `code` spans that cannot break, counts, times."""

from __future__ import annotations

from datetime import datetime

_MAX_CODE = 200


def code(text: str, limit: int = _MAX_CODE) -> str:
    """``text`` as one `code` span: backticks and line breaks inside would end it, so they are replaced."""
    flat = " ".join(text.replace("`", "'").split())
    if len(flat) > limit:
        flat = flat[: limit - 1] + "…"
    return f"`{flat or ' '}`"


def plural(count: int, one: str, many: str | None = None) -> str:
    """Count a noun: "1 posting", "3 postings"."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def ago(moment: datetime | None, now: datetime) -> str:
    """Say how long ago: "never", "just now", "5 min ago", "3 h ago", "2 days ago"."""
    if moment is None:
        return "never"
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    if seconds < 48 * 3600:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"
