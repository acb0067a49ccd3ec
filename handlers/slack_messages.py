"""Plain messages typed in the app's DM (its Messages tab): answered with where to start, once a while.

The Messages tab stays writable so ``/jobs`` can be typed in the app's own DM, where DM subscriptions'
cards arrive. Someone who types a plain sentence there would otherwise be met with silence; the bot answers
with a short pointer to ``/jobs help`` (``bot.views.notices.DM_HINT``). It answers a person at most once
every ``HINT_EVERY`` so a conversation-minded user is not flooded, and never answers bots, edits,
deletions or other message subtypes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.views import notices

logger = logging.getLogger(__name__)

HINT_EVERY = 10 * 60.0  # seconds between two hints to the same person


def register(app: AsyncApp, *, clock: Callable[[], float] = time.monotonic) -> None:
    """Answer plain DM messages to the app with the hint."""
    last_hint: dict[tuple[str, str], float] = {}

    async def direct_message(event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("channel_type") != "im" or event.get("subtype") or event.get("bot_id"):
            return
        user, channel = event.get("user"), event.get("channel")
        if not user or not channel:
            return
        key, now = (body.get("team_id", ""), user), clock()
        if now - last_hint.get(key, float("-inf")) < HINT_EVERY:
            return
        last_hint[key] = now
        try:
            await client.chat_postMessage(channel=channel, text=notices.DM_HINT)
        except Exception as exc:  # a hint that cannot be sent is not worth more than a log line
            logger.warning("could not answer a DM", extra={"error": type(exc).__name__})

    app.event("message")(direct_message)
