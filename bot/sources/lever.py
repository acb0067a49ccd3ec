"""Lever postings: api.lever.co (or api.eu.lever.co) /v0/postings/{company}?mode=json → a bare list."""

from __future__ import annotations

from typing import Any

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    SourceFormatError,
    collect,
    describe,
    load_json,
    located_in,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.detect import board_of

KIND = "lever"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Lever postings list, or one posting object."""
    data = load_json(payload, KIND)
    if isinstance(data, dict) and "id" in data and "text" in data:
        data = [data]
    if not isinstance(data, list):
        raise SourceFormatError(KIND, "a JSON list of postings", describe(data))
    board = board_of(ctx, KIND)
    return collect(KIND, data, lambda posting: _posting(posting, board, ctx))


def _posting(posting: dict[str, Any], board: str, ctx: SourceContext) -> Posting:
    categories = posting.get("categories") if isinstance(posting.get("categories"), dict) else {}
    location = text_of(categories.get("location")) or ""
    others = [t for t in map(text_of, categories.get("allLocations") or ()) if t and t != location]
    workplace = text_of(posting.get("workplaceType"))
    # The country field belongs to the posting as a whole: only trust it as the place when there is one.
    single = located_in(location, posting.get("country")) if not others else None
    return Posting(
        id=scoped_id(KIND, board, required(posting, "id")),
        title=required(posting, "text"),
        company=ctx.company or board,
        url=strip_tracking(text_of(posting.get("hostedUrl")) or text_of(posting.get("applyUrl"))),
        source=ctx.source_id,
        location_text=location,
        text=_description(posting),
        hints=SourceHints(
            locations=(single,) if single else (),
            location_texts=tuple(others),
            employment_type=text_of(categories.get("commitment")),
            workplace=None if workplace == "unspecified" else workplace,
            team=text_of(categories.get("team")),
            department=text_of(categories.get("department")),
        ),
        posted_at=parse_datetime(posting.get("createdAt")),
        raw=posting,
    )


def _description(posting: dict[str, Any]) -> str:
    """Join the whole posting as HTML: opening and body, each titled list, then the closing part."""
    parts = [text_of(posting.get("description")) or text_of(posting.get("descriptionPlain")) or ""]
    for item in posting.get("lists") or ():
        if isinstance(item, dict):
            parts.append(
                f"<h3>{text_of(item.get('text')) or ''}</h3><ul>{text_of(item.get('content')) or ''}</ul>"
            )
    parts.append(text_of(posting.get("additional")) or text_of(posting.get("additionalPlain")) or "")
    return "\n".join(p for p in parts if p)
