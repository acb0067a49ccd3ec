"""Discord's gateway over aiohttp websockets, JSON encoded, with zlib-stream transport compression on request.

The real exchange: HELLO (op 10) on connect; IDENTIFY (op 2) checks the token (close 4004), privileged
intents (close 4014) and the shard (close 4010), then READY lists the shard's guilds as unavailable and a
GUILD_CREATE follows for each. HEARTBEAT (op 1) gets HEARTBEAT_ACK (op 11); a silent client is closed with
4009. Every dispatch gets the session's next sequence number and is kept, so a RESUME (op 6) after a drop
replays what was missed, then RESUMED; an unknown session gets INVALID_SESSION (op 9, not resumable).
Tests push dispatches (``dispatch``) and break things (``drop``, ``reconnect``, ``invalidate``).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from handlers.fakes.discord_payloads import guild_create
from handlers.fakes.discord_payloads import member as member_payload
from handlers.fakes.discord_payloads import user as user_payload
from handlers.fakes.discord_state import DiscordState

log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, RESUME, RECONNECT, REQUEST_MEMBERS, INVALID_SESSION = (
    0,
    1,
    2,
    3,
    6,
    7,
    8,
    9,
)
HELLO, HEARTBEAT_ACK = 10, 11
GUILD_MEMBERS = 1 << 1
PRIVILEGED_INTENTS = GUILD_MEMBERS | (1 << 8) | (1 << 15)  # members, presences, message content
BACKLOG = 1000


@dataclass(slots=True)
class Session:
    """A gateway session: survives its connection so it can be resumed."""

    id: str
    shard: tuple[int, int]
    intents: int
    seq: int = 0
    backlog: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=BACKLOG))
    connection: _Connection | None = None


class _Connection:
    """One websocket; compresses every frame into one zlib stream when the client asked for zlib-stream."""

    def __init__(
        self, ws: web.WebSocketResponse, transport: asyncio.BaseTransport | None, *, zlib_stream: bool
    ) -> None:
        self.ws = ws
        self.transport = transport
        self._zlib = zlib.compressobj() if zlib_stream else None
        self._lock = asyncio.Lock()  # one frame at a time keeps the zlib stream in order
        self.session: Session | None = None

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            if self.ws.closed:
                return
            with contextlib.suppress(ConnectionError, RuntimeError):
                if self._zlib is None:
                    await self.ws.send_str(text)
                else:
                    data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                    await self.ws.send_bytes(data)


class FakeGateway:
    """The gateway's sessions; ``handle`` is the aiohttp websocket handler."""

    def __init__(
        self,
        state: DiscordState,
        tokens: set[str],
        *,
        resume_url: Callable[[], str],
        heartbeat_interval: float = 41.25,
        privileged_intents: int = 0,
    ) -> None:
        self.state = state
        self.tokens = tokens
        self.resume_url = resume_url
        self.heartbeat_interval = heartbeat_interval  # seconds
        self.privileged_intents = privileged_intents  # the privileged intents the app may ask for
        self.sessions: dict[str, Session] = {}
        self.received: list[dict[str, Any]] = []  # every payload clients sent, tokens removed
        self.connections: list[str] = []  # each websocket's path and query, e.g. /gateway/resume?v=10&…
        self.identifies = 0
        self.resumes = 0
        self._open: set[_Connection] = set()

    # ---- what tests do

    async def dispatch(
        self, event: str, data: dict[str, Any], *, guild_id: int | None = None, intent: int = 0
    ) -> None:
        """Send a dispatch to the session serving ``guild_id``'s shard (shard 0 for DMs), now or on resume.

        With ``intent``, only sessions that identified with that intent get it, as Discord filters.
        """
        for session in self._sessions_for(guild_id):
            if session.intents & intent == intent:
                await self._dispatch(session, event, data)

    async def drop(self, code: int | None = 4000) -> None:
        """Close every connection (with ``code``; None cuts the TCP connection); sessions stay resumable."""
        for connection in list(self._open):
            if code is None:
                if isinstance(connection.transport, asyncio.Transport):
                    connection.transport.abort()
            else:
                await connection.ws.close(code=code, message=b"fake discord dropped the connection")

    async def reconnect(self) -> None:
        """Ask every client to reconnect and resume (op 7 RECONNECT)."""
        for connection in list(self._open):
            await connection.send({"op": RECONNECT, "d": None, "s": None, "t": None})

    async def invalidate(self) -> None:
        """Forget every session and tell clients so (op 9, not resumable): they must IDENTIFY again."""
        self.sessions.clear()
        for connection in list(self._open):
            connection.session = None
            await connection.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})

    # ---- the protocol

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Serve one gateway websocket."""
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        connection = _Connection(
            ws, request.transport, zlib_stream=request.query.get("compress") == "zlib-stream"
        )
        self._open.add(connection)
        self.connections.append(request.path_qs)
        await connection.send({"op": HELLO, "d": {"heartbeat_interval": int(self.heartbeat_interval * 1000)},
                               "s": None, "t": None})  # fmt: skip
        try:
            while not ws.closed:
                try:
                    message = await ws.receive(timeout=self.heartbeat_interval * 2 + 1)
                except TimeoutError:
                    await ws.close(code=4009, message=b"Session timed out")
                    break
                if message.type is not WSMsgType.TEXT:
                    break
                await self._on_payload(connection, json.loads(message.data))
        finally:
            self._open.discard(connection)
            if connection.session is not None and connection.session.connection is connection:
                connection.session.connection = None
        return ws

    async def _on_payload(self, connection: _Connection, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        self.received.append({"op": op, "d": _without_token(data)})
        if op == HEARTBEAT:
            await connection.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            await self._identify(connection, data or {})
        elif op == RESUME:
            await self._resume(connection, data or {})
        elif connection.session is None:
            await connection.ws.close(code=4003, message=b"Not authenticated.")
        elif op == REQUEST_MEMBERS:
            await self._members_chunk(connection.session, data or {})
        elif op != PRESENCE:
            await connection.ws.close(code=4001, message=b"Unknown opcode.")

    async def _identify(self, connection: _Connection, data: dict[str, Any]) -> None:
        if connection.session is not None:
            await connection.ws.close(code=4005, message=b"Already authenticated.")
            return
        if data.get("token") not in self.tokens:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents") or 0)
        if intents & PRIVILEGED_INTENTS & ~self.privileged_intents:
            await connection.ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        shard_id, shard_count = data.get("shard") or [0, 1]
        if not 0 <= shard_id < shard_count:
            await connection.ws.close(code=4010, message=b"Invalid shard.")
            return
        self.identifies += 1
        session = Session(secrets.token_hex(16), (shard_id, shard_count), intents, connection=connection)
        self.sessions[session.id] = session
        connection.session = session
        guilds = [g for g in self.state.guilds.values() if (g.id >> 22) % shard_count == shard_id]
        ready = {
            "v": 10,
            "user": {**user_payload(self.state.bot), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_url(),
            "shard": [shard_id, shard_count],
            "application": {"id": str(self.state.app_id), "flags": int(self.state.application["flags"])},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "user_settings": {},
        }
        await self._dispatch(session, "READY", ready)
        only = None if intents & GUILD_MEMBERS else {self.state.bot.id}
        for guild in guilds:
            body = guild_create(
                guild, self.state.guild_channels(guild.id), self.state.users, only_members=only
            )
            await self._dispatch(session, "GUILD_CREATE", body)

    async def _resume(self, connection: _Connection, data: dict[str, Any]) -> None:
        if data.get("token") not in self.tokens:
            await connection.ws.close(code=4004, message=b"Authentication failed.")
            return
        session = self.sessions.get(str(data.get("session_id")))
        if session is None:
            await connection.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return
        self.resumes += 1
        session.connection, connection.session = connection, session
        seen = int(data.get("seq") or 0)
        for event in list(session.backlog):
            if event["s"] > seen:
                await connection.send(event)
        await self._dispatch(session, "RESUMED", {})

    async def _members_chunk(self, session: Session, data: dict[str, Any]) -> None:
        guild = self.state.guilds.get(int(data.get("guild_id") or 0))
        if guild is None:
            return
        members = [member_payload(self.state.users[m.user_id], m) for m in guild.members.values()]
        chunk = {"guild_id": str(guild.id), "members": members, "chunk_index": 0, "chunk_count": 1,
                 "not_found": [], "nonce": data.get("nonce")}  # fmt: skip
        await self._dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _dispatch(self, session: Session, event: str, data: dict[str, Any]) -> None:
        session.seq += 1
        payload = {"op": DISPATCH, "t": event, "s": session.seq, "d": data}
        session.backlog.append(payload)
        if session.connection is not None:
            await session.connection.send(payload)

    def _sessions_for(self, guild_id: int | None) -> list[Session]:
        newest: dict[int, Session] = {}
        for session in self.sessions.values():  # insertion order: a later session of a shard wins
            shard_id, count = session.shard
            if shard_id == ((guild_id >> 22) % count if guild_id else 0):
                newest[shard_id] = session
        return list(newest.values())


def _without_token(data: Any) -> Any:
    if isinstance(data, dict) and "token" in data:
        return {**data, "token": "<redacted>"}
    return data
