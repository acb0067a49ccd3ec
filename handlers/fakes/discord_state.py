"""The fake Discord's world: one application and its bot, guilds, channels, users, DMs and messages.

Pure state and Discord's rules about it, no HTTP (``discord_rest`` serves it, ``discord_gateway`` announces
it). The bot reaches a channel only if its permissions there allow it (403 50001 Missing Access without
VIEW_CHANNEL, 50013 Missing Permissions without SEND_MESSAGES), DMs to users who refuse them answer 403
50007, unknown channels 404 10003. A message sent with ``nonce`` and ``enforce_nonce`` by the same author
within ``nonce_window`` seconds returns the first message instead of a second one (Discord's docs scope the
check to the author, not the channel, so the fake does too: a nonce must be unique per bot).

``handlers.fakes.discord_seed.seeded_state()`` builds the default world.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from handlers.fakes.discord_model import (
    CANNOT_DM,
    DM,
    EMBED_LINKS,
    EVERYONE_DEFAULT,
    GUILD_FORUM,
    GUILD_TEXT,
    MISSING_ACCESS,
    MISSING_PERMISSIONS,
    PUBLIC_THREAD,
    READ_MESSAGE_HISTORY,
    SEND_MESSAGES,
    SEND_MESSAGES_IN_THREADS,
    THREAD_TYPES,
    VIEW_CHANNEL,
    ApiError,
    Channel,
    Guild,
    Member,
    Overwrite,
    Role,
    Snowflakes,
    User,
    channel_permissions,
    unknown,
)
from handlers.fakes.discord_payloads import channel as channel_payload
from handlers.fakes.discord_payloads import user as user_payload
from handlers.fakes.discord_validate import validate_message

EPHEMERAL = 1 << 6
APP_ID = 1_300_000_000_000_000_001


@dataclass(frozen=True, slots=True)
class Call:
    """One REST request the fake answered (the Authorization header is never kept)."""

    method: str
    path: str  # below /api/v10, e.g. "/channels/1/messages"
    body: Any
    headers: dict[str, str]
    status: int
    code: int | None  # Discord's JSON error code, if it refused
    at: float = field(default_factory=time.time)
    scope: str | None = None  # X-RateLimit-Scope of a 429: "user", "global" or "shared"


class DiscordState:
    """Everything the fake Discord knows; tests arrange it and read it back."""

    def __init__(
        self,
        *,
        app_id: int = APP_ID,
        nonce_window: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ids = Snowflakes()
        self.nonce_window = nonce_window
        self.clock = clock
        self.bot = User(app_id, "jobbot", bot=True)  # Discord gives a bot user its application's id
        self.application: dict[str, Any] = {"id": str(app_id), "name": "jobbot", "flags": 0}
        self.users: dict[int, User] = {self.bot.id: self.bot}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.calls: list[Call] = []
        # Called with ("MESSAGE_CREATE" | "MESSAGE_UPDATE", message) so the gateway can announce it.
        self.listeners: list[Callable[[str, dict[str, Any]], None]] = []
        self._dms: dict[int, int] = {}  # user id -> DM channel id
        self._nonces: dict[tuple[int, str], tuple[int, int, float]] = {}  # -> channel, message, when

    @property
    def app_id(self) -> int:
        """The application's id (also the bot user's id)."""
        return int(self.application["id"])

    # ---- arranging

    def add_user(self, user: User) -> User:
        """Add (or replace) a user."""
        self.users[user.id] = user
        return user

    def add_guild(self, guild_id: int, name: str, *, owner_id: int) -> Guild:
        """Add a guild with its @everyone role (Discord's default permissions)."""
        guild = Guild(guild_id, name, owner_id)
        guild.roles[guild_id] = Role(guild_id, "@everyone", EVERYONE_DEFAULT)
        self.guilds[guild_id] = guild
        return guild

    def add_member(self, guild_id: int, user_id: int, *, roles: list[int] | None = None) -> Member:
        """Make a known user a member of the guild."""
        member = Member(user_id, list(roles or []))
        self.guilds[guild_id].members[user_id] = member
        return member

    def add_channel(
        self, guild_id: int, channel_id: int, name: str, *, kind: int = GUILD_TEXT, **fields: Any
    ) -> Channel:
        """Add a channel (or thread, with ``parent_id`` and ``owner_id``) to a guild."""
        guild = self.guilds[guild_id]
        room = Channel(channel_id, kind, name, guild_id, position=len(guild.channel_ids), **fields)
        self.channels[channel_id] = room
        guild.channel_ids.append(channel_id)
        return room

    def deny_bot(self, channel_id: int, permissions: int) -> None:
        """Take permissions from the bot in one channel (a member overwrite, as a server admin would)."""
        self.channels[channel_id].overwrites.append(Overwrite(self.bot.id, 1, deny=permissions))

    def remove_channel(self, channel_id: int) -> None:
        """Delete a channel: later calls about it answer 404 Unknown Channel."""
        room = self.channels.pop(channel_id)
        if room.guild_id is not None:
            self.guilds[room.guild_id].channel_ids.remove(channel_id)

    def guild_channels(self, guild_id: int) -> list[Channel]:
        """The guild's channels and threads, in creation order."""
        return [self.channels[c] for c in self.guilds[guild_id].channel_ids]

    # ---- access

    def bot_permissions(self, room: Channel) -> int:
        """The bot's permissions in a guild channel (a thread takes its parent's)."""
        if room.guild_id is None:
            return VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY
        guild = self.guilds[room.guild_id]
        member = guild.members.get(self.bot.id)
        if member is None:
            return 0
        parent = self.channels.get(room.parent_id or 0) if room.type in THREAD_TYPES else None
        return channel_permissions(guild, member, parent or room)

    def channel_for_bot(self, channel_id: int, *, need: int = VIEW_CHANNEL) -> Channel:
        """The channel if the bot holds ``need`` there, else the error Discord answers."""
        room = self.channels.get(channel_id)
        if room is None:
            raise unknown("Channel", 10003)
        held = self.bot_permissions(room)
        if not held & VIEW_CHANNEL:
            raise ApiError(*MISSING_ACCESS)
        if room.type in THREAD_TYPES and need & SEND_MESSAGES:
            need = (need & ~SEND_MESSAGES) | SEND_MESSAGES_IN_THREADS
        if held & need != need:
            raise ApiError(*MISSING_PERMISSIONS)
        return room

    def open_dm(self, user_id: int) -> Channel:
        """The DM channel with a user (created once per user, as Discord does)."""
        if user_id not in self.users:
            raise ApiError(400, 50035, "Invalid Form Body", {"recipient_id": {"_errors": []}})
        if user_id not in self._dms:
            room = Channel(self.ids.next(), DM, recipient_id=user_id)
            self.channels[room.id] = room
            self._dms[user_id] = room.id
        return self.channels[self._dms[user_id]]

    # ---- messages

    def send(self, channel_id: int, body: dict[str, Any], *, author: User | None = None) -> dict[str, Any]:
        """Post a message as the bot (or ``author``), honouring nonce + enforce_nonce; the stored payload."""
        author = author or self.bot
        room = self.channel_for_bot(channel_id, need=VIEW_CHANNEL | SEND_MESSAGES)
        if room.type == GUILD_FORUM:
            raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
        if room.type == DM:
            recipient = self.users[room.recipient_id or 0]
            if not recipient.accepts_dms or recipient.bot:
                raise ApiError(*CANNOT_DM)
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            earlier = self._nonces.get((author.id, str(nonce)))
            if earlier and self.clock() - earlier[2] <= self.nonce_window and earlier[0] in self.channels:
                found = self.find_message(earlier[0], earlier[1])
                if found is not None:
                    return found
        message = self.store_message(room, body, author)
        if nonce is not None:
            self._nonces[(author.id, str(nonce))] = (room.id, int(message["id"]), self.clock())
        return message

    def store_message(
        self, room: Channel, body: dict[str, Any], author: User, **extra: Any
    ) -> dict[str, Any]:
        """Build the message Discord would store from a request body and append it to the channel."""
        message = self.build_message(room, body, author, **extra)
        room.messages.append(message)
        self._announce("MESSAGE_CREATE", message)
        return message

    def build_message(
        self, room: Channel, body: dict[str, Any], author: User, **extra: Any
    ) -> dict[str, Any]:
        """The message payload for ``body`` in ``room``, without storing it."""
        embeds = list(body.get("embeds") or [])
        if room.guild_id is not None and not self.bot_permissions(room) & EMBED_LINKS:
            embeds = []  # Discord drops embeds silently when the bot may not embed links
        message: dict[str, Any] = {
            "id": str(self.ids.next()),
            "channel_id": str(room.id),
            "type": 0,
            "author": user_payload(author),
            "content": body.get("content") or "",
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": list(body.get("attachments") or []),
            "embeds": embeds,
            "components": list(body.get("components") or []),
            "pinned": False,
            "flags": int(body.get("flags") or 0),
            **extra,
        }
        if room.guild_id is not None:
            message["guild_id"] = str(room.guild_id)
        if body.get("nonce") is not None:
            message["nonce"] = body["nonce"]
        if "allowed_mentions" in body:
            message["allowed_mentions"] = body["allowed_mentions"]  # kept for tests; Discord never echoes it
        return message

    def edit(self, channel_id: int, message_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """Change a stored message's content, embeds, components or flags."""
        self.channel_for_bot(channel_id)
        message = self.find_message(channel_id, message_id)
        if message is None:
            raise unknown("Message", 10008)
        if int(message["author"]["id"]) != self.bot.id and set(body) - {"flags"}:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        self.change(message, body)
        return message

    def change(self, message: dict[str, Any], body: dict[str, Any]) -> None:
        """Apply an edit body (only the fields given change), stamp the edit time, announce it."""
        for key in ("content", "embeds", "components", "flags", "attachments"):
            if key in body and body[key] is not None:
                message[key] = body[key]
        message["edited_timestamp"] = _now_iso()
        self._announce("MESSAGE_UPDATE", message)

    def _announce(self, event: str, message: dict[str, Any]) -> None:
        if not int(message.get("flags") or 0) & EPHEMERAL:
            for listener in self.listeners:
                listener(event, message)

    def history(
        self, channel_id: int, *, limit: int = 50, before: int | None = None, after: int | None = None
    ) -> list[dict[str, Any]]:
        """Messages newest first, as GET /channels/{id}/messages answers."""
        room = self.channel_for_bot(channel_id)
        if not self.bot_permissions(room) & READ_MESSAGE_HISTORY:
            return []
        limit = max(1, min(100, limit))
        found = [m for m in room.messages if (before is None or int(m["id"]) < before)]
        if after is not None:
            found = [m for m in found if int(m["id"]) > after][:limit]
            return found[::-1]
        return found[::-1][:limit]

    def find_message(self, channel_id: int, message_id: int) -> dict[str, Any] | None:
        """A stored message, or None."""
        room = self.channels.get(channel_id)
        return next((m for m in room.messages if int(m["id"]) == message_id), None) if room else None

    def messages_in(self, channel_id: int) -> list[dict[str, Any]]:
        """The messages stored in a channel, oldest first."""
        room = self.channels.get(channel_id)
        return list(room.messages) if room else []

    def start_forum_post(self, forum_id: int, body: dict[str, Any]) -> dict[str, Any]:
        """Create a forum post: a thread named ``name`` with ``applied_tags`` and its first ``message``."""
        forum = self.channel_for_bot(forum_id, need=VIEW_CHANNEL | SEND_MESSAGES)
        if forum.type != GUILD_FORUM:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        known_tags = {int(t["id"]) for t in forum.available_tags}
        tags = [int(t) for t in body.get("applied_tags") or []]
        if not str(body.get("name") or "") or set(tags) - known_tags or len(tags) > 5:
            raise ApiError(400, 50035, "Invalid Form Body", {"applied_tags": {"_errors": []}})
        assert forum.guild_id is not None
        name = str(body["name"])[:100]
        thread = self.add_channel(
            forum.guild_id,
            self.ids.next(),
            name,
            kind=PUBLIC_THREAD,
            parent_id=forum.id,
            owner_id=self.bot.id,
            applied_tags=tags,
        )
        first = dict(body.get("message") or {})
        validate_message(first)
        # A forum post's first message has the thread's id, like in Discord.
        message = self.store_message(thread, first, self.bot, id=str(thread.id))
        return {**channel_payload(thread), "message": message}


def _now_iso() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat()
