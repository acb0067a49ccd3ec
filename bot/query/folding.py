"""Case- and accent-folding, so query words and posting text compare alike."""

from __future__ import annotations

import re
import unicodedata


def fold(text: str) -> str:
    """Lower case without accents, for case- and accent-insensitive comparison."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


_WORD = re.compile(r"\w+")
# Technology names whose symbols carry the meaning: C++ and C# are not the letter c, .NET is not "net".
# ".net" counts after a space or a slash ("C#/.NET") and in ASP.NET/VB.NET, not in "example.net".
_SEARCH_WORD = re.compile(r"\w+(?:\+\+|#(?!\w))?|(?:(?<![\w.@])|(?<=asp)|(?<=vb))\.net(?!\w)")


def words(text: str) -> list[str]:
    """Split ``text`` into folded words, in order (letters and digits only: keys stored in the database)."""
    return _WORD.findall(fold(text))


def search_words(text: str) -> list[str]:
    """Like :func:`words`, keeping technology names whole ("c++", "c#", "f#", ".net") for text search."""
    folded = fold(text)
    if "++" in folded or "#" in folded or ".net" in folded:
        return _SEARCH_WORD.findall(folded)
    return _WORD.findall(folded)  # most texts name none: the plain split is twice as fast


def phrase_of(text: str) -> str:
    """``text`` as a space-padded folded phrase, so ``' new grad ' in padded_text`` is a whole-word test."""
    return " " + " ".join(search_words(text)) + " "


def company_key(name: str) -> str:
    """Return the key a company compares by: folded letters and digits only ("Tik Tok" = "TikTok")."""
    return "co:" + "".join(words(name))
