"""Discord wired into a running jobbot: its notifier, and the gateway client answering `/jobs`.

``attach`` does nothing without DISCORD_TOKEN. The notifier shares the client's HTTP client, so cards and
command answers draw on one set of Discord rate limits; it waits for the login before its first call.
``sync_commands`` registers the commands with Discord (``jobbot discord sync``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.app import ConfigurationError, Serve
from bot.settings import Settings
from handlers.discord_app import JobbotDiscord
from handlers.discord_caller import DiscordAdminPolicy
from handlers.discord_membership import DiscordMembership
from handlers.discord_notifier import DiscordNotifier
from handlers.discord_pacing import RequestPacing

if TYPE_CHECKING:
    from bot.app import JobBot

logger = logging.getLogger(__name__)

LOGIN_WAIT_SECONDS = 30.0


def point_discord_py_at(api_url: str | None, gateway_url: str | None) -> None:
    """Send discord.py's REST calls to ``api_url`` and its gateway connections to ``gateway_url``.

    discord.py reads both from class attributes, so this holds for the whole process: meant for a
    proxy or a local fake (DISCORD_API_URL, DISCORD_GATEWAY_URL), never set in a normal deployment.
    """
    if api_url:
        Route.BASE = api_url.rstrip("/")
    if gateway_url:
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)


def create_client(settings: Settings, service: object, **options: object) -> JobbotDiscord:
    """The Discord client for ``settings``, answering with ``service``."""
    point_discord_py_at(settings.discord_api_url, settings.discord_gateway_url)
    return JobbotDiscord(
        service,  # type: ignore[arg-type]
        policy=DiscordAdminPolicy(role=settings.discord_admin_role),
        shard_count=settings.discord_shard_count,
        shard_ids=settings.discord_shard_ids or None,
        **options,
    )


def attach(bot: JobBot, **options: object) -> Serve | None:
    """Wire Discord in when DISCORD_TOKEN is set (None otherwise)."""
    token = bot.settings.discord_token
    if not token:
        return None
    client = create_client(bot.settings, bot.service, **options)
    logged_in = asyncio.Event()
    bot.notifiers["discord"] = DiscordNotifier(
        client.http,
        ready=logged_in,
        ready_timeout=LOGIN_WAIT_SECONDS,
        requests_per_second=bot.settings.delivery.discord_requests_per_second,
    )
    bot.memberships["discord"] = DiscordMembership(client)

    async def serve(stop: asyncio.Event) -> None:
        try:
            await client.login(token)
        except discord.LoginFailure as exc:
            raise ConfigurationError(
                "Discord refused DISCORD_TOKEN: copy the bot token again from the Developer Portal (Bot → "
                "Reset Token)"
            ) from exc
        logged_in.set()
        gateway = asyncio.create_task(client.connect())
        stopped = asyncio.create_task(stop.wait())
        try:
            await asyncio.wait({gateway, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            await client.close()
            stopped.cancel()
            if gateway.done() and not gateway.cancelled() and gateway.exception():
                logger.error("the Discord gateway stopped", exc_info=gateway.exception())

    return serve


def attach_rest(bot: JobBot, *, pacer: RequestPacing | None = None) -> Serve | None:
    """Wire Discord in for sending only (``jobbot worker``): REST, no gateway; None without DISCORD_TOKEN.

    A worker posts and edits cards but answers no commands, so it logs in over HTTP and never opens a
    gateway connection (the ``gateway`` process holds those). ``pacer`` paces every request (Discord's
    bot-wide limit shared by all workers). Without the gateway's cache channel membership is unknown, so
    no membership lookup is wired: a DM a channel card covers goes out anyway.
    """
    token = bot.settings.discord_token
    if not token:
        return None
    point_discord_py_at(bot.settings.discord_api_url, bot.settings.discord_gateway_url)
    client = discord.Client(intents=discord.Intents.none())
    logged_in = asyncio.Event()
    bot.notifiers["discord"] = DiscordNotifier(
        client.http,
        ready=logged_in,
        ready_timeout=LOGIN_WAIT_SECONDS,
        requests_per_second=bot.settings.delivery.discord_requests_per_second,
        pacer=pacer,
    )

    async def serve(stop: asyncio.Event) -> None:
        try:
            await client.login(token)
        except discord.LoginFailure as exc:
            raise ConfigurationError("Discord refused DISCORD_TOKEN: copy the bot token again") from exc
        logged_in.set()
        try:
            await stop.wait()
        finally:
            await client.close()

    return serve


async def sync_commands(settings: Settings, guild_id: int | None = None) -> list[str]:
    """Register `/jobs` and `/jobs-sources` with Discord: on one server at once, or everywhere."""
    if not settings.discord_token:
        raise ConfigurationError("jobbot discord sync needs DISCORD_TOKEN (Developer Portal → Bot → Token)")
    client = create_client(settings, _NoService())
    try:
        await client.login(settings.discord_token)
        guild = discord.Object(id=guild_id) if guild_id else None
        if guild is not None:
            client.tree.copy_global_to(guild=guild)
            client.tree.clear_commands(guild=None)
        synced = await client.tree.sync(guild=guild)
    except discord.LoginFailure as exc:
        raise ConfigurationError("Discord refused DISCORD_TOKEN") from exc
    finally:
        await client.close()
    return [command.name for command in synced]


class _NoService:
    """Registering commands answers none: nothing here is ever called."""
