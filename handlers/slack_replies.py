"""Sending a command reply back through ``respond()``, and the polite message when something broke."""

from __future__ import annotations

import logging
from typing import Any, Protocol

from handlers.slack_cards import ReplyLike, build_reply_blocks, escape, fit

logger = logging.getLogger(__name__)

SORRY = (
    "Sorry, something went wrong on my side and I could not finish that. Please try again in a minute; "
    "if it keeps happening, tell whoever runs jobbot in this workspace."
)
_FALLBACK_MAX = 3000


class Respond(Protocol):
    """Bolt's ``respond`` (posts to the payload's response_url)."""

    async def __call__(self, **kwargs: Any) -> Any:
        """Post a message to the response_url."""


async def send_reply(respond: Respond, reply: ReplyLike) -> None:
    """Post ``reply`` as Block Kit: ephemeral unless the reply asks to be seen by the channel."""
    blocks = [block.to_dict() for block in build_reply_blocks(reply)]
    await respond(
        text=fit(escape(reply.text), _FALLBACK_MAX) or "jobbot",
        blocks=blocks,
        response_type="ephemeral" if getattr(reply, "ephemeral", True) else "in_channel",
        replace_original=False,
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
