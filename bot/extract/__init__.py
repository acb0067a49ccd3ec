"""Text to facets: one module per facet, each returning values with evidence and basis.

``extract(posting)`` is the one entry point: it strips company boilerplate first (so an "About us"
paragraph that lists office cities is never location or language evidence), then lets each facet
module read the structured source hints first and the text second.
"""

from __future__ import annotations

from dataclasses import replace

from bot.extract.boilerplate import strip_boilerplate
from bot.extract.codes import extract_job_code, extract_team
from bot.extract.dates import extract_duration, extract_start
from bot.extract.degree import extract_degree
from bot.extract.employment import extract_employment
from bot.extract.keyscan import text_cache
from bot.extract.languages import extract_languages
from bot.extract.locations import extract_locations
from bot.extract.seniority import extract_seniority
from bot.extract.text import to_plain
from bot.extract.workplace import extract_workplace
from bot.models import Facets, Location, Posting

__all__ = ["extract", "extract_posting"]

# What extraction reads of the short fields: a real title or location string is far shorter, and reading
# an endless one (a vendor pasting the description into the title) would cost far more than its worth.
# The posting itself keeps the whole field.
TITLE_CHARS = 500
LOCATION_CHARS = 2000


def extract(posting: Posting) -> Facets:
    """Everything that can be understood about ``posting``, each facet with its evidence."""
    posting = _bounded(posting)
    plain, body = _read(posting.text, posting.company)
    languages, posting_language = extract_languages(posting, body)
    return Facets(
        locations=extract_locations(posting, body, plain),
        workplace=extract_workplace(posting, body),
        employment=extract_employment(posting, body),
        languages=languages,
        posting_language=posting_language,
        start=extract_start(posting, body),
        duration=extract_duration(posting, body),
        degree=extract_degree(posting, body),
        job_code=extract_job_code(posting, body),
        team=extract_team(posting, body),
        seniority=extract_seniority(posting, body),
    )


def _bounded(posting: Posting) -> Posting:
    """``posting`` with its title and location strings (its own and its hints') cut to what is read."""
    hints = posting.hints
    locations = tuple(_bounded_location(loc) for loc in hints.locations)
    location_texts = tuple(_cut(text, LOCATION_CHARS) for text in hints.location_texts)
    if locations != hints.locations or location_texts != hints.location_texts:
        hints = replace(hints, locations=locations, location_texts=location_texts)
    if (
        len(posting.title) <= TITLE_CHARS
        and len(posting.location_text) <= LOCATION_CHARS
        and hints is posting.hints
    ):
        return posting
    return replace(
        posting,
        title=_cut(posting.title, TITLE_CHARS),
        location_text=_cut(posting.location_text, LOCATION_CHARS),
        hints=hints,
    )


def _bounded_location(loc: Location) -> Location:
    """A source's structured location with each of its names cut to a location string's length."""
    parts = (loc.city, loc.region, loc.country, loc.evidence)
    if all(part is None or len(part) <= LOCATION_CHARS for part in parts):
        return loc
    return replace(
        loc,
        city=_cut_or_none(loc.city),
        region=_cut_or_none(loc.region),
        country=_cut_or_none(loc.country),
        evidence=_cut(loc.evidence, LOCATION_CHARS),
    )


def _cut_or_none(text: str | None) -> str | None:
    return None if text is None else _cut(text, LOCATION_CHARS)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, after a space where one is."""
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit) + 1 or limit].rstrip()


@text_cache
def _read(text: str, company: str) -> tuple[str, str]:
    """The posting's plain text, and that text without the company's boilerplate (read once per text)."""
    plain = to_plain(text)
    return plain, strip_boilerplate(plain, company)


def extract_posting(posting: Posting) -> Posting:
    """``posting`` with its facets filled in."""
    return replace(posting, facets=extract(posting))
