"""The plain English words the query language knows itself: workplaces, employment types, seasons."""

from __future__ import annotations

import re

from bot.models import EmploymentType, Workplace
from bot.query.folding import fold

WORKPLACE_WORDS: dict[str, Workplace] = {
    "remote": "remote",
    "fully remote": "remote",
    "wfh": "remote",
    "work from home": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on site": "onsite",
    "on-site": "onsite",
    "in office": "onsite",
    "in-office": "onsite",
    "office based": "onsite",
    "office-based": "onsite",
}
TYPE_WORDS: dict[str, EmploymentType] = {
    "intern": "intern",
    "interns": "intern",
    "internship": "intern",
    "internships": "intern",
    "full time": "full_time",
    "full-time": "full_time",
    "fulltime": "full_time",
    "part time": "part_time",
    "part-time": "part_time",
    "parttime": "part_time",
    "contract": "contract",
    "contractor": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "apprenticeship": "apprenticeship",
    "apprentice": "apprenticeship",
}
TYPE_LABELS: dict[str, str] = {
    "intern": "internship",
    "full_time": "full time",
    "part_time": "part time",
    "contract": "contract",
    "temporary": "temporary",
    "apprenticeship": "apprenticeship",
}
# Lower-case words that are also town names: read as keywords unless capitalized ("Mobile", city:mobile).
WORDS_BEFORE_PLACES = frozenset({
    "mobile", "split", "nice", "reading", "bath", "sale", "orange", "best", "university", "bar", "deal",
    "march", "normal", "surprise", "federal", "union", "hope", "unity", "liberty", "energy", "marine",
    "commerce", "industry", "opportunity",
})  # fmt: skip
_SEASONS = {"spring": "spring", "summer": "summer", "fall": "fall", "autumn": "fall", "winter": "winter"}
_SEASON_TEXT = re.compile(
    r"^(?:(spring|summer|fall|autumn|winter)\s*(\d{4})?|(\d{4})\s+(spring|summer|fall|autumn|winter))$"
)


def simple_season(text: str) -> tuple[str | None, int | None] | None:
    """(season, year) when ``text`` is an English season and/or year such as "summer 2026", else None."""
    match = _SEASON_TEXT.match(fold(text).strip())
    if not match:
        return None
    season = match.group(1) or match.group(4)
    year = match.group(2) or match.group(3)
    return _SEASONS[season], int(year) if year else None
