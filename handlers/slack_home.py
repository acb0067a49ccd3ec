"""App Home: the neutral home page (``bot.views.home``) laid out as a Slack Home tab, and published.

Its buttons (Pause, Resume, Unsubscribe, New subscription) are neutral buttons: ``handlers.slack_actions``
and ``handlers.slack_modal`` answer them.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.port import CommandPort
from bot.commands.values import Caller, HomeView
from bot.views.home import TITLE, HomePage, home_page
from handlers.slack_caller import CallerResolver
from handlers.slack_cards import build_buttons, context, section, summary_text
from handlers.slack_replies import SORRY, apologize
from handlers.slack_text import escape, mrkdwn

logger = logging.getLogger(__name__)


def build_home_view(home: HomeView, notice: str | None = None) -> View:
    """The Home tab for ``home``; ``notice`` says what the last click did."""
    return render_home(home_page(home, notice))


def render_home(page: HomePage) -> View:
    """A home page as a Home tab (at most 100 blocks: the page shows at most 30 + 15 entries)."""
    blocks: list[Block] = [
        HeaderBlock(text=page.title),
        SectionBlock(
            text=MarkdownTextObject(text=mrkdwn(page.intro)), accessory=build_buttons([page.new_button])[0]
        ),
    ]
    if page.notice:
        blocks.append(context(page.notice))
    blocks += [DividerBlock(), HeaderBlock(text=page.subscriptions_heading)]
    if page.subscriptions_empty:
        blocks.append(section(mrkdwn(page.subscriptions_empty)))
    for row in page.subscriptions:
        text = mrkdwn(row.line) + (f"\n{escape(row.details)}" if row.details else "")
        blocks.append(section(text))
        blocks.append(ActionsBlock(elements=build_buttons(row.buttons)))
    if page.subscriptions_more:
        blocks.append(context(page.subscriptions_more))
    blocks += [DividerBlock(), HeaderBlock(text=page.saved_heading)]
    if page.saved_empty:
        blocks.append(section(mrkdwn(page.saved_empty)))
    blocks.extend(section(summary_text(card)) for card in page.saved)
    if page.saved_more:
        blocks.append(context(page.saved_more))
    if page.muted:
        blocks.append(context(page.muted))
    return View(type="home", blocks=blocks)


async def publish_home(
    client: AsyncWebClient, service: CommandPort, caller: Caller, notice: str | None = None
) -> None:
    """Render and publish ``caller``'s Home tab."""
    home = await service.home(caller)
    await client.views_publish(user_id=caller.user_id, view=build_home_view(home, notice))


async def publish_apology(client: AsyncWebClient, user_id: str) -> None:
    """Tell the person on their Home tab that it could not be shown or changed, rather than nothing."""
    view = View(type="home", blocks=[HeaderBlock(text=TITLE), SectionBlock(text=SORRY)])
    try:
        await client.views_publish(user_id=user_id, view=view)
    except Exception as exc:
        logger.warning("could not publish the apology", extra={"error": type(exc).__name__})


def register(app: AsyncApp, service: CommandPort, callers: CallerResolver) -> None:
    """Publish the Home tab whenever a person opens it."""

    async def home_opened(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        # events are acknowledged by Bolt itself; the Messages tab opening needs nothing
        if event.get("tab", "home") != "home":
            return
        try:
            caller = await callers.caller(team_id=body.get("team_id", ""), user_id=event.get("user", ""))
            await publish_home(client, service, caller)
        except Exception as exc:
            await apologize(None, "app_home_opened", exc)
            await publish_apology(client, event.get("user", ""))

    app.event("app_home_opened")(home_opened)
