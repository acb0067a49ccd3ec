"""Human languages a posting requires or prefers, and the language the posting is written in."""

from __future__ import annotations

from bot.models import LanguageRequirement, Posting


def language_code(name: str) -> str | None:
    """The ISO 639-1 code a language name names, in any language ("French", "français", "Französisch")."""
    return {"french": "fr", "spanish": "es", "italian": "it", "german": "de", "english": "en"}.get(
        name.strip().lower()
    )


def extract_languages(posting: Posting, body: str) -> tuple[tuple[LanguageRequirement, ...], str | None]:
    """(the languages asked for, the posting's own language). Scaffold: finds nothing yet."""
    return (), None
