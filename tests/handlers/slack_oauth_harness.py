"""The real Bolt app in "Add to Slack" mode on 127.0.0.1; the fake Slack plays Slack (API, authorize page)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import aiohttp
from aiohttp import web
from cryptography.fernet import Fernet
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator

from bot.store.cipher import TokenCipher
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_app import create_slack_app
from handlers.slack_clients import make_client
from handlers.slack_install import OnRemoved, SlackOAuth
from handlers.slack_installations import SqlInstallationStore
from handlers.slack_oauth_states import SqlOAuthStateStore
from handlers.slack_server import create_web_app
from handlers.slack_workspaces import InstalledWorkspaces
from tests.handlers.slack_app_harness import SIGNING_SECRET, TOKEN, SlackHarness

CLIENT_ID = "1234.5678"
CLIENT_SECRET = "oauth-test-client-secret"  # a test's own, not a real one
STATE_COOKIE = "slack-app-oauth-state"


@dataclass
class Hop:
    """One browser request of the install dance."""

    status: int
    location: str
    cookie: str | None  # the state cookie the app set, as "name=value"
    body: str

    @property
    def query(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.location).query).items()}


async def browse(session: aiohttp.ClientSession, url: str, *, cookie: str | None = None) -> Hop:
    """A browser GET that does not follow redirects; the only cookie sent is ``cookie``."""
    headers = {"Cookie": cookie} if cookie else {}
    async with session.get(url, headers=headers, allow_redirects=False) as resp:
        body = await resp.text()
        set_cookie = resp.headers.get("Set-Cookie")
    cookie_value = set_cookie.split(";")[0] if set_cookie else None
    return Hop(resp.status, resp.headers.get("Location", ""), cookie_value, body)


@dataclass
class OAuthHarness(SlackHarness):
    installations: SqlInstallationStore
    workspaces: InstalledWorkspaces
    oauth: SlackOAuth

    async def get(self, url: str, *, cookie: str | None = None) -> Hop:
        return await browse(self.session, url, cookie=cookie)

    async def start_install(self, team: str) -> tuple[Hop, Hop]:
        """Add to Slack clicked, then Allow on Slack's page: the app's redirect, and Slack's back."""
        start = await self.get(f"{self.url}/slack/install?team={team}")
        assert start.status == 302, start.body
        consent = await self.get(start.location)  # the fake Slack's authorize page consents at once
        assert consent.status == 302, consent.body
        return start, consent

    async def install(self, team: str) -> Hop:
        """The whole install of ``team``: the browser comes back with the code and the state cookie."""
        start, consent = await self.start_install(team)
        return await self.get(consent.location, cookie=start.cookie)


@asynccontextmanager
async def running_oauth_app(
    engine: Any, service: Any, *, on_removed: OnRemoved | None = None, key: str | None = None
) -> AsyncIterator[OAuthHarness]:
    """The app in OAuth mode on ``engine``'s database, served by slack_server; Slack is the fake."""
    async with FakeSlackApi(token=TOKEN) as slack:
        installations = SqlInstallationStore(
            engine, TokenCipher(key or Fernet.generate_key().decode()), client_id=CLIENT_ID
        )
        rotator = AsyncTokenRotator(
            client_id=CLIENT_ID, client_secret=CLIENT_SECRET, client=make_client(None, slack.api_url)
        )
        workspaces = InstalledWorkspaces(installations, api_url=slack.api_url, rotator=rotator)
        oauth = SlackOAuth(
            client_id=CLIENT_ID,
            client_secret=CLIENT_SECRET,
            installations=installations,
            states=SqlOAuthStateStore(engine),
            workspaces=workspaces,
            on_removed=on_removed,
            authorize_url=slack.authorize_url,
        )
        client = make_client(None, slack.api_url)
        app = create_slack_app(service, signing_secret=SIGNING_SECRET, client=client, oauth=oauth)
        runner = web.AppRunner(create_web_app(app), shutdown_timeout=0.1)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        url = f"http://127.0.0.1:{runner.addresses[0][1]}"
        slack.register_app(CLIENT_ID, CLIENT_SECRET, f"{url}/slack/oauth_redirect")
        try:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
                yield OAuthHarness(url, session, slack, installations, workspaces, oauth)
        finally:
            await runner.cleanup()
