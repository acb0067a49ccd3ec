"""The command service's ``Caller`` built from a Slack payload: who, where, DM or not, admin, time zone."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.commands.values import Caller
from handlers.slack_permissions import AdminPolicy, UserDirectory

DEFAULT_TIMEZONE = "UTC"
_DM_CHANNEL_NAMES = frozenset({"directmessage"})


def is_dm_channel(channel_id: str, channel_name: str | None = None) -> bool:
    """True for a direct-message conversation: Slack names it "directmessage" and its id starts with D."""
    return (channel_name or "") in _DM_CHANNEL_NAMES or channel_id.startswith("D")


class CallerResolver:
    """Builds a ``Caller`` from slash-command, interaction and event payloads."""

    def __init__(self, directory: UserDirectory, policy: AdminPolicy | None = None) -> None:
        """Look users up in ``directory`` and judge admins by ``policy``."""
        self._directory = directory
        self._policy = policy or AdminPolicy()

    async def caller(
        self, *, team_id: str, user_id: str, channel_id: str = "", channel_name: str | None = None
    ) -> Caller:
        """The caller for ``user_id`` acting in ``channel_id`` ("" = no channel, e.g. the App Home)."""
        user = await self._directory.lookup(user_id, team_id)
        return Caller(
            platform="slack",
            workspace=team_id,
            user_id=user_id,
            channel_id=channel_id,
            is_dm=not channel_id or is_dm_channel(channel_id, channel_name),
            is_admin=self._policy.allows(user, user_id),
            timezone=(user.timezone if user is not None else None) or DEFAULT_TIMEZONE,
        )

    async def from_command(self, body: Mapping[str, Any]) -> Caller:
        """The caller of a slash command."""
        return await self.caller(
            team_id=body.get("team_id", ""),
            user_id=body.get("user_id", ""),
            channel_id=body.get("channel_id", ""),
            channel_name=body.get("channel_name"),
        )

    async def from_interaction(self, body: Mapping[str, Any], channel_id: str | None = None) -> Caller:
        """The caller of a button click, shortcut or view submission (``channel_id`` overrides where)."""
        user = body.get("user") or {}
        team = body.get("team") or {}
        if channel_id is None:
            channel = body.get("channel") or {}
            channel_id = channel.get("id") or (body.get("container") or {}).get("channel_id") or ""
            channel_name = channel.get("name")
        else:
            channel_name = None
        return await self.caller(
            team_id=team.get("id") or user.get("team_id", ""),
            user_id=user.get("id", ""),
            channel_id=channel_id,
            channel_name=channel_name,
        )
