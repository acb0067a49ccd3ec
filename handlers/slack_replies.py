"""Sending a command reply back through ``respond()``, and the polite message when something broke."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from bot.commands.values import Reply
from bot.views.notices import SORRY
from handlers.slack_cards import build_reply_blocks, reply_fallback

logger = logging.getLogger(__name__)

__all__ = ["SORRY", "Respond", "apologize", "send_reply", "send_text"]


class Respond(Protocol):
    """Bolt's ``respond`` (posts to the payload's response_url)."""

    async def __call__(self, **kwargs: Any) -> Any:
        """Post a message to the response_url."""


async def send_reply(respond: Respond, reply: Reply, *, replace: bool = False) -> None:
    """Post ``reply`` as Block Kit: ephemeral unless it asks to be seen; ``replace`` rewrites the original."""
    blocks = [block.to_dict() for block in build_reply_blocks(reply)]
    await respond(
        text=reply_fallback(reply),
        blocks=blocks,
        response_type="ephemeral" if reply.ephemeral else "in_channel",
        replace_original=replace,
    )


async def send_text(respond: Respond, text: str) -> None:
    """Post a short ephemeral note (already mrkdwn-safe)."""
    await respond(text=text, response_type="ephemeral", replace_original=False)


async def apologize(respond: Respond | None, listener: str, exc: BaseException) -> None:
    """Log what failed (no payload, no secrets) and tell the person, if there is a way to reach them."""
    logger.error(
        "slack listener failed", extra={"listener": listener, "error": type(exc).__name__}, exc_info=exc
    )
    if respond is None:
        return
    try:
        await send_text(respond, SORRY)
    except Exception as second:  # the response_url may be expired or Slack unreachable: nothing more to do
        logger.warning(
            "could not send the apology", extra={"listener": listener, "error": type(second).__name__}
        )
