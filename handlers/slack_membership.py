"""Who is in a Slack channel, for the dispatcher's rule that a DM does not repeat a card seen in a channel."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery.notifier import DeliveryError
from bot.models import Destination
from handlers.slack_clients import OneWorkspace, WorkspaceClients, WorkspaceNotInstalled
from handlers.slack_notifier import api_error

MEMBERS_FRESH = (
    600.0  # seconds a channel's member list is trusted (joins lag a little; a late DM is harmless)
)
MEMBERS_PAGE = 1000
MEMBERS_PAGES = 50  # up to 50,000 members


class SlackMembership:
    """``MembershipLookup`` over conversations.members, one read per channel per ``fresh`` seconds."""

    def __init__(
        self,
        client: AsyncWebClient | None = None,
        *,
        clients: WorkspaceClients | None = None,
        fresh: float = MEMBERS_FRESH,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Ask through ``client`` (one workspace) or ``clients`` (each channel's own workspace)."""
        if clients is None:
            if client is None:
                raise TypeError("SlackMembership needs a client or workspace clients")
            clients = OneWorkspace(client)
        self._clients = clients
        self._fresh = fresh
        self._clock = clock
        self._members: dict[tuple[str, str], tuple[float, frozenset[str]]] = {}
        self._locks: dict[tuple[str, str], asyncio.Lock] = {}

    async def is_member(self, channel: Destination, user_id: str) -> bool:
        """True when ``user_id`` is in ``channel``; raises DeliveryError when Slack will not say."""
        where = (channel.workspace, channel.target)
        async with self._locks.setdefault(where, asyncio.Lock()):
            cached = self._members.get(where)
            if cached is None or self._clock() - cached[0] >= self._fresh:
                try:
                    client = await self._clients.client_for(channel.workspace)
                except WorkspaceNotInstalled as exc:
                    raise DeliveryError(
                        "permanent", f"conversations.members: {exc}", code="not_installed"
                    ) from None
                cached = self._members[where] = (self._clock(), await self._read(client, channel.target))
        return user_id in cached[1]

    async def _read(self, client: AsyncWebClient, channel_id: str) -> frozenset[str]:
        members: set[str] = set()
        cursor: str | None = None
        for _ in range(MEMBERS_PAGES):
            try:
                page = await client.conversations_members(
                    channel=channel_id, limit=MEMBERS_PAGE, cursor=cursor
                )
            except SlackApiError as exc:
                raise api_error("conversations.members", exc) from None
            members.update(page.get("members") or ())
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if cursor is None:
                break
        return frozenset(members)
