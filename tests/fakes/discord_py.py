"""The real discord.py client pointed at a ``FakeDiscord`` (the recipe is in ``handlers.fakes.discord_fake``).

    async with FakeDiscord() as fake, running_client(fake) as client:
        ...

``discord_py_pointed_at`` sets ``Route.BASE`` and ``DiscordWebSocket.DEFAULT_GATEWAY`` and puts them back.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from handlers.discord_notifier import DiscordNotifier
from handlers.fakes import FakeDiscord


@contextlib.contextmanager
def discord_py_pointed_at(fake: FakeDiscord) -> Iterator[None]:
    """Send discord.py's REST calls and gateway connections to ``fake`` while inside."""
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def notifier_logged_in(fake: FakeDiscord) -> AsyncIterator[DiscordNotifier]:
    """A ``DiscordNotifier`` on discord.py's HTTP client, logged in to ``fake``."""
    with discord_py_pointed_at(fake):
        http = discord.http.HTTPClient(discord.utils.MISSING)
        await http.static_login(fake.token)
        try:
            yield DiscordNotifier(http)
        finally:
            await http.close()


class NoIdentifyPause:
    """discord.py waits 5 s before every IDENTIFY but the first (Discord's pacing); a fake needs none."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        pass


class FastClient(NoIdentifyPause, discord.Client):
    """A ``discord.Client`` that identifies again at once."""


class FastShardedClient(NoIdentifyPause, discord.AutoShardedClient):
    """An ``AutoShardedClient`` whose shards identify at once."""


def quick_client(cls: type[discord.Client] = discord.Client, **options) -> discord.Client:
    """A client with default (unprivileged) intents that is ready 0.05 s after the last GUILD_CREATE."""
    options.setdefault("intents", discord.Intents.default())
    options.setdefault("guild_ready_timeout", 0.05)
    return cls(**options)


@contextlib.asynccontextmanager
async def running_client(
    fake: FakeDiscord, client: discord.Client | None = None, *, timeout: float = 5.0
) -> AsyncIterator[discord.Client]:
    """Log ``client`` in to the fake, wait until it is ready, close it afterwards."""
    client = client or quick_client()
    with discord_py_pointed_at(fake):
        task = asyncio.create_task(client.start(fake.token))
        try:
            ready = asyncio.create_task(client.wait_until_ready())
            done, _ = await asyncio.wait({task, ready}, timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                task.result()  # raises what stopped the client
            if ready not in done:
                ready.cancel()
                raise TimeoutError("discord.py did not become ready against the fake")
            yield client
        finally:
            await client.close()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await asyncio.wait_for(task, timeout=2)
