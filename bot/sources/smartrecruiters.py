"""SmartRecruiters: api.smartrecruiters.com/v1/companies/{id}/postings → {totalFound, content: […]}."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    SourceFormatError,
    bool_of,
    collect,
    describe,
    label_of,
    load_json,
    make_location,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.detect import board_of

KIND = "smartrecruiters"
_SECTIONS = ("jobDescription", "qualifications", "additionalInformation", "companyDescription")


_INTERN_LEVEL = re.compile(r"intern", re.IGNORECASE)


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a SmartRecruiters postings page, or one posting's detail (with ``jobAd``)."""
    data = load_json(payload, KIND)
    if isinstance(data, dict) and isinstance(data.get("content"), list):
        records, total = data["content"], data.get("totalFound")
    elif isinstance(data, dict) and "id" in data and "name" in data:
        records, total = [data], None
    else:
        raise SourceFormatError(KIND, 'a JSON object with a "content" list', describe(data))
    board = board_of(ctx, KIND)
    result = collect(KIND, records, lambda record: _posting(record, board, ctx))
    return replace(result, total=total if isinstance(total, int) else None)


def _posting(record: dict[str, Any], board: str, ctx: SourceContext) -> Posting:
    posting_id = required(record, "id")
    place = record.get("location") if isinstance(record.get("location"), dict) else {}
    company = record.get("company") if isinstance(record.get("company"), dict) else {}
    account = text_of(company.get("identifier")) or board
    hybrid = bool_of(place.get("hybrid"))
    return Posting(
        id=scoped_id(KIND, board, posting_id),
        title=required(record, "name"),
        company=ctx.company or text_of(company.get("name")) or board,
        url=strip_tracking(
            text_of(record.get("postingUrl")) or f"https://jobs.smartrecruiters.com/{account}/{posting_id}"
        ),
        source=ctx.source_id,
        location_text=text_of(place.get("fullLocation")) or _display(place),
        text=_job_ad(record.get("jobAd")),
        hints=SourceHints(
            locations=tuple(
                loc
                for loc in [make_location(place.get("city"), place.get("region"), place.get("country"))]
                if loc
            ),
            employment_type=_employment(record),
            workplace="hybrid" if hybrid else None,
            is_remote=bool_of(place.get("remote")),
            job_code=text_of(record.get("refNumber")),
            department=label_of(record.get("department"), "label"),
        ),
        posted_at=parse_datetime(record.get("releasedDate")),
        raw=record,
    )


def _employment(record: dict[str, Any]) -> str | None:
    """The type of employment, with the experience level when it says internship.

    SmartRecruiters files internships as typeOfEmployment "Full-time" with experienceLevel "Internship".
    """
    kind = label_of(record.get("typeOfEmployment"), "label")
    level = label_of(record.get("experienceLevel"), "label")
    if level and _INTERN_LEVEL.search(level) and level != kind:
        return f"{kind}, {level}" if kind else level
    return kind


def _display(place: dict[str, Any]) -> str:
    country = text_of(place.get("country"))
    parts = (text_of(place.get("city")), text_of(place.get("region")), country.upper() if country else None)
    return ", ".join(p for p in parts if p)


def _job_ad(job_ad: Any) -> str:
    """Join the detail's ad sections as HTML, job first and company last."""
    sections = job_ad.get("sections") if isinstance(job_ad, dict) else None
    if not isinstance(sections, dict):
        return ""
    parts = []
    for key in _SECTIONS:
        section = sections.get(key)
        if isinstance(section, dict) and text_of(section.get("text")):
            parts.append(f"<h3>{html.escape(text_of(section.get('title')) or '')}</h3>{section['text']}")
    return "\n".join(parts)
