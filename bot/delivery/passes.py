"""What the parts of a dispatch pass share: the dispatcher's collaborators, one pass's report and caches."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TypeVar

from bot.delivery.limits import DeliveryLimits
from bot.delivery.modes import DeliveryMode
from bot.delivery.notifier import Notifier
from bot.delivery.outbox import EditRow, Outbox, OutboxRow
from bot.delivery.pacing import Pacer
from bot.models import Destination

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
WakeAt = Callable[[datetime], None]

Work = TypeVar("Work")

NO_NOTIFIER_WAIT = timedelta(minutes=1)  # a platform not wired in this process: look again later


@functools.lru_cache(maxsize=8192)
def destination_of(key: str) -> Destination:
    """``Destination.from_key``, remembered: every pass looks up each due destination by its key."""
    return Destination.from_key(key)


@dataclass(slots=True)
class DispatchReport:
    """What one pass did; rows are counted once each (a digest's rows all count as sent)."""

    sent: int = 0  # rows now delivered
    messages: int = 0  # messages posted (a digest is one)
    retried: int = 0  # rows queued again after a transient failure or a 429
    failed: int = 0  # rows given up
    paused: int = 0  # destinations paused because they cannot receive
    duplicates_avoided: int = 0  # DMs a channel card covered, and cards found already posted after a crash
    rate_limited: int = 0  # 429 answers
    unavailable: int = 0  # platform outages (or a refused token) met: those rows wait, no attempt counted
    held: int = 0  # rows put back for a rate limit, a digest time, quiet hours or a channel card
    recovered: int = 0  # rows in doubt found already posted
    edited: int = 0  # messages edited (a posting closed or changed); retried and held count edits too
    edits_failed: int = 0  # edits given up: the message is gone, or the edit kept failing
    notices: int = 0  # owner notices posted (or found posted after a crash)
    notices_failed: int = 0  # owner notices given up: the DM cannot be opened, or it kept failing


@dataclass(frozen=True, slots=True)
class Item:
    """A claimed row with what it needs to be sent."""

    row: OutboxRow
    mode: DeliveryMode
    query: str | None


@dataclass(frozen=True, slots=True)
class Claimed:
    """What a pass claimed for one destination: outbox rows (of ``due`` due) and card edits."""

    rows: list[OutboxRow]
    due: int
    edits: list[EditRow]


@dataclass(slots=True)
class PassState:
    """One pass's shared state: its report, its row budget and its caches."""

    report: DispatchReport
    budget: int
    subscriptions: dict[int, tuple[DeliveryMode, str | None]] = field(default_factory=dict)
    members: dict[tuple[str, str], bool] = field(default_factory=dict)
    closed: set[str] = field(default_factory=set)  # postings read with the pass's postings that are closed


@dataclass(frozen=True, slots=True)
class DispatchContext:
    """The dispatcher's collaborators, handed to each part of a pass; ``wake_at`` asks for a pass by then."""

    outbox: Outbox
    notifiers: Mapping[str, Notifier]
    limits: DeliveryLimits
    clock: Clock
    pacer: Pacer
    lease: timedelta
    wake_at: WakeAt


async def take_token(
    ctx: DispatchContext, destination: Destination, count: int
) -> tuple[datetime, list[datetime]]:
    """Take a send token, waiting for it when it comes within ``token_lead_seconds``.

    Returns when it was taken and [], or, with no token soon enough, the moment it was asked and when
    each of the next ``count`` sends could go.
    """
    now = ctx.clock()
    times = ctx.pacer.take_or_schedule(destination, now, count)
    for _ in range(3):  # the clock may read a little short of the token after the wait: wait the rest
        if not times:
            break
        wait = (times[0] - now).total_seconds()
        if wait > ctx.limits.token_lead_seconds or not ctx.pacer.shared_ready(destination, now):
            break  # a shared bucket's token would go to whichever waiting destination asks first
        await asyncio.sleep(wait)
        now = ctx.clock()
        times = ctx.pacer.take_or_schedule(destination, now, count)
    return now, times


async def token_or_release(
    ctx: DispatchContext,
    destination: Destination,
    pending: Sequence[Work],
    release: Callable[[Work, datetime], None],
    state: PassState,
) -> bool:
    """Take a token for ``pending[0]``, or ``release`` each of ``pending`` for when tokens come (True)."""
    _, times = await take_token(ctx, destination, len(pending))
    if not times:
        return False
    for work, at in zip(pending, times, strict=True):
        release(work, at)
    state.report.held += len(pending)
    ctx.wake_at(times[0])
    return True


def platform_answered(ctx: DispatchContext, destination: Destination) -> None:
    """A request for ``destination`` was answered: an outage holding its scope is over, the others resume."""
    if ctx.pacer.answered(destination):
        ctx.wake_at(ctx.clock())
        logger.info(
            "platform answered again: held destinations resume",
            extra={"destination": destination.key, "scope": ctx.pacer.outage_scope(destination)},
        )
