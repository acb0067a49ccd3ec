"""Career pages carrying schema.org JobPosting as JSON-LD (<script type="application/ld+json">).

A page with no JobPosting yields no postings (the job may be filled); a body that is not an HTML page
is a SourceFormatError, and a JSON-LD block that does not parse is skipped and reported.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from bot.extract.bounded_html import BoundedHTMLParser, LookaheadSpent
from bot.models import Location, Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    RecordError,
    Skip,
    SourceContext,
    SourceFormatError,
    all_or_nothing,
    collect,
    content_hash,
    label_of,
    make_location,
    parse_datetime,
    parse_json,
    scoped_id,
    strip_tracking,
    text_of,
)

KIND = "jsonld"
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_MAX_DEPTH = 8


class _Scripts(BoundedHTMLParser):
    """The text of every <script type="application/ld+json"> in a page."""

    def __init__(self, size: int = 0) -> None:
        super().__init__(size, convert_charrefs=False)  # script text is raw: entities stay as written
        self.blocks: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = (dict(attrs).get("type") or "").split(";")[0].strip().lower()
        if tag == "script" and kind == "application/ld+json":
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.blocks.append("".join(self._current))
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of the JobPosting objects a page's JSON-LD holds."""
    if isinstance(payload, dict | list):
        return _from_items(_job_postings(payload), [], ctx)
    page = _decode(payload)
    if "<" not in page[:4096]:
        raise SourceFormatError(KIND, "an HTML page", f"text starting {page[:40]!r}")
    scanner = _Scripts(len(page))
    items: list[dict[str, Any]] = []
    skipped: list[Skip] = []
    try:
        scanner.feed(page)
        scanner.close()
    except LookaheadSpent:  # markup that never closes its tags: the blocks before it are kept
        skipped.append(Skip("malformed", "the page's markup after its last readable tag never closes"))
    for number, block in enumerate(scanner.blocks):
        try:
            items.extend(_job_postings(parse_json(block.strip(), KIND, strict=False)))
        except json.JSONDecodeError as exc:
            skipped.append(Skip("malformed", f"JSON-LD block {number}: {exc.msg} at column {exc.colno}"))
        except SourceFormatError as exc:  # nested absurdly deep, an endless number: that block alone
            skipped.append(Skip("malformed", f"JSON-LD block {number}: {exc.found}"))
    return _from_items(items, skipped, ctx)


def _decode(payload: bytes | str) -> str:
    """Decode a page: UTF-8, else the charset its <meta> declares."""
    if isinstance(payload, str):
        return payload
    try:
        return payload.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        declared = _CHARSET.search(payload[:4096])
        if declared:
            try:
                return payload.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
        raise SourceFormatError(
            KIND, "a UTF-8 page (or one declaring its charset)", f"byte {exc.start}"
        ) from None


def _from_items(items: list[dict[str, Any]], skipped: list[Skip], ctx: SourceContext) -> ParseResult:
    host = (urlsplit(ctx.url).hostname or "") if ctx.url else ""
    board = ctx.board or host or ctx.source_id
    result = collect(KIND, items, lambda item: _posting(item, board, ctx))
    return replace(result, skipped=(*skipped, *result.skipped))


def _job_postings(node: Any, depth: int = 0) -> list[dict[str, Any]]:
    """Find every JobPosting object in a JSON-LD value: itself, a list, an @graph, or nested."""
    if depth > _MAX_DEPTH:
        return []
    if isinstance(node, list):
        return [p for item in node for p in _job_postings(item, depth + 1)]
    if not isinstance(node, dict):
        return []
    types = node.get("@type")
    names = types if isinstance(types, list) else [types]
    if any(isinstance(t, str) and t.rsplit("/", 1)[-1].rsplit(":", 1)[-1] == "JobPosting" for t in names):
        return [node]
    return _job_postings(node.get("@graph") or node.get("itemListElement") or node.get("item"), depth + 1)


def _posting(item: dict[str, Any], board: str, ctx: SourceContext) -> Posting:
    title = text_of(item.get("title")) or text_of(item.get("name"))
    if title is None:
        raise RecordError('a JobPosting with no "title"')
    description = text_of(item.get("description")) or ""
    url = text_of(item.get("url"))
    url = strip_tracking(urljoin(ctx.url, url) if url and ctx.url else url or ctx.url)
    code = label_of(item.get("identifier"), "value", "name")
    key = code or content_hash(url, title)  # a page URL and title outlive edits to the text
    places = [p for p in _as_list(item.get("jobLocation")) if isinstance(p, dict)]
    displays = [_display(p) for p in places]
    remote = str(item.get("jobLocationType") or "").upper() == "TELECOMMUTE"
    employment = [t for t in map(text_of, _as_list(item.get("employmentType"))) if t]
    return Posting(
        id=scoped_id(KIND, board, key),
        title=title,
        company=ctx.company or label_of(item.get("hiringOrganization"), "name") or "",
        url=url,
        source=ctx.source_id,
        location_text="; ".join(d for d in displays if d),
        text=description,
        hints=SourceHints(
            locations=all_or_nothing(_location(p) for p in places),
            location_texts=tuple(
                t
                for t in (label_of(r, "name") for r in _as_list(item.get("applicantLocationRequirements")))
                if t
            ),
            employment_type=", ".join(employment) or None,
            workplace="TELECOMMUTE" if remote else None,
            is_remote=True if remote else None,
            job_code=code,
            department=label_of(item.get("occupationalCategory"), "name"),
            start=text_of(item.get("jobStartDate")) or None,
        ),
        posted_at=parse_datetime(item.get("datePosted")),
        closes_at=parse_datetime(item.get("validThrough")),
        raw=item,
    )


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _address(place: dict[str, Any]) -> dict[str, Any]:
    address = place.get("address")
    return address if isinstance(address, dict) else {}


def _location(place: dict[str, Any]) -> Location | None:
    address = _address(place)
    return make_location(
        address.get("addressLocality"),
        label_of(address.get("addressRegion"), "name"),
        label_of(address.get("addressCountry"), "name", "identifier"),
    )


def _display(place: dict[str, Any]) -> str:
    address = _address(place)
    parts = (
        text_of(address.get("addressLocality")),
        label_of(address.get("addressRegion"), "name"),
        label_of(address.get("addressCountry"), "name"),
    )
    return ", ".join(p for p in parts if p) or label_of(place, "name") or ""
