"""Ashby job boards: posting-api/job-board/{board}?includeCompensation=true → {"jobs": […]}."""

from __future__ import annotations

from typing import Any

from bot.models import Location, Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    Skip,
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

KIND = "ashby"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of an Ashby job board; unlisted jobs are skipped."""
    jobs = list_at(load_json(payload, KIND), "jobs", KIND)
    board = board_of(ctx, KIND)
    return collect(KIND, jobs, lambda job: _posting(job, board, ctx))


def _posting(job: dict[str, Any], board: str, ctx: SourceContext) -> Posting | Skip:
    job_id = required(job, "id")
    if job.get("isListed") is False:
        return Skip("unlisted", job_id)
    secondary = [s for s in job.get("secondaryLocations") or () if isinstance(s, dict)]
    places = [_address(job.get("address"), text_of(job.get("location")))]
    places += [_address(s.get("address"), text_of(s.get("location"))) for s in secondary]
    return Posting(
        id=scoped_id(KIND, board, job_id),
        title=required(job, "title"),
        company=ctx.company or board,
        url=strip_tracking(text_of(job.get("jobUrl")) or text_of(job.get("applyUrl"))),
        source=ctx.source_id,
        location_text=text_of(job.get("location")) or "",
        text=text_of(job.get("descriptionHtml")) or text_of(job.get("descriptionPlain")) or "",
        hints=SourceHints(
            locations=all_or_nothing(places),
            location_texts=tuple(t for s in secondary if (t := text_of(s.get("location")))),
            employment_type=text_of(job.get("employmentType")),
            workplace=text_of(job.get("workplaceType")),
            is_remote=bool_of(job.get("isRemote")),
            team=text_of(job.get("team")),
            department=text_of(job.get("department")),
        ),
        posted_at=parse_datetime(job.get("publishedAt")),
        raw=job,
    )


def _address(address: Any, display: str | None) -> Location | None:
    """Read a Location from an Ashby {"postalAddress": {addressLocality, addressRegion, addressCountry}}."""
    postal = address.get("postalAddress") if isinstance(address, dict) else None
    if not isinstance(postal, dict):
        return None
    return make_location(
        postal.get("addressLocality"),
        postal.get("addressRegion"),
        postal.get("addressCountry"),
        display or "",
    )
