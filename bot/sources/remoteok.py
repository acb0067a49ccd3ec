"""RemoteOK-style JSON: a list whose first element is a legal notice, then the jobs."""

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
    fix_mojibake,
    load_json,
    parse_datetime,
    required,
    scoped_id,
    strip_tracking,
    text_of,
)

KIND = "remoteok"
# Tags that name the kind of contract; the other tags name skills and fields ("python", "marketing").
_TYPE_TAGS = frozenset(
    {
        "full-time", "full time", "fulltime", "part-time", "part time", "parttime", "contract", "contractor",
        "freelance", "internship", "intern", "temporary", "temp",
    }
)  # fmt: skip


def parse(payload: Payload, ctx: SourceContext) -> ParseResult:
    """Read the postings of a RemoteOK API list; the legal notice is reported as skipped."""
    data = load_json(payload, KIND)
    if not isinstance(data, list):
        raise SourceFormatError(KIND, "a JSON list of jobs", describe(data))
    board = ctx.board or "remoteok"
    return collect(KIND, data, lambda job: _posting(job, board, ctx))


def _posting(job: dict[str, Any], board: str, ctx: SourceContext) -> Posting | Skip:
    if "legal" in job and "position" not in job:
        return Skip("notice", "the API's terms of use")
    job_id = required(job, "id")
    return Posting(
        id=scoped_id(KIND, board, job_id),
        # The feed sends some UTF-8 text decoded as Latin-1 ("GdaÅ\x84sk"); read it back.
        title=fix_mojibake(required(job, "position")),
        company=fix_mojibake(text_of(job.get("company")) or ctx.company or ""),
        url=strip_tracking(text_of(job.get("apply_url")) or text_of(job.get("url"))),
        source=ctx.source_id,
        location_text=fix_mojibake(text_of(job.get("location")) or ""),
        text=fix_mojibake(text_of(job.get("description")) or ""),
        # the board lists remote jobs only
        hints=SourceHints(is_remote=True, employment_type=_type_tag(job.get("tags"))),
        posted_at=parse_datetime(job.get("date") or job.get("epoch")),
        raw=job,
    )


def _type_tag(tags: Any) -> str | None:
    """The one tag that names the kind of contract ("full-time"), if the job's tags name exactly one."""
    if not isinstance(tags, list):
        return None
    named = {tag.strip().lower() for tag in tags if isinstance(tag, str)} & _TYPE_TAGS
    return named.pop() if len(named) == 1 else None
