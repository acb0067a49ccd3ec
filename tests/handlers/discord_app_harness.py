"""The real jobbot Discord client (discord.py) logged in to a fake Discord on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from bot.commands import CommandService
from handlers.discord_app import JobbotDiscord
from handlers.discord_caller import DiscordAdminPolicy
from handlers.fakes import FakeDiscord, InteractionRecord
from tests.fakes.discord_py import NoIdentifyPause, running_client


class FastJobbot(NoIdentifyPause, JobbotDiscord):
    """The jobbot client, identifying again at once (the fake needs no pacing)."""


@contextlib.asynccontextmanager
async def running_jobbot(
    service: CommandService, *, fake: FakeDiscord | None = None, role: str | None = None
) -> AsyncIterator[tuple[FakeDiscord, JobbotDiscord]]:
    """The bot connected to ``fake`` (a new one by default) with its commands registered."""
    async with contextlib.AsyncExitStack() as stack:
        if fake is None:
            fake = await stack.enter_async_context(FakeDiscord())
        client = FastJobbot(service, policy=DiscordAdminPolicy(role=role), guild_ready_timeout=0.05)
        await stack.enter_async_context(running_client(fake, client))
        await client.tree.sync()
        yield fake, client


def shown(message: dict[str, Any] | None) -> str:
    """Everything a message shows, as one string (content, embeds, component labels)."""
    return json.dumps(message or {}, ensure_ascii=False)


async def answered(fake: FakeDiscord, record: InteractionRecord) -> dict[str, Any]:
    """The message that answered an interaction (the follow-up that filled the deferral)."""

    def filled() -> dict[str, Any] | None:
        original = record.original or {}
        return original if original.get("content") or original.get("embeds") else None

    return await fake.wait_until(filled)


def custom_ids(message: dict[str, Any]) -> list[str]:
    """The custom ids of a message's buttons, in order."""
    rows = message.get("components") or ()
    return [c["custom_id"] for row in rows for c in row["components"] if "custom_id" in c]
