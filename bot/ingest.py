"""From a posting to its outbox rows: extract, store, match, enqueue — in one transaction per posting.

This is the middle of the flow in DESIGN.md: a posting event and the deliveries it causes commit together,
so a crash can lose neither half. The pollers (sources) and the demo feed it; the dispatcher drains the
outbox.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.engine import Connection, Engine

from bot import metrics
from bot.delivery.modes import mode_or_instant
from bot.delivery.schedule import next_due
from bot.extract import extract_posting
from bot.matching import SubscriptionIndex
from bot.models import Destination, Posting, Subscription, to_jsonable
from bot.query import QueryError, parse
from bot.store.deliveries import enqueue_delivery
from bot.store.postings import upsert_posting
from bot.store.preferences import dm_owner, is_suppressed
from bot.store.sql import utcnow
from bot.store.subscriptions import get_delivery_mode, list_subscriptions

logger = logging.getLogger(__name__)

_FREEZE_AFTER = 10_000  # subscriptions


@dataclass(slots=True)
class IngestReport:
    """What one batch of postings did."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    queued: int = 0
    skipped_subscriptions: list[tuple[int, str]] = field(default_factory=list)  # (id, why) unusable queries


@dataclass(slots=True)
class Matcher:
    """The live subscription index and where each subscription's cards go."""

    index: SubscriptionIndex
    destinations: dict[int, Destination]
    queries: dict[int, str]

    @classmethod
    def from_subscriptions(
        cls, subscriptions: Iterable[Subscription], report: IngestReport | None = None
    ) -> Matcher:
        """An index over the unpaused subscriptions; a stored query that no longer parses is reported."""
        matcher = cls(SubscriptionIndex(), {}, {})
        for sub in subscriptions:
            if sub.paused:
                continue
            try:
                matcher.index.add(sub.id, parse(sub.query))
            except QueryError as exc:
                logger.warning(
                    "subscription query unusable", extra={"subscription": sub.id, "error": str(exc)}
                )
                if report is not None:
                    report.skipped_subscriptions.append((sub.id, str(exc)))
                continue
            matcher.destinations[sub.id] = sub.destination
            matcher.queries[sub.id] = sub.query
        if len(matcher.index) >= _FREEZE_AFTER:
            # A large index lives long: move it out of the cyclic GC's generations, or every full
            # collection walks millions of objects and a posting's match stalls for hundreds of milliseconds.
            gc.collect()
            gc.freeze()
        return matcher

    def enqueue_matches(self, conn: Connection, posting: Posting, *, now: datetime | None = None) -> int:
        """Queue one outbox row per destination whose subscription matches ``posting``; returns how many."""
        queued = 0
        now = now or utcnow()
        matches = self.index.match(posting)
        for sub_id, reasons in matches:
            destination = self.destinations[sub_id]
            owner = dm_owner(destination)  # a person's mutes and hides apply to their DMs, never a channel
            if owner is not None and is_suppressed(conn, owner, posting):
                continue
            # Read per match, not cached: `/jobs digest` changes a mode without rebuilding the matcher.
            mode = mode_or_instant(get_delivery_mode(conn, int(sub_id)), subscription_id=int(sub_id))
            row = enqueue_delivery(
                conn,
                destination=destination,
                posting_id=posting.id,
                subscription_id=int(sub_id),
                reasons=to_jsonable(list(reasons)),
                not_before=next_due(mode, now),  # a digest's time, or the end of quiet hours
                now=now,
            )
            queued += row is not None
        # Counted here, the one place every new posting is matched (polls and imports alike).
        metrics.MATCHES.inc(len(matches))
        metrics.CARDS_QUEUED.inc(queued)
        return queued

    @classmethod
    def from_store(cls, engine: Engine, report: IngestReport | None = None) -> Matcher:
        """An index over every unpaused subscription in the store."""
        return cls.from_subscriptions(list_subscriptions(engine, include_paused=False), report)


def ingest(
    engine: Engine, matcher: Matcher, postings: Iterable[Posting], report: IngestReport | None = None
) -> IngestReport:
    """Extract, store and match each posting; new postings queue one delivery per matching destination.

    A destination subscribed twice to overlapping queries still gets one card (the outbox is unique on
    destination and posting); updated postings are stored but not re-announced.
    """
    report = report or IngestReport()
    for posting in postings:
        done = extract_posting(posting)
        with engine.begin() as conn:
            outcome = upsert_posting(conn, done)
            setattr(report, outcome, getattr(report, outcome) + 1)
            metrics.count_postings(new=int(outcome == "new"), updated=int(outcome == "updated"))
            if outcome != "new":
                continue
            report.queued += matcher.enqueue_matches(conn, done)
    return report


def destinations_of(matcher: Matcher) -> Mapping[str, Destination]:
    """Every destination the matcher can deliver to, by its outbox key."""
    return {dest.key: dest for dest in matcher.destinations.values()}
