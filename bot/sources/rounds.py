"""One polling round: many sources polled once, a bounded number at a time, each reported on its own.

    results = await poll_round(source_ids, store=store, fetcher=fetcher, now=now, concurrency=50)

``jobbot poll --once`` and ``jobbot bench poll`` run exactly this, so the benchmark times what the command
does. A source's own trouble is already a result (``poll_source`` never raises for it); a bug that still
escapes becomes that source's error result, so one source never hides the others' results.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from bot.sources.poll import Fetch, PollPolicy, PollResult, PollStore, poll_source

logger = logging.getLogger(__name__)

DEFAULT_CONCURRENCY = 50  # sources in flight; the fetcher still limits each host on its own


async def poll_round(
    source_ids: Iterable[str],
    *,
    store: PollStore,
    fetcher: Fetch,
    now: datetime,
    policy: PollPolicy | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    force: bool = False,
    on_result: Callable[[PollResult], None] | None = None,
) -> list[PollResult]:
    """Poll each source once, at most ``concurrency`` at a time; results in the order of ``source_ids``.

    ``on_result`` sees each result as soon as its source is done (to print or time it).
    """
    if concurrency < 1:
        raise ValueError("a polling round needs a concurrency of at least 1")
    gate = asyncio.Semaphore(concurrency)

    async def one(source_id: str) -> PollResult:
        async with gate:
            try:
                result = await poll_source(
                    source_id, store=store, fetcher=fetcher, now=now, policy=policy, force=force
                )
            except Exception as exc:  # the store failed before the poll could record anything
                logger.exception("poll crashed", extra={"source": source_id})
                result = PollResult(
                    source_id, "error", error=f"jobbot failed to poll it ({type(exc).__name__})"
                )
        if on_result is not None:
            on_result(result)
        return result

    return list(await asyncio.gather(*(one(source_id) for source_id in source_ids)))


def result_summary(result: PollResult) -> dict[str, Any]:
    """A poll result as one flat JSON object: counts instead of id lists, times as ISO 8601."""
    return {
        "source": result.source_id,
        "status": result.status,
        "new": len(result.new),
        "updated": len(result.updated),
        "reopened": len(result.reopened),
        "closed": len(result.closed),
        "unchanged": result.unchanged,
        "duplicates": result.duplicates,
        "skipped": result.skipped,
        "cleaned": list(result.cleaned),  # records kept after cleaning: which record, which fields
        "rejected": list(result.rejected),  # postings the store refused, each with why
        "cut": result.cut,  # the listing was longer than a bound and read only in part
        "queued": result.queued,
        "edits": result.edits,
        "first_poll": result.first_poll,
        "error": result.error,
        "failures": result.failures,
        "unhealthy": result.unhealthy,
        "became_unhealthy": result.became_unhealthy,
        "recovered": result.recovered,
        "next_poll_at": result.next_poll_at.isoformat() if result.next_poll_at else None,
    }
