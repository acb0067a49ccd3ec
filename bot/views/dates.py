"""Dates as people read them, on every card and reply: "starts Sep 2026", "starts ASAP", "posted 3 days ago".

A posting's age reads as days while it is recent (within a week of the moment the card was made), and as its
day after that ("2 Dec", with the year when it is not the card's year). A card made with no moment says the
whole day ("2 Dec 2025"), which never goes stale. Month names are short and English, day first, so
"2 Dec" never reads as February the 12th anywhere.
"""

from __future__ import annotations

from datetime import date, datetime

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
RECENT_DAYS = 7  # younger postings read "today", "yesterday", "3 days ago"
ASAP = "ASAP"


def _iso(text: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) of "YYYY-MM-DD" or "YYYY-MM", or None when it is neither."""
    parts = text.strip().split("-")
    if len(parts) not in (2, 3) or not all(p.isdigit() for p in parts):
        return None
    year, month = int(parts[0]), int(parts[1])
    day = int(parts[2]) if len(parts) == 3 else None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def month_words(text: str) -> str:
    """An ISO day or month as people write it: "2026-09" → "Sep 2026", "2026-09-01" → "1 Sep 2026"."""
    found = _iso(text)
    if found is None:
        return text.strip()
    year, month, day = found
    return f"{day} {MONTHS[month - 1]} {year}" if day else f"{MONTHS[month - 1]} {year}"


def start_words(
    *, date_text: str | None = None, season: str | None = None, year: int | None = None, asap: bool = False
) -> str | None:
    """When a job starts, in a card's words: "ASAP", "Sep 2026", "1 Sep 2026", "Summer 2026", "2026"."""
    if asap:
        return ASAP
    if date_text:
        return month_words(date_text)
    words = " ".join(w for w in ((season or "").capitalize(), str(year) if year else "") if w)
    return words or None


def day_words(day: date, as_of: date | None = None) -> str:
    """A day: "2 Dec" in the year of ``as_of``, else "2 Dec 2025"."""
    short = f"{day.day} {MONTHS[day.month - 1]}"
    return short if as_of is not None and as_of.year == day.year else f"{short} {day.year}"


def posted_words(posted: str | None, as_of: datetime | None = None) -> str | None:
    """When a posting was posted, as of ``as_of``: "posted today", "posted 3 days ago", "posted 2 Dec"."""
    if not posted:
        return None
    found = _iso(posted)
    if found is None or found[2] is None:
        return f"posted {month_words(posted)}"
    day = date(found[0], found[1], found[2])
    if as_of is None:
        return f"posted {day_words(day)}"
    age = (as_of.date() - day).days
    if age == 0:
        return "posted today"
    if age == 1:
        return "posted yesterday"
    if 1 < age < RECENT_DAYS:
        return f"posted {age} days ago"
    return f"posted {day_words(day, as_of.date())}"
