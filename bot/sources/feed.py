"""RSS and Atom feeds, parsed from the bytes the fetcher downloaded (never from a URL or a path).

feedparser reads a ``str`` argument as a URL or a file name, so the body always goes in as a stream.
Entity declarations are refused before parsing; a feed that is not well-formed XML is an error unless
only a small slip (an unescaped "&") broke it and feedparser still recovered a closed document.
"""

from __future__ import annotations

import io
import re
import time
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import ParseError

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bot.models import Posting
from bot.sources.base import (
    ParseResult,
    Payload,
    RecordError,
    SourceContext,
    SourceFormatError,
    collect,
    content_hash,
    scoped_id,
    strip_tracking,
    text_of,
)
from bot.sources.sanitize import clean_text

KIND = "feed"
_CLOSED = re.compile(rb"</(?:[\w-]+:)?(?:rss|feed|RDF)\s*>\s*$")
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of an RSS or Atom feed, one per entry."""
    if isinstance(payload, dict | list):
        raise SourceFormatError(KIND, "an RSS or Atom document", "decoded JSON")
    body = clean_text(payload).encode("utf-8") if isinstance(payload, str) else payload  # no lone surrogate
    if not body.strip():
        raise SourceFormatError(KIND, "an RSS or Atom document", "an empty body")
    _refuse_entities(body)
    parsed = feedparser.parse(io.BytesIO(body))
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # A closed document whose entries were recovered had a slip (a bare "&"); an unclosed one was cut off.
    recovered = bool(parsed.entries) and _CLOSED.search(body.rstrip()[-200:]) is not None
    if problem is not None and not isinstance(problem, _BENIGN) and not recovered:
        raise SourceFormatError(KIND, "a well-formed RSS or Atom document", f"{problem}")
    if not parsed.get("version") and not parsed.entries:
        raise SourceFormatError(KIND, "an RSS or Atom document", "a document that is neither")
    board = ctx.board or ctx.source_id
    return collect(KIND, parsed.entries, lambda entry: _posting(entry, board, ctx))


def _refuse_entities(body: bytes) -> None:
    """Refuse entity declarations and external references (billion laughs, XXE) before feedparser runs."""
    try:
        fromstring(body, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceFormatError(
            KIND, "a feed without entity declarations", f"refused markup ({exc})"
        ) from None
    except ParseError:
        pass  # malformed XML: feedparser's verdict below decides
    except (LookupError, ValueError) as exc:  # an encoding declared that Python cannot read XML in
        raise SourceFormatError(KIND, "a feed in an encoding that can be checked", f"{exc}") from None


def _posting(entry: Any, board: str, ctx: SourceContext) -> Posting:
    title = text_of(entry.get("title")) or ""
    content = entry.get("content") or []
    text = text_of(content[0].get("value")) if content else None
    text = text or text_of(entry.get("summary")) or ""
    link = strip_tracking(text_of(entry.get("link")))
    if not title and not text:
        raise RecordError("an entry with no title and no content")
    key = text_of(entry.get("id")) or link or content_hash(title, text)
    return Posting(
        id=scoped_id(KIND, board, key),
        title=title,
        company=ctx.company or "",
        url=link,
        source=ctx.source_id,
        location_text=text_of(entry.get("location")) or "",
        text=text,
        posted_at=_when(entry.get("published_parsed") or entry.get("updated_parsed")),
        raw=_plain(entry),
    )


def _when(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return datetime(*value[:6], tzinfo=UTC)  # feedparser normalizes every date to UTC


def _plain(entry: Any) -> dict[str, Any]:
    """Return the entry as JSON-ready data (feedparser's dates are struct_time)."""
    return {k: v for k, v in dict(entry).items() if not isinstance(v, time.struct_time)}
