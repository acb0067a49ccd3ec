"""Who counts as an admin in Slack: workspace admins and owners by default, configurable.

Channel subscriptions and sources need an admin; anyone manages their own DM subscriptions (the command
service enforces that, with the flag computed here). Slack has no API for "channel manager" outside
Enterprise Grid, so the workspace roles from ``users.info`` stand in, plus an explicit list of user ids.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from handlers.slack_clients import OneWorkspace, WorkspaceClients, WorkspaceNotInstalled

logger = logging.getLogger(__name__)

USER_CACHE_SECONDS = 300.0  # roles and time zones change rarely; a demoted admin loses rights within minutes
_FAILED_CACHE_SECONDS = 15.0  # a failed lookup is retried soon, but not on every click


@dataclass(frozen=True, slots=True)
class AdminPolicy:
    """Who may manage channel subscriptions and sources."""

    workspace_admins: bool = True  # Slack's workspace admins and owners
    users: frozenset[str] = frozenset()  # these user ids always count as admins
    everyone: bool = False  # small or trusted workspaces: every member is an admin

    @classmethod
    def parse(cls, spec: str) -> AdminPolicy:
        """``"admins"`` (default), ``"everyone"``, or user ids (``"U1,U2"``, optionally with ``admins``)."""
        words = {w.strip() for w in spec.replace(" ", ",").split(",") if w.strip()}
        if not words or words == {"admins"}:
            return cls()
        if "everyone" in words:
            return cls(everyone=True)
        ids = frozenset(w for w in words if w != "admins")
        return cls(workspace_admins="admins" in words, users=ids)

    def allows(self, user: SlackUser | None, user_id: str) -> bool:
        """True when ``user_id`` (looked up as ``user``, None when unknown) counts as an admin."""
        if self.everyone or user_id in self.users:
            return True
        return bool(self.workspace_admins and user is not None and (user.is_admin or user.is_owner))


@dataclass(frozen=True, slots=True)
class SlackUser:
    """What jobbot needs to know about a Slack user."""

    user_id: str
    is_admin: bool = False
    is_owner: bool = False
    is_bot: bool = False
    timezone: str | None = None  # IANA name from the profile, e.g. "Europe/Paris"


class UserDirectory:
    """``users.info`` with a short cache, so a burst of clicks costs one API call per user."""

    def __init__(
        self,
        client: AsyncWebClient | None = None,
        *,
        clients: WorkspaceClients | None = None,
        ttl_seconds: float = USER_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Look users up through ``client`` (or each workspace's, from ``clients``) for ``ttl_seconds``."""
        if clients is None:
            if client is None:
                raise TypeError("UserDirectory needs a client or workspace clients")
            clients = OneWorkspace(client)
        self._clients = clients
        self._ttl = ttl_seconds
        self._clock = clock
        self._cache: dict[tuple[str, str], tuple[float, SlackUser | None]] = {}

    async def lookup(self, user_id: str, team_id: str = "") -> SlackUser | None:
        """The user, or None when Slack cannot say (missing scope, unknown user, Slack down)."""
        now = self._clock()
        who = (team_id, user_id)
        cached = self._cache.get(who)
        if cached is not None and cached[0] > now:
            return cached[1]
        user = await self._fetch(user_id, team_id)
        self._cache[who] = (now + (self._ttl if user is not None else _FAILED_CACHE_SECONDS), user)
        return user

    async def _fetch(self, user_id: str, team_id: str) -> SlackUser | None:
        try:
            client = await self._clients.client_for(team_id)
            response = await client.users_info(user=user_id)
        except SlackApiError as exc:
            # the error code only: the response never holds the token, but keep log lines small
            logger.warning("users.info failed", extra={"user": user_id, "error": exc.response.get("error")})
            return None
        except WorkspaceNotInstalled:
            logger.warning("users.info: workspace not installed", extra={"team": team_id, "user": user_id})
            return None
        except Exception as exc:  # network trouble: treat as unknown, never fail the request
            logger.warning("users.info unreachable", extra={"user": user_id, "error": type(exc).__name__})
            return None
        data = response.get("user") or {}
        return SlackUser(
            user_id=user_id,
            is_admin=bool(data.get("is_admin")),
            is_owner=bool(data.get("is_owner") or data.get("is_primary_owner")),
            is_bot=bool(data.get("is_bot")),
            timezone=data.get("tz") or None,
        )
