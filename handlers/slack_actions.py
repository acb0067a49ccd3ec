"""The card buttons: Open (a link, nothing to do), Save, Not interested, Mute company."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.commands.values import Caller
from handlers.slack_caller import CallerResolver
from handlers.slack_cards import ACTION_HIDE_SIMILAR, ACTION_MUTE_COMPANY, ACTION_OPEN, ACTION_SAVE, ReplyLike
from handlers.slack_replies import apologize, send_reply
from handlers.slack_service import CommandPort

logger = logging.getLogger(__name__)

ButtonWork = Callable[[Caller, str], Awaitable[ReplyLike]]


def button_value(body: dict[str, Any]) -> str:
    """The clicked button's value (a posting id or a company name); "" when there is none."""
    actions = body.get("actions") or [{}]
    return str(actions[0].get("value") or "")


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver) -> None:
    """Listen for the card buttons."""

    async def open_link(ack: AsyncAck) -> None:
        # Slack opens the URL itself; the click still has to be acknowledged or the user sees a warning.
        await ack()

    app.action(ACTION_OPEN)(open_link)
    app.action(ACTION_SAVE)(_button("save", service.save, callers))
    app.action(ACTION_HIDE_SIMILAR)(_button("hide_similar", service.hide_similar, callers))
    app.action(ACTION_MUTE_COMPANY)(_button("mute_company", service.mute_company, callers))


def _button(name: str, work: ButtonWork, callers: CallerResolver) -> Callable[..., Awaitable[None]]:
    """A listener that acks, runs ``work(caller, value)`` and confirms ephemerally."""

    async def handle(ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond) -> None:
        await ack()
        reachable = respond if body.get("response_url") else None
        try:
            caller = await callers.from_interaction(body)
            reply = await work(caller, button_value(body))
            if reachable is not None:
                await send_reply(reachable, reply)
        except Exception as exc:
            await apologize(reachable, name, exc)

    handle.__name__ = f"handle_{name}"
    return handle
