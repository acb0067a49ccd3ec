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
    # other languages' words for an internship that extraction's table does not read as query words
    "estagio": "intern",  # pt, estágio
    "estagios": "intern",
    "estagiario": "intern",
    "estagiaria": "intern",
    "staz": "intern",  # pl, staż
    "stazysta": "intern",
    "praktyka": "intern",
    "praktyki": "intern",
    "pasantia": "intern",  # es, pasantía
    "pasante": "intern",
    "praktik": "intern",  # da, no, sv
    "praktikant": "intern",
}
TYPE_LABELS: dict[str, str] = {
    "intern": "internship",
    "full_time": "full time",
    "part_time": "part time",
    "contract": "contract",
    "temporary": "temporary",
    "apprenticeship": "apprenticeship",
}
# Other languages' words for a type that are also English words: "stage" is an internship in French and
# German, a phase in English ("Stage 0 Propellant"). The type is kept, and the English reading named.
ENGLISH_HOMOGRAPHS = frozenset({"stage", "stages"})
# Career level, matched against the seniority extraction reads from titles (bot.extract.seniority).
LEVEL_WORDS: dict[str, str] = {
    "new grad": "entry",
    "new grads": "entry",
    "new graduate": "entry",
    "new graduates": "entry",
    "recent graduate": "entry",
    "recent graduates": "entry",
    "graduate": "entry",
    "graduates": "entry",
    "grad": "entry",
    "entry level": "entry",
    "entry-level": "entry",
    "early career": "entry",
    "early-career": "entry",
    "junior": "entry",
    "jr": "entry",
    "mid level": "mid",
    "mid-level": "mid",
    "midlevel": "mid",
    "senior": "senior",
    "sr": "senior",
    "principal": "principal",
}
LEVEL_LABELS: dict[str, str] = {
    "intern": "intern",
    "entry": "entry (new grad, junior)",
    "mid": "mid",
    "senior": "senior",
    "lead": "lead or staff",
    "principal": "principal",
    "director": "director or head",
}
# Words around a language that make it a requirement: "fluent French", "French required", "French-speaking".
REQUIRED_BEFORE = frozenset({"fluent", "native", "required", "mandatory"})
REQUIRED_AFTER = frozenset({
    "required", "mandatory", "fluent", "fluency", "native", "speaking", "speaker", "speakers", "must",
})  # fmt: skip
# Upper-case short forms that are ISO country codes but, typed alone, mean a field of work: "ML engineer" is
# machine learning, not Mali. Read as keywords; the country stays one field away (country:ML).
JOB_ABBREVIATIONS = frozenset({
    "ML", "AI", "QA", "HR", "PR", "UX", "UI", "IT", "BI", "PM", "BA", "CS", "DS", "SE", "CV", "AR", "VR",
    "GM", "AD", "MS", "TV", "IO", "SA",
})  # fmt: skip
# Upper-case short forms for areas whose letters are also a country code ("Remote - NA" is North America).
AREA_SHORT_FORMS: dict[str, str] = {"NA": "North America", "NAM": "North America"}
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
