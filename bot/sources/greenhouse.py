"""Greenhouse job boards: boards-api …/v1/boards/{token}/jobs (with ``content=true``) and one-job detail."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    RecordError,
    Skip,
    SourceContext,
    SourceFormatError,
    collect,
    describe,
    label_of,
    load_json,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.detect import board_of

KIND = "greenhouse"
# Standing "apply anyway" posts are not jobs: "Don't see what you're looking for?", "General Application".
_PLACEHOLDER = re.compile(
    r"don['’`]?t see (?:what|the|a|your)|(?:general|open|spontaneous|unsolicited) application|"
    r"talent (?:pool|community|network)|future opportunit|candidature spontan|initiativbewerbung|"
    r"candidatura espont",
    re.IGNORECASE,
)
_EMPLOYMENT_FIELD = re.compile(
    r"employment|employee type|worker (?:sub[- ]?)?type|job type|contract|time type|position type", re.I
)
_WORKPLACE_FIELD = re.compile(r"workplace|location type|remote|work(?:ing)? (?:model|arrangement|type)", re.I)


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Greenhouse jobs list ({"jobs": […]}) or of a single job object."""
    data = load_json(payload, KIND)
    if isinstance(data, dict) and isinstance(data.get("jobs"), list):
        jobs = data["jobs"]
    elif isinstance(data, dict) and "id" in data and "title" in data:
        jobs = [data]
    else:
        raise SourceFormatError(KIND, 'a JSON object with a "jobs" list', describe(data))
    board = board_of(ctx, KIND)
    result = collect(KIND, jobs, lambda job: _posting(job, board, ctx))
    total = (data.get("meta") or {}).get("total") if isinstance(data.get("meta"), dict) else None
    return replace(result, total=total if isinstance(total, int) else None)


def _posting(job: dict[str, Any], board: str, ctx: SourceContext) -> Posting | Skip:
    job_id = required(job, "id")
    title = required(job, "title")
    if _PLACEHOLDER.search(title):
        return Skip("placeholder", f"{job_id}: {title}")
    location = job.get("location")
    if location is not None and not isinstance(location, dict):
        raise RecordError(f'"location" is {describe(location)}, not an object')
    location_text = label_of(location, "name") or ""
    employment, workplace, is_remote = _metadata(job.get("metadata"))
    departments = [d for d in job.get("departments") or () if isinstance(d, dict)]
    return Posting(
        id=scoped_id(KIND, board, job_id),
        title=title,
        company=ctx.company or text_of(job.get("company_name")) or "",
        url=strip_tracking(text_of(job.get("absolute_url"))),
        source=ctx.source_id,
        location_text=location_text,
        text=text_of(job.get("content")) or "",
        hints=SourceHints(
            location_texts=_office_texts(job.get("offices"), location_text),
            employment_type=employment,
            workplace=workplace,
            is_remote=is_remote,
            job_code=text_of(job.get("requisition_id")),
            department=label_of(departments[0], "name") if departments else None,
        ),
        posted_at=parse_datetime(job.get("first_published") or job.get("updated_at")),
        raw=job,
    )


def _metadata(fields: Any) -> tuple[str | None, str | None, bool | None]:
    """Read employment type, workplace and remote flag from the company-defined custom fields.

    Every employment-like field is kept, joined: boards split it ("Worker Type: Regular", "Worker
    Sub-Type: Intern") and extraction decides which word says the kind of role.
    """
    employment: list[str] = []
    workplace = None
    is_remote: bool | None = None
    for item in fields if isinstance(fields, list) else ():
        if not isinstance(item, dict):
            continue
        name = text_of(item.get("name")) or ""
        value = item.get("value")
        words = ", ".join(v for v in map(text_of, value) if v) if isinstance(value, list) else text_of(value)
        if _EMPLOYMENT_FIELD.search(name) and words:
            if words not in employment:
                employment.append(words)
        elif _WORKPLACE_FIELD.search(name):
            if isinstance(value, bool) and "remote" in name.lower():
                is_remote = value
            elif workplace is None and words:
                workplace = words
    return ", ".join(employment) or None, workplace, is_remote


def _office_texts(offices: Any, location_text: str) -> tuple[str, ...]:
    """List the offices' places, when they say more than the location name does."""
    texts: list[str] = []
    for office in offices if isinstance(offices, list) else ():
        text = label_of(office, "location", "name")
        if text and text != location_text and text not in texts:
            texts.append(text)
    return tuple(texts)
