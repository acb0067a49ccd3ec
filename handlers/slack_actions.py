"""Every jobbot button in Slack, on cards, replies and App Home: one listener that decodes the click.

A button's action id is its neutral encoding (``jobbot:ACTION:VALUE``, see ``bot.views.actions``); the click
becomes a typed command for the service, never command text. The answer goes back where the click came
from: an ephemeral note under a card, the same message for another page of results, or a refreshed Home.
Buttons on messages posted by older versions (``jobbot_save`` …) keep working.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.model import Command, Mute
from bot.commands.port import CommandPort
from bot.views.actions import Action, command_for, decode
from handlers.slack_caller import CallerResolver
from handlers.slack_home import publish_apology, publish_home
from handlers.slack_replies import apologize, send_reply

# Cards posted before the neutral encoding: their action id, and what it meant.
LEGACY_ACTIONS = {
    "jobbot_open": Action.OPEN,
    "jobbot_save": Action.SAVE,
    "jobbot_hide_similar": Action.HIDE,
    "jobbot_mute_company": Action.MUTE,  # its value was the company's name, not a posting id
    "jobbot_home_pause": Action.PAUSE,
    "jobbot_home_resume": Action.RESUME,
    "jobbot_home_unsubscribe": Action.UNSUBSCRIBE,
}
PAGING = frozenset({Action.PAGE, Action.SAVED_PAGE})  # another page replaces the message it was on
# Every button but "New subscription", which opens a modal (handlers.slack_modal).
BUTTONS = re.compile(r"^jobbot:(?!new:)|^(" + "|".join(LEGACY_ACTIONS) + ")$")


def clicked(body: Mapping[str, Any]) -> tuple[Action, str, Command | None] | None:
    """The clicked button's action, value and the command it runs; None when it is not one of ours."""
    action = (body.get("actions") or [{}])[0]
    action_id = str(action.get("action_id") or "")
    value = str(action.get("value") or "")
    decoded = decode(action_id)
    if decoded is not None:
        kind, encoded = decoded
        value = value or encoded  # the value field is whole; an action id may have been cut
        return kind, value, command_for(kind, value)
    kind = LEGACY_ACTIONS.get(action_id)
    if kind is None:
        return None
    if kind is Action.MUTE:
        return kind, value, Mute(value) if value.strip() else None
    return kind, value, command_for(kind, value)


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver) -> None:
    """Listen for every jobbot button except "New subscription"."""

    async def handle_button(
        ack: AsyncAck, body: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        # Link buttons (Open) need the ack too, or the person sees a warning.
        await ack()
        in_home = (body.get("view") or {}).get("type") == "home"
        reachable = respond if body.get("response_url") else None
        try:
            found = clicked(body)
            if found is None or found[2] is None:  # a link, or a value our buttons never carry
                return
            kind, _, command = found
            caller = await callers.from_interaction(body, channel_id="" if in_home else None)
            reply = await service.handle(caller, command)
            if in_home:
                await publish_home(client, service, caller, notice=reply.text)
            elif reachable is not None:
                await send_reply(reachable, reply, replace=kind in PAGING)
        except Exception as exc:
            await apologize(None if in_home else reachable, "button", exc)
            if in_home:
                await publish_apology(client, (body.get("user") or {}).get("id", ""))

    app.action(BUTTONS)(handle_button)
