"""Socket Mode: the same app and listeners, fed envelopes over a WebSocket from a local stand-in for Slack."""

import asyncio
import json

from aiohttp import WSMsgType, web
from slack_sdk.web.async_client import AsyncWebClient

from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_app import create_slack_app
from handlers.slack_server import run_socket_mode
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.slack_app_harness import SIGNING_SECRET, TEAM, TOKEN, FakeCommands

APP_TOKEN = "xapp-test-token"  # a test's own value


class SocketModeSlack:
    """apps.connections.open plus the WebSocket it hands out: says hello, sends envelopes, collects acks."""

    def __init__(self, server: FakeHttpServer) -> None:
        self.server = server
        self.acks: asyncio.Queue = asyncio.Queue()
        self.connected = asyncio.Event()
        self.socket: web.WebSocketResponse | None = None
        self.opened_with: list[str] = []
        server.add("/api/apps.connections.open", self._open)
        server.add("/link", self._link)

    async def _open(self, request: web.Request) -> web.Response:
        self.opened_with.append(request.headers.get("Authorization", ""))
        return web.json_response({"ok": True, "url": self.server.url("/link").replace("http", "ws", 1)})

    async def _link(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.socket = socket
        await socket.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "local"}})
        self.connected.set()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                await self.acks.put(json.loads(message.data))
        return socket

    async def send(self, envelope: dict) -> dict:
        assert self.socket is not None
        await self.socket.send_json(envelope)
        while True:
            ack = await asyncio.wait_for(self.acks.get(), 5)
            if ack.get("envelope_id") == envelope["envelope_id"]:
                return ack


@async_test
async def test_a_slash_command_over_socket_mode_is_acked_and_answered():
    service = FakeCommands()
    stop = asyncio.Event()
    async with FakeSlackApi(token=TOKEN) as slack, FakeHttpServer() as server:
        link = SocketModeSlack(server)
        app = create_slack_app(
            service, signing_secret=SIGNING_SECRET, client=AsyncWebClient(token=TOKEN, base_url=slack.api_url)
        )
        opener = AsyncWebClient(base_url=server.url("/api/"))
        running = asyncio.create_task(run_socket_mode(app, APP_TOKEN, stop=stop, web_client=opener))
        try:
            await asyncio.wait_for(link.connected.wait(), 5)
            assert link.opened_with == [f"Bearer {APP_TOKEN}"]
            payload = {
                "team_id": TEAM, "channel_id": "C1", "channel_name": "jobs", "user_id": "U1",
                "command": "/jobs", "text": "search Paris", "api_app_id": "AFAKE",
                "response_url": slack.response_url("sm"), "trigger_id": "t-1",
            }  # fmt: skip
            ack = await link.send(
                {"envelope_id": "env-1", "type": "slash_commands", "accepts_response_payload": True,
                 "payload": payload}
            )  # fmt: skip
            assert ack["envelope_id"] == "env-1"
            for _ in range(500):
                if slack.calls_to("response_url"):
                    break
                await asyncio.sleep(0.01)
            [response] = slack.calls_to("response_url")
            assert "ran `search Paris`" in response.args["text"]
            assert [text for _, _, text in service.calls] == ["search Paris"]
        finally:
            stop.set()
            await asyncio.wait_for(running, 5)
