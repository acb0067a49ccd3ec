"""Cheap key scanning: find where key words start, so heavy patterns run only there.

Regex alternations scan every character of a long posting; ``str.find`` on a few literal keys is an
order of magnitude faster, and most postings hold none of a facet's keys.
"""

from __future__ import annotations

import re
from functools import lru_cache


def word_starts(lowered: str, keys: tuple[str, ...]) -> list[int]:
    """Return the offsets, in text order, where a key starts a word (no letter just before it)."""
    starts: list[int] = []
    for key in keys:
        at = lowered.find(key)
        while at != -1:
            if at == 0 or not lowered[at - 1].isalpha():
                starts.append(at)
            at = lowered.find(key, at + len(key))
    starts.sort()
    return starts


def match_at(pattern: re.Pattern[str], source: str, starts: list[int]) -> re.Match[str] | None:
    """Return the first match of ``pattern`` that begins at one of ``starts``."""
    for at in starts:
        found = pattern.match(source, at)
        if found:
            return found
    return None


def same_offsets(text: str, lowered: str) -> str:
    """Return the text to match on: ``text`` itself unless lowercasing changed its length (offsets differ)."""
    return text if len(lowered) == len(text) else lowered


@lru_cache(maxsize=4)
def lower(text: str) -> str:
    """Return ``text`` lowercased; cached, because several facet modules read the same body in a row."""
    return text.lower()


def words(text: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of ``text`` (for word-list constants)."""
    return tuple(text.split())
