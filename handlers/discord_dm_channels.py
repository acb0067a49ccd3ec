"""The bot's DM channel with each person: opened once, in the background, as fast as Discord allows.

Discord limits opening DM channels (``POST /users/@me/channels``) far more tightly than sending: the
bucket is per bot (5 per 5 s on the fake), and discord.py waits it out inside the call. A card for someone
whose DM is not open yet must not hold a sender (and its outbox row) that long: ``channel`` waits only when
its turn is moments away (``wait``), else raises a ``rate_limited`` DeliveryError that says to come back
when it is, while one worker opens the queued DMs in turn.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable

from bot.delivery.notifier import DeliveryError

logger = logging.getLogger(__name__)

FIRST_GUESS = 1.0  # seconds per DM opened, before any was timed
TIMED = 20  # recent openings the pace is measured over (Discord opens them in bursts)
GLANCE = 0.05  # seconds any caller waits, in case the opening is quick after all
MIN_RETRY = 0.5  # seconds; asking again costs Discord nothing


class DmChannels:
    """Which channel is the DM with a user; opens missing ones through ``open_dm``, one at a time."""

    def __init__(self, open_dm: Callable[[str], Awaitable[str]], *, wait: float = 5.0) -> None:
        """Open DMs with ``open_dm(user_id) -> channel_id``; callers whose turn is ``wait`` s away wait."""
        self._open = open_dm
        self._wait = wait
        self._known: dict[str, str] = {}
        self._pending: dict[str, asyncio.Future[str]] = {}
        self._failed: dict[str, DeliveryError] = {}  # told once to the next caller, then tried again
        self._queue: deque[str] = deque()
        self._worker: asyncio.Task[None] | None = None
        self._opened_at: deque[float] = deque(maxlen=TIMED)
        self._opening: str | None = None

    def known(self, user: str) -> str | None:
        """The DM channel with ``user`` if it is open already."""
        return self._known.get(user)

    async def channel(self, user: str) -> str:
        """The DM channel with ``user``; a rate_limited DeliveryError if it is still waiting its turn."""
        if (known := self._known.get(user)) is not None:
            return known
        if (failed := self._failed.pop(user, None)) is not None:
            raise failed
        future = self._pending.get(user)
        if future is None:
            future = self._pending[user] = asyncio.get_running_loop().create_future()
            future.add_done_callback(_retrieved)
            self._queue.append(user)
            if self._worker is None or self._worker.done():
                self._worker = asyncio.create_task(self._work())
        waiting = self._position(user)
        expected = waiting * self._pace()
        try:  # a DM nobody waits for opens in moments; one far down the queue is not waited for
            return await asyncio.wait_for(
                asyncio.shield(future), self._wait if expected <= self._wait else GLANCE
            )
        except DeliveryError:
            self._failed.pop(user, None)  # this caller hears it; the next one tries again
            raise
        except TimeoutError:
            raise DeliveryError(
                "rate_limited",
                f"open DM: {waiting} DM channels to open first (Discord limits how fast)",
                code="dm_queued",
                retry_after=max(MIN_RETRY, expected - self._wait),
            ) from None

    async def _work(self) -> None:
        while self._queue:
            user = self._opening = self._queue.popleft()
            future = self._pending[user]
            try:
                channel = await self._open(user)
            except DeliveryError as exc:
                self._failed[user] = exc
                future.set_exception(exc)
            except Exception as exc:  # a surprise must not leave the rest of the queue waiting forever
                logger.exception("opening a DM failed", extra={"user": user})
                error = DeliveryError("transient", f"open DM: {type(exc).__name__}", code="dm_open_failed")
                self._failed[user] = error
                future.set_exception(error)
            else:
                self._known[user] = channel
                self._opened_at.append(asyncio.get_running_loop().time())
                future.set_result(channel)
            finally:
                del self._pending[user]
                self._opening = None

    def _position(self, user: str) -> int:
        """How many openings come before ``user``'s is done (its own included)."""
        busy = self._opening is not None and self._opening != user
        try:  # those queued before, this one, and the one being opened
            return self._queue.index(user) + 1 + busy
        except ValueError:
            return 1  # being opened now

    def _pace(self) -> float:
        """Seconds per DM opened lately."""
        if len(self._opened_at) < 2:
            return FIRST_GUESS
        return (self._opened_at[-1] - self._opened_at[0]) / (len(self._opened_at) - 1)


def _retrieved(future: asyncio.Future[str]) -> None:
    if not future.cancelled():
        future.exception()  # whoever asked may have stopped waiting; the error is kept in ``_failed``
