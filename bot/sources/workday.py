"""Workday: the cxs search page ({total, jobPostings: […]}) and one job's detail ({jobPostingInfo})."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    SourceFormatError,
    collect,
    describe,
    label_of,
    load_json,
    located_in,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.detect import board_of, workday_site_url

KIND = "workday"
_COUNT_ONLY = re.compile(r"^\d+\s+\w+$")  # "3 Locations": says how many, not where
# A count starts after no digit: tried from every digit of a long run, it took the square of its length.
_DAYS_AGO = re.compile(r"(?<!\d)(\d+)\+?\s+days?\s+ago", re.IGNORECASE)
_MAX_DAYS = 100_000  # further back than dates go
_CODE = re.compile(r"^[A-Za-z]*[-_]?\d[\w.-]*$")


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Workday cxs search page, or of one job's detail."""
    data = load_json(payload, KIND)
    board = board_of(ctx, KIND)
    if isinstance(data, dict) and isinstance(data.get("jobPostingInfo"), dict):
        company = label_of(data.get("hiringOrganization"), "name")
        return collect(KIND, [data["jobPostingInfo"]], lambda info: _detail(info, board, company, ctx))
    if not isinstance(data, dict) or not isinstance(data.get("jobPostings"), list):
        raise SourceFormatError(KIND, 'a JSON object with a "jobPostings" list', describe(data))
    site = workday_site_url(ctx.url) or ""
    result = collect(KIND, data["jobPostings"], lambda item: _listed(item, board, site, ctx))
    total = data.get("total")
    return replace(result, total=total if isinstance(total, int) else None)


def job_key(external_path: str) -> str:
    """Return the stable part of a job's path: its requisition suffix ("…/Engineer_R12345" → "R12345")."""
    tail = external_path.rstrip("/").rsplit("/", 1)[-1]
    return tail.rsplit("_", 1)[-1] if "_" in tail else external_path


def _listed(item: dict[str, Any], board: str, site: str, ctx: SourceContext) -> Posting:
    path = required(item, "externalPath")
    bullets = [t for t in map(text_of, item.get("bulletFields") or ()) if t]
    location = text_of(item.get("locationsText")) or ""
    return Posting(
        id=scoped_id(KIND, board, job_key(path)),
        title=required(item, "title"),
        company=ctx.company or board.split("/", 1)[0],
        url=f"{site}{path}" if site else "",
        source=ctx.source_id,
        location_text="" if _COUNT_ONLY.match(location) else location,
        hints=SourceHints(job_code=next((b for b in bullets if _CODE.match(b)), None)),
        posted_at=_posted_on(text_of(item.get("postedOn")), ctx.fetched_at),
        raw=item,
    )


def _detail(info: dict[str, Any], board: str, company: str | None, ctx: SourceContext) -> Posting:
    url = text_of(info.get("externalUrl")) or ""
    key = job_key(url.split("?", 1)[0]) if url else required(info, "jobReqId")
    location = text_of(info.get("location")) or ""
    others = [t for t in map(text_of, info.get("additionalLocations") or ()) if t]
    single = located_in(location, label_of(info.get("country"), "descriptor")) if not others else None
    return Posting(
        id=scoped_id(KIND, board, key),
        title=required(info, "title"),
        company=ctx.company or company or board.split("/", 1)[0],
        url=strip_tracking(url),
        source=ctx.source_id,
        location_text=location,
        text=text_of(info.get("jobDescription")) or "",
        hints=SourceHints(
            locations=(single,) if single else (),
            location_texts=tuple(others),
            employment_type=text_of(info.get("timeType")),
            workplace=label_of(info.get("remoteType"), "descriptor"),
            job_code=text_of(info.get("jobReqId")),
        ),
        posted_at=parse_datetime(info.get("startDate"))
        or _posted_on(text_of(info.get("postedOn")), ctx.fetched_at),
        raw=info,
    )


def _posted_on(text: str | None, now: datetime | None) -> datetime | None:
    """Date "Posted Today" / "Posted Yesterday" / "Posted 3 Days Ago" from the fetch time (30+ is a floor)."""
    if not text or now is None:
        return None
    low = text.lower()
    if "today" in low:
        days = 0
    elif "yesterday" in low:
        days = 1
    elif (match := _DAYS_AGO.search(low)) and len(match.group(1)) <= len(str(_MAX_DAYS)):
        days = min(int(match.group(1)), _MAX_DAYS)
    else:
        return None
    return (now - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)
