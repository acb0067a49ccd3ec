"""Discord's REST API under ``/api/v10`` as an aiohttp app: auth, rate limits, faults, recording, routes.

Every request goes through the same steps Discord's edge takes: the ``Authorization: Bot <token>`` header
(401 otherwise; interaction callbacks and webhook-token routes need none), the global limit per bot (routes
with a token in the path are exempt), any fault a test queued for that path, the route's bucket, then the
endpoint. Each answer is recorded in ``DiscordState.calls`` without the Authorization header.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from handlers.fakes import discord_routes as routes
from handlers.fakes.discord_limits import RateLimiter, Verdict
from handlers.fakes.discord_model import ApiError
from handlers.fakes.discord_state import Call

log = logging.getLogger(__name__)

MAX_BODY = 25 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Fault:
    """A failure to inject into coming requests of one method and path.

    ``status`` None answers normally (after ``delay``: a slow answer). ``after`` does the request first and
    then fails or drops the connection: the outcome a client cannot know. ``retry_after`` answers a 429 of
    ``scope`` ("user", "global" or "shared") instead.
    """

    status: int | None = 500
    code: int = 0
    message: str = "500: Internal Server Error"
    delay: float = 0.0
    after: bool = False
    disconnect: bool = False
    retry_after: float | None = None
    scope: str = "shared"


@dataclass(frozen=True, slots=True)
class Route:
    """One endpoint: its path below /api/v10, bucket, major parameter and whether it needs the bot token."""

    method: str
    path: str
    endpoint: routes.Endpoint
    bucket: str = "other"
    major: tuple[str, ...] = ()
    bot_auth: bool = True


ROUTES = (
    Route("GET", "/users/@me", routes.me),
    Route("POST", "/users/@me/channels", routes.open_dm, "dm.open"),
    Route("GET", "/users/{user_id}", routes.get_user),
    Route("GET", "/guilds/{guild_id}/members/{user_id}", routes.get_member),
    Route("GET", "/gateway", routes.gateway, bot_auth=False),
    Route("GET", "/gateway/bot", routes.gateway_bot),
    Route("GET", "/oauth2/applications/@me", routes.application),
    Route("GET", "/applications/@me", routes.application),
    Route("GET", "/guilds/{guild_id}/channels", routes.guild_channels, "channels", ("guild_id",)),
    Route("GET", "/guilds/{guild_id}/threads/active", routes.active_threads, "channels", ("guild_id",)),
    Route("GET", "/channels/{channel_id}", routes.get_channel, "channels", ("channel_id",)),
    Route("POST", "/channels/{channel_id}/messages", routes.create_message, "messages.create",
          ("channel_id",)),
    Route("GET", "/channels/{channel_id}/messages", routes.list_messages, "messages.read", ("channel_id",)),
    Route("GET", "/channels/{channel_id}/messages/{message_id}", routes.get_message, "messages.read",
          ("channel_id",)),
    Route("PATCH", "/channels/{channel_id}/messages/{message_id}", routes.edit_message, "messages.edit",
          ("channel_id",)),
    Route("DELETE", "/channels/{channel_id}/messages/{message_id}", routes.delete_message, "messages.edit",
          ("channel_id",)),
    Route("POST", "/channels/{channel_id}/typing", routes.typing, "channels", ("channel_id",)),
    Route("POST", "/channels/{channel_id}/threads", routes.start_thread, "threads", ("channel_id",)),
    Route("POST", "/interactions/{interaction_id}/{token}/callback", routes.interaction_callback,
          "interactions", ("interaction_id", "token"), bot_auth=False),
    Route("POST", "/webhooks/{app_id}/{token}", routes.followup, "webhooks", ("app_id", "token"),
          bot_auth=False),
    Route("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", routes.webhook_message, "webhooks",
          ("app_id", "token"), bot_auth=False),
    Route("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", routes.edit_webhook_message,
          "webhooks", ("app_id", "token"), bot_auth=False),
    Route("PUT", "/applications/{app_id}/commands", routes.put_commands, "commands"),
    Route("GET", "/applications/{app_id}/commands", routes.get_commands, "commands"),
    Route("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", routes.put_commands, "commands",
          ("guild_id",)),
    Route("GET", "/applications/{app_id}/guilds/{guild_id}/commands", routes.get_commands, "commands",
          ("guild_id",)),
)  # fmt: skip


class DiscordRest:
    """The REST half of the fake: build ``app()`` and mount it at ``/api/v10``."""

    def __init__(
        self, ctx: routes.Context, limiter: RateLimiter, tokens: set[str], *, latency: float = 0.0
    ) -> None:
        self.ctx = ctx
        self.limiter = limiter
        self.tokens = tokens
        self.latency = latency  # seconds between doing a request and answering it (a slow network)
        self.on_call: list[Callable[[Call], None]] = []  # told of every answered request
        self._faults: dict[tuple[str, str], deque[Fault]] = {}

    def fail_next(self, method: str, path: str, fault: Fault, times: int = 1) -> None:
        """Make the next ``times`` requests of ``method path`` (below /api/v10) fail as ``fault`` says."""
        self._faults.setdefault((method.upper(), path), deque()).extend([fault] * times)

    def app(self) -> web.Application:
        """The aiohttp application serving every route."""
        app = web.Application(client_max_size=MAX_BODY)
        for route in ROUTES:
            app.router.add_route(route.method, route.path, self._handler(route))
        app.router.add_route("*", "/{tail:.*}", self._not_found)
        return app

    def _handler(self, route: Route) -> Any:
        async def handle(request: web.Request) -> web.StreamResponse:
            return await self._serve(route, request)

        return handle

    async def _serve(self, route: Route, request: web.Request) -> web.StreamResponse:
        params = dict(request.match_info)
        path = request.path.split("/api/v10", 1)[-1]
        body = await _body(request)
        token = _bot_token(request)
        if route.bot_auth and token not in self.tokens:
            return self._answer(request, path, body, ApiError(401, 0, "401: Unauthorized"))
        if route.bot_auth and token is not None:
            verdict = self.limiter.check_global(token)
            if not verdict.allowed:
                return self._answer(request, path, body, verdict)
        queued = self._faults.get((request.method, path))
        fault = queued.popleft() if queued else None
        if fault is not None and not fault.after:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.disconnect or fault.status is not None or fault.retry_after is not None:
                return self._fail(request, path, body, route, fault)
        major = "+".join(params.get(name, "") for name in route.major)
        verdict = self.limiter.check_route(route.bucket, major)
        if not verdict.allowed:
            return self._answer(request, path, body, verdict)
        try:
            result: Any = route.endpoint(self.ctx, params, request.query, body)
        except ApiError as error:
            result = error
        if fault is not None and fault.after:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            return self._fail(request, path, body, route, fault)
        if self.latency:
            await asyncio.sleep(self.latency)  # done, not yet answered: what a client killed now cannot know
        return self._answer(request, path, body, result, verdict.headers)

    def _fail(
        self, request: web.Request, path: str, body: Any, route: Route, fault: Fault
    ) -> web.StreamResponse:
        if fault.disconnect:
            self._record(request, path, body, 0, None)
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)
        if fault.retry_after is not None:
            verdict = self.limiter.refusal(route.bucket, fault.retry_after, fault.scope)
            return self._answer(request, path, body, verdict)
        return self._answer(request, path, body, ApiError(fault.status or 500, fault.code, fault.message))

    def _answer(
        self,
        request: web.Request,
        path: str,
        body: Any,
        result: Any,
        headers: Mapping[str, str] | None = None,
    ) -> web.StreamResponse:
        headers = dict(headers or {})
        if isinstance(result, Verdict):
            status, payload, code, scope = 429, result.body, None, result.scope
            headers.update(result.headers)
        elif isinstance(result, ApiError):
            status, payload, code, scope = result.status, result.body(), result.code, None
        else:
            status, payload, code, scope = (204 if result is None else 200), result, None, None
        self.limiter.note_status(status, scope)
        self._record(request, path, body, status, code, scope)
        if status == 204:
            return web.Response(status=204, headers=headers)
        # Exactly "application/json", no charset: discord.py compares the header verbatim before decoding.
        headers["Content-Type"] = "application/json"
        return web.Response(body=json.dumps(payload).encode(), status=status, headers=headers)

    def _record(
        self,
        request: web.Request,
        path: str,
        body: Any,
        status: int,
        code: int | None,
        scope: str | None = None,
    ) -> None:
        headers = {k: v for k, v in request.headers.items() if k.lower() != "authorization"}
        call = Call(request.method, path, body, headers, status, code, scope=scope)
        self.ctx.state.calls.append(call)
        for listener in self.on_call:
            listener(call)
        log.debug("fake discord answered", extra={"method": request.method, "path": path, "status": status})

    async def _not_found(self, request: web.Request) -> web.StreamResponse:
        path = request.path.split("/api/v10", 1)[-1]
        return self._answer(request, path, None, ApiError(404, 0, "404: Not Found"))


def _bot_token(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return header[4:].strip() if header.startswith("Bot ") else None


async def _body(request: web.Request) -> Any:
    """The request's JSON, from a JSON body or a multipart ``payload_json`` with its ``files[n]``."""
    if not request.can_read_body:
        return None
    if request.content_type.startswith("multipart/"):
        payload: dict[str, Any] = {}
        files: dict[int, tuple[str, int]] = {}
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if part.name == "payload_json":
                payload = json.loads(await part.text())  # type: ignore[union-attr]
            elif part.name and part.name.startswith("files["):
                data = await part.read()  # type: ignore[union-attr]
                files[int(part.name[6:-1])] = (part.filename or "file", len(data))  # type: ignore[union-attr]
        _attach(payload, files)
        return payload
    try:
        return await request.json()
    except ValueError:
        return None


def _attach(payload: dict[str, Any], files: dict[int, tuple[str, int]]) -> None:
    """Turn uploaded files into attachment objects in the payload (and its nested forum ``message``)."""
    target = payload.get("message") if isinstance(payload.get("message"), dict) else payload
    attachments = []
    for index, (filename, size) in sorted(files.items()):
        url = f"https://cdn.discordapp.com/attachments/0/{index}/{filename}"
        attachments.append(
            {"id": str(index), "filename": filename, "size": size, "url": url, "proxy_url": url}
        )
    if attachments:
        target["attachments"] = attachments
