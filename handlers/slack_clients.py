"""Which Web API client speaks for a workspace, and how one is made.

Deliveries, membership checks and user lookups ask a ``WorkspaceClients`` for ``client_for(team_id)``. In
single-workspace mode (SLACK_BOT_TOKEN) every team gets the one client (``OneWorkspace``); with "Add to
Slack" each workspace gets its own (``handlers.slack_workspaces.InstalledWorkspaces``).
"""

from __future__ import annotations

import os
from typing import Protocol

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

DEFAULT_API_URL = "https://slack.com/api/"


def make_client(
    token: str | None,
    base_url: str | None = None,
    *,
    session: aiohttp.ClientSession | None = None,
    timeout: int = 15,
) -> AsyncWebClient:
    """An AsyncWebClient for ``token`` at ``base_url`` (else SLACK_API_URL, else Slack) that never retries.

    The client's built-in retries are off: resending a post after a dropped connection could post it twice,
    so every retry goes through the dispatcher, which checks ``find_sent`` first. Pass a shared ``session``
    to reuse connections (one is created per call otherwise).
    """
    url = base_url or os.environ.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL
    return AsyncWebClient(
        token=token,
        base_url=url if url.endswith("/") else url + "/",
        session=session,
        timeout=timeout,
        retry_handlers=[],
    )


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
