"""Postings as JSON lines: the input contract of ``jobbot extract`` / ``jobbot match`` and its output."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from bot.models import Facets, Location, Posting, SourceHints, to_jsonable
from bot.sources.sanitize import clean_value


class PostingInputError(ValueError):
    """A line of posting input that cannot be read; the message says which line and why."""


_TEXT_FIELDS = ("id", "title", "company", "url", "source", "location", "text")
_HINT_TEXTS = ("employment_type", "workplace", "job_code", "team", "department", "start")
_LOCATION_PARTS = ("city", "region", "country", "evidence")


def posting_from_dict(record: dict[str, Any]) -> Posting:
    """A Posting from the CLI's input shape: {"id", "title", "company", "location", "text", "url"}.

    Optional structured hints ride along under "hints" (the same names as SourceHints). A field of the
    wrong kind (a list for a title, a word for ``is_remote``) is refused, naming the field.
    """
    if not isinstance(record, dict):
        raise PostingInputError("a posting must be a JSON object")
    if record.get("id") in (None, ""):
        raise PostingInputError('a posting needs an "id"')
    for name in _TEXT_FIELDS:
        _scalar(record.get(name), f'"{name}"')
    hints = _hints(record.get("hints"))
    locs = tuple(
        Location(
            city=loc.get("city"),
            region=loc.get("region"),
            country=loc.get("country"),
            evidence=loc.get("evidence") or "",
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


def _scalar(value: Any, name: str) -> None:
    """Refuse a field that should be one text or number but holds a list or an object."""
    if isinstance(value, dict | list):
        kind = "an object" if isinstance(value, dict) else "a list"
        raise PostingInputError(f"{name} must be text, not {kind}")


def _text_or_null(value: Any, name: str) -> None:
    if value is not None and not isinstance(value, str):
        raise PostingInputError(f"{name} must be text or null, not {json.dumps(value)[:40]}")


def _hints(hints: Any) -> dict[str, Any]:
    """The "hints" object, each of its fields checked to be of the kind SourceHints holds."""
    if hints in (None, ""):
        return {}
    if not isinstance(hints, dict):
        raise PostingInputError(f'"hints" must be an object, not {json.dumps(hints)[:40]}')
    for name in _HINT_TEXTS:
        _text_or_null(hints.get(name), f'"hints.{name}"')
    if hints.get("is_remote") is not None and not isinstance(hints["is_remote"], bool):
        raise PostingInputError(f'"hints.is_remote" must be true, false or null, not {hints["is_remote"]!r}')
    texts = hints.get("location_texts")
    if texts is not None:
        if not isinstance(texts, list):
            raise PostingInputError('"hints.location_texts" must be a list of texts')
        for index, text in enumerate(texts):
            _text_or_null(text, f'"hints.location_texts[{index}]"')
    locations = hints.get("locations")
    if locations is not None:
        if not isinstance(locations, list):
            raise PostingInputError('"hints.locations" must be a list of objects')
        for index, loc in enumerate(locations):
            if not isinstance(loc, dict):
                raise PostingInputError(
                    f'"hints.locations[{index}]" must be an object with city, region, country'
                )
            for part in _LOCATION_PARTS:
                _text_or_null(loc.get(part), f'"hints.locations[{index}].{part}"')
    return hints


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

    for number, line in _numbered(stream):
        if not line.strip():
            continue
        try:
            record = clean_value(json.loads(line))
            posting = posting_from_dict(record)
        except RecursionError:
            raise PostingInputError(f"line {number}: JSON nested too deeply to be a posting") from None
        except (json.JSONDecodeError, PostingInputError) as exc:
            raise PostingInputError(f"line {number}: {exc}") from None
        except ValueError:  # Python refuses to read an integer of thousands of digits
            raise PostingInputError(f"line {number}: a number too long to read") from None
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


def _numbered(stream: IO[str]) -> Iterator[tuple[int, str]]:
    """The stream's lines with their numbers; a stream that refuses bytes not UTF-8 names the line.

    (The CLI opens a FILE so that such bytes are read, as U+FFFD; a strict standard input refuses them.)
    """
    number = 0
    lines = iter(stream)
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise PostingInputError(
                f"line {number + 1} (or near it): not UTF-8 text ({exc.reason})"
            ) from None
        number += 1
        yield number, line


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
