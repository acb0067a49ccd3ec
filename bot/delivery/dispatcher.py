"""The dispatcher: drains the outbox through each platform's Notifier, once, on time and within limits.

One pass (``run_once``) first settles rows a dead sender left in flight (asking the platform whether the
card is there before any resend), then serves every destination with due rows, each on its own schedule:
a destination waiting out a 429, a digest time or quiet hours never holds another up, and nothing sleeps.
Within a destination cards go one at a time and each receipt is written before the next send, so a crash
leaves at most one card in doubt per destination, and that one is checked, not blindly resent.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot.delivery.backoff import retry_delay
from bot.delivery.compose import card_for, digest_for
from bot.delivery.dedupe import covering_channel_row
from bot.delivery.edits import EditReport, update_cards
from bot.delivery.limits import DeliveryLimits
from bot.delivery.membership import MembershipLookup
from bot.delivery.modes import INSTANT, DeliveryMode, mode_or_instant
from bot.delivery.notifier import DeliveryError, Notifier
from bot.delivery.outbox import DIGEST_NOTE, Outbox, OutboxRow, idempotency_key
from bot.delivery.pacing import Pacer
from bot.delivery.receipts import ReceiptWriter
from bot.delivery.schedule import held_until
from bot.models import Destination, Posting

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]
OnDestinationFailed = Callable[[Destination, DeliveryError], Awaitable[None] | None]

NO_NOTIFIER_WAIT = timedelta(minutes=1)  # a platform not wired in this process: look again later
CHANNEL_CARD_WAIT = timedelta(seconds=5)  # a DM waiting for the channel card that may cover it


def _utcnow() -> datetime:
    return datetime.now(UTC)


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
    held: int = 0  # rows put back for a rate limit, a digest time, quiet hours or a channel card
    recovered: int = 0  # rows in doubt found already posted


@dataclass(frozen=True, slots=True)
class _Item:
    """A claimed row with what it needs to be sent."""

    row: OutboxRow
    mode: DeliveryMode
    query: str | None


@dataclass(slots=True)
class _Pass:
    """One pass's shared state: its report, its row budget and its caches."""

    report: DispatchReport
    budget: int
    subscriptions: dict[int, tuple[DeliveryMode, str | None]] = field(default_factory=dict)
    members: dict[tuple[str, str], bool] = field(default_factory=dict)


class Dispatcher:
    """Sends due outbox rows through the platform notifiers; see the module docstring."""

    def __init__(
        self,
        outbox: Outbox,
        notifiers: Mapping[str, Notifier],
        *,
        limits: DeliveryLimits | None = None,
        clock: Clock = _utcnow,
        on_destination_failed: OnDestinationFailed | None = None,
        membership: Mapping[str, MembershipLookup] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self._outbox = outbox
        self._notifiers = notifiers
        self._limits = limits or DeliveryLimits()
        self._clock = clock
        self._on_destination_failed = on_destination_failed
        self._membership = membership if membership is not None else {}  # the caller may add platforms later
        self._rng = rng or random.Random()
        self._lease = timedelta(seconds=self._limits.lease_seconds)
        self._pacer = Pacer(self._limits)
        self._receipts = ReceiptWriter(outbox, clock)
        self._next_wake: datetime | None = None
        self._wake = asyncio.Event()
        self._busy: dict[str, asyncio.Future[None]] = {}  # destinations being served, by key
        self._settled = asyncio.Event()  # a destination finished with an earlier next send than planned
        self._sleeping_until: datetime | None = None
        self._room_wanted = False  # the last pass had more ready destinations than free senders

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
        """Start the next pass now (new rows were queued)."""
        self._wake.set()

    async def run_once(self, max_rows: int = 500) -> DispatchReport:
        """Settle rows in doubt, then send what is due, claiming at most ``max_rows`` rows."""
        state = await self._start_pass(max_rows)
        await asyncio.gather(*self._busy.values(), return_exceptions=True)
        return state.report

    async def _start_pass(self, max_rows: int) -> _Pass:
        """Settle rows in doubt, claim for every ready destination at once, and start serving them."""
        now = self._clock()
        self._next_wake = None
        state = _Pass(DispatchReport(), budget=max_rows)
        await self._recover(state, now, max_rows)
        # Room for destinations that are waiting (a 429, an empty bucket), so they cannot crowd out the rest.
        limit = max_rows + self._pacer.tracked + len(self._busy)
        due = self._outbox.due_destinations(now=now, limit=limit)
        if len(due) >= limit:
            self._wake_at(now)  # there may be more due destinations than this pass could see
        room = self._limits.concurrency - len(self._busy)
        self._room_wanted = False
        ready: list[tuple[Destination, int]] = []
        for key, count in due.items():
            if key in self._busy:
                continue  # still sending; it asks for the next pass when it is done
            destination = Destination.from_key(key)
            ready_at = self._pacer.ready_at(destination, now)
            if ready_at > now:  # waiting out a 429 or an empty bucket: its rows stay queued, untouched
                self._wake_at(ready_at)
                continue
            if destination.platform not in self._notifiers:
                logger.warning("no notifier for platform", extra={"platform": destination.platform})
                self._pacer.block(destination, now + NO_NOTIFIER_WAIT)
                self._wake_at(now + NO_NOTIFIER_WAIT)
                continue
            ready.append((destination, count))
        # A full bucket refills for nothing: the destinations with the most tokens waiting go first, and
        # while more are ready than this pass can serve, each gets one card a turn, so every one's clock runs.
        ready.sort(key=lambda pair: -(self._pacer.tokens(pair[0], now) or 0))
        crowded = len(ready) > min(room, state.budget)
        wanted: dict[str, tuple[int, int]] = {}  # key -> (rows to claim, rows due)
        for destination, count in ready:
            if room <= 0:
                self._room_wanted = True  # the next pass comes as soon as a sender is free
                break
            if state.budget <= 0:
                self._wake_at(now)  # the pass's budget is spent: the next pass comes at once
                break
            size = min(self._claim_size(destination, count, now, crowded=crowded), state.budget)
            state.budget -= size
            room -= 1
            wanted[destination.key] = (size, count)
        claimed = self._claim_many({key: size for key, (size, _) in wanted.items()}, state, now)
        ids = {row.posting_id for rows in claimed.values() for row in rows}
        postings = dict(self._outbox.postings(sorted(ids))) if ids else {}
        for key, rows in claimed.items():
            if rows:
                self._start(key, rows, wanted[key][1], postings, state)
        return state

    def _claim_many(self, wanted: dict[str, int], state: _Pass, now: datetime) -> dict[str, list[OutboxRow]]:
        if not wanted:
            return {}
        claimed = self._outbox.claim_due_many(wanted, lease=self._lease, now=now)
        found = {key: list(claimed.get(key, ())) for key in wanted}
        state.budget += sum(wanted.values()) - sum(len(rows) for rows in found.values())
        return found

    def _start(
        self, key: str, rows: list[OutboxRow], count: int, postings: dict[str, Posting], state: _Pass
    ) -> None:
        async def serve() -> None:
            try:
                await self._serve(key, rows, count, postings, state)
            except Exception:  # one destination's surprise must not stop the others
                logger.exception("destination pass failed", extra={"destination": key})
            finally:
                del self._busy[key]
                ready_at = self._pacer.ready_at(Destination.from_key(key), self._clock())
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

    # -- one destination ------------------------------------------------------------------------------

    async def _serve(
        self, key: str, rows: list[OutboxRow], count: int, postings: dict[str, Posting], state: _Pass
    ) -> None:
        """Send one destination's claimed ``rows`` (of ``count`` due): card by card, or as one digest."""
        destination = Destination.from_key(key)
        notifier = self._notifiers[destination.platform]
        now = self._clock()
        items = [self._item(row, state) for row in rows]
        if rows and len(rows) < count and any(item.mode.is_digest for item in items):
            # A digest is due: it takes every row due with it, whatever the tokens would allow one by one.
            more = self._claim(key, self._limits.batch_size - len(rows), state, now)
            items += [self._item(row, state) for row in more]
        items = self._hold_by_schedule(items, state, now)
        if destination.kind == "dm" and items:
            items = await self._skip_covered_dms(destination, items, state, now)
        missing = sorted({item.row.posting_id for item in items} - postings.keys())
        if missing:
            postings.update(self._outbox.postings(missing))
        gone = [item.row.id for item in items if item.row.posting_id not in postings]
        if gone:
            self._outbox.fail(gone, error="the posting is no longer stored")
            state.report.failed += len(gone)
        items = [item for item in items if item.row.posting_id in postings]
        if not items:
            return
        threshold = self._limits.burst_digest_threshold
        if any(item.mode.is_digest for item in items) or (threshold is not None and len(items) > threshold):
            await self._send_digest(destination, notifier, items, postings, state)
        else:
            await self._send_each(destination, notifier, items, postings, state)

    def _claim_size(self, destination: Destination, count: int, now: datetime, *, crowded: bool) -> int:
        """How many rows to claim: what the tokens allow (one when crowded), or a burst going as a digest."""
        threshold = self._limits.burst_digest_threshold
        if threshold is not None and count > threshold:
            return min(count, self._limits.batch_size)
        if crowded:
            return 1
        tokens = self._pacer.tokens(destination, now)
        return min(count, self._limits.batch_size, max(1, count if tokens is None else tokens))

    def _claim(self, key: str, wanted: int, state: _Pass, now: datetime) -> list[OutboxRow]:
        limit = min(wanted, state.budget)
        if limit <= 0:
            self._wake_at(now)  # the pass's budget is spent: the next pass comes at once
            return []
        state.budget -= limit
        rows = list(self._outbox.claim_due(destination_key=key, limit=limit, lease=self._lease, now=now))
        state.budget += limit - len(rows)
        return rows

    def _item(self, row: OutboxRow, state: _Pass) -> _Item:
        sub_id = row.subscription_id
        if sub_id is None:  # its subscription was removed after this card was queued
            return _Item(row, INSTANT, None)
        if sub_id not in state.subscriptions:
            subscription = self._outbox.subscription(sub_id)
            mode = mode_or_instant(self._outbox.delivery_mode(sub_id), subscription_id=sub_id)
            state.subscriptions[sub_id] = (mode, subscription.query if subscription else None)
        mode, query = state.subscriptions[sub_id]
        return _Item(row, mode, query)

    def _hold_by_schedule(self, items: list[_Item], state: _Pass, now: datetime) -> list[_Item]:
        """Put back rows whose digest time or quiet hours have not come (the mode may have changed)."""
        ready = []
        for item in items:
            until = held_until(item.mode, item.row.created_at, now)
            if until is None:
                ready.append(item)
                continue
            self._outbox.release([item.row.id], at=until)
            state.report.held += 1
            self._wake_at(until)
        return ready

    async def _send_each(
        self,
        destination: Destination,
        notifier: Notifier,
        items: list[_Item],
        postings: Mapping[str, Posting],
        state: _Pass,
    ) -> None:
        for index, item in enumerate(items):
            if self._wait_for_token(destination, items[index:], state):
                return
            card = card_for(postings[item.row.posting_id], item.row.reasons, item.query)
            try:
                message_id = await notifier.send(
                    destination, card, idempotency_key=idempotency_key(item.row.id)
                )
            except Exception as exc:
                if await self._send_failed(
                    destination, [item], items[index + 1 :], _as_delivery_error(exc), state
                ):
                    return
                continue
            await self._receipts.write([item.row.id], message_id)
            state.report.sent += 1
            state.report.messages += 1

    async def _send_digest(
        self,
        destination: Destination,
        notifier: Notifier,
        items: list[_Item],
        postings: Mapping[str, Posting],
        state: _Pass,
    ) -> None:
        if self._wait_for_token(destination, items, state, together=True):
            return
        ids = [item.row.id for item in items]
        key = idempotency_key(min(ids))
        # Written before the send: after a crash, every row of this digest is checked under its one key.
        self._outbox.note_in_flight(ids, note=DIGEST_NOTE + key)
        cards = [card_for(postings[i.row.posting_id], i.row.reasons, i.query) for i in items]
        digest = digest_for(cards, [i.query for i in items], max_cards=self._limits.digest_max_cards)
        try:
            message_id = await notifier.send(destination, digest, idempotency_key=key)
        except Exception as exc:
            await self._send_failed(destination, items, [], _as_delivery_error(exc), state)
            return
        await self._receipts.write(ids, message_id)
        state.report.sent += len(ids)
        state.report.messages += 1

    def _wait_for_token(
        self, destination: Destination, pending: Sequence[_Item], state: _Pass, *, together: bool = False
    ) -> bool:
        """Take a send token, or put ``pending`` back for when tokens come (True: stop sending)."""
        now = self._clock()
        if self._pacer.ready_at(destination, now) <= now:
            self._pacer.take(destination, now)
            return False
        # Staggered to the tokens' schedule, so each comes back when it can go (a digest needs one).
        times = self._pacer.schedule(destination, now, 1 if together else len(pending))
        for item, at in zip(pending, times if not together else times * len(pending), strict=True):
            self._outbox.release([item.row.id], at=at)
        state.report.held += len(pending)
        self._wake_at(times[0])
        return True

    # -- failures -------------------------------------------------------------------------------------

    async def _send_failed(
        self,
        destination: Destination,
        failed: list[_Item],
        rest: list[_Item],
        error: DeliveryError,
        state: _Pass,
    ) -> bool:
        """Act on a failed send of ``failed`` (one message); True when the rest must not be sent now."""
        now = self._clock()
        ids = [item.row.id for item in failed]
        log = {"destination": destination.key, "kind": error.kind, "code": error.code, "rows": ids}
        if error.kind == "rate_limited":
            wait = error.retry_after if error.retry_after is not None else self._limits.rate_limited_seconds
            until = now + timedelta(seconds=max(0.0, wait))
            self._pacer.block(destination, until)
            self._outbox.release(ids + [item.row.id for item in rest], at=until, note=str(error))
            state.report.rate_limited += 1
            state.report.retried += len(ids)
            state.report.held += len(rest)
            self._wake_at(until)
            logger.info("rate limited", extra={**log, "retry_after": wait})
            return True
        if error.kind == "permanent":
            await self._destination_failed(destination, error, ids + [item.row.id for item in rest], state)
            return True
        if error.kind == "unknown":
            # The platform may have it: leave the rows in flight and ask it (find_sent) a little later.
            note = DIGEST_NOTE + idempotency_key(min(ids)) if len(ids) > 1 else f"outcome unknown: {error}"
            recheck = now + timedelta(seconds=self._limits.unknown_recheck_seconds)
            self._outbox.note_in_flight(ids, note=note, recheck_at=recheck)
            self._wake_at(recheck)
            logger.warning("send outcome unknown", extra=log)
            return False
        attempts = max(item.row.attempts for item in failed)
        if attempts >= self._limits.max_attempts:
            self._outbox.fail(ids, error=str(error))
            state.report.failed += len(ids)
            logger.warning("card given up", extra={**log, "attempts": attempts})
            return False
        delay = retry_delay(
            attempts, base=self._limits.retry_base_seconds, cap=self._limits.retry_max_seconds, rng=self._rng
        )
        at = now + timedelta(seconds=delay)
        for delivery_id in ids:
            self._outbox.retry(delivery_id, at=at, error=str(error))
        state.report.retried += len(ids)
        self._wake_at(at)
        logger.info("send failed, will retry", extra={**log, "attempts": attempts, "retry_in": delay})
        return False

    async def _destination_failed(
        self, destination: Destination, error: DeliveryError, ids: list[int], state: _Pass
    ) -> None:
        """The destination cannot receive: give up its cards, pause its subscriptions, tell the owner."""
        reason = f"{destination.kind} cannot receive cards: {error}"
        if ids:
            self._outbox.fail(ids, error=reason)
        given_up = len(ids) + self._outbox.fail_queued(destination.key, error=reason)
        paused = self._outbox.pause_destination(destination.key)
        state.report.failed += given_up
        state.report.paused += 1
        logger.warning(
            "destination paused",
            extra={"destination": destination.key, "code": error.code, "subscriptions": paused},
        )
        if self._on_destination_failed is None:
            return
        try:
            outcome = self._on_destination_failed(destination, error)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception:  # telling the owner is best effort; the pause already happened
            logger.exception("owner notification failed", extra={"destination": destination.key})

    # -- rows in doubt --------------------------------------------------------------------------------

    async def _recover(self, state: _Pass, now: datetime, limit: int) -> None:
        """Settle rows left in flight: mark them sent if the platform has them, else queue them again."""
        rows = self._outbox.claim_unknown(limit=limit, lease=self._lease, now=now)
        groups: dict[tuple[str, str], list[OutboxRow]] = {}
        for row in rows:
            note = row.error or ""
            key = note.removeprefix(DIGEST_NOTE) if note.startswith(DIGEST_NOTE) else idempotency_key(row.id)
            groups.setdefault((row.destination_key, key), []).append(row)
        gate = asyncio.Semaphore(self._limits.concurrency)

        async def settle(destination_key: str, key: str, group: list[OutboxRow]) -> None:
            async with gate:
                await self._settle(Destination.from_key(destination_key), key, group, state, now)

        await asyncio.gather(*(settle(dest, key, group) for (dest, key), group in groups.items()))

    async def _settle(
        self, destination: Destination, key: str, rows: list[OutboxRow], state: _Pass, now: datetime
    ) -> None:
        ids = [row.id for row in rows]
        note = rows[0].error or ""
        notifier = self._notifiers.get(destination.platform)
        blocked = self._pacer.blocked_until(destination, now)
        if notifier is None or blocked is not None:
            recheck = blocked or now + NO_NOTIFIER_WAIT
            self._outbox.note_in_flight(ids, note=note, recheck_at=recheck)
            self._wake_at(recheck)
            return
        try:
            found = await notifier.find_sent(destination, key)
        except Exception as exc:
            error = _as_delivery_error(exc)
            if error.kind == "permanent":
                await self._destination_failed(destination, error, ids, state)
                return
            wait = self._limits.unknown_recheck_seconds
            if error.kind == "rate_limited":
                wait = (
                    error.retry_after if error.retry_after is not None else self._limits.rate_limited_seconds
                )
                self._pacer.block(destination, now + timedelta(seconds=wait))
            self._outbox.note_in_flight(ids, note=note, recheck_at=now + timedelta(seconds=wait))
            self._wake_at(now + timedelta(seconds=wait))
            return
        if found is not None:
            self._outbox.mark_sent(ids, message_id=found, now=now)
            state.report.recovered += len(ids)
            state.report.duplicates_avoided += len(ids)
            return
        # Not there: it never reached the platform. Queue it now; this pass sends it (once).
        self._outbox.release(ids, at=now, note="resent: not found after an unknown outcome")

    # -- the DM-versus-channel rule -------------------------------------------------------------------

    async def _skip_covered_dms(
        self, destination: Destination, items: list[_Item], state: _Pass, now: datetime
    ) -> list[_Item]:
        """Drop DM cards for postings already (or about to be) posted in a channel the person is in."""
        lookup = self._membership.get(destination.platform)
        if lookup is None:
            return items
        keep = []
        for item in items:
            covering = None
            if not item.mode.also_when_in_channel:
                covering = await covering_channel_row(
                    self._outbox, destination, item.row.posting_id, lookup, state.members
                )
            if covering is None:
                keep.append(item)
            elif covering.state == "sent":
                self._outbox.mark_sent([item.row.id], message_id=None, now=now)
                state.report.duplicates_avoided += 1
            else:  # the channel card is still to go: wait for it, and send the DM only if it fails
                at = max(covering.next_attempt_at, now) + CHANNEL_CARD_WAIT
                self._outbox.release([item.row.id], at=at, note=f"waiting for channel card {covering.id}")
                state.report.held += 1
                self._wake_at(at)
        return keep

    # -- lifecycle edits ------------------------------------------------------------------------------

    async def update_cards(self, posting_id: str, closed: bool) -> EditReport:
        """Edit every card already posted for a posting: "Closed", or its updated fields."""
        return await update_cards(
            self._outbox,
            self._notifiers,
            posting_id,
            closed=closed,
            digest_max_cards=self._limits.digest_max_cards,
        )


def _as_delivery_error(exc: BaseException) -> DeliveryError:
    """A Notifier's failure as a DeliveryError; anything unexpected may have been sent, so "unknown"."""
    if isinstance(exc, DeliveryError):
        return exc
    logger.error("notifier raised an unexpected error", exc_info=exc)
    return DeliveryError("unknown", f"{type(exc).__name__}: {exc}")
