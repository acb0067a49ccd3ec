"""Seniority from the title: intern, entry, mid, senior, lead, principal, director.

Only the title is read: bodies talk about the seniors you will work with and the juniors you will
mentor. The highest level a title names wins ("Senior Director" is a director); unknown is None.
"""

from __future__ import annotations

import re

from bot.extract.employment import intern_in_title
from bot.extract.keyscan import line_cache
from bot.models import Posting, TextFacet

_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "director",
        re.compile(
            r"\b(?:director|directeur|directrice|direttore|directora?|head of|vp|svp|evp|vice[- ]president"
            r"|chief"
            r"|(?<!to )(?<!the )(?<!for )c[etofp]o|leiter(?:in)?|responsable de)\b",
            re.IGNORECASE,
        ),
    ),
    ("principal", re.compile(r"\b(?:principal|distinguished|fellow)\b", re.IGNORECASE)),
    (
        "lead",
        re.compile(
            r"\b(?:staff|lead|tech lead|team lead|teamleiter(?:in)?)\b(?![- ](?:gen(?:eration)?|generator"
            r"|qualification))",
            re.IGNORECASE,
        ),
    ),
    (
        "senior",
        re.compile(
            r"\b(?:senior|sr\.?|snr|experienced|confirmée?)(?=\W|$)|(?-i:\b(?:III|IV)\b)", re.IGNORECASE
        ),
    ),
    ("mid", re.compile(r"\b(?:mid[- ]?level|intermediate|medior)\b|(?-i:\bII\b)", re.IGNORECASE)),
    (
        "entry",
        re.compile(
            r"\b(?:junior|jr\.?|entry[- ]level|graduate|new grad(?:uate)?s?|fresh grad(?:uate)?|early career"
            r"|trainee|débutant|berufseinsteiger(?:in)?)(?=\W|$)|(?-i:\bI\s*(?:$|[,(|–-]))",
            re.IGNORECASE,
        ),
    ),
)


def extract_seniority(posting: Posting, body: str) -> TextFacet | None:
    """Return the seniority level the title names, or None."""
    return _seniority(posting.title) if posting.title else None


@line_cache
def _seniority(title: str) -> TextFacet | None:
    """The seniority a title names (titles recur: remembered)."""
    intern = intern_in_title(title)
    if intern:
        return TextFacet("intern", intern, "title")  # "CEO Founder Associate Intern" is an intern
    for level, pattern in _LEVELS:
        found = pattern.search(title)
        if found:
            return TextFacet(level, found.group(0).strip(" ,(|–-"), "title")
    return None
