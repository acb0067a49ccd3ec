"""Running the Slack app: HTTP mode (aiohttp, POST /slack/events) or Socket Mode (SLACK_APP_TOKEN).

In HTTP mode the same server answers /healthz, and, given the bot's ``Ops``, /metrics and /readyz: a load
balancer and Prometheus reach the web process where Slack does.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.ops_http import Ops, add_routes

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"  # Bolt's default, and what config/slack-manifest.yml points at
HEALTH_PATH = "/healthz"
LOOPBACK = "127.0.0.1"  # the default: behind a reverse proxy that terminates TLS (else --host 0.0.0.0)
_MAX_BODY_BYTES = 1_000_000  # Slack payloads are a few KB; a view submission stays well under this


def create_web_app(app: AsyncApp, *, path: str = EVENTS_PATH, ops: Ops | None = None) -> web.Application:
    """An aiohttp application that hands signed Slack requests to ``app`` and answers health checks.

    With ``ops`` it also serves /metrics and /readyz (and /healthz from there).
    """

    async def events(request: web.Request) -> web.Response:
        try:
            bolt_request = await to_bolt_request(request)
        except (ValueError, TypeError, AttributeError, KeyError) as exc:
            # Bolt reads the body before it checks the signature, and fails on one that is not a JSON
            # object or a form: answer that plainly instead of a 500 and a traceback per request.
            logger.warning(
                "unreadable slack request",
                extra={"content_type": request.content_type, "bytes": request.content_length,
                       "error": type(exc).__name__},
            )  # fmt: skip
            return web.Response(status=400, text="unreadable request body")
        if not _well_shaped(bolt_request.body):
            logger.warning("slack request of an unknown shape", extra={"content_type": request.content_type})
            return web.Response(status=400, text="unknown request shape")
        response = await app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    web_app = web.Application(client_max_size=_MAX_BODY_BYTES)
    web_app.router.add_post(path, events)
    if ops is not None:
        add_routes(web_app, ops)
    else:
        web_app.router.add_get(HEALTH_PATH, health)
    flow = app.oauth_flow
    if flow is not None:  # "Add to Slack": the install link and Slack's redirect back after "Allow"

        async def install(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_installation(await to_bolt_request(request)))

        async def redirect(request: web.Request) -> web.Response:
            return await to_aiohttp_response(await flow.handle_callback(await to_bolt_request(request)))

        web_app.router.add_get(flow.install_path, install)
        web_app.router.add_get(flow.redirect_uri_path, redirect)
    return web_app


# The parts of a payload Bolt's middleware reads as objects before any listener (or its own error
# handling) runs: a payload where one of them is something else is no Slack payload.
_OBJECT_PARTS = ("event", "team", "user", "enterprise", "container", "view", "channel")


def _well_shaped(body: object) -> bool:
    if not isinstance(body, dict):
        return False
    if any(key in body and not isinstance(body[key], dict) for key in _OBJECT_PARTS):
        return False
    for key in ("actions", "authorizations"):
        items = body.get(key) or []
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            return False
    return True


async def run_http(
    app: AsyncApp,
    port: int,
    *,
    host: str = LOOPBACK,
    stop: asyncio.Event | None = None,
    ops: Ops | None = None,
) -> None:
    """Serve ``app`` (and ``ops``'s endpoints) on ``host:port`` until ``stop`` is set (or forever)."""
    # Access logs would show nothing useful (and a line per Prometheus scrape).
    runner = web.AppRunner(create_web_app(app, ops=ops), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
        logger.info("slack app listening", extra={"host": host, "port": port, "path": EVENTS_PATH})
        await (stop or asyncio.Event()).wait()
    finally:
        await runner.cleanup()


async def run_socket_mode(
    app: AsyncApp,
    app_token: str,
    *,
    stop: asyncio.Event | None = None,
    web_client: AsyncWebClient | None = None,
) -> None:
    """Connect ``app`` to Slack over Socket Mode with the app-level token (xapp-…) until ``stop`` is set.

    ``web_client`` opens the connection (apps.connections.open); by default the app's own client.
    """
    handler = AsyncSocketModeHandler(app, app_token, web_client=web_client)
    await handler.connect_async()
    logger.info("slack app connected over socket mode")
    try:
        await (stop or asyncio.Event()).wait()
    finally:
        await handler.close_async()
