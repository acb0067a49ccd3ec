"""Community internship lists in the SimplifyJobs listings.json format (a bare list of rows).

A row of an internship list names its terms ("terms": ["Summer 2025"]); the new-grad lists have none. A
row with terms is an internship whatever its title says ("Software Development Analyst"), and its first term
is when it starts.
"""

from __future__ import annotations

from typing import Any

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    Skip,
    SourceContext,
    SourceFormatError,
    collect,
    describe,
    load_json,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)

KIND = "simplify"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the open postings of a listings.json; rows marked inactive or hidden are skipped."""
    data = load_json(payload, KIND)
    if not isinstance(data, list):
        raise SourceFormatError(KIND, "a JSON list of listings", describe(data))
    board = ctx.board or ctx.source_id
    return collect(KIND, data, lambda row: _posting(row, board, ctx))


def _posting(row: dict[str, Any], board: str, ctx: SourceContext) -> Posting | Skip:
    row_id = required(row, "id")
    if row.get("active") is False:
        return Skip("inactive", row_id)
    if row.get("is_visible") is False:
        return Skip("hidden", row_id)
    locations = [t for t in map(text_of, row.get("locations") or ()) if t]
    terms = [t for t in map(text_of, row.get("terms") or ()) if t]
    return Posting(
        id=scoped_id(KIND, board, row_id),
        title=required(row, "title"),
        company=text_of(row.get("company_name")) or ctx.company or "",
        url=strip_tracking(required(row, "url")),
        source=ctx.source_id,
        location_text="; ".join(locations),
        hints=SourceHints(
            location_texts=tuple(locations) if len(locations) > 1 else (),
            employment_type="Intern" if terms else None,
            start=terms[0] if terms else None,  # the earliest term comes first
        ),
        posted_at=parse_datetime(row.get("date_posted")),
        raw=row,
    )
