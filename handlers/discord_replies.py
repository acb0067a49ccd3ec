"""Answering a Discord interaction: defer at once, then send the rendered reply, never a mention.

Discord gives an interaction 3 seconds for its first answer; every jobbot command defers first (only the
caller sees "thinking…") and follows up with the reply when the service is done. A failure is logged without
the payload and answered with an apology, so an interaction never hangs.
"""

from __future__ import annotations

import logging

import discord

from bot.commands.values import Reply
from bot.views.notices import SORRY
from handlers.discord_embeds import NO_MENTIONS, build_reply_message

logger = logging.getLogger(__name__)


async def defer(interaction: discord.Interaction) -> None:
    """Acknowledge now; the answer follows (only the caller sees it)."""
    if not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Send ``reply`` as the interaction's answer (a follow-up once deferred)."""
    content, embeds, view = build_reply_message(reply)
    kwargs: dict = {"content": content or None, "embeds": embeds, "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=True, **kwargs)
    else:
        await interaction.response.send_message(ephemeral=True, **kwargs)


async def apologize(interaction: discord.Interaction, listener: str, exc: BaseException) -> None:
    """Log what failed (no payload, no token) and tell the person if the interaction is still open."""
    logger.error(
        "discord listener failed", extra={"listener": listener, "error": type(exc).__name__}, exc_info=exc
    )
    try:
        if interaction.response.is_done():
            await interaction.followup.send(SORRY, ephemeral=True, allowed_mentions=NO_MENTIONS)
        else:
            await interaction.response.send_message(SORRY, ephemeral=True, allowed_mentions=NO_MENTIONS)
    except Exception as second:  # the interaction expired or Discord is unreachable: nothing more to do
        logger.warning(
            "could not send the apology", extra={"listener": listener, "error": type(second).__name__}
        )
