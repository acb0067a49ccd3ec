"""From a posting to its outbox rows: extract, store, match, enqueue — in one transaction per posting.

This is the middle of the flow in DESIGN.md: a posting event and the deliveries it causes commit together,
so a crash can lose neither half. The pollers (sources) and the demo feed it; the dispatcher drains the
outbox.
"""

from __future__ import annotations

import gc
import json
import logging
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Connection, Engine

from bot import metrics
from bot.delivery.modes import mode_or_instant
from bot.delivery.schedule import next_due
from bot.extract import extract_posting
from bot.matching import SubscriptionIndex
from bot.models import Destination, Posting, Subscription, to_jsonable
from bot.query import Query, QueryError, parse
from bot.query.stored import from_stored
from bot.store.deliveries import enqueue_delivery
from bot.store.postings import upsert_posting
from bot.store.preferences import dm_owner, is_suppressed
from bot.store.sql import utcnow
from bot.store.subscription_changes import (
    ChangeListener,
    SubscriptionState,
    changes_since,
    latest_seq,
    listens,
)
from bot.store.subscriptions import get_delivery_mode, stream_active_subscriptions

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
    """The live subscription index and where each subscription's cards go, following the change log.

    Guarantee: a subscription committed before a poll's ingest transaction starts is matched by it, and
    one whose pause or removal committed before then is not, whichever process made the change.
    :meth:`enqueue_matches` first applies the change log inside that transaction (:meth:`refresh`), and
    the log is commit-ordered (``bot.store.subscription_changes``), so nothing committed before the read
    is skipped. When nothing changed that costs one indexed read of an empty range (about 0.5 ms on
    PostgreSQL). Between postings a worker may also :meth:`follow` the log (PostgreSQL NOTIFY), so an idle
    index is current within moments too.
    """

    index: SubscriptionIndex
    destinations: dict[int, Destination]
    seq: int = 0  # the change log's seq this index reflects
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @classmethod
    def from_subscriptions(
        cls, subscriptions: Iterable[Subscription], report: IngestReport | None = None
    ) -> Matcher:
        """An index over the unpaused subscriptions; a stored query that no longer parses is reported."""
        rows = (
            (sub.id, sub.query, None, *_destination_fields(sub.destination))
            for sub in subscriptions
            if not sub.paused
        )
        return cls._from_rows(rows, report)

    @classmethod
    def from_store(cls, engine: Engine, report: IngestReport | None = None) -> Matcher:
        """An index over every unpaused subscription in the store, current as of the log's newest seq."""
        # The watermark first, then the rows: a change logged after it is applied again by the next
        # refresh (harmless, the state is re-read); one logged before it is committed, so the rows show it.
        seq = latest_seq(engine)
        matcher = cls._from_rows(stream_active_subscriptions(engine), report)
        matcher.seq = seq
        return matcher

    @classmethod
    def _from_rows(cls, rows: Iterable[Sequence[Any]], report: IngestReport | None) -> Matcher:
        """Build from (id, query, parsed JSON text or None, platform, kind, target, workspace) rows.

        Communities repeat queries ("Paris + French"): a million subscriptions hold far fewer texts, so
        each distinct text is read once (its stored parsed form, else parsed) and its query shared, as
        are destinations and their repeated strings.
        """
        matcher = cls(SubscriptionIndex(), {})
        queries: dict[str, Query | QueryError] = {}
        places: dict[Destination, Destination] = {}
        words: dict[str, str] = {}  # platform, kind and workspace repeat across a million rows
        index, destinations = matcher.index, matcher.destinations
        collecting = gc.isenabled()
        gc.disable()  # millions of new objects, none garbage: the collector would re-walk them over and over
        try:
            for sub_id, text, stored, platform, kind, target, workspace in rows:
                query = queries.get(text)
                if query is None:
                    query = queries[text] = _read_query(text, stored)
                if isinstance(query, QueryError):
                    _unusable(sub_id, query, report)
                    continue
                index.add(sub_id, query)
                if (interned := index.query_of(sub_id)) is not query:
                    queries[text] = interned  # share the index's interned copy, not keep a second one
                destination = Destination(
                    words.setdefault(platform, platform),
                    words.setdefault(kind, kind),
                    target,
                    words.setdefault(workspace, workspace),
                )
                destinations[sub_id] = places.setdefault(destination, destination)
        finally:
            if collecting:
                gc.enable()
        if len(matcher.index) >= _FREEZE_AFTER:
            # A large index lives long: move it out of the cyclic GC's generations, or every full
            # collection walks millions of objects and a posting's match stalls for hundreds of milliseconds.
            gc.collect()
            gc.freeze()
        return matcher

    def refresh(self, bind: Engine | Connection) -> int:
        """Apply the subscription changes logged since :attr:`seq`; returns how many subscriptions changed.

        Pass the ingest transaction's connection to match against everything committed before it began.
        """
        with self.lock:
            changes = changes_since(bind, self.seq)
            if changes.missed:  # the log was pruned past us: only the table can tell what changed
                logger.warning("subscription log pruned past this index; rebuilding", extra={"seq": self.seq})
                self._replace(type(self)._from_rows(stream_active_subscriptions(bind), None), changes.seq)
                return len(self.index)
            for state in changes.states:
                self._apply(state)
            self.seq = changes.seq
            return len(changes.states)

    def _apply(self, state: SubscriptionState) -> None:
        if state.query is None or state.destination is None:  # removed or paused
            self._drop(state.id)
            return
        try:
            query = parse(state.query)
        except QueryError as exc:
            _unusable(state.id, exc, None)
            self._drop(state.id)
            return
        self.index.add(state.id, query)
        self.destinations[state.id] = state.destination

    def _drop(self, sub_id: int) -> None:
        self.index.remove(sub_id)
        self.destinations.pop(sub_id, None)

    def _replace(self, other: Matcher, seq: int) -> None:
        self.index, self.destinations, self.seq = other.index, other.destinations, seq

    def follow(self, engine: Engine, *, every: float = 30.0) -> Follower:
        """Keep this index current in the background: on NOTIFY (PostgreSQL), else every ``every`` s."""
        follower = Follower(self, engine, every)
        follower.start()
        return follower

    def enqueue_matches(self, conn: Connection, posting: Posting, *, now: datetime | None = None) -> int:
        """Queue one outbox row per destination whose subscription matches ``posting``; returns how many.

        The index first catches up with the log in ``conn``'s transaction (see the class docstring).
        """
        queued = 0
        now = now or utcnow()
        with self.lock:
            self.refresh(conn)
            found = self.index.match(posting)
            destinations = [(int(sub_id), reasons, self.destinations[sub_id]) for sub_id, reasons in found]
        for sub_id, reasons, destination in destinations:
            owner = dm_owner(destination)  # a person's mutes and hides apply to their DMs, never a channel
            if owner is not None and is_suppressed(conn, owner, posting):
                continue
            # Read per match, not cached: `/jobs digest` changes a mode without rebuilding the matcher.
            mode = mode_or_instant(get_delivery_mode(conn, sub_id), subscription_id=sub_id)
            row = enqueue_delivery(
                conn,
                destination=destination,
                posting_id=posting.id,
                subscription_id=sub_id,
                reasons=to_jsonable(list(reasons)),
                not_before=next_due(mode, now),  # a digest's time, or the end of quiet hours
                now=now,
            )
            queued += row is not None
        # Counted here, the one place every new posting is matched (polls and imports alike).
        metrics.MATCHES.inc(len(destinations))
        metrics.CARDS_QUEUED.inc(queued)
        return queued


class Follower:
    """A thread that applies subscription changes as they are logged: woken by NOTIFY, else on a timer.

    NOTIFY is only a wake-up: the log is read after every wake-up and every ``every`` seconds, so a lost
    notification (a dropped connection, a restart of PostgreSQL) delays a change, never loses it.
    """

    def __init__(self, matcher: Matcher, engine: Engine, every: float) -> None:
        self.matcher = matcher
        self.engine = engine
        self.every = every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="subscription-follower", daemon=True)

    def start(self) -> None:
        """Start following."""
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop following and wait for the thread (it wakes at least once a second)."""
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        listener: ChangeListener | None = None
        while not self._stop.is_set():
            try:
                if listener is None and listens(self.engine):
                    listener = ChangeListener(self.engine)
                    self.matcher.refresh(self.engine)  # what changed while nobody was listening
                self._wait(listener)
                self.matcher.refresh(self.engine)
            except Exception:
                logger.exception("following subscription changes failed; retrying")
                if listener is not None:
                    listener.close()
                    listener = None
                self._stop.wait(1.0)
        if listener is not None:
            listener.close()

    def _wait(self, listener: ChangeListener | None) -> None:
        """Wait for a notification or ``every`` seconds, checking for stop once a second."""
        deadline = time.monotonic() + self.every
        while not self._stop.is_set() and (left := deadline - time.monotonic()) > 0:
            if listener is None:
                self._stop.wait(min(left, 1.0))
            elif listener.wait(min(left, 1.0)):
                return


def _destination_fields(destination: Destination) -> tuple[str, str, str, str]:
    return (destination.platform, destination.kind, destination.target, destination.workspace)


def _read_query(text: str, stored: str | None) -> Query | QueryError:
    """The subscription's query from its stored parsed form when current, else parsed from its text."""
    if stored is not None:
        query = from_stored(json.loads(stored))
        if query is not None:
            return query
    try:
        return parse(text)
    except QueryError as exc:
        return exc


def _unusable(sub_id: int, exc: QueryError, report: IngestReport | None) -> None:
    logger.warning("subscription query unusable", extra={"subscription": sub_id, "error": str(exc)})
    if report is not None:
        report.skipped_subscriptions.append((sub_id, str(exc)))


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
