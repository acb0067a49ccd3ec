"""The Discord bot: a discord.py client with `/jobs`, `/jobs-sources`, the persistent buttons, no pings.

Built, never started, here. It asks for no privileged intent (slash commands and buttons arrive as
interactions whatever the intents; ``guilds`` keeps the channel cache), is sharded by discord.py
(``AutoShardedClient``: Discord's recommended shard count, or the configured count and ids), and every
message it sends defaults to mentioning no one.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from bot.commands.port import CommandPort
from bot.views.notices import COMMAND_NOT_ALLOWED, COMMAND_OPTION_WRONG
from handlers.discord_buttons import AnyButton, Clicks
from handlers.discord_caller import DiscordAdminPolicy
from handlers.discord_commands import JobsCommands, SourceCommands
from handlers.discord_embeds import NO_MENTIONS
from handlers.discord_replies import within_reply_wait

logger = logging.getLogger(__name__)


# What the bot needs in a channel, and why (README "Discord set-up" lists the same):
PERMISSIONS = discord.Permissions(
    view_channel=True,  # see the channels it is asked to post in
    send_messages=True,  # post cards (and new posts in forum channels)
    send_messages_in_threads=True,  # post cards to a thread
    embed_links=True,  # cards are embeds
    read_message_history=True,  # after a crash, look for a card already posted before sending it again
)
SCOPES = ("bot", "applications.commands")


def invite_url(application_id: int) -> str:
    """The link that adds the bot to a server with exactly the scopes and permissions it needs."""
    return discord.utils.oauth_url(application_id, permissions=PERMISSIONS, scopes=SCOPES)


def application_id_of(token: str) -> int | None:
    """The application id a bot token belongs to (its first part is the bot user id, which is the same)."""
    head = token.split(".", 1)[0]
    try:
        decoded = base64.b64decode(head + "=" * (-len(head) % 4), validate=False).decode("ascii")
    except (ValueError, UnicodeDecodeError):
        return None
    return int(decoded) if decoded.isdigit() else None


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
        self.add_dynamic_items(AnyButton)

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
            await within_reply_wait(send(message, ephemeral=True, allowed_mentions=NO_MENTIONS))
        except Exception as exc:  # expired, unreachable, or rate limited (RateLimited is no HTTPException)
            logger.warning("could not answer the refused command", extra={"error": type(exc).__name__})
