"""The port every platform implements: send and edit cards, post notices, find them after a crash."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Literal, Protocol

from bot.cards import Card
from bot.models import Destination

FailureKind = Literal["transient", "permanent", "rate_limited", "unavailable", "unknown"]


@dataclass(frozen=True, slots=True)
class DigestCard:
    """Several matches for one destination, collapsed into one message."""

    title: str  # e.g. "12 new postings for `Paris + French`"
    cards: tuple[Card, ...]
    more: int = 0  # matches not shown in full (platform limits)


class DeliveryError(Exception):
    """A platform refused or failed a send; ``kind`` tells the dispatcher what to do next.

    transient: retry with backoff, and give up after ``max_attempts``. rate_limited: retry after
    ``retry_after`` seconds. unavailable: the platform, not this card or destination, cannot take anything
    now (an outage: no connection, 502/503/504; or the bot's token refused) — keep every card, count no
    attempt, hold every destination of the platform (of the workspace, for Slack) for ``retry_after``
    seconds (else about a minute), then send one probe, for as long as it lasts.
    permanent: the destination cannot receive (channel gone, bot removed, DMs blocked) — pause it and tell
    its owner. unknown: the request may or may not have reached the platform (timeout after sending) — check
    with ``Notifier.find_sent`` before sending again.
    """

    def __init__(
        self, kind: FailureKind, message: str, *, code: str = "", retry_after: float | None = None
    ) -> None:
        super().__init__(message)
        self.kind: FailureKind = kind
        self.code = code  # the platform's error code, e.g. "channel_not_found"
        self.retry_after = retry_after


class Notifier(Protocol):
    """A platform adapter that delivers cards (Slack, Discord, the terminal, a test fake)."""

    platform: str

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Post the card; return the platform's message id. Raise DeliveryError on failure.

        ``idempotency_key`` is stable per outbox row; platforms that support it (Discord nonce) use it to
        refuse duplicates, others embed it so ``find_sent`` can recognise the message.
        """
        ...

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Replace a card already posted (closed or updated posting)."""
        ...

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """The id of a card or notice posted with this key, if the platform has it (after a crash)."""
        ...

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Post a plain notice, not a card (a destination paused, a source failing); return its message id.

        Raise DeliveryError on failure, as ``send`` does. ``idempotency_key`` is stable per notice and marks
        the message as a card's does, so ``find_sent`` recognises it after a crash.
        """
        ...


OnWire = Callable[[], None]

_ON_WIRE: ContextVar[OnWire | None] = ContextVar("jobbot_on_wire", default=None)


def _nobody_listens() -> None:
    return None


def on_wire() -> OnWire:
    """For a notifier: what to call the moment a send's request is written to the network.

    The dispatcher paces a conversation from when each send left, not from when it took the token: a busy
    process can take a token well before the request goes out. Notifiers that cannot tell need not call it.
    """
    return _ON_WIRE.get() or _nobody_listens


@contextmanager
def listening_on_wire(callback: OnWire) -> Iterator[None]:
    """Within the block, a notifier's ``on_wire()`` calls ``callback`` (the dispatcher's side)."""
    token = _ON_WIRE.set(callback)
    try:
        yield
    finally:
        _ON_WIRE.reset(token)
