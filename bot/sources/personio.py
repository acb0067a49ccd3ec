"""Personio: {company}.jobs.personio.de/xml → <workzag-jobs><position>…</position></workzag-jobs>.

XML is parsed with defusedxml: entity declarations, DTD tricks and external references are refused.
"""

from __future__ import annotations

import html
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from bot.models import Posting, SourceHints
from bot.sources.base import (
    ParseResult,
    Payload,
    SourceContext,
    SourceFormatError,
    collect,
    parse_datetime,
    required,
    scoped_id,
    text_of,
)
from bot.sources.detect import board_of

KIND = "personio"


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a Personio XML feed."""
    if not isinstance(payload, bytes | str):
        raise SourceFormatError(KIND, "an XML document", f"decoded {type(payload).__name__}")
    root = _root(payload)
    board = board_of(ctx, KIND)
    host = ctx.url.split("/")[2] if ctx.url.count("/") >= 2 else f"{board}.jobs.personio.de"
    records = [_record(position) for position in root.iter("position")]
    return collect(KIND, records, lambda record: _posting(record, board, host, ctx))


def _root(payload: bytes | str) -> Element:
    try:
        root = fromstring(payload, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceFormatError(KIND, "XML without entity declarations", f"refused markup ({exc})") from None
    except ParseError as exc:
        raise SourceFormatError(KIND, "well-formed XML", f"malformed XML ({exc})") from None
    except LookupError as exc:  # <?xml encoding="…"?> naming an encoding Python does not know
        raise SourceFormatError(KIND, "XML in a known encoding", f"{exc}") from None
    except ValueError as exc:  # a multi-byte encoding declared, or text holding lone surrogates
        raise SourceFormatError(KIND, "XML that decodes as declared", f"{exc}") from None
    if root.tag != "workzag-jobs":
        raise SourceFormatError(KIND, "a <workzag-jobs> document", f"<{root.tag}>")
    return root


def _record(position: Element) -> dict[str, Any]:
    """Turn a <position> into plain data (kept as the posting's raw record)."""
    record: dict[str, Any] = {}
    for child in position:
        if child.tag == "jobDescriptions":
            record["jobDescriptions"] = [
                {"name": (d.findtext("name") or "").strip(), "value": d.findtext("value") or ""}
                for d in child.iter("jobDescription")
            ]
        elif child.tag == "additionalOffices":
            record["additionalOffices"] = [(o.text or "").strip() for o in child if (o.text or "").strip()]
        else:
            record[child.tag] = (child.text or "").strip()
    return record


def _posting(record: dict[str, Any], board: str, host: str, ctx: SourceContext) -> Posting:
    position_id = required(record, "id")
    employment = text_of(record.get("employmentType"))
    schedule = text_of(record.get("schedule"))
    sections = [
        f"<h3>{html.escape(d['name'])}</h3>{d['value']}"
        for d in record.get("jobDescriptions", ())
        if d["value"]
    ]
    return Posting(
        id=scoped_id(KIND, board, position_id),
        title=required(record, "name"),
        company=ctx.company or text_of(record.get("subcompany")) or board,
        url=f"https://{host}/job/{position_id}",
        source=ctx.source_id,
        location_text=text_of(record.get("office")) or "",
        text="\n".join(sections),
        hints=SourceHints(
            location_texts=tuple(record.get("additionalOffices", ())),
            # "permanent" says less than the schedule ("part-time") does.
            employment_type=schedule if employment == "permanent" and schedule else employment,
            department=text_of(record.get("department")),
        ),
        posted_at=parse_datetime(record.get("createdAt")),
        raw=record,
    )
