"""The chat platforms `jobbot demo` delivers to: the seam the CLI fills with Slack's and Discord's fakes.

A platform makes each example subscription in its own place (``place``), delivers through its real notifier,
and can read back what it received (``received``), so the demo shows the round trip, not its own objects.
Without one, cards are rendered in the terminal.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Protocol

from bot.delivery.notifier import Notifier
from bot.demo.examples import ExampleSubscription
from bot.models import Destination
from bot.terminal import TerminalNotifier


@dataclass(frozen=True, slots=True)
class Received:
    """One message as a platform holds it, read back from the platform, as lines for the terminal."""

    message_id: str
    lines: tuple[str, ...]


class DemoPlatform(Protocol):
    """One platform in the demo (see the module docstring)."""

    @property
    def name(self) -> str:
        """What the platform is called in the output: "Slack"."""

    @property
    def where(self) -> str:
        """Where it is: "Slack (a local fake Web API at …)"."""

    @property
    def notifier(self) -> Notifier:
        """The notifier the dispatcher delivers through."""

    def place(self, example: ExampleSubscription) -> tuple[str, Destination]:
        """Who owns ``example`` on this platform, and where its cards go."""

    def received(self, destination: Destination) -> list[Received] | None:
        """Every message ``destination`` holds, oldest first; None when the platform cannot be read back."""


PlatformFactory = Callable[[], AbstractAsyncContextManager[DemoPlatform]]


@dataclass(frozen=True, slots=True)
class TerminalPlatform:
    """The cards rendered in the terminal, in the examples' Slack places (``jobbot demo --terminal``)."""

    name: str = "the terminal"
    where: str = "the terminal"
    notifier: Notifier = field(default_factory=lambda: TerminalNotifier("slack"))

    def place(self, example: ExampleSubscription) -> tuple[str, Destination]:
        """The example's Slack owner and destination."""
        return example.owner, example.destination

    def received(self, destination: Destination) -> list[Received] | None:
        """The terminal keeps nothing to read back."""
        return None


@asynccontextmanager
async def terminal() -> AsyncIterator[DemoPlatform]:
    """The terminal as the demo's only platform."""
    yield TerminalPlatform()
