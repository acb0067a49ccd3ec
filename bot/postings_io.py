"""Postings as JSON lines: the input contract of ``jobbot extract`` / ``jobbot match`` and its output."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from bot.models import Facets, Location, Posting, SourceHints, to_jsonable
from bot.sources.sanitize import clean_value


class PostingInputError(ValueError):
    """A line of posting input that cannot be read; the message says which line and why."""


def posting_from_dict(record: dict[str, Any]) -> Posting:
    """A Posting from the CLI's input shape: {"id", "title", "company", "location", "text", "url"}.

    Optional structured hints ride along under "hints" (the same names as SourceHints).
    """
    if not isinstance(record, dict):
        raise PostingInputError("a posting must be a JSON object")
    if record.get("id") in (None, ""):
        raise PostingInputError('a posting needs an "id"')
    hints = record.get("hints") or {}
    locs = tuple(
        Location(
            city=loc.get("city"),
            region=loc.get("region"),
            country=loc.get("country"),
            evidence=loc.get("evidence", ""),
            basis="source",
        )
        for loc in hints.get("locations") or ()
    )
    return Posting(
        id=str(record["id"]),
        title=str(record.get("title") or ""),
        company=str(record.get("company") or ""),
        url=str(record.get("url") or ""),
        source=str(record.get("source") or ""),
        location_text=str(record.get("location") or ""),
        text=str(record.get("text") or ""),
        hints=SourceHints(
            locations=locs,
            location_texts=tuple(hints.get("location_texts") or ()),
            employment_type=hints.get("employment_type"),
            workplace=hints.get("workplace"),
            is_remote=hints.get("is_remote"),
            job_code=hints.get("job_code"),
            team=hints.get("team"),
            department=hints.get("department"),
            start=hints.get("start"),
        ),
        raw=record,
    )


def posting_to_dict(posting: Posting) -> dict[str, Any]:
    """A posting in the CLI's input shape (so `jobbot fetch … | jobbot match …` works), hints included."""
    hints = {k: v for k, v in to_jsonable(posting.hints).items() if v not in (None, [], "")}
    for loc in hints.get("locations", []):
        loc.pop("geoname_id", None)
    record: dict[str, Any] = {
        "id": posting.id,
        "title": posting.title,
        "company": posting.company,
        "location": posting.location_text,
        "text": posting.text,
        "url": posting.url,
        "source": posting.source,
        "posted_at": posting.posted_at.isoformat() if posting.posted_at else None,
    }
    if hints:
        record["hints"] = hints
    return record


KNOWN_FIELDS = ("id", "title", "company", "location", "text", "url", "source", "posted_at", "hints")
_WANTED = ("title", "location", "text")  # what extraction reads; without them it has little to go on


def read_postings(stream: IO[str], warn: Callable[[str], None] | None = None) -> Iterator[Posting]:
    """Postings from JSON lines; blank lines are skipped, a bad line raises with its line number.

    Text is cleaned as source records are (``bot.sources.sanitize``: no NUL, no lone surrogate, no NaN).
    ``warn`` hears, once a run each, of fields the input shape does not have (``"description"`` where
    ``"text"`` is meant) and of fields extraction reads that a line lacks: such input is read, not refused,
    but silently reading it would give answers that look wrong for no visible reason.
    """
    said: set[str] = set()

    def once(key: str, message: str) -> None:
        if warn is not None and key not in said:
            said.add(key)
            warn(message)

    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            record = clean_value(json.loads(line))
            posting = posting_from_dict(record)
        except (json.JSONDecodeError, PostingInputError) as exc:
            raise PostingInputError(f"line {number}: {exc}") from None
        except RecursionError:
            raise PostingInputError(f"line {number}: JSON nested too deeply to be a posting") from None
        unknown = sorted(str(key) for key in record if key not in KNOWN_FIELDS)
        if unknown:
            once(
                "unknown",
                f"line {number}: unknown field(s) {', '.join(unknown)} ignored; a posting's fields are "
                f"{', '.join(KNOWN_FIELDS)} (further lines like this are not reported)",
            )
        missing = [key for key in _WANTED if not record.get(key)]
        if missing:
            once(
                "missing",
                f"line {number}: no {', '.join(missing)}: extraction reads only what is there "
                "(further lines like this are not reported)",
            )
        yield posting


def facets_to_dict(posting_id: str, facets: Facets) -> dict[str, Any]:
    """The ``jobbot extract`` output object: the measured fields first, then every facet with evidence."""
    return {
        "id": posting_id,
        "locations": [
            {"city": loc.city, "region": loc.region, "country": loc.country} for loc in facets.locations
        ],
        "workplace": facets.workplace.value if facets.workplace else None,
        "employment_type": facets.employment.value if facets.employment else None,
        "languages": {
            "required": list(facets.required_languages),
            "preferred": list(facets.preferred_languages),
        },
        "posting_language": facets.posting_language,
        "start": to_jsonable(facets.start),
        "duration": to_jsonable(facets.duration),
        "degree": to_jsonable(facets.degree),
        "job_code": facets.job_code.value if facets.job_code else None,
        "team": facets.team.value if facets.team else None,
        "evidence": {
            "locations": to_jsonable(facets.locations),
            "workplace": to_jsonable(facets.workplace),
            "employment": to_jsonable(facets.employment),
            "languages": to_jsonable(facets.languages),
        },
    }
