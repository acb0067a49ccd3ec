"""Answering a Discord interaction: defer at once, then send the rendered reply, never a mention.

Discord gives an interaction 3 seconds for its first answer; every jobbot command defers first (only the
caller sees "thinking…") and follows up with the reply when the service is done. A failure is logged without
the payload and answered with an apology, so an interaction never hangs.

Rate limits: discord.py sleeps out a 429 on an interaction's answer (its webhook) for as long as Discord
asks, and its shared HTTP client raises ``RateLimited`` past 30 s. Every answer here waits at most
``REPLY_WAIT_SECONDS``; a long 429 (or that wait running out) is told to the person as a short "try again in
about N minutes", logged as a warning, and the bot goes on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

import discord

from bot.commands.values import Reply
from bot.views.notices import SORRY, slow_down
from handlers.discord_embeds import NO_MENTIONS, build_reply_message

logger = logging.getLogger(__name__)

REPLY_WAIT_SECONDS = 30.0  # the longest an answer to a person may wait out Discord's rate limits

T = TypeVar("T")


class AnswerWaitedTooLong(Exception):
    """An answer to Discord was still waiting (out a 429, as discord.py does) after ``REPLY_WAIT_SECONDS``."""

    def __init__(self, waited: float) -> None:
        super().__init__(f"the answer to Discord waited more than {waited:g} s")
        self.waited = waited


async def within_reply_wait(answer: Awaitable[T]) -> T:
    """Await one answer to Discord, giving up (``AnswerWaitedTooLong``) after ``REPLY_WAIT_SECONDS``."""
    waited = REPLY_WAIT_SECONDS
    try:
        return await asyncio.wait_for(answer, waited)
    except TimeoutError:
        raise AnswerWaitedTooLong(waited) from None


async def defer(interaction: discord.Interaction) -> None:
    """Acknowledge now; the answer follows (only the caller sees it)."""
    if not interaction.response.is_done():
        await within_reply_wait(interaction.response.defer(ephemeral=True, thinking=True))


async def send_reply(interaction: discord.Interaction, reply: Reply) -> None:
    """Send ``reply`` as the interaction's answer (a follow-up once deferred)."""
    content, embeds, view = build_reply_message(reply)
    kwargs: dict = {"content": content or None, "embeds": embeds, "allowed_mentions": NO_MENTIONS}
    if view is not None:
        kwargs["view"] = view
    if interaction.response.is_done():
        await within_reply_wait(interaction.followup.send(ephemeral=True, **kwargs))
    else:
        await within_reply_wait(interaction.response.send_message(ephemeral=True, **kwargs))


def rate_limit_wait(exc: BaseException) -> float | None:
    """Seconds Discord asked jobbot to wait when ``exc`` is a rate limit (or an answer waited too long)."""
    if isinstance(exc, discord.RateLimited):  # the shared HTTP client, past its longest wait
        return exc.retry_after
    if isinstance(exc, discord.HTTPException) and exc.status == 429:  # a 429 discord.py would not wait out
        said = getattr(exc.response, "headers", {}).get("Retry-After")
        try:
            return float(said) if said is not None else REPLY_WAIT_SECONDS
        except ValueError:
            return REPLY_WAIT_SECONDS
    if isinstance(exc, AnswerWaitedTooLong):  # an answer still waiting out a 429
        return exc.waited
    return None


async def apologize(interaction: discord.Interaction, listener: str, exc: BaseException) -> None:
    """Log what failed (no payload, no token) and tell the person if the interaction is still open.

    A rate limit is no fault of jobbot: a warning, and the person is told how long to wait.
    """
    wait = rate_limit_wait(exc)
    if wait is None:
        logger.error(
            "discord listener failed", extra={"listener": listener, "error": type(exc).__name__}, exc_info=exc
        )
        text = SORRY
    else:
        logger.warning(
            "discord asked jobbot to slow down: the person is told to try again later",
            extra={"listener": listener, "error": type(exc).__name__, "retry_after": round(wait, 1)},
        )
        text = slow_down("Discord", wait)
    try:
        if interaction.response.is_done():
            await within_reply_wait(
                interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            )
        else:
            await within_reply_wait(
                interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
            )
    except Exception as second:  # the interaction expired, Discord is unreachable or still limiting
        logger.warning(
            "could not send the apology", extra={"listener": listener, "error": type(second).__name__}
        )
