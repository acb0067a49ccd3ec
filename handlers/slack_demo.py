"""Slack for `jobbot demo`: the real SlackNotifier talking to the local fake Slack Web API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.delivery.notifier import Notifier
from bot.demo.examples import ExampleSubscription
from bot.demo.platforms import DemoPlatform, Received
from bot.models import Destination
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_notifier import SlackNotifier, make_client

DEMO_TOKEN = "xoxb-jobbot-demo"  # noqa: S105 - known only to the local fake; no real workspace is contacted


@dataclass(frozen=True, slots=True)
class SlackDemo:
    """Slack in the demo: the examples' own Slack channels and DMs, in a fake workspace."""

    notifier: Notifier
    where: str
    fake: FakeSlackApi
    name: str = "Slack"

    def place(self, example: ExampleSubscription) -> tuple[str, Destination]:
        """The example's Slack owner and destination."""
        return example.owner, example.destination

    def received(self, destination: Destination) -> list[Received] | None:
        """None: the card printed above each receipt is what Slack got, as the terminal renders it."""
        return None


@asynccontextmanager
async def local_slack() -> AsyncIterator[DemoPlatform]:
    """A SlackNotifier against a fresh fake Slack (with Slack's per-channel rate limit)."""
    async with FakeSlackApi(token=DEMO_TOKEN) as fake:
        notifier = SlackNotifier(make_client(DEMO_TOKEN, fake.api_url))
        yield SlackDemo(notifier, f"Slack (a local fake Web API at {fake.api_url})", fake)
