"""App Home: a person's subscriptions (Pause, Resume, Unsubscribe) and saved postings, and a "New" button."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.values import Caller, HomeView, SubscriptionItem
from handlers.slack_caller import CallerResolver
from handlers.slack_cards import SECTION_TEXT_MAX, escape, fit, summary_text
from handlers.slack_replies import SORRY, apologize
from handlers.slack_service import CommandPort

logger = logging.getLogger(__name__)

ACTION_NEW_SUBSCRIPTION = "jobbot_home_new_subscription"
ACTION_PAUSE = "jobbot_home_pause"  # value: subscription id
ACTION_RESUME = "jobbot_home_resume"  # value: subscription id
ACTION_UNSUBSCRIBE = "jobbot_home_unsubscribe"  # value: subscription id

# A Home view holds at most 100 blocks: two per subscription, one per saved posting, and some headings.
SUBSCRIPTIONS_SHOWN = 30
SAVED_SHOWN = 15
_SLACK_ID = re.compile(r"^[A-Z0-9]{2,}$")
_NOTICE_MAX = 1500


def build_home_view(home: HomeView, notice: str | None = None) -> View:
    """The Home tab for ``home``; ``notice`` (plain text) says what the last click did."""
    blocks: list[Block] = [
        HeaderBlock(text="Your job alerts"),
        SectionBlock(
            text=MarkdownTextObject(
                text="Get new postings that match a search, in your DMs or a channel. "
                "Type `/jobs help` anywhere to see every command."
            ),
            accessory=ButtonElement(
                text="New subscription", action_id=ACTION_NEW_SUBSCRIPTION, style="primary"
            ),
        ),
    ]
    if notice:
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=fit(escape(notice), _NOTICE_MAX))]))
    blocks.append(DividerBlock())
    blocks.extend(_subscription_blocks(home.subscriptions))
    blocks.append(DividerBlock())
    blocks.extend(_saved_blocks(home))
    if home.muted_companies:
        muted = ", ".join(escape(name) for name in home.muted_companies)
        text = fit(f"Muted companies: {muted} · undo with `/jobs unmute COMPANY`", SECTION_TEXT_MAX)
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=text)]))
    return View(type="home", blocks=blocks)


def where_label(item: SubscriptionItem) -> str:
    """Where a subscription's cards go, as mrkdwn: "your DMs" or a channel link."""
    dest = item.destination
    if dest.kind == "dm":
        return "your DMs"
    return f"<#{dest.target}>" if _SLACK_ID.match(dest.target) else escape(dest.target)


def _subscription_blocks(items: tuple[SubscriptionItem, ...]) -> list[Block]:
    blocks: list[Block] = [HeaderBlock(text="Subscriptions")]
    if not items:
        text = "No subscriptions yet. Press *New subscription*, or type `/jobs subscribe Paris + French`."
        return [*blocks, SectionBlock(text=MarkdownTextObject(text=text))]
    for item in items[:SUBSCRIPTIONS_SHOWN]:
        query = "`" + escape(item.query).replace("`", "ˋ") + "`"
        state = " · ⏸ paused" if item.paused else ""
        lines = [f"*#{item.id}* {query} → {where_label(item)}{state}"]
        details = " · ".join(escape(part) for part in (item.understood, item.schedule) if part)
        if details:
            lines.append(details)
        blocks.append(SectionBlock(text=MarkdownTextObject(text=fit("\n".join(lines), SECTION_TEXT_MAX))))
        blocks.append(ActionsBlock(block_id=f"jobbot_sub_{item.id}", elements=_subscription_buttons(item)))
    if len(items) > SUBSCRIPTIONS_SHOWN:
        more = f"…and {len(items) - SUBSCRIPTIONS_SHOWN} more: `/jobs list`"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return blocks


def _subscription_buttons(item: SubscriptionItem) -> list[ButtonElement]:
    value = str(item.id)
    toggle = (
        ButtonElement(text="Resume", action_id=ACTION_RESUME, value=value)
        if item.paused
        else ButtonElement(text="Pause", action_id=ACTION_PAUSE, value=value)
    )
    confirm = ConfirmObject(
        title="Unsubscribe?",
        text=f"Subscription #{item.id} will stop sending postings. This cannot be undone.",
        confirm="Unsubscribe",
        deny="Keep it",
        style="danger",
    )
    unsubscribe = ButtonElement(
        text="Unsubscribe", action_id=ACTION_UNSUBSCRIBE, value=value, style="danger", confirm=confirm
    )
    return [toggle, unsubscribe]


def _saved_blocks(home: HomeView) -> list[Block]:
    total = max(home.saved_total, len(home.saved))
    blocks: list[Block] = [HeaderBlock(text=f"Saved postings ({total})" if total else "Saved postings")]
    if not home.saved:
        text = "Nothing saved yet. Press *Save* on a posting to keep it here."
        return [*blocks, SectionBlock(text=MarkdownTextObject(text=text))]
    blocks.extend(
        SectionBlock(text=MarkdownTextObject(text=summary_text(card))) for card in home.saved[:SAVED_SHOWN]
    )
    shown = min(len(home.saved), SAVED_SHOWN)
    if total > shown:
        more = f"…and {total - shown} more: `/jobs saved`"
        blocks.append(ContextBlock(elements=[MarkdownTextObject(text=more)]))
    return blocks


async def publish_home(
    client: AsyncWebClient, service: CommandPort, caller: Caller, notice: str | None = None
) -> None:
    """Render and publish ``caller``'s Home tab."""
    home = await service.home(caller)
    await client.views_publish(user_id=caller.user_id, view=build_home_view(home, notice))


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver) -> None:
    """Listen for Home openings and the Home buttons."""

    async def home_opened(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        # events are acknowledged by Bolt itself; the Messages tab opening needs nothing
        if event.get("tab", "home") != "home":
            return
        try:
            caller = await callers.caller(team_id=body.get("team_id", ""), user_id=event.get("user", ""))
            await publish_home(client, service, caller)
        except Exception as exc:
            await apologize(None, "app_home_opened", exc)
            await _publish_apology(client, event.get("user", ""))

    app.event("app_home_opened")(home_opened)
    for action_id, verb in (
        (ACTION_PAUSE, "pause"),
        (ACTION_RESUME, "resume"),
        (ACTION_UNSUBSCRIBE, "unsubscribe"),
    ):
        app.action(action_id)(_subscription_button(verb, service, callers))


def _subscription_button(
    verb: str, service: CommandPort, callers: CallerResolver
) -> Callable[..., Awaitable[None]]:
    """A listener that runs ``/jobs VERB ID`` for the clicked subscription and refreshes the Home tab."""

    async def handle(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        await ack()
        try:
            caller = await callers.from_interaction(body, channel_id="")
            sub_id = str((body.get("actions") or [{}])[0].get("value") or "")
            if not sub_id.isdigit():  # our buttons always carry an id; anything else is not worth a reply
                return
            reply = await service.run(caller, f"{verb} {sub_id}")
            await publish_home(client, service, caller, notice=reply.text)
        except Exception as exc:
            await apologize(None, f"home_{verb}", exc)
            await _publish_apology(client, (body.get("user") or {}).get("id", ""))

    handle.__name__ = f"handle_home_{verb}"
    return handle


async def _publish_apology(client: AsyncWebClient, user_id: str) -> None:
    """Tell the person on their Home tab that it could not be shown or changed, rather than nothing."""
    view = View(type="home", blocks=[HeaderBlock(text="Your job alerts"), SectionBlock(text=SORRY)])
    try:
        await client.views_publish(user_id=user_id, view=view)
    except Exception as exc:
        logger.warning("could not publish the apology", extra={"error": type(exc).__name__})
