"""A fake platform for the delivery engine: a Notifier that appends to lists and fails when told to.

    notifier = FakeNotifier()
    notifier.fail(CHANNEL, DeliveryError("rate_limited", "slow down", retry_after=30))   # next send only
    notifier.fail(CHANNEL, DeliveryError("unknown", "timeout"), after_sending=True)      # posted, answer lost
    notifier.fail(CHANNEL, DeliveryError("permanent", "gone", code="channel_not_found"), times=None)  # always

Every posted message is in ``notifier.sent`` (``find_sent`` searches it, as Slack's history would), every
edit in ``notifier.edits``, every owner notice posted in ``notifier.notices`` (``fail(..., notice=True)``
scripts its failures; ``find_sent`` finds it by its key too). ``FakeMembership`` answers "is user U in
channel C" from a dict.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.cards import Card
from bot.delivery.notifier import DeliveryError, DigestCard
from bot.models import Destination


@dataclass(frozen=True)
class SentMessage:
    """One message the fake platform holds."""

    destination: Destination
    card: Card | DigestCard
    key: str
    message_id: str


@dataclass
class _Failure:
    error: DeliveryError
    times: int | None  # None: every time
    after_sending: bool  # the platform has the message, but the caller hears an error


@dataclass
class FakeNotifier:
    """Records sends and edits; fails the way a test scripts it, per destination."""

    platform: str = "slack"
    sent: list[SentMessage] = field(default_factory=list)
    edits: list[tuple[Destination, str, Card | DigestCard]] = field(default_factory=list)
    attempts: list[tuple[Destination, str]] = field(default_factory=list)  # every send call: (where, key)
    lookups: list[tuple[Destination, str]] = field(default_factory=list)  # every find_sent call
    notices: list[tuple[Destination, str]] = field(default_factory=list)  # every notice posted
    notice_keys: dict[tuple[str, str], str] = field(default_factory=dict)  # (where, key) -> message id
    _notice_failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _send_failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _find_failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _edit_failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _counter: int = 0
    down: DeliveryError | None = None  # while set, every request to the platform raises it (an outage)

    def fail(
        self,
        destination: Destination,
        error: DeliveryError,
        *,
        times: int | None = 1,
        after_sending: bool = False,
        notice: bool = False,
    ) -> None:
        """Make the next ``times`` sends (or owner notices) to ``destination`` (None: all) raise ``error``."""
        failures = self._notice_failures if notice else self._send_failures
        failures.setdefault(destination.key, []).append(_Failure(error, times, after_sending))

    def fail_find_sent(
        self, destination: Destination, error: DeliveryError, *, times: int | None = 1
    ) -> None:
        """Make the next ``times`` find_sent calls for ``destination`` raise ``error``."""
        self._find_failures.setdefault(destination.key, []).append(_Failure(error, times, False))

    def fail_edit(self, destination: Destination, error: DeliveryError, *, times: int | None = 1) -> None:
        """Make the next ``times`` edits in ``destination`` raise ``error``."""
        self._edit_failures.setdefault(destination.key, []).append(_Failure(error, times, False))

    async def send(self, destination: Destination, card: Card | DigestCard, *, idempotency_key: str) -> str:
        """Post ``card``, unless a scripted failure says otherwise."""
        self.attempts.append((destination, idempotency_key))
        if self.down is not None:
            raise self.down
        failure = _next(self._send_failures, destination)
        if failure is not None and not failure.after_sending:
            raise failure.error
        self._counter += 1
        message_id = f"1700000000.{self._counter:06d}"
        self.sent.append(SentMessage(destination, card, idempotency_key, message_id))
        if failure is not None:
            raise failure.error
        return message_id

    async def edit(self, destination: Destination, message_id: str, card: Card | DigestCard) -> None:
        """Replace a posted message."""
        if self.down is not None:
            raise self.down
        failure = _next(self._edit_failures, destination)
        if failure is not None:
            raise failure.error
        self.edits.append((destination, message_id, card))

    async def find_sent(self, destination: Destination, idempotency_key: str) -> str | None:
        """The id of the message posted with this key, as the platform's history shows it."""
        self.lookups.append((destination, idempotency_key))
        if self.down is not None:
            raise self.down
        failure = _next(self._find_failures, destination)
        if failure is not None:
            raise failure.error
        for message in self.sent:
            if message.destination == destination and message.key == idempotency_key:
                return message.message_id
        return self.notice_keys.get((destination.key, idempotency_key))

    async def notify(self, destination: Destination, text: str, *, idempotency_key: str) -> str:
        """Post a plain notice (a paused destination, an unhealthy source), unless scripted to fail."""
        if self.down is not None:
            raise self.down
        failure = _next(self._notice_failures, destination)
        if failure is not None and not failure.after_sending:
            raise failure.error
        self._counter += 1
        message_id = self.notice_keys[(destination.key, idempotency_key)] = f"1700000001.{self._counter:06d}"
        self.notices.append((destination, text))
        if failure is not None:
            raise failure.error
        return message_id

    def to(self, destination: Destination) -> list[SentMessage]:
        """The messages posted to ``destination``, in order."""
        return [message for message in self.sent if message.destination == destination]

    def posting_ids(self, destination: Destination) -> list[str]:
        """Every posting shown at ``destination``, digests unpacked, in order."""
        ids: list[str] = []
        for message in self.to(destination):
            cards = message.card.cards if isinstance(message.card, DigestCard) else (message.card,)
            ids.extend(card.posting_id for card in cards)
        return ids


@dataclass
class FakeMembership:
    """``MembershipLookup`` from a dict of channel id -> member user ids."""

    members: dict[str, set[str]] = field(default_factory=dict)
    calls: list[tuple[str, str]] = field(default_factory=list)

    async def is_member(self, channel: Destination, user_id: str) -> bool:
        """True when ``user_id`` is listed in ``channel``."""
        self.calls.append((channel.target, user_id))
        return user_id in self.members.get(channel.target, set())


def _next(failures: dict[str, list[_Failure]], destination: Destination) -> _Failure | None:
    queue = failures.get(destination.key)
    if not queue:
        return None
    failure = queue[0]
    if failure.times is not None:
        failure.times -= 1
        if failure.times <= 0:
            queue.pop(0)
    return failure
