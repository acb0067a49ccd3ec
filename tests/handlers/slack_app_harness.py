"""Drive the real Bolt app over HTTP: signed requests into slack_server's aiohttp app, Web API on the fake."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import aiohttp
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient

from bot.cards import Card
from bot.commands.model import (
    Command,
    HideSimilar,
    Mute,
    MuteCompany,
    Pause,
    Preview,
    Save,
    Search,
    Subscribe,
    Unsubscribe,
)
from bot.commands.values import Caller, HomeView, Reply, SubscriptionItem
from bot.models import Destination
from bot.views.actions import Action, encode
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_app import create_slack_app
from handlers.slack_server import create_web_app

SIGNING_SECRET = "test-signing-secret"  # a test's own secret, not a real one
TOKEN = "xoxb-test-token"
TEAM = "T0FAKE"


def sign(body: str, *, timestamp: int | None = None, secret: str = SIGNING_SECRET) -> dict[str, str]:
    """Slack's v0 request signature headers for ``body``."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


@dataclass
class Sent:
    """One HTTP exchange with the app."""

    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


@dataclass
class SlackHarness:
    url: str
    session: aiohttp.ClientSession
    slack: FakeSlackApi

    async def post(self, body: str, *, content_type: str, headers: dict[str, str] | None = None) -> Sent:
        started = time.perf_counter()
        sent_headers = {"Content-Type": content_type, **(headers if headers is not None else sign(body))}
        async with self.session.post(self.url + "/slack/events", data=body, headers=sent_headers) as resp:
            text = await resp.text()
        return Sent(resp.status, text, time.perf_counter() - started)

    async def command(
        self,
        text: str,
        *,
        user: str = "U1",
        channel: str = "C1",
        channel_name: str = "jobs",
        response: str = "r1",
        headers: dict[str, str] | None = None,
        team: str = TEAM,
    ) -> Sent:
        form = {
            "token": "legacy-unused",
            "team_id": team,
            "team_domain": "fake",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": user.lower(),
            "command": "/jobs",
            "text": text,
            "api_app_id": "AFAKE",
            "response_url": self.slack.response_url(response),
            "trigger_id": "trigger-1",
        }
        body = urlencode(form)
        return await self.post(body, content_type="application/x-www-form-urlencoded", headers=headers)

    async def interaction(self, payload: dict[str, Any]) -> Sent:
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, content_type="application/x-www-form-urlencoded")

    async def click(
        self, action: Action | str, value: str, *, user: str = "U1", channel: str = "C1", response: str = "r1"
    ) -> Sent:
        """A button click on a message in ``channel``."""
        return await self.interaction(
            {
                "type": "block_actions",
                "team": {"id": TEAM, "domain": "fake"},
                "user": {"id": user, "team_id": TEAM},
                "api_app_id": "AFAKE",
                "container": {"type": "message", "channel_id": channel, "message_ts": "1.000001"},
                "channel": {"id": channel, "name": "jobs"},
                "trigger_id": "trigger-2",
                "response_url": self.slack.response_url(response),
                "actions": [
                    {
                        "type": "button",
                        "action_id": action_id(action, value),
                        "block_id": "b1",
                        "value": value,
                        "action_ts": "1",
                    }
                ],
            }
        )

    async def event(self, event: dict[str, Any], *, team: str = TEAM) -> Sent:
        body = json.dumps(
            {
                "token": "legacy-unused",
                "team_id": team,
                "api_app_id": "AFAKE",
                "type": "event_callback",
                "event_id": f"Ev{time.perf_counter_ns()}",
                "event_time": int(time.time()),
                "event": event,
            }
        )
        return await self.post(body, content_type="application/json")

    async def responses(self, count: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """The first ``count`` posts to response_urls, waiting for the app's background work."""
        await self.until(lambda: len(self.slack.calls_to("response_url")) >= count, timeout)
        return [call.args for call in self.slack.calls_to("response_url")]

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        """The views the fake Slack holds (opened, published or updated), by view id."""
        return self.slack.workspace.views

    def set_user(self, user_id: str, **fields: Any) -> None:
        """What users.info answers for ``user_id`` (e.g. ``is_admin=True``, ``tz="Europe/Paris"``)."""
        self.slack.workspace.set_user(user_id, **fields)

    async def until(self, condition: Callable[[], bool], timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; the fake saw {[c.method for c in self.slack.calls]}")
            await asyncio.sleep(0.01)


@asynccontextmanager
async def running_slack_app(
    service: Any, *, signing_secret: str | None = SIGNING_SECRET
) -> AsyncIterator[SlackHarness]:
    """The app served by slack_server on 127.0.0.1, its Web API client pointed at a fake Slack."""
    async with FakeSlackApi(token=TOKEN) as slack:
        client = AsyncWebClient(token=TOKEN, base_url=slack.api_url)
        app = create_slack_app(service, signing_secret=signing_secret, client=client)
        runner = web.AppRunner(create_web_app(app), shutdown_timeout=0.1)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        port = runner.addresses[0][1]
        try:
            async with aiohttp.ClientSession() as session:
                yield SlackHarness(f"http://127.0.0.1:{port}", session, slack)
        finally:
            await runner.cleanup()


def text_of(response: dict[str, Any]) -> str:
    """All the text a response_url post shows: its fallback text and its blocks."""
    blocks = response.get("blocks") or []
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return response.get("text", "") + "\n" + json.dumps(blocks, ensure_ascii=False)


def card(posting_id: str = "p1", title: str = "Marketing Intern", company: str = "Acme") -> Card:
    return Card(
        posting_id=posting_id,
        title=title,
        url=f"https://jobs.example.com/{posting_id}",
        company=company,
        locations=("Paris, FR",),
        workplace=None,
        employment="Internship",
        start=None,
        required_languages=("French",),
        preferred_languages=(),
        job_code=None,
        why=("📍 Paris",),
        query=None,
    )


@dataclass
class FakeCommands:
    """A small stand-in for CommandService that records what it was asked."""

    calls: list[tuple[str, Caller, str]] = field(default_factory=list)
    gate: asyncio.Event | None = None  # when set, run() waits for it (a slow service)
    fail: bool = False
    subscriptions: list[SubscriptionItem] = field(default_factory=list)

    async def handle_text(self, caller: Caller, text: str) -> Reply:
        self.calls.append(("run", caller, text))
        if self.gate is not None:
            await asyncio.wait_for(self.gate.wait(), 10)
        if self.fail:
            raise RuntimeError("the store is on fire")
        return Reply(text=f"ran `{text}`", cards=(card(),), understood=text)

    async def handle(self, caller: Caller, command: Command) -> Reply:
        match command:
            case Save(posting_id):
                self.calls.append(("save", caller, posting_id))
                return Reply(text=f"Saved {posting_id}.")
            case HideSimilar(posting_id):
                self.calls.append(("hide_similar", caller, posting_id))
                return Reply(text="I will show you fewer postings like this.")
            case MuteCompany(posting_id):
                self.calls.append(("mute_company", caller, posting_id))
                return Reply(text=f"Muted the company of {posting_id}.")
            case Mute(company):
                self.calls.append(("mute_company", caller, company))
                return Reply(text=f"Muted {company}.")
            case Preview(query):
                self.calls.append(("preview", caller, query))
                return Reply(
                    text=f"I read `{query}` as location Paris (FR)", cards=(card(),), understood="Paris"
                )
        # Everything else as the text a person would have typed for it.
        return await self.handle_text(caller, as_text(command))

    async def home(self, caller: Caller) -> HomeView:
        self.calls.append(("home", caller, ""))
        return HomeView(
            subscriptions=tuple(self.subscriptions), saved=(card("p9", "Saved Analyst"),), saved_total=1
        )


def as_text(command: Command) -> str:
    match command:
        case Subscribe(query, dm, confirmed):
            flags = ("--dm " if dm else "") + ("--anyway " if confirmed else "")
            return f"subscribe {flags}{query}"
        case Pause(sub_id, resume):
            return f"{'resume' if resume else 'pause'} {sub_id}"
        case Unsubscribe(sub_id):
            return f"unsubscribe {sub_id}"
        case Search(query, page):
            return f"search {query} page {page}"
    raise AssertionError(f"no text for {command!r}")


def action_id(action: Action | str, value: str) -> str:
    """The action id Slack sends back for a button: a neutral one's encoding, or a legacy id as is."""
    return encode(action, value) if isinstance(action, Action) else action


def subscription(sub_id: int, query: str, *, paused: bool = False, user: str = "U1") -> SubscriptionItem:
    return SubscriptionItem(
        id=sub_id,
        query=query,
        destination=Destination("slack", "dm", user, TEAM),
        owner=user,
        paused=paused,
        schedule="instant",
        understood=query,
    )
