"""The dispatcher: drains the outbox through each platform's Notifier, once, on time and within limits.

One pass (``run_once``) first settles rows a dead sender left in flight (asking the platform whether the
card is there before any resend), then serves every destination with due rows or card edits (a posted card
whose posting closed or changed, ``edits``), each on its own schedule, edits paced with the cards:
a destination waiting out a 429, a digest time or quiet hours never holds another up, and nothing sleeps
but a sender whose next token is moments away (``token_lead_seconds``), so that it sends on the token.
Within a destination cards go one at a time and each receipt is written before the next send, so a crash
leaves at most one card in doubt per destination, and that one is checked, not blindly resent. Owner
notices (``notices``) are served the same way, each destination's before its cards: one notice to a DM
that cannot be opened, or waits out a 429, holds up no other destination.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Coroutine, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.delivery.dedupe import CHANNEL_CARD_WAIT
from bot.delivery.edits import CardEditor
from bot.delivery.failures import FailureHandler, PausedNotice
from bot.delivery.limits import DeliveryLimits
from bot.delivery.membership import MembershipLookup
from bot.delivery.notices import NoticeSender
from bot.delivery.notifier import Notifier
from bot.delivery.outbox import EditRow, Outbox, OutboxRow
from bot.delivery.pacing import Pacer
from bot.delivery.passes import (
    NO_NOTIFIER_WAIT,
    Claimed,
    Clock,
    DispatchContext,
    DispatchReport,
    PassState,
    destination_of,
)
from bot.delivery.receipts import ReceiptWriter
from bot.delivery.recovery import claim_in_doubt, settle
from bot.delivery.sending import CardSender
from bot.delivery.serving import DestinationServer
from bot.models import Destination, Posting

__all__ = [
    "CHANNEL_CARD_WAIT",
    "NO_NOTIFIER_WAIT",
    "Clock",
    "DispatchReport",
    "Dispatcher",
    "PausedNotice",
]

logger = logging.getLogger(__name__)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class Dispatcher:
    """Sends due outbox rows through the platform notifiers; see the module docstring."""

    def __init__(
        self,
        outbox: Outbox,
        notifiers: Mapping[str, Notifier],
        *,
        limits: DeliveryLimits | None = None,
        clock: Clock = _utcnow,
        paused_notice: PausedNotice | None = None,
        membership: Mapping[str, MembershipLookup] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._outbox = outbox
        self._notifiers = notifiers
        self._limits = limits or DeliveryLimits()
        self._clock = clock
        self._lease = timedelta(seconds=self._limits.lease_seconds)
        self._lead = timedelta(seconds=self._limits.token_lead_seconds)
        self._pacer = Pacer(self._limits)
        self._ctx = DispatchContext(
            outbox, notifiers, self._limits, clock, self._pacer, self._lease, wake_at=self._wake_at
        )
        self._failures = FailureHandler(self._ctx, rng=rng or random.Random(), paused_notice=paused_notice)
        sender = CardSender(self._ctx, ReceiptWriter(outbox, clock), self._failures)
        editor = CardEditor(self._ctx, self._failures)
        self._notices = NoticeSender(self._ctx, self._failures)
        # The caller may add platforms to ``membership`` later.
        self._server = DestinationServer(
            self._ctx, sender, editor, membership if membership is not None else {}
        )
        self._next_wake: datetime | None = None
        self._wake = asyncio.Event()
        self._busy: dict[str, asyncio.Future[None]] = {}  # destinations being served or settled, by key
        self._settling = asyncio.Semaphore(self._limits.concurrency)  # platform lookups at once
        self._settled = asyncio.Event()  # a destination finished with an earlier next send than planned
        self._sleeping_until: datetime | None = None
        self._room_wanted = False  # the last pass had more ready destinations than free senders

    @property
    def pacer(self) -> Pacer:
        """Its pacing, which a worker's deliver job hands on to the next job of its group."""
        return self._pacer

    # -- the loop -------------------------------------------------------------------------------------

    async def run(self, stop: asyncio.Event, *, max_rows: int = 500, idle_seconds: float = 1.0) -> None:
        """Pass after pass until ``stop`` is set, sleeping only until the next row or token is due.

        Passes do not wait for the destinations they start: a destination still sending (a slow platform
        answer, a burst of cards) is skipped by the next pass, and every other one is served on time.
        """
        try:
            while not stop.is_set():
                started = self._clock()
                try:
                    await self._start_pass(max_rows)
                except Exception:  # a store hiccup must not end delivery; the next pass retries
                    logger.exception("dispatch pass failed")
                await self._sleep(stop, started, idle_seconds)
        finally:
            await asyncio.gather(*self._busy.values(), return_exceptions=True)

    def wake(self) -> None:
        """Start the next pass now (new rows or card edits were queued)."""
        self._wake.set()

    async def run_once(self, max_rows: int = 500) -> DispatchReport:
        """Settle rows in doubt, then send and edit what is due, claiming at most ``max_rows`` in all."""
        state = await self._start_pass(max_rows)
        await asyncio.gather(*self._busy.values(), return_exceptions=True)
        return state.report

    async def _start_pass(self, max_rows: int) -> PassState:
        """Settle rows in doubt, claim for every ready destination at once, and start serving them."""
        now = self._clock()
        self._next_wake = None
        state = PassState(DispatchReport(), budget=max_rows)
        await self._settle_in_doubt(state, now, max_rows)
        # Room for destinations that are waiting (a 429, an empty bucket), so they cannot crowd out the rest.
        limit = max_rows + self._pacer.tracked + len(self._busy)
        self._start_notices(state, now, limit)
        due = self._outbox.due_destinations(now=now, limit=limit)
        edits = self._outbox.due_edits(now=now, limit=limit)
        if len(due) >= limit or len(edits) >= limit:
            self._wake_at(now)  # there may be more due destinations than this pass could see
        both = {key: (due.get(key, 0), edits.get(key, 0)) for key in {**due, **edits}}
        wanted = self._plan(self._ready(both, now), state, now)
        rows = self._claim_many({key: size for key, (size, _, _) in wanted.items()}, state, now)
        claimed_edits = self._claim_edits({key: size for key, (_, _, size) in wanted.items()}, state, now)
        ids = sorted({row.posting_id for claimed in rows.values() for row in claimed})
        # Read after the claims: a change committed later finds these rows in flight (see the store's edits).
        postings = dict(self._outbox.postings(ids)) if ids else {}
        state.closed = self._outbox.closed_posting_ids(ids) if ids else set()
        for key, (_, count, _) in wanted.items():
            claimed = Claimed(rows.get(key, []), count, list(claimed_edits.get(key, ())))
            if claimed.rows or claimed.edits:
                self._start(key, claimed, postings, state)
        # a prober chosen but given nothing to send: another destination of its scope may probe
        self._pacer.free_idle_probes(self._busy.keys())
        return state

    def _start_notices(self, state: PassState, now: datetime, limit: int) -> None:
        """Claim and start sending the owner notices of every destination that may send now.

        Before cards: a notice is rare and short, and its destination's cards go in the next pass.
        """
        due = self._outbox.due_notices(now=now, limit=limit)
        wanted: dict[str, int] = {}
        for key, count in due.items():
            destination = destination_of(key)
            if key in self._busy or len(self._busy) + len(wanted) >= self._limits.concurrency:
                continue
            if self._no_notifier(destination, now):
                continue
            wait = self._pacer.wait(destination, now)
            if wait > self._limits.token_lead_seconds:  # a 429 or an empty bucket: the notices wait
                self._wake_at(now + timedelta(seconds=wait - self._limits.token_lead_seconds))
                continue
            wanted[key] = min(count, self._limits.batch_size)
        if not wanted:
            return
        claimed = self._outbox.claim_notices(wanted, lease=self._lease, now=now)
        for key, notices in claimed.items():
            if notices:
                destination = destination_of(key)
                notifier = self._notifiers[destination.platform]
                self._start_work(key, self._notices.send_each(destination, notifier, notices, state))

    def _no_notifier(self, destination: Destination, now: datetime) -> bool:
        """True (and the destination set aside a while) when no notifier of its platform is wired here."""
        if destination.platform in self._notifiers:
            return False
        logger.warning("no notifier for platform", extra={"platform": destination.platform})
        self._pacer.block(destination, now + NO_NOTIFIER_WAIT)
        self._wake_at(now + NO_NOTIFIER_WAIT)
        return True

    async def _settle_in_doubt(self, state: PassState, now: datetime, max_rows: int) -> None:
        """Settle rows left in flight before serving, each destination on its own.

        The pass waits a moment for them (a destination settled in time is served in this pass); one whose
        platform is slow to answer (a rate-limited history read) settles on while the others are served.
        """
        in_doubt = claim_in_doubt(self._ctx, now, max_rows, busy=self._busy.keys())

        async def settle_one(key: str, messages: list[list[OutboxRow]]) -> None:
            async with self._settling:
                await settle(self._ctx, self._failures, key, messages, state, now)

        for key, messages in in_doubt.items():
            self._start_work(key, settle_one(key, messages))
        if in_doubt:
            waiting = [self._busy[key] for key in in_doubt if key in self._busy]
            if waiting:
                await asyncio.wait(waiting, timeout=self._limits.settle_wait_seconds)

    def _ready(self, due: dict[str, tuple[int, int]], now: datetime) -> list[tuple[Destination, int, int]]:
        """The due destinations that may send now, with their due rows and edits; the rest wait their turn.

        Those whose token comes within ``token_lead_seconds`` follow, soonest first: their senders would
        wait for it, holding a place that a destination able to send now can use first.
        """
        ready: list[tuple[Destination, int, int]] = []
        soon: list[tuple[float, tuple[Destination, int, int]]] = []
        tokens: dict[str, int] = {}
        soonest: float | None = None  # seconds until the first waiting destination is served
        lead = self._limits.token_lead_seconds
        for key, (count, edits) in due.items():
            if key in self._busy:
                continue  # still sending; it asks for the next pass when it is done
            destination = destination_of(key)
            wait = self._pacer.wait(destination, now)
            if wait > 0 and (wait > lead or not self._pacer.shared_ready(destination, now)):
                # Waiting out a 429 or an empty bucket: its rows stay queued, untouched. A shared bucket's
                # next token is not waited for: every destination in it would wait, and one would get it.
                later = wait - lead if wait > lead else wait
                soonest = later if soonest is None else min(soonest, later)
                continue
            if self._no_notifier(destination, now):
                continue
            if wait > 0:
                soon.append((wait, (destination, count, edits)))
                continue
            ready.append((destination, count, edits))
            tokens[key] = self._pacer.tokens(destination, now) or 0
        if soonest is not None:
            self._wake_at(now + timedelta(seconds=soonest))
        # A full bucket refills for nothing: the destinations with the most tokens waiting go first.
        ready.sort(key=lambda entry: -tokens[entry[0].key])
        soon.sort(key=lambda waiting: waiting[0])
        return ready + [entry for _, entry in soon]

    def _plan(
        self, ready: list[tuple[Destination, int, int]], state: PassState, now: datetime
    ) -> dict[str, tuple[int, int, int]]:
        """How much to claim for each ready destination: key -> (rows to claim, rows due, edits to claim).

        While more are ready than this pass can serve, each gets one card and one edit a turn, so every
        one's clock runs.
        """
        room = self._limits.concurrency - len(self._busy)
        crowded = len(ready) > min(room, state.budget)
        self._room_wanted = False
        wanted: dict[str, tuple[int, int, int]] = {}
        for destination, count, edits in ready:
            if room <= 0:
                self._room_wanted = True  # the next pass comes as soon as a sender is free
                break
            if state.budget <= 0:
                self._wake_at(now)  # the pass's budget is spent: the next pass comes at once
                break
            size = min(self._claim_size(destination, count, now, crowded=crowded), state.budget)
            state.budget -= size
            edit_size = min(self._paced_claim_size(destination, edits, now, crowded=crowded), state.budget)
            state.budget -= edit_size
            room -= 1
            wanted[destination.key] = (size, count, edit_size)
        return wanted

    def _claim_many(
        self, wanted: dict[str, int], state: PassState, now: datetime
    ) -> dict[str, list[OutboxRow]]:
        wanted = {key: size for key, size in wanted.items() if size > 0}
        if not wanted:
            return {}
        claimed = self._outbox.claim_due_many(wanted, lease=self._lease, now=now)
        found = {key: list(claimed.get(key, ())) for key in wanted}
        state.budget += sum(wanted.values()) - sum(len(rows) for rows in found.values())
        return found

    def _claim_edits(
        self, wanted: dict[str, int], state: PassState, now: datetime
    ) -> Mapping[str, Sequence[EditRow]]:
        wanted = {key: size for key, size in wanted.items() if size > 0}
        if not wanted:
            return {}
        claimed = self._outbox.claim_edits(wanted, lease=self._lease, now=now)
        state.budget += sum(wanted.values()) - sum(len(edits) for edits in claimed.values())
        return claimed

    def _start(self, key: str, claimed: Claimed, postings: dict[str, Posting], state: PassState) -> None:
        self._start_work(key, self._server.serve(key, claimed, postings, state))

    def _start_work(self, key: str, work: Coroutine[Any, Any, None]) -> None:
        """Run ``work`` for one destination, which is busy (skipped by passes) until it is done."""

        async def serve() -> None:
            try:
                await work
            except Exception:  # one destination's surprise must not stop the others
                logger.exception("destination pass failed", extra={"destination": key})
            finally:
                del self._busy[key]
                self._pacer.probe_over(destination_of(key))
                ready_at = self._pacer.ready_at(destination_of(key), self._clock()) - self._lead
                self._wake_at(ready_at)
                due_sooner = self._sleeping_until is not None and ready_at < self._sleeping_until
                if due_sooner or self._room_wanted:
                    self._settled.set()  # due before the loop's planned wake-up, or a sender is free

        self._busy[key] = asyncio.ensure_future(serve())

    async def _sleep(self, stop: asyncio.Event, started: datetime, idle_seconds: float) -> None:
        """Wait for the next thing due, a wake-up, or ``stop``; things due within a tick share one pass."""
        next_due = self._outbox.next_due_at()
        # Rows due when the pass started were seen by it (served, or waiting with a wake-up set).
        due_at = next_due if next_due is not None and next_due > started else None
        earliest = started + timedelta(seconds=self._limits.pass_interval_seconds)
        while not stop.is_set():
            now = self._clock()
            moments = [started + timedelta(seconds=idle_seconds), self._next_wake, due_at]
            target = min(moment for moment in moments if moment is not None)
            if self._wake.is_set():
                self._wake.clear()
                target = now
            if self._room_wanted and len(self._busy) < self._limits.concurrency:
                target = now  # a sender came free while the last pass was starting the others
            self._sleeping_until = max(target, earliest)
            timeout = (self._sleeping_until - now).total_seconds()
            if timeout <= 0:
                return
            self._settled.clear()  # a destination that finishes sending may move the next wake-up
            waiters = [
                asyncio.ensure_future(stop.wait()),
                asyncio.ensure_future(self._wake.wait()),
                asyncio.ensure_future(self._settled.wait()),
            ]
            done, _ = await asyncio.wait(waiters, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            for waiter in waiters:
                waiter.cancel()
            self._sleeping_until = None
            if not done:  # the timer: something is due now
                return

    def _wake_at(self, moment: datetime) -> None:
        if self._next_wake is None or moment < self._next_wake:
            self._next_wake = moment

    def _claim_size(self, destination: Destination, count: int, now: datetime, *, crowded: bool) -> int:
        """How many rows to claim: what the tokens allow (one when crowded), or a burst going as a digest."""
        threshold = self._limits.burst_digest_threshold
        if threshold is not None and count > threshold:
            return min(count, self._limits.batch_size)
        return self._paced_claim_size(destination, count, now, crowded=crowded)

    def _paced_claim_size(self, destination: Destination, count: int, now: datetime, *, crowded: bool) -> int:
        """How many of ``count`` due cards or edits to claim: what the tokens allow, one when crowded."""
        if count <= 0:
            return 0
        if crowded:
            return 1
        tokens = self._pacer.tokens(destination, now)
        return min(count, self._limits.batch_size, max(1, count if tokens is None else tokens))
