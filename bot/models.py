"""The values every part of jobbot speaks: postings, their facets, subscriptions, destinations.

All are frozen dataclasses. Unknown is ``None``, never a guess. Every extracted facet carries its
*evidence* (the phrase it was read from) and its *basis* (where that phrase was), so a card can say why
a posting matched and a person can check what was read.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Literal

Basis = Literal["source", "location", "title", "body"]
"""Where a facet was read: a structured source field, the source's location text, the title, the body."""

Workplace = Literal["onsite", "hybrid", "remote"]
EmploymentType = Literal["intern", "full_time", "part_time", "contract", "temporary", "apprenticeship"]
Degree = Literal["bachelor", "master", "phd"]
Platform = Literal["slack", "discord", "terminal"]

EMPLOYMENT_TYPES: tuple[EmploymentType, ...] = (
    "intern",
    "full_time",
    "part_time",
    "contract",
    "temporary",
    "apprenticeship",
)
WORKPLACES: tuple[Workplace, ...] = ("onsite", "hybrid", "remote")


@dataclass(frozen=True, slots=True)
class Location:
    """A place a posting is at: a gazetteer entry, as specific as the posting says."""

    city: str | None = None
    region: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    geoname_id: int | None = None  # the city's GeoNames id, when resolved to a city
    evidence: str = ""
    basis: Basis = "location"


@dataclass(frozen=True, slots=True)
class WorkplaceFacet:
    """Onsite, hybrid or remote, and where remote work is allowed when the posting says so."""

    value: Workplace
    remote_countries: tuple[str, ...] = ()  # ISO alpha-2; empty = not stated
    remote_areas: tuple[str, ...] = ()  # area keys such as "europe", "emea", "latam"
    evidence: str = ""
    basis: Basis = "location"


@dataclass(frozen=True, slots=True)
class EmploymentFacet:
    """The kind of contract: intern, full time, …"""

    value: EmploymentType
    evidence: str = ""
    basis: Basis = "title"


@dataclass(frozen=True, slots=True)
class LanguageRequirement:
    """A human language the posting asks for (ISO 639-1), how strongly, and at which level if said."""

    code: str
    required: bool
    level: str | None = None  # "native", "fluent", "C1", "business", …
    evidence: str = ""
    basis: Basis = "body"


@dataclass(frozen=True, slots=True)
class StartFacet:
    """When the job starts: a date, a season and/or year, or as soon as possible."""

    date: str | None = None  # ISO date (YYYY-MM-DD or YYYY-MM)
    season: str | None = None  # "spring" | "summer" | "fall" | "winter"
    year: int | None = None
    asap: bool = False
    evidence: str = ""
    basis: Basis = "body"


@dataclass(frozen=True, slots=True)
class DurationFacet:
    """How long the job lasts, in months."""

    min_months: int | None = None
    max_months: int | None = None
    evidence: str = ""
    basis: Basis = "body"


@dataclass(frozen=True, slots=True)
class DegreeFacet:
    """The degree levels the posting asks for or names (the lowest is the entry bar)."""

    levels: tuple[Degree, ...]
    evidence: str = ""
    basis: Basis = "body"


@dataclass(frozen=True, slots=True)
class TextFacet:
    """A short text value such as a job code or a team, with where it came from."""

    value: str
    evidence: str = ""
    basis: Basis = "source"


@dataclass(frozen=True, slots=True)
class Facets:
    """Everything extraction understood about a posting."""

    locations: tuple[Location, ...] = ()
    workplace: WorkplaceFacet | None = None
    employment: EmploymentFacet | None = None
    languages: tuple[LanguageRequirement, ...] = ()
    posting_language: str | None = None  # ISO 639-1 of the text itself
    start: StartFacet | None = None
    duration: DurationFacet | None = None
    degree: DegreeFacet | None = None
    job_code: TextFacet | None = None
    team: TextFacet | None = None
    seniority: TextFacet | None = None

    @property
    def required_languages(self) -> tuple[str, ...]:
        """ISO 639-1 codes of the languages the posting requires."""
        return tuple(lang.code for lang in self.languages if lang.required)

    @property
    def preferred_languages(self) -> tuple[str, ...]:
        """ISO 639-1 codes of the languages the posting prefers but does not require."""
        return tuple(lang.code for lang in self.languages if not lang.required)


@dataclass(frozen=True, slots=True)
class SourceHints:
    """Structured fields a source adapter read from the vendor record, before any text extraction.

    Extraction trusts these first (basis "source") and lets the text fill only what is missing.
    Vendor words are kept as they were (e.g. employment_type "FullTime", "Intern", "Regular").
    """

    locations: tuple[Location, ...] = ()
    location_texts: tuple[str, ...] = ()  # extra vendor location strings ("secondaryLocations", allLocations)
    employment_type: str | None = None
    workplace: str | None = None  # vendor words: "Remote", "OnSite", "hybrid", "on-site", …
    is_remote: bool | None = None
    job_code: str | None = None
    team: str | None = None
    department: str | None = None
    start: str | None = None  # when the job starts, as the vendor says it: "Summer 2025", "2026-09-01"


@dataclass(frozen=True, slots=True)
class Posting:
    """One job posting, normalized from any source. ``facets`` is filled by extraction."""

    id: str  # stable and source-scoped, e.g. "ashby:9fin:1998a835-…"
    title: str
    company: str = ""
    url: str = ""
    source: str = ""  # the source's id or kind
    location_text: str = ""  # the source's own location string, as shown
    text: str = ""  # the description as plain text
    hints: SourceHints = field(default_factory=SourceHints)
    posted_at: datetime | None = None
    closes_at: datetime | None = None
    raw: dict[str, Any] | None = None  # the vendor record, kept for re-extraction
    facets: Facets | None = None


@dataclass(frozen=True, slots=True)
class Destination:
    """Where cards go: a channel or a person's DMs on one platform."""

    platform: Platform
    kind: Literal["channel", "dm"]
    target: str  # channel id or user id
    workspace: str = ""  # Slack team id / Discord guild id

    @property
    def key(self) -> str:
        """A stable string identity, used as the outbox's destination column."""
        return f"{self.platform}:{self.workspace}:{self.kind}:{self.target}"

    @classmethod
    def from_key(cls, key: str) -> Destination:
        """The destination whose ``key`` this is; ValueError when it is not one."""
        platform, _, rest = key.partition(":")
        parts = rest.rsplit(":", 2)  # the workspace is the only part that could ever hold a colon
        if len(parts) != 3 or parts[1] not in ("channel", "dm") or not platform or not parts[2]:
            raise ValueError(f"not a destination key: {key!r}")
        workspace, kind, target = parts
        return cls(platform=platform, kind=kind, target=target, workspace=workspace)  # type: ignore[arg-type]


ID_MAX = 2**31 - 1  # the largest subscription id a store keeps (an Integer column: 32 bits in PostgreSQL)


@dataclass(frozen=True, slots=True)
class Subscription:
    """A standing query: post what matches ``query`` to ``destination``."""

    id: int
    owner: str  # the platform user id that created it
    destination: Destination
    query: str
    created_at: datetime | None = None
    paused: bool = False
    paused_reason: str | None = None  # why jobbot paused it (its destination could not receive cards)


def to_jsonable(value: Any) -> Any:
    """A dataclass tree as plain JSON-ready data (tuples become lists, datetimes ISO strings)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value
