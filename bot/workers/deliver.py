"""One deliver job: the existing dispatcher, over one delivery group's outbox, until its work runs out.

A delivery group is a (platform, workspace): a Slack workspace or a Discord server. Its deliver jobs share
one procrastinate lock, so one worker at a time serves a group. That serializes each destination (the
issue's ask: per-channel pacing holds across workers) and also the whole workspace, so Slack's
per-workspace limit and any per-workspace bucket hold too, with no shared counter per channel. The cost is
that one workspace is served by one worker at a time; many workspaces spread over all workers.

The dispatcher's pacing lives in memory, so a job hands it on to the next job of its group, in whatever
process, through ``bot.store.rate_limits`` (``Pacer.hand_on`` / ``take_over``): a channel that just took a
burst is not given another by a fresh pacer. Rows in doubt after a worker died are settled by the
dispatcher's own recovery (read back from the platform, never blindly resent) once their lease runs out.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from bot.delivery.limits import DeliveryLimits
from bot.delivery.pacing import workspace_bucket
from bot.delivery.passes import NO_NOTIFIER_WAIT
from bot.store.outbox import StoreOutbox
from bot.store.rate_limits import load_pacing, save_pacing

if TYPE_CHECKING:
    from bot.app import JobBot

logger = logging.getLogger(__name__)

CHECK_SECONDS = 0.1  # how often the job looks whether its group still has work due


@dataclass(frozen=True, slots=True)
class Handoff:
    """How a deliver job ended: nothing left, more due now (its budget ran out), or more due ``at``."""

    next: Literal["done", "now", "later"]
    at: datetime | None = None


async def deliver_group(
    bot: JobBot,
    group: tuple[str, str],
    *,
    limits: DeliveryLimits,
    budget_seconds: float,
    linger_seconds: float,
    clock: Callable[[], datetime],
) -> Handoff:
    """Serve ``group`` until nothing is due within ``linger_seconds`` or ``budget_seconds`` have passed."""
    if group[0] not in bot.notifiers:  # this worker has no token for the platform: look again later
        logger.warning("no notifier for the group's platform", extra={"group": f"{group[0]}:{group[1]}"})
        return Handoff("later", clock() + NO_NOTIFIER_WAIT)
    outbox = StoreOutbox(bot.engine, group=group)
    dispatcher = bot.make_dispatcher(outbox, limits)
    own_bucket = workspace_bucket(*group)
    outage = dispatcher.pacer.outage_key(*group)  # an outage met by the last job holds this one too
    prefix = f"{group[0]}:{group[1]}:"
    dispatcher.pacer.take_over(load_pacing(bot.engine, group, keys=[own_bucket, outage]), clock())
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.5))
    started = time.monotonic()
    try:
        while not running.done():
            await asyncio.sleep(CHECK_SECONDS)
            next_due = outbox.next_due_at()
            if next_due is None or next_due > clock() + timedelta(seconds=linger_seconds):
                break
            if time.monotonic() - started > budget_seconds:
                break
    finally:
        stop.set()
        await running  # in-flight sends finish and write their receipts before the job ends
        owned = lambda key: key.startswith(prefix) or key in (own_bucket, outage)  # noqa: E731
        save_pacing(bot.engine, dispatcher.pacer.hand_on(clock(), owned))
    next_due = outbox.next_due_at()
    if next_due is None:
        return Handoff("done")
    if next_due <= clock() + timedelta(seconds=linger_seconds):
        return Handoff("now")
    return Handoff("later", next_due)
