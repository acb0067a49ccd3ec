"""Which Web API client speaks for a workspace, and how one is made.

Deliveries, membership checks and user lookups ask a ``WorkspaceClients`` for ``client_for(team_id)``. In
single-workspace mode (SLACK_BOT_TOKEN) every team gets the one client (``OneWorkspace``); with "Add to
Slack" each workspace gets its own (``handlers.slack_workspaces.InstalledWorkspaces``).
"""

from __future__ import annotations

import asyncio
import os
from typing import Protocol

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_API_URL = "https://slack.com/api/"


class SharedSession:
    """One aiohttp session for every Slack client of a process: its connections are kept and reused.

    Without one, slack_sdk opens a session, a TCP connection and a TLS handshake for every call: a fan-out
    of cards would pay a handshake per card. A session belongs to the event loop it was opened in, and the
    clients are made before the loop runs, so it is opened on first use inside the running loop (again if
    a later loop asks). ``close`` when the process stops.
    """

    def __init__(self) -> None:
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def get(self) -> aiohttp.ClientSession | None:
        """The session for the running loop, opened now if needed; None outside a running loop."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return None
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session, self._loop = aiohttp.ClientSession(), loop
        return self._session

    async def close(self) -> None:
        session, self._session, self._loop = self._session, None, None
        if session is not None and not session.closed:
            await session.close()


class _SharingClient(AsyncWebClient):
    """An AsyncWebClient whose ``session`` is the process's shared one (Bolt copies it into its clients)."""

    def __init__(self, shared: SharedSession, **kwargs: object) -> None:
        self._shared = shared
        super().__init__(**kwargs)  # type: ignore[arg-type]

    @property  # type: ignore[override]
    def session(self) -> aiohttp.ClientSession | None:
        return self._shared.get()

    @session.setter
    def session(self, value: aiohttp.ClientSession | None) -> None:
        if value is not None:
            raise ValueError("a client on a shared session cannot be given its own")


def make_client(
    token: str | None,
    base_url: str | None = None,
    *,
    session: aiohttp.ClientSession | None = None,
    shared: SharedSession | None = None,
    timeout: int = 15,
) -> AsyncWebClient:
    """An AsyncWebClient for ``token`` at ``base_url`` (else SLACK_API_URL, else Slack) that never retries.

    The client's built-in retries are off: resending a post after a dropped connection could post it twice,
    so every retry goes through the dispatcher, which checks ``find_sent`` first. Give a ``session``, or the
    process's ``shared`` one, to reuse connections (slack_sdk opens a session per call otherwise).
    """
    url = base_url or os.environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    options = {"token": token, "base_url": url if url.endswith("/") else url + "/", "timeout": timeout}
    if shared is not None:
        return _SharingClient(shared, **options, retry_handlers=[])
    return AsyncWebClient(**options, session=session, retry_handlers=[])  # type: ignore[arg-type]


class WorkspaceNotInstalled(LookupError):
    """jobbot has no bot token for this workspace (never installed, uninstalled, or its tokens revoked)."""

    def __init__(self, team_id: str) -> None:
        super().__init__(f"jobbot is not installed in Slack workspace {team_id or '(none)'}")
        self.team_id = team_id


class WorkspaceClients(Protocol):
    """Gives the Web API client that acts for a workspace."""

    async def client_for(self, team_id: str) -> AsyncWebClient:
        """The client for ``team_id``; raises WorkspaceNotInstalled when there is none."""
        ...

    def forget(self, team_id: str) -> None:
        """Drop what is remembered about ``team_id`` (it was uninstalled or reinstalled)."""
        ...


class OneWorkspace:
    """Single-workspace mode: the one SLACK_BOT_TOKEN client, whatever the team."""

    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def client_for(self, team_id: str) -> AsyncWebClient:
        """The one client."""
        return self._client

    def forget(self, team_id: str) -> None:
        """Nothing is cached per team."""
