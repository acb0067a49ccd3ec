"""Workable: apply.workable.com/api/v1/widget/accounts/{slug}?details=true → {name, jobs: […]}."""

from __future__ import annotations

from typing import Any

from bot.models import Location, Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    all_or_nothing,
    bool_of,
    collect,
    list_at,
    load_json,
    make_location,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.detect import board_of

KIND = "workable"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Workable account's widget feed."""
    data = load_json(payload, KIND)
    jobs = list_at(data, "jobs", KIND)
    board = board_of(ctx, KIND)
    company = ctx.company or text_of(data.get("name")) or board
    return collect(KIND, jobs, lambda job: _posting(job, board, company, ctx))


def _posting(job: dict[str, Any], board: str, company: str, ctx: SourceContext) -> Posting:
    code = required(job, "shortcode")
    places = [p for p in job.get("locations") or () if isinstance(p, dict) and not p.get("hidden")]
    if not places:
        places = [{"city": job.get("city"), "region": job.get("state"), "country": job.get("country")}]
    displays = [_display(p) for p in places]
    return Posting(
        id=scoped_id(KIND, board, code),
        title=required(job, "title"),
        company=company,
        url=strip_tracking(
            text_of(job.get("url")) or text_of(job.get("shortlink")) or text_of(job.get("application_url"))
        ),
        source=ctx.source_id,
        location_text=displays[0] if displays else "",
        text="\n".join(
            t for key in ("description", "requirements", "benefits") if (t := text_of(job.get(key)))
        ),
        hints=SourceHints(
            locations=all_or_nothing(_location(p) for p in places),
            location_texts=tuple(d for d in displays[1:] if d),
            employment_type=text_of(job.get("employment_type")),
            is_remote=bool_of(job.get("telecommuting")),
            job_code=text_of(job.get("code")),
            department=text_of(job.get("department")),
        ),
        posted_at=parse_datetime(job.get("published_on") or job.get("created_at")),
        raw=job,
    )


def _location(place: dict[str, Any]) -> Location | None:
    return make_location(
        place.get("city"), place.get("region"), place.get("countryCode") or place.get("country")
    )


def _display(place: dict[str, Any]) -> str:
    return ", ".join(t for key in ("city", "region", "country") if (t := text_of(place.get(key))))
