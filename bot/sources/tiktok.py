"""TikTok careers (lifeattiktok search API): {code: 0, data: {count, job_post_list: […]}}.

The endpoint is undocumented, so its drift is expected: a non-zero ``code`` or a missing list is a
SourceFormatError that says what came instead.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.geo import resolve_place
from bot.models import Location, Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    SourceFormatError,
    all_or_nothing,
    collect,
    describe,
    label_of,
    load_json,
    make_location,
    parse_datetime,
    required,
    scoped_id,
    text_of,
)
from bot.sources.detect import board_of

KIND = "tiktok"
_MAX_DEPTH = 6  # city → region → country chains are short; a deeper one is a loop or junk


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of one page of the lifeattiktok job search."""
    data = load_json(payload, KIND)
    board = board_of(ctx, KIND, "lifeattiktok")
    if _is_saved_item(data):  # one job post saved on its own (its "code" is the job code, not a status)
        return collect(KIND, [data], lambda item: _posting(item, board, ctx))
    if not isinstance(data, dict) or "code" not in data:
        raise SourceFormatError(KIND, 'a JSON object with "code" and "data"', describe(data))
    if data["code"] != 0:
        message = text_of(data.get("message")) or text_of(data.get("msg")) or "no message"
        raise SourceFormatError(KIND, "code 0", f"code {data['code']!r}: {message}")
    body = data.get("data")
    if not isinstance(body, dict) or not isinstance(body.get("job_post_list"), list):
        raise SourceFormatError(KIND, "data.job_post_list (a list)", f"data = {describe(body)}")
    result = collect(KIND, body["job_post_list"], lambda item: _posting(item, board, ctx))
    count = body.get("count")
    return replace(result, total=count if isinstance(count, int) else None)


def _is_saved_item(data: Any) -> bool:
    return isinstance(data, dict) and "data" not in data and {"id", "title", "recruit_type"} <= data.keys()


def _posting(item: dict[str, Any], board: str, ctx: SourceContext) -> Posting:
    job_id = required(item, "id")
    cities = [c for c in item.get("city_list") or () if isinstance(c, dict)]
    if isinstance(item.get("city_info"), dict):
        first = item["city_info"]
        cities = [first, *(c for c in cities if c.get("code") != first.get("code"))]
    displays = [_display(c) for c in cities]
    recruit = item.get("recruit_type") if isinstance(item.get("recruit_type"), dict) else {}
    sections = (("Responsibilities", item.get("description")), ("Qualifications", item.get("requirement")))
    return Posting(
        id=scoped_id(KIND, board, job_id),
        title=required(item, "title"),
        company=ctx.company or "TikTok",
        url=f"https://lifeattiktok.com/search/{job_id}",
        source=ctx.source_id,
        location_text=displays[0] if displays else "",
        text="\n\n".join(f"{heading}\n{text}" for heading, value in sections if (text := text_of(value))),
        hints=SourceHints(
            locations=all_or_nothing(_location(c) for c in cities),
            location_texts=tuple(d for d in displays[1:] if d),
            employment_type=label_of(recruit, "en_name", "name"),
            job_code=text_of(item.get("code")),
            department=label_of(item.get("job_category"), "en_name", "name"),
            start=_subject(item.get("job_subject")),  # "2026 Summer Internship" names a start; others none
        ),
        posted_at=parse_datetime(item.get("publish_time")),
        raw=item,
    )


def _subject(subject: Any) -> str | None:
    """The English name of a job's recruiting programme ({"name": {"en_us": …, "i18n": …}})."""
    names = subject.get("name") if isinstance(subject, dict) else None
    if not isinstance(names, dict):
        return None
    return text_of(names.get("en_us")) or text_of(names.get("i18n")) or None


def _chain(city: dict[str, Any]) -> list[str]:
    """List English names from the city up its parent chain (city, …, country)."""
    names: list[str] = []
    node: Any = city
    while isinstance(node, dict) and len(names) < _MAX_DEPTH:
        name = label_of(node, "en_name", "name")
        if name:
            names.append(name)
        node = node.get("parent")
    return names


def _display(city: dict[str, Any]) -> str:
    return ", ".join(_chain(city))


def _location(city: dict[str, Any]) -> Location | None:
    """Place a city in its country: the top of the parent chain, or the gazetteer when there is none."""
    names = _chain(city)
    if not names:
        return None
    if len(names) > 1:
        region = names[1] if len(names) > 2 else None
        return make_location(names[0], region, names[-1], ", ".join(names))
    known = [p for p in resolve_place(names[0]) if p.kind == "city"]
    return make_location(names[0], None, known[0].country if known else None, names[0])
