"""The neutral card: what a person is shown about a matched posting, before any platform renders it.

Slack (Block Kit), Discord (embeds) and the terminal each render the same ``Card``; building it is a pure
function of the posting and the reasons it matched, so it is tested without any platform.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.extract.languages import language_name
from bot.matching import Reason, location_label
from bot.models import Facets, Posting
from bot.views.dates import start_words

SAMPLE_SOURCE = "jobbot-test"  # the source of the sample postings `/jobs test` sends

_EMPLOYMENT_LABELS = {
    "intern": "Internship",
    "full_time": "Full-time",
    "part_time": "Part-time",
    "contract": "Contract",
    "temporary": "Temporary",
    "apprenticeship": "Apprenticeship",
}
_DEGREE_NAMES = {"bachelor": "bachelor's", "master": "master's", "phd": "PhD"}
_WORKPLACE_LABELS = {"onsite": "On-site", "hybrid": "Hybrid", "remote": "Remote"}
_REASON_ICONS = {
    "location": "📍",
    "workplace": "🏠",
    "remote": "🏠",
    "language": "🗣",
    "employment": "🎓",
    "degree": "🎓",
    "start": "📅",
    "company": "🏢",
    "team": "👥",
    "keyword": "🔎",
    "title": "🔎",
}


@dataclass(frozen=True, slots=True)
class Card:
    """A platform-neutral posting card."""

    posting_id: str
    title: str
    url: str
    company: str
    locations: tuple[str, ...]
    workplace: str | None
    employment: str | None
    start: str | None
    required_languages: tuple[str, ...]
    preferred_languages: tuple[str, ...]
    job_code: str | None
    why: tuple[str, ...]  # one short phrase per satisfied term, e.g. "📍 Paris", "🗣 French required"
    query: str | None  # the subscription query that matched, as the subscriber wrote it
    status: str | None = None  # "Closed" once the posting is gone; None while it is open
    source: str = ""  # the source's id, e.g. "greenhouse:acme"
    posted: str | None = None  # the day it was posted (ISO date), when the source says
    as_of: datetime | None = None  # when the card was made: its dates read as of then ("posted 3 days ago")
    sample: bool = False  # a test card (`/jobs test`), not a real posting
    degree: str | None = None  # the degrees the posting asks for or accepts: "Master's or PhD"


def _start_label(facets: Facets) -> str | None:
    start = facets.start
    if start is None:
        return None
    return start_words(date_text=start.date, season=start.season, year=start.year, asap=start.asap)


def _degree_label(facets: Facets) -> str | None:
    """The degrees named, lowest first: "Bachelor's", "Master's or PhD", "Bachelor's, master's or PhD"."""
    if facets.degree is None or not facets.degree.levels:
        return None
    names = [_DEGREE_NAMES[level] for level in facets.degree.levels]
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return said[:1].upper() + said[1:]


def _reason_phrase(reason: Reason) -> str:
    return f"{_REASON_ICONS.get(reason.facet, '✓')} {reason.value}"


def build_card(
    posting: Posting,
    reasons: Sequence[Reason] = (),
    query: str | None = None,
    *,
    now: datetime | None = None,
) -> Card:
    """The card for ``posting`` (facets filled), saying why it matched ``query``, made at ``now``."""
    facets = posting.facets or Facets()
    seen: set[str] = set()
    why = []
    for reason in reasons:
        phrase = _reason_phrase(reason)
        if phrase not in seen:
            seen.add(phrase)
            why.append(phrase)
    return Card(
        posting_id=posting.id,
        title=posting.title or "(untitled posting)",
        url=posting.url,
        company=posting.company,
        locations=tuple(location_label(loc) for loc in facets.locations),
        workplace=_WORKPLACE_LABELS.get(facets.workplace.value) if facets.workplace else None,
        employment=_EMPLOYMENT_LABELS.get(facets.employment.value) if facets.employment else None,
        start=_start_label(facets),
        required_languages=tuple(language_name(c) for c in facets.required_languages),
        preferred_languages=tuple(language_name(c) for c in facets.preferred_languages),
        job_code=facets.job_code.value if facets.job_code else None,
        why=tuple(why),
        query=query,
        source=posting.source,
        posted=posting.posted_at.date().isoformat() if posting.posted_at else None,
        as_of=now,
        sample=posting.source == SAMPLE_SOURCE,
        degree=_degree_label(facets),
    )
