"""The Discord bot: a discord.py client with `/jobs`, `/jobs-sources`, the persistent buttons, no pings.

Built, never started, here. It asks for no privileged intent (slash commands and buttons arrive as
interactions whatever the intents; ``guilds`` keeps the channel cache), is sharded by discord.py
(``AutoShardedClient``: Discord's recommended shard count, or the configured count and ids), and every
message it sends defaults to mentioning no one.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from bot.commands.port import CommandPort
from bot.views.notices import COMMAND_NOT_ALLOWED, COMMAND_OPTION_WRONG
from handlers.discord_buttons import Clicks, JobbotButton
from handlers.discord_caller import DiscordAdminPolicy
from handlers.discord_commands import JobsCommands, SourceCommands
from handlers.discord_embeds import NO_MENTIONS

logger = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Only what jobbot needs: servers and their channels. No members, presences or message content."""
    return discord.Intents(guilds=True)


class JobbotDiscord(discord.AutoShardedClient):
    """The running Discord bot (``clicks`` answers buttons; ``tree`` holds the commands)."""

    def __init__(
        self,
        service: CommandPort,
        *,
        policy: DiscordAdminPolicy | None = None,
        shard_count: int | None = None,
        shard_ids: Sequence[int] | None = None,
        **options: object,
    ) -> None:
        """A client answering with ``service``; shards as configured, else as Discord recommends."""
        super().__init__(
            intents=intents(),
            allowed_mentions=NO_MENTIONS,
            shard_count=shard_count,
            shard_ids=list(shard_ids) if shard_ids else None,
            **options,  # type: ignore[arg-type]
        )
        self.policy = policy or DiscordAdminPolicy()
        self.clicks = Clicks(service, self.policy)
        self.tree = app_commands.CommandTree(self)
        jobs = JobsCommands(service, self.policy)
        self.tree.add_command(jobs)
        self.tree.add_command(SourceCommands(jobs))
        self.tree.on_error = self._command_failed

    async def setup_hook(self) -> None:
        """Listen for jobbot buttons on any message, including those an earlier process posted."""
        self.add_dynamic_items(JobbotButton)

    async def _command_failed(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        # Only errors discord.py raises before our callback runs get here (a bad option, a check):
        # our callbacks answer their own failures.
        logger.warning("app command refused", extra={"error": type(error).__name__})
        refused = isinstance(error, app_commands.CheckFailure)
        message = COMMAND_NOT_ALLOWED if refused else COMMAND_OPTION_WRONG
        send = (
            interaction.followup.send if interaction.response.is_done() else interaction.response.send_message
        )
        try:
            await send(message, ephemeral=True, allowed_mentions=NO_MENTIONS)
        except discord.HTTPException:
            logger.warning("could not answer the refused command")
