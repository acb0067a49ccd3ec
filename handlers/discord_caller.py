"""The command service's ``Caller`` built from a Discord interaction: who, where, DM or not, admin.

Discord says what the member may do in the channel (``interaction.permissions``); Manage Channels (or
Administrator, or a configured role) counts as admin, so the same people who can set up a channel can
subscribe it. Discord shares no time zone, so digest and quiet-hour times are in UTC on Discord.
"""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.commands.values import Caller

DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True, slots=True)
class DiscordAdminPolicy:
    """Who may manage channel subscriptions and sources on a Discord server."""

    role: str | None = None  # a role id or name that counts as admin besides Manage Channels

    def allows(self, interaction: discord.Interaction) -> bool:
        """True when the member may manage this channel's subscriptions."""
        perms = interaction.permissions
        if perms.administrator or perms.manage_channels:
            return True
        member = interaction.user
        if self.role and isinstance(member, discord.Member):
            return any(self.role in (str(role.id), role.name) for role in member.roles)
        return False


def caller_of(
    interaction: discord.Interaction, policy: DiscordAdminPolicy, *, channel_id: int | None = None
) -> Caller:
    """The caller of ``interaction``, acting in ``channel_id`` (default: where it was used)."""
    in_dm = interaction.guild_id is None
    return Caller(
        platform="discord",
        workspace=str(interaction.guild_id or ""),
        user_id=str(interaction.user.id),
        channel_id=str(channel_id or interaction.channel_id or ""),
        is_dm=in_dm,
        is_admin=not in_dm and policy.allows(interaction),
        timezone=DEFAULT_TIMEZONE,
    )
