"""Recruitee: {slug}.recruitee.com/api/offers/ → {"offers": […]}."""

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

KIND = "recruitee"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Recruitee offers list; offers not published are skipped."""
    offers = list_at(load_json(payload, KIND), "offers", KIND)
    board = board_of(ctx, KIND)
    return collect(KIND, offers, lambda offer: _posting(offer, board, ctx))


def _posting(offer: dict[str, Any], board: str, ctx: SourceContext) -> Posting | Skip:
    offer_id = required(offer, "id")
    status = text_of(offer.get("status"))
    if status and status != "published":
        return Skip("unpublished", f"{offer_id}: {status}")
    places = [p for p in offer.get("locations") or () if isinstance(p, dict)]
    if not places:
        places = [offer]
    remote, hybrid, onsite = (bool_of(offer.get(k)) for k in ("remote", "hybrid", "on_site"))
    return Posting(
        id=scoped_id(KIND, board, offer_id),
        title=required(offer, "title"),
        company=ctx.company or text_of(offer.get("company_name")) or board,
        url=strip_tracking(text_of(offer.get("careers_url")) or text_of(offer.get("careers_apply_url"))),
        source=ctx.source_id,
        location_text=text_of(offer.get("location")) or _display(places[0]),
        text="\n".join(t for key in ("description", "requirements") if (t := text_of(offer.get(key)))),
        hints=SourceHints(
            locations=all_or_nothing(_location(p) for p in places),
            location_texts=tuple(d for p in places[1:] if (d := _display(p))),
            employment_type=text_of(offer.get("employment_type_code")),
            workplace=_workplace(remote, hybrid, onsite),
            is_remote=remote,
            department=text_of(offer.get("department")),
        ),
        posted_at=parse_datetime(offer.get("published_at") or offer.get("created_at")),
        raw=offer,
    )


def _workplace(remote: bool | None, hybrid: bool | None, onsite: bool | None) -> str | None:
    """Read one arrangement from Recruitee's three flags; flags that disagree say nothing."""
    if hybrid:
        return "hybrid"
    if remote and not onsite:
        return "remote"
    if onsite and not remote:
        return "onsite"
    return None


def _location(place: dict[str, Any]) -> Location | None:
    return make_location(
        place.get("city"), place.get("state"), place.get("country_code") or place.get("country")
    )


def _display(place: dict[str, Any]) -> str:
    return ", ".join(t for key in ("city", "state", "country") if (t := text_of(place.get(key))))
