"""Slack for `jobbot demo`: the real SlackNotifier talking to the local fake Slack Web API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.delivery.notifier import Notifier
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_notifier import SlackNotifier, make_client

DEMO_TOKEN = "xoxb-jobbot-demo"  # noqa: S105 - known only to the local fake; no real workspace is contacted


@asynccontextmanager
async def local_slack() -> AsyncIterator[tuple[Notifier, str]]:
    """A SlackNotifier against a fresh fake Slack (with Slack's per-channel rate limit), and where it is."""
    async with FakeSlackApi(token=DEMO_TOKEN) as fake:
        yield (
            SlackNotifier(make_client(DEMO_TOKEN, fake.api_url)),
            f"Slack (a local fake Web API at {fake.api_url})",
        )
