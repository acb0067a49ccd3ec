"""A fake Discord on 127.0.0.1 (REST + gateway on one port) for the tests, `jobbot demo` and `jobbot bench`.

    async with FakeDiscord() as fake:
        ...point discord.py at fake.api_base and fake.gateway_url, log in with fake.token...
        record = await fake.slash("jobs", "subscribe", {"query": "Paris + French"})
        await fake.wait_until(lambda: record.followups)

Pointing discord.py 2.7 at it (``tests/fakes/discord_py.py`` has a tested context manager doing this):

- ``discord.http.Route.BASE = fake.api_base`` (``http://127.0.0.1:PORT/api/v10``). Every REST call builds
  a ``Route``, which reads ``Route.BASE`` when created, and so do interaction responses and follow-ups
  (``webhook/async_.py`` uses the same ``Route``). ``discord.http._set_api_version`` would reset it.
- ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)``. ``Client.connect``
  never asks ``GET /gateway/bot``: it connects to ``DEFAULT_GATEWAY``, RESUMEs at READY's
  ``resume_gateway_url`` (the fake's own), and after INVALID_SESSION goes back to ``DEFAULT_GATEWAY``.
  ``AutoShardedClient`` with ``shard_count=None`` does call ``GET /gateway/bot`` and uses its ``url`` and
  ``shards`` (the fake answers both), with an explicit ``shard_count`` it uses ``DEFAULT_GATEWAY``, and a
  shard that must IDENTIFY again always uses ``DEFAULT_GATEWAY``: set both.
- Login is ``GET /users/@me`` then ``GET /oauth2/applications/@me``; both are served.
- ``on_ready`` waits ``guild_ready_timeout`` (2 s) after the last GUILD_CREATE: pass e.g.
  ``guild_ready_timeout=0.1`` to the client in tests. Privileged intents must be allowed with
  ``FakeDiscord(privileged_intents=...)``, else the gateway closes with 4014 as Discord does.
- Not redirected, and not needed: ``Webhook.from_url``/``Webhook.url`` (https://discord.com/api/webhooks)
  and CDN assets (``Asset.BASE``); never fetch avatars or attachments against the fake.

As a process: ``python -m handlers.fakes.discord_fake --port 0`` prints one JSON line with ``api_base``
and ``gateway_url`` (the token is the one given with ``--token``, or ``DEFAULT_TOKEN``), then serves.
``--channels N --users N`` add that many channels and DM-able members (``discord_seed.add_audience``),
``--journal FILE`` writes every request and new message there (``discord_journal``), ``--latency S``
answers each request S seconds after doing it, ``--nonce-window S`` sets how long a nonce is remembered,
and ``--limit BUCKET=N/SECONDS`` and ``--global N`` change
the rate limits (``discord_limits.Limits``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from handlers.fakes.discord_commands import CommandRegistry
from handlers.fakes.discord_gateway import FakeGateway
from handlers.fakes.discord_interactions import BUTTON, InteractionBuilder
from handlers.fakes.discord_journal import Journal
from handlers.fakes.discord_ledger import InteractionLedger, InteractionRecord
from handlers.fakes.discord_limits import Limit, Limits, RateLimiter
from handlers.fakes.discord_model import unknown
from handlers.fakes.discord_rest import DiscordRest, Fault
from handlers.fakes.discord_routes import Context
from handlers.fakes.discord_seed import Seed, add_audience, seeded_state
from handlers.fakes.discord_state import EPHEMERAL, Call, DiscordState
from handlers.fakes.discord_validate import validate_click, validate_message

GUILD_MESSAGES = 1 << 9
DIRECT_MESSAGES = 1 << 12
DEFAULT_TOKEN = "fake-bot-token.jobbot.0000"  # noqa: S105 - valid only against this fake


class FakeDiscord:
    """REST and gateway over one ``DiscordState``; an async context manager, or ``start()``/``stop()``."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        state: DiscordState | None = None,
        limits: Limits | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        heartbeat_interval: float = 41.25,
        interaction_deadline: float = 3.0,
        shards: int = 1,
        privileged_intents: int = 0,
        latency: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.token = token
        self.tokens = {token}
        self.host = host
        self.port = port
        self.state = state or seeded_state(clock=clock)
        self.commands = CommandRegistry(self.state.ids, self.state.app_id)
        self.ledger = InteractionLedger(self.state, deadline=interaction_deadline, clock=clock)
        self.limiter = RateLimiter(limits, clock=clock)
        self.interactions = InteractionBuilder(self.state, self.commands)
        context = Context(self.state, self.ledger, self.commands, lambda: self.gateway_url, shards)
        self.rest = DiscordRest(context, self.limiter, self.tokens, latency=latency)
        self.gateway = FakeGateway(
            self.state,
            self.tokens,
            resume_url=lambda: f"ws://{self.host}:{self.port}/gateway/resume",
            heartbeat_interval=heartbeat_interval,
            privileged_intents=privileged_intents,
        )
        self._runner: web.AppRunner | None = None
        self._announcing: set[asyncio.Task[None]] = set()
        self.state.listeners.append(self._announce)

    async def __aenter__(self) -> FakeDiscord:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen on ``host:port`` (port 0 picks a free one)."""
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_get("/gateway/resume", self.gateway.handle)
        app.add_subapp("/api/v10", self.rest.app())
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Close every websocket and stop listening."""
        await self.gateway.drop(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _announce(self, event: str, message: dict[str, Any]) -> None:
        """Tell the gateway about a message created or edited over REST, as Discord does."""
        guild_id = int(message["guild_id"]) if message.get("guild_id") else None
        intent = GUILD_MESSAGES if guild_id else DIRECT_MESSAGES
        payload = {k: v for k, v in message.items() if k != "allowed_mentions"}  # never echoed by Discord
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # arranged before the fake runs: nobody is connected to hear it
            return
        task = loop.create_task(self.gateway.dispatch(event, payload, guild_id=guild_id, intent=intent))
        self._announcing.add(task)
        task.add_done_callback(self._announcing.discard)

    # ---- where it is

    @property
    def api_base(self) -> str:
        """The REST base for ``discord.http.Route.BASE``."""
        return f"http://{self.host}:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway URL for ``DiscordWebSocket.DEFAULT_GATEWAY`` (also what GET /gateway/bot answers)."""
        return f"ws://{self.host}:{self.port}/gateway"

    # ---- arranging

    def fail_next(self, method: str, path: str, fault: Fault, times: int = 1) -> None:
        """Make the next ``times`` requests of ``method path`` (below /api/v10) fail as ``fault`` says."""
        self.rest.fail_next(method, path, fault, times)

    # ---- pushing interactions

    async def push(self, payload: dict[str, Any]) -> InteractionRecord:
        """Send an INTERACTION_CREATE built by ``interactions``; its record collects the bot's answers."""
        record = self.ledger.record(payload)
        guild_id = int(payload["guild_id"]) if payload.get("guild_id") else None
        await self.gateway.dispatch("INTERACTION_CREATE", payload, guild_id=guild_id)
        return record

    async def slash(
        self,
        name: str,
        sub: str | None = None,
        options: dict[str, Any] | None = None,
        *,
        user: int = Seed.BOB_ID,
        channel: int = Seed.GENERAL_ID,
        **more: Any,
    ) -> InteractionRecord:
        """A person runs ``/name sub option:value…`` in a channel."""
        return await self.push(
            self.interactions.slash(name, sub, options, user=user, channel=channel, **more)
        )

    async def autocomplete(
        self, name: str, sub: str | None, options: dict[str, Any], focused: str, **more: Any
    ) -> InteractionRecord:
        """A person types into option ``focused``."""
        more.setdefault("user", Seed.BOB_ID)
        more.setdefault("channel", Seed.GENERAL_ID)
        return await self.push(self.interactions.slash(name, sub, options, focused=focused, **more))

    async def click(
        self,
        custom_id: str,
        message: dict[str, Any],
        *,
        user: int = Seed.BOB_ID,
        component_type: int = BUTTON,
    ) -> InteractionRecord:
        """A person clicks the button (or picks from the select) ``custom_id`` under ``message``.

        As on Discord, the click names a component of the message as Discord holds it (a channel message,
        or an ephemeral answer shown to ``user``): anything else is refused with 400 and never reaches the
        bot, and the bot is sent the message as it is now.
        """
        held = self._held(message, user)
        validate_click(held, custom_id, component_type)
        payload = self.interactions.component(custom_id, held, user=user, component_type=component_type)
        return await self.push(payload)

    def _held(self, message: dict[str, Any], user: int) -> dict[str, Any]:
        found = self.state.find_message(int(message["channel_id"]), int(message["id"]))
        found = found or self.ledger.ephemeral(message["id"], user)
        if found is None:
            raise unknown("Message", 10008)
        return found

    # ---- arranging what the bot sent before

    def posted_by_bot(
        self, channel_id: int, body: dict[str, Any], *, ephemeral_for: int | None = None
    ) -> dict[str, Any]:
        """A message the bot sent earlier (an older process or version): in the channel, or ephemeral.

        An ephemeral one is the answer to an earlier ``/jobs help`` of ``ephemeral_for``, the one person
        who sees it and can click it.
        """
        if ephemeral_for is None:
            room = self.state.channels[channel_id]
            validate_message(body)
            return self.state.store_message(room, body, self.state.bot)
        asked = self.interactions.slash("jobs", "help", user=ephemeral_for, channel=channel_id)
        return self.ledger.answered_earlier(asked, {**body, "flags": EPHEMERAL})

    # ---- reading back

    @property
    def calls(self) -> list[Call]:
        """Every REST request answered, in order."""
        return self.state.calls

    def calls_to(self, method: str, path: str) -> list[Call]:
        """The recorded requests of ``method path`` (below /api/v10)."""
        return [c for c in self.state.calls if c.method == method.upper() and c.path == path]

    def messages_in(self, channel_id: int) -> list[dict[str, Any]]:
        """The messages in a channel, oldest first."""
        return self.state.messages_in(channel_id)

    def interaction(self, token: str) -> InteractionRecord:
        """The record of a pushed interaction."""
        return self.ledger.records[token]

    def interaction_responses(self, token: str) -> list[dict[str, Any]]:
        """The accepted callback bodies of an interaction (at most one)."""
        return list(self.ledger.records[token].callbacks)

    @property
    def invalid_requests(self) -> int:
        """401/403/429 answers (not shared-scope 429s) in the last 10 minutes, as Discord counts them."""
        return self.limiter.invalid_requests

    async def wait_until(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy and return it; TimeoutError after ``timeout`` seconds."""
        async with asyncio.timeout(timeout):
            while not (result := predicate()):
                await asyncio.sleep(0.01)
        return result


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until killed; print the addresses as one JSON line first."""
    parser = argparse.ArgumentParser(prog="python -m handlers.fakes.discord_fake", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--heartbeat", type=float, default=41.25, help="heartbeat interval, seconds (41.25)")
    parser.add_argument("--channels", type=int, default=0, help="extra text channels (0)")
    parser.add_argument("--users", type=int, default=0, help="extra members who take DMs (0)")
    parser.add_argument("--journal", type=Path, default=None, help="append requests and messages here")
    parser.add_argument("--latency", type=float, default=0.0, help="answer delay, seconds (0)")
    parser.add_argument("--limit", action="append", default=[], help="a bucket's limit: BUCKET=N/SECONDS")
    parser.add_argument(
        "--nonce-window", type=float, default=300.0, help="seconds a nonce returns the first message (300)"
    )
    parser.add_argument("--global", dest="global_limit", type=int, default=None, help="requests/s per bot")
    args = parser.parse_args(argv)
    limits = _limits(parser, args.limit, args.global_limit)

    async def serve() -> None:
        state = add_audience(seeded_state(nonce_window=args.nonce_window), args.channels, args.users)
        fake = FakeDiscord(token=args.token, port=args.port, heartbeat_interval=args.heartbeat, state=state,
                           limits=limits, latency=args.latency)  # fmt: skip
        journal = Journal(args.journal) if args.journal else None
        if journal is not None:
            fake.rest.on_call.append(journal.call)
            fake.state.listeners.append(journal.message)
        async with fake:
            line = {"api_base": fake.api_base, "gateway_url": fake.gateway_url}
            print(json.dumps(line), flush=True)
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())
    return 0


def _limits(parser: argparse.ArgumentParser, given: list[str], global_limit: int | None) -> Limits:
    limits = Limits()
    for text in given:
        bucket, _, rule = text.partition("=")
        requests, _, per = rule.partition("/")
        try:
            limits.buckets[bucket] = Limit(int(requests), float(per))
        except ValueError:
            parser.error(f"--limit {text}: write it as BUCKET=REQUESTS/SECONDS, e.g. messages.create=5/5")
    if global_limit is not None:
        limits.global_per_second = global_limit
    return limits


if __name__ == "__main__":
    sys.exit(main())
