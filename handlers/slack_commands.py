"""The ``/jobs`` slash command: ack at once, then run the text through the command service and respond."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.commands.port import CommandPort
from handlers.slack_caller import CallerResolver
from handlers.slack_replies import apologize, send_reply

logger = logging.getLogger(__name__)

COMMAND = "/jobs"


def command_text(text: str) -> str:
    """The typed text: Slack sends &, < and > as entities (its own links stay as ``<url>``)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver, command: str = COMMAND) -> None:
    """Listen for ``command`` (default ``/jobs``)."""

    async def handle_jobs(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        # Slack gives up after 3 seconds: acknowledge first, answer through the response_url after.
        await ack()
        try:
            caller = await callers.from_command(body)
            reply = await service.handle_text(caller, command_text(body.get("text") or ""))
            await send_reply(respond, reply)
        except Exception as exc:
            await apologize(respond, "command", exc)

    app.command(command)(handle_jobs)
