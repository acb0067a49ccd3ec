"""Cheap key scanning: find where key words start, so heavy patterns run only there.

Regex alternations scan every character of a long posting; ``str.find`` on a few literal keys is an
order of magnitude faster, and most postings hold none of a facet's keys.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from functools import lru_cache
from itertools import compress
from operator import not_
from typing import Any, TypeVar

T = TypeVar("T")


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


_LINE_CACHE_SIZE = 8192
_CACHES: list[Any] = []


def line_cache(func: Callable[..., T]) -> Callable[..., T]:
    """Memoize a pure function of one line of text (and small keys), bounded.

    Postings of one employer repeat most of their lines (the company paragraph, benefits, legal notices):
    over real boards more than half the text of a posting was read before, in another posting.
    """
    cached = lru_cache(maxsize=_LINE_CACHE_SIZE)(func)
    _CACHES.append(cached)
    return cached  # type: ignore[return-value]


def clear_caches() -> None:
    """Forget every line and text remembered (benchmarks time postings whose lines were never read)."""
    for cached in _CACHES:
        cached.cache_clear()


@lru_cache(maxsize=4)
def lower(text: str) -> str:
    """Return ``text`` lowercased; cached, because several facet modules read the same body in a row."""
    return text.lower()


def words(text: str) -> tuple[str, ...]:
    """Return the whitespace-separated words of ``text`` (for word-list constants)."""
    return tuple(text.split())


_LETTER_RUN = re.compile(r"[^\W\d_]+")
# ASCII bytes that are not letters become spaces; letters and every byte of a non-ASCII character stay.
_ASCII_NON_LETTERS = bytes(b if (b >= 0x80 or chr(b).isalpha()) else 0x20 for b in range(256))


def has_word(text: str, vocabulary: Set[str]) -> bool:
    r"""Tell whether a run of letters of ``text`` (as ``[^\W\d_]+`` finds them) is in ``vocabulary``.

    The same answer as ``not vocabulary.isdisjoint(re.findall(r"[^\W\d_]+", text))``, about twice as
    fast on a long text: ASCII punctuation and digits become spaces byte-wise, ``str.split`` cuts the
    rest, and only the few pieces that still hold something other than letters (a curly apostrophe,
    a dash) go through the regex.
    """
    raw = text.encode("utf-8", "surrogatepass")
    spaced = raw.translate(_ASCII_NON_LETTERS).decode("utf-8", "surrogatepass")
    pieces = spaced.split()
    if not vocabulary.isdisjoint(pieces):
        return True
    mixed = list(compress(pieces, map(not_, map(str.isalpha, pieces))))
    return bool(mixed) and not vocabulary.isdisjoint(_LETTER_RUN.findall(" ".join(mixed)))


_CACHES.append(lower)
