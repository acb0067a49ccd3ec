"""A stand-in for the Slack Web API on 127.0.0.1, for `jobbot demo`, `jobbot bench deliver` and the tests.

It serves a :class:`FakeWorkspace` over HTTP the way Slack does: the bearer token is checked, arguments come
from the query string, a form or a JSON body, and HTTP 429 carries Retry-After. Every call is recorded in
``calls``; with a ``state_file`` each is also appended as a JSON line, and a restarted fake reloads the
stored messages from it. Faults (an error, a slow answer, a dropped connection, before or after the
message is stored) can be queued per method.

    async with FakeSlackApi(token="xoxb-test") as slack:
        client = AsyncWebClient(token="xoxb-test", base_url=slack.api_url)

As a process: ``python -m handlers.fakes.slack_api --port 0 --state calls.jsonl`` prints its API URL.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import itertools
import json
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from aiohttp import web

from handlers.fakes.slack_oauth import FakeApp, FakeOAuth
from handlers.fakes.slack_workspace import TEAM_ID, FakeWorkspace, metadata_key

DEFAULT_TOKEN = "xoxb-fake-token"  # noqa: S105 - valid only against this fake


@dataclass(frozen=True, slots=True)
class ApiCall:
    """One request the fake answered."""

    method: str
    args: dict[str, Any]
    status: int
    error: str | None
    at: float  # wall-clock time.time(), comparable across processes
    ts: str | None = None  # the ts of the message this call stored, if it stored one
    channel: str | None = None
    team: str | None = None  # the workspace whose token authenticated the call

    @property
    def key(self) -> str | None:
        """The jobbot idempotency key in the call's message metadata, if any."""
        return metadata_key(self.args.get("metadata"))


@dataclass(frozen=True, slots=True)
class Fault:
    """A failure to inject into a coming call of a method."""

    error: str = "internal_error"  # the Slack error code answered with "ok": false
    status: int = 200
    delay: float = 0.0  # seconds to wait before answering
    store: bool = False  # do the call first, then fail: the outcome a client cannot know
    disconnect: bool = False  # drop the connection instead of answering


class FakeSlackApi:
    """The fake Web API server; an async context manager, or ``start()``/``stop()``."""

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        rate_per_second: float = 1.0,
        burst: int = 3,
        state_file: Path | str | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        latency: float = 0.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.workspace = FakeWorkspace(rate_per_second=rate_per_second, burst=burst, clock=clock)
        self.workspaces = {TEAM_ID: self.workspace}  # team id -> its state; tokens pick one
        self.tokens = {token}  # the tokens Slack accepts now
        self.revoked: set[str] = set()  # tokens that were valid once: Slack answers token_revoked
        self._teams = {token: TEAM_ID}  # token -> its workspace
        self._serial = itertools.count(1)
        self.oauth = FakeOAuth(issue_token=self.issue_token, clock=clock)
        self.host = host
        self.port = port
        self.latency = latency  # seconds between doing a call and answering it (the answer's trip home)
        self.calls: list[ApiCall] = []
        self.connections: set[object] = (
            set()
        )  # the peers (address, port) that have called: one per connection
        self._faults: dict[str, deque[Fault]] = {}
        self._state_path = Path(state_file) if state_file is not None else None
        self._state: IO[str] | None = None
        self._runner: web.AppRunner | None = None

    async def __aenter__(self) -> FakeSlackApi:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Reload saved messages, then listen on ``host:port`` (port 0 picks a free one)."""
        if self._state_path is not None:
            if self._state_path.exists():
                for record in read_state(self._state_path):
                    if record["method"] == "chat.postMessage" and record.get("ts"):
                        self.workspace.restore_message(record["channel"], record["ts"], record.get("key"))
            self._state = self._state_path.open("a", encoding="utf-8")
        app = web.Application(client_max_size=4 * 1024 * 1024)
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/oauth/v2/authorize", self._authorize)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, self.port).start()
        self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening and close the state file."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._state is not None:
            self._state.close()
            self._state = None

    @property
    def url(self) -> str:
        """The server's root URL."""
        return f"http://{self.host}:{self.port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for slack_sdk's ``base_url`` / SLACK_API_URL (ends with "/")."""
        return f"{self.url}/api/"

    def response_url(self, name: str = "r1") -> str:
        """A response_url for interactions and slash commands; posts to it are recorded as "response_url"."""
        return f"{self.url}/response/{name}"

    @property
    def authorize_url(self) -> str:
        """Where "Add to Slack" sends a person (Slack's https://slack.com/oauth/v2/authorize)."""
        return f"{self.url}/oauth/v2/authorize"

    def add_workspace(self, team_id: str, token: str | None = None) -> FakeWorkspace:
        """Another workspace (or the existing one), with a bot ``token`` for it when given."""
        workspace = self.workspaces.get(team_id)
        if workspace is None:
            w = self.workspace
            workspace = FakeWorkspace(rate_per_second=w.rate_per_second, burst=w.burst, team_id=team_id)
            self.workspaces[team_id] = workspace
        if token is not None:
            self.tokens.add(token)
            self._teams[token] = team_id
        return workspace

    def issue_token(self, team_id: str) -> str:
        """A new bot token for ``team_id`` (the workspace is made if new); older ones stay valid."""
        token = f"xoxb-{team_id}-{next(self._serial)}-{uuid.uuid4().hex}"
        self.add_workspace(team_id, token)
        return token

    def revoke(self, team_id: str) -> None:
        """Every token of ``team_id`` stops working, as when the app is uninstalled there."""
        gone = {token for token, team in self._teams.items() if team == team_id}
        self.tokens -= gone
        self.revoked |= gone

    def register_app(self, client_id: str, client_secret: str, redirect_uri: str) -> None:
        """An app that may be installed: its credentials and its one redirect URL."""
        self.oauth.apps[client_id] = FakeApp(client_id, client_secret, redirect_uri)

    def fail_next(self, method: str, fault: Fault, times: int = 1) -> None:
        """Make the next ``times`` calls of ``method`` fail as ``fault`` says."""
        self._faults.setdefault(method, deque()).extend([fault] * times)

    def calls_to(self, method: str) -> list[ApiCall]:
        """The recorded calls of ``method``."""
        return [call for call in self.calls if call.method == method]

    def posts(self) -> list[ApiCall]:
        """The chat.postMessage calls that stored a message."""
        return [call for call in self.calls if call.method == "chat.postMessage" and call.ts is not None]

    async def _api(self, request: web.Request) -> web.StreamResponse:
        if request.transport is not None:
            self.connections.add(request.transport.get_extra_info("peername"))
        method = request.match_info["method"]
        args = await _arguments(request)
        if method == "oauth.v2.access":  # the app's credentials, not a token
            body = self.oauth.access(args, _basic(request))
            safe = {k: v for k, v in args.items() if k in ("code", "redirect_uri", "grant_type")}
            return self._answer(method, safe, (body, 200, None))
        token = _bearer(request) or args.pop("token", None)
        if token is None or token not in self.tokens:
            error = "not_authed" if token is None else "invalid_auth"
            error = "token_revoked" if token in self.revoked else error
            return self._answer(method, args, ({"ok": False, "error": error}, 200, None))
        team = self._teams.get(token, TEAM_ID)
        workspace = self.workspaces[team]
        if not workspace.knows(method):
            return self._answer(method, args, ({"ok": False, "error": "unknown_method"}, 404, None), team)
        queued = self._faults.get(method)
        fault = queued.popleft() if queued else None
        if fault is None or fault.store:
            response = self._answer(method, args, workspace.call(method, args), team)
            if fault is None:
                if self.latency:
                    await asyncio.sleep(self.latency)
                return response
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.disconnect:
            if request.transport is not None:
                request.transport.close()
            return web.Response(status=500)
        return self._answer(method, args, ({"ok": False, "error": fault.error}, fault.status, None), team)

    async def _authorize(self, request: web.Request) -> web.StreamResponse:
        """The authorize page: the person consents at once, for the workspace asked (``team``) or T0FAKE."""
        query = dict(request.query)
        status, where = self.oauth.authorize(
            query, team_id=query.get("team") or TEAM_ID, user_id=query.get("user") or "UINSTALLER"
        )
        if status != 302:
            return web.Response(status=status, text=where)
        raise web.HTTPFound(where)

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        args = await _arguments(request)
        self._record(
            ApiCall("response_url", {**args, "name": request.match_info["name"]}, 200, None, time.time())
        )
        return web.json_response({"ok": True})

    def _answer(
        self,
        method: str,
        args: dict[str, Any],
        answer: tuple[dict[str, Any], int, dict[str, str] | None],
        team: str | None = None,
    ) -> web.Response:
        body, status, headers = answer
        stored = method == "chat.postMessage" and body.get("ok")
        call = ApiCall(
            method,
            args,
            status,
            body.get("error"),
            time.time(),
            ts=body["ts"] if stored else None,
            channel=body.get("channel") or args.get("channel"),
            team=team,
        )
        self._record(call)
        return web.json_response(body, status=status, headers=headers)

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        if self._state is not None:
            line = {"method": call.method, "status": call.status, "error": call.error, "at": call.at,
                    "ts": call.ts, "channel": call.channel, "key": call.key}  # fmt: skip
            self._state.write(json.dumps(line) + "\n")
            self._state.flush()


async def _arguments(request: web.Request) -> dict[str, Any]:
    """The call's arguments from the query string, a form body or a JSON body, as Slack accepts them."""
    args: dict[str, Any] = dict(request.query)
    if request.method == "POST":
        if request.content_type == "application/json":
            body = await request.json()
            if isinstance(body, dict):
                args.update(body)
        else:
            args.update({k: v for k, v in (await request.post()).items() if isinstance(v, str)})
    return args


def _basic(request: web.Request) -> tuple[str, str] | None:
    """The (user, password) of HTTP Basic auth: how slack_sdk sends an app's client id and secret."""
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return None
    user, _, password = base64.b64decode(header[6:]).decode().partition(":")
    return user, password


def _bearer(request: web.Request) -> str | None:
    header = request.headers.get("Authorization", "")
    return (header[7:].strip() or None) if header.startswith("Bearer ") else None


def read_state(path: Path | str) -> list[dict[str, Any]]:
    """The calls a fake recorded in its state file (a line cut short by a kill is skipped)."""
    records = []
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            with contextlib.suppress(ValueError):
                records.append(json.loads(line))
    return records


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until killed; print the API URL as the first line of stdout."""
    parser = argparse.ArgumentParser(prog="python -m handlers.fakes.slack_api", description=__doc__)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--state", type=Path, default=None, help="append every call here as JSON lines")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--rate", type=float, default=1.0, help="messages per second per channel (1)")
    parser.add_argument("--burst", type=int, default=3, help="messages a quiet channel takes at once (3)")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds before each answer (0)")
    args = parser.parse_args(argv)

    async def serve() -> None:
        fake = FakeSlackApi(
            token=args.token,
            rate_per_second=args.rate,
            burst=args.burst,
            state_file=args.state,
            port=args.port,
            latency=args.latency,
        )
        async with fake:
            print(fake.api_url, flush=True)
            await asyncio.Event().wait()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
