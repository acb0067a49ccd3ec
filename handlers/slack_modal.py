"""The "New subscription" modal: a query box with live "how I understood it" feedback, and a channel picker.

Opened from the global shortcut or the App Home button. Each keystroke (Slack batches them) dispatches the
query to the service as a ``Preview`` and the modal is updated in place; Slack keeps what was typed because
the input keeps its block and action ids. Submitting runs a ``Subscribe`` for the chosen channel, or the
person's DMs. The form's words are the neutral ones (``bot.views.forms``).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.models.blocks import (
    Block,
    ConversationFilter,
    ConversationSelectElement,
    InputBlock,
    PlainTextInputElement,
    SectionBlock,
)
from slack_sdk.models.blocks.basic_components import DispatchActionConfig
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.model import Preview, Subscribe
from bot.commands.port import CommandPort
from bot.commands.values import Reply
from bot.views.actions import Action, encode
from bot.views.forms import FORM, form_preview
from bot.views.reply import reply_view
from handlers.slack_caller import CallerResolver
from handlers.slack_cards import context, section, summary_text
from handlers.slack_home import publish_home
from handlers.slack_replies import SORRY, apologize
from handlers.slack_text import escape, mrkdwn

logger = logging.getLogger(__name__)

SHORTCUT_NEW_SUBSCRIPTION = "jobbot_new_subscription"  # the global shortcut's callback_id (manifest)
OPEN_FORM = re.compile(rf"^({re.escape(encode(Action.NEW_SUBSCRIPTION))}|jobbot_home_new_subscription)$")
MODAL_CALLBACK = "jobbot_subscribe_modal"
QUERY_BLOCK = "jobbot_query"
QUERY_ACTION = "jobbot_query_input"
CHANNEL_BLOCK = "jobbot_channel"
CHANNEL_ACTION = "jobbot_channel_select"
PREVIEW_BLOCK = "jobbot_preview"


def build_subscribe_modal(preview: Reply | None = None, *, origin: str = "shortcut") -> View:
    """The modal; ``preview`` is the service's reading of the query typed so far."""
    query_input = PlainTextInputElement(
        action_id=QUERY_ACTION,
        placeholder=FORM.query_placeholder,
        max_length=FORM.query_max,
        dispatch_action_config=DispatchActionConfig(
            trigger_actions_on=["on_enter_pressed", "on_character_entered"]
        ),
        focus_on_load=True,
    )
    channel_select = ConversationSelectElement(
        action_id=CHANNEL_ACTION,
        placeholder=FORM.where_placeholder,
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
    )
    blocks: list[Block] = [
        InputBlock(
            block_id=QUERY_BLOCK,
            label=FORM.query_label,
            element=query_input,
            dispatch_action=True,
        ),
        InputBlock(
            block_id=CHANNEL_BLOCK,
            label=FORM.where_label,
            element=channel_select,
            optional=True,
            hint=FORM.where_hint,
        ),
        *preview_blocks(preview),
    ]
    return View(
        type="modal",
        callback_id=MODAL_CALLBACK,
        title=FORM.title,
        submit=FORM.submit,
        close=FORM.cancel,
        blocks=blocks,
        private_metadata=json.dumps({"origin": origin}),
    )


def preview_blocks(preview: Reply | None) -> list[Block]:
    """How the query was understood and a few postings it matches now (summaries, no buttons)."""
    shown = form_preview(preview)
    first = section("\n".join(mrkdwn(line) for line in shown.lines))
    blocks: list[Block] = [SectionBlock(block_id=PREVIEW_BLOCK, text=first.text)]
    blocks.extend(section(summary_text(card)) for card in shown.cards)
    if shown.more:
        blocks.append(context(shown.more))
    return blocks


def build_result_view(reply: Reply) -> View:
    """What the modal shows once the subscription was (or could not be) created, its warnings included."""
    text = "\n".join(mrkdwn(line) for line in reply_view(reply, capacity=0).lines)
    return View(
        type="modal",
        callback_id=MODAL_CALLBACK + "_done",
        title=FORM.title,
        close=FORM.done,
        blocks=[section(text)],
    )


def build_working_view() -> View:
    """Shown for the moment between pressing Subscribe and the subscription being stored."""
    return View(type="modal", title=FORM.title, close="Close", blocks=[section(escape(FORM.working))])


def submitted(view: dict[str, Any]) -> tuple[str, str | None]:
    """The query and the chosen channel (None = DMs) from a submitted modal's state."""
    values = (view.get("state") or {}).get("values") or {}
    query = ((values.get(QUERY_BLOCK) or {}).get(QUERY_ACTION) or {}).get("value") or ""
    channel = ((values.get(CHANNEL_BLOCK) or {}).get(CHANNEL_ACTION) or {}).get("selected_conversation")
    return query.strip(), channel or None


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver) -> None:
    """Listen for the shortcut and Home button (open), keystrokes (preview) and the submission."""

    async def open_modal(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        # the trigger_id expires 3 seconds after the click: open the modal before anything slow
        await ack()
        origin = "home" if (body.get("view") or {}).get("type") == "home" else "shortcut"
        try:
            await client.views_open(trigger_id=body["trigger_id"], view=build_subscribe_modal(origin=origin))
        except Exception as exc:
            await apologize(None, "open_modal", exc)

    async def live_preview(
        ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        await ack()
        view = body.get("view") or {}
        if not isinstance(view, dict) or not view.get("id"):
            return  # typing happens in a modal; without one there is nothing to update
        try:
            text = (action.get("value") or "").strip()
            caller = await callers.from_interaction(body, channel_id="")
            preview = await service.handle(caller, Preview(text)) if text else None
            updated = build_subscribe_modal(preview, origin=_origin(view))
            await client.views_update(view_id=view["id"], hash=view.get("hash"), view=updated)
        except SlackApiError as exc:
            # hash_conflict: a later keystroke already updated the form; not_found: the form was closed
            if exc.response.get("error") not in ("hash_conflict", "not_found"):
                await apologize(None, "live_preview", exc)
        except Exception as exc:
            await apologize(None, "live_preview", exc)

    async def submit(
        ack: AsyncAck, body: dict[str, Any], view: dict[str, Any], client: AsyncWebClient
    ) -> None:
        query, channel = submitted(view)
        if not query:
            await ack(response_action="errors", errors={QUERY_BLOCK: FORM.empty_query})
            return
        await ack(response_action="update", view=build_working_view())
        try:
            caller = await callers.from_interaction(body, channel_id=channel or "")
            # confirmed: the form's live preview already showed the reading, any typo and what matches
            reply = await service.handle(caller, Subscribe(query, dm=channel is None, confirmed=True))
            try:
                await client.views_update(view_id=view["id"], view=build_result_view(reply))
            except SlackApiError as exc:
                if exc.response.get("error") != "not_found":
                    raise
                # the person closed the form while it said "Creating…": the subscription stands regardless
                logger.info("the form was closed before its result could be shown")
            if _origin(view) == "home":
                await publish_home(client, service, caller, notice=reply.text)
        except Exception as exc:
            await apologize(None, "modal_submit", exc)
            await _show_failure(client, view)

    app.shortcut(SHORTCUT_NEW_SUBSCRIPTION)(open_modal)
    app.action(OPEN_FORM)(open_modal)
    app.action(QUERY_ACTION)(live_preview)
    app.view(MODAL_CALLBACK)(submit)


def _origin(view: dict[str, Any]) -> str:
    """Where the form was opened from, as its metadata says ("shortcut" when it says nothing usable)."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return "shortcut"
    origin = metadata.get("origin") if isinstance(metadata, dict) else None
    return origin if isinstance(origin, str) else "shortcut"


async def _show_failure(client: AsyncWebClient, view: dict[str, Any]) -> None:
    """Replace the "Creating…" view with an apology, so the modal never hangs."""
    failure = View(type="modal", title=FORM.title, close="Close", blocks=[section(escape(SORRY))])
    try:
        await client.views_update(view_id=view["id"], view=failure)
    except Exception as exc:
        logger.warning("could not show the failure in the modal", extra={"error": type(exc).__name__})
