"""Failed sends and edits: a 429 waits, a transient failure backs off, a permanent one pauses the destination.

An outage of the platform (``unavailable``: no connection, 502/503/504, the bot's token refused) is no
fault of the card: its rows wait, with no attempt counted, for as long as the outage lasts; nothing is given
up and nothing is paused. It holds the outage's whole scope (the platform, or a Slack workspace: see
``bot.delivery.pacing``) a minute (or as long as the notifier says); then one probe goes, and the rest
follow once the platform answers it. Any answer but an outage (a success, a 429, a refusal) lifts the hold.

An unknown outcome of a send is left in flight, to be checked with ``find_sent`` before any resend. An edit
is idempotent, so an unknown outcome is simply retried, and a permanent refusal gives up that edit alone
(the message was deleted): the destination's cards still go, and its subscriptions are not paused.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from bot import metrics
from bot.delivery.backoff import retry_delay
from bot.delivery.limits import DeliveryLimits
from bot.delivery.notifier import DeliveryError
from bot.delivery.outbox import DIGEST_NOTE, EditRow, NoticeRow
from bot.delivery.passes import DispatchContext, Item, PassState, platform_answered
from bot.models import Destination

logger = logging.getLogger(__name__)

# What to tell the owners of a destination that was paused, or None to tell nobody: the words come from
# the composition root; the store queues them with the pause, and the dispatcher sends them
# (``bot.delivery.notices``).
PausedNotice = Callable[[Destination, DeliveryError], str | None]


class FailureHandler:
    """Acts on a failed send or lookup: puts rows back, retries, gives up, or pauses the destination."""

    def __init__(
        self,
        context: DispatchContext,
        *,
        rng: random.Random,
        paused_notice: PausedNotice | None = None,
    ) -> None:
        self._ctx = context
        self._rng = rng
        self._paused_notice = paused_notice

    async def send_failed(
        self,
        destination: Destination,
        failed: list[Item],
        rest: list[Item],
        error: DeliveryError,
        state: PassState,
        *,
        digest: str | None = None,
    ) -> bool:
        """Act on a failed send of ``failed`` (one message: a digest sent as ``digest``, or a card).

        True when the rest must not be sent now.
        """
        ctx = self._ctx
        now = ctx.clock()
        self.heard(destination, error)
        ids = [item.row.id for item in failed]
        log = {"destination": destination.key, "kind": error.kind, "code": error.code, "rows": ids}
        if error.kind in ("rate_limited", "unavailable"):
            until = self._held_back(destination, error, now, state, log)
            ctx.outbox.release(ids + [item.row.id for item in rest], at=until, note=str(error))
            state.report.retried += len(ids)
            state.report.held += len(rest)
            return True
        if error.kind == "permanent":
            await self.destination_failed(destination, error, ids + [item.row.id for item in rest], state)
            return True
        if error.kind == "unknown":
            # The platform may have it: leave the rows in flight and ask it (find_sent) a little later.
            note = DIGEST_NOTE + digest if digest is not None else f"outcome unknown: {error}"
            recheck = now + timedelta(seconds=ctx.limits.unknown_recheck_seconds)
            ctx.outbox.note_in_flight(ids, note=note, recheck_at=recheck)
            ctx.wake_at(recheck)
            logger.warning("send outcome unknown", extra=log)
            return False
        attempts = max(item.row.attempts for item in failed)
        if attempts >= ctx.limits.max_attempts:
            ctx.outbox.fail(ids, error=str(error))
            state.report.failed += len(ids)
            metrics.CARDS_FAILED.labels(destination.platform).inc(len(ids))
            logger.warning("card given up", extra={**log, "attempts": attempts})
            return False
        at = self._backoff(attempts, now)
        for delivery_id in ids:
            ctx.outbox.retry(delivery_id, at=at, error=str(error))
        state.report.retried += len(ids)
        retry_in = (at - now).total_seconds()
        logger.info("send failed, will retry", extra={**log, "attempts": attempts, "retry_in": retry_in})
        return False

    async def edit_failed(
        self,
        destination: Destination,
        edit: EditRow,
        rest: Sequence[EditRow],
        error: DeliveryError,
        state: PassState,
    ) -> bool:
        """Act on a failed edit; True when the rest of the destination's edits must wait (a 429)."""
        ctx = self._ctx
        now = ctx.clock()
        self.heard(destination, error)
        log = {"destination": destination.key, "kind": error.kind, "code": error.code, "edit": edit.id}
        if error.kind in ("rate_limited", "unavailable"):
            held = [edit.id, *(other.id for other in rest)]
            self._hold(destination, error, state, log, held, ctx.outbox.release_edits)
            return True
        if error.kind == "permanent" or edit.attempts >= ctx.limits.max_attempts:
            ctx.outbox.fail_edit(edit.id, error=str(error))
            state.report.edits_failed += 1
            metrics.CARD_EDITS.labels(destination.platform, "failed").inc()
            logger.warning("card edit given up", extra={**log, "posting": edit.posting_id})
            return False
        # Transient, or unknown: editing a message twice leaves it as once, so simply do it again later.
        at = self._backoff(edit.attempts, now)
        ctx.outbox.retry_edit(edit.id, at=at, error=str(error))
        state.report.retried += 1
        retry_in = (at - now).total_seconds()
        logger.info(
            "card edit failed, will retry", extra={**log, "attempts": edit.attempts, "retry_in": retry_in}
        )
        return False

    def notice_failed(
        self,
        destination: Destination,
        notice: NoticeRow,
        rest: Sequence[NoticeRow],
        error: DeliveryError,
        state: PassState,
    ) -> bool:
        """Act on a failed owner notice (its send, or the look for it); True when the rest must wait.

        A notice never pauses anything: a DM that cannot be opened gives that notice up, and a notice that
        keeps failing is given up after ``max_attempts``, each said in the log. An unknown outcome leaves
        it in flight, to be looked for (``find_sent``) before it goes again.
        """
        ctx = self._ctx
        now = ctx.clock()
        self.heard(destination, error)
        log = {"destination": destination.key, "kind": error.kind, "code": error.code, "notice": notice.id}
        if error.kind in ("rate_limited", "unavailable"):
            held = [notice.id, *(other.id for other in rest)]
            self._hold(destination, error, state, log, held, ctx.outbox.release_notices)
            return True
        if error.kind == "unknown":
            recheck = now + timedelta(seconds=ctx.limits.unknown_recheck_seconds)
            ctx.outbox.notice_in_flight(notice.id, note=f"outcome unknown: {error}", recheck_at=recheck)
            ctx.wake_at(recheck)
            logger.warning("owner notice outcome unknown", extra=log)
            return False
        if error.kind == "permanent" or notice.attempts >= ctx.limits.max_attempts:
            ctx.outbox.fail_notice(notice.id, error=str(error))
            state.report.notices_failed += 1
            metrics.OWNER_NOTICES.labels(destination.platform, "failed").inc()
            logger.warning(
                "owner notice given up: the owner cannot be told",
                extra={**log, "attempts": notice.attempts, "error": str(error)},
            )
            return False
        at = self._backoff(notice.attempts, now)
        ctx.outbox.retry_notice(notice.id, at=at, error=str(error))
        state.report.retried += 1
        retry_in = (at - now).total_seconds()
        logger.info(
            "owner notice failed, will retry",
            extra={**log, "attempts": notice.attempts, "retry_in": retry_in},
        )
        return False

    def heard(self, destination: Destination, error: DeliveryError) -> None:
        """What a failure says of an outage holding the destination's scope.

        The platform answered (a 429, a refusal, an error of its own): it is up, the hold is lifted. No
        answer in time (unknown) from the probe: the scope is held again. An outage is held by ``_held_back``.
        """
        if error.kind in ("rate_limited", "transient", "permanent"):
            platform_answered(self._ctx, destination)
        elif error.kind == "unknown":
            now = self._ctx.clock()
            self._ctx.pacer.probe_unanswered(destination, now)

    def _hold(
        self,
        destination: Destination,
        error: DeliveryError,
        state: PassState,
        log: dict[str, Any],
        ids: list[int],
        release: Callable[..., None],
    ) -> None:
        """A 429 or an outage on the first of ``ids``: hold (the destination, or the outage's scope)."""
        until = self._held_back(destination, error, self._ctx.clock(), state, log)
        release(ids, at=until, note=str(error))
        state.report.retried += 1
        state.report.held += len(ids) - 1

    def _held_back(
        self,
        destination: Destination,
        error: DeliveryError,
        now: datetime,
        state: PassState,
        log: dict[str, Any],
    ) -> datetime:
        """Hold the destination for a 429's Retry-After, or its outage's scope; returns when it may send."""
        ctx = self._ctx
        wait = error.retry_after if error.retry_after is not None else held_seconds(error, ctx.limits)
        until = now + timedelta(seconds=max(0.0, wait))
        ctx.wake_at(until)
        if error.kind == "unavailable":
            ctx.pacer.hold_scope(destination, until)
            state.report.unavailable += 1
            metrics.PLATFORM_UNAVAILABLE.labels(destination.platform).inc()
            logger.warning(
                "platform unavailable: cards kept, will probe again",
                extra={
                    **log,
                    "scope": ctx.pacer.outage_scope(destination),
                    "retry_after": wait,
                    "error": str(error),
                },
            )
            return until
        ctx.pacer.block(destination, until)
        state.report.rate_limited += 1
        metrics.RATE_LIMITED.labels(destination.platform).inc()
        logger.info("rate limited", extra={**log, "retry_after": wait})
        return until

    def _backoff(self, attempts: int, now: datetime) -> datetime:
        """When to try again after ``attempts`` failed tries (and ask for a pass by then)."""
        limits = self._ctx.limits
        delay = retry_delay(
            attempts, base=limits.retry_base_seconds, cap=limits.retry_max_seconds, rng=self._rng
        )
        at = now + timedelta(seconds=delay)
        self._ctx.wake_at(at)
        return at

    async def destination_failed(
        self, destination: Destination, error: DeliveryError, ids: list[int], state: PassState
    ) -> None:
        """The destination cannot receive: give up its cards, pause its subscriptions, queue owners' notice.

        The notice is queued in the pause's transaction and sent like a card (``bot.delivery.notices``): a
        crash after the pause cannot lose it.
        """
        outbox = self._ctx.outbox
        reason = f"{destination.kind} cannot receive cards: {error}"
        if ids:
            outbox.fail(ids, error=reason)
        given_up = len(ids) + outbox.fail_queued(destination.key, error=reason)
        paused = outbox.pause_destination(
            destination.key,
            pause_reason(error),
            notice=self._notice(destination, error),
            now=self._ctx.clock(),
        )
        state.report.failed += given_up
        state.report.paused += 1
        metrics.CARDS_FAILED.labels(destination.platform).inc(given_up)
        metrics.DESTINATIONS_PAUSED.labels(destination.platform).inc()
        logger.warning(
            "destination paused",
            extra={"destination": destination.key, "code": error.code, "subscriptions": paused},
        )
        if paused:
            self._ctx.wake_at(self._ctx.clock())  # its owners' notices are due now

    def _notice(self, destination: Destination, error: DeliveryError) -> str | None:
        if self._paused_notice is None:
            return None
        try:
            return self._paused_notice(destination, error)
        except Exception:  # the words are a nicety; the pause must happen
            logger.exception("owner notice could not be written", extra={"destination": destination.key})
            return None


def as_delivery_error(exc: BaseException) -> DeliveryError:
    """A Notifier's failure as a DeliveryError; anything unexpected may have been sent, so "unknown"."""
    if isinstance(exc, DeliveryError):
        return exc
    logger.error("notifier raised an unexpected error", exc_info=exc)
    return DeliveryError("unknown", f"{type(exc).__name__}: {exc}")


def held_seconds(error: DeliveryError, limits: DeliveryLimits) -> float:
    """How long a 429 or an outage holds a destination when the notifier named no time."""
    if error.kind == "unavailable":
        return limits.unavailable_seconds
    return limits.rate_limited_seconds


def pause_reason(error: DeliveryError) -> str:
    """Why a destination was paused, in words its subscribers see in their list."""
    said = str(error).split(": ", 1)[-1]  # "send: Discord answered 403 …" → what the platform said
    return f"jobbot could not post here ({said[:200]})"
