"""The fake Discord's nouns: ids, users, roles, members, channels, guilds, permission bits and API errors.

Plain data, no HTTP and no rules beyond the permission arithmetic Discord documents (base permissions from
roles, then channel overwrites for @everyone, roles and the member, in that order).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000

# Channel types (https://discord.com/developers/docs/resources/channel#channel-object-channel-types)
GUILD_TEXT = 0
DM = 1
GUILD_ANNOUNCEMENT = 5
PUBLIC_THREAD = 11
GUILD_FORUM = 15
THREAD_TYPES = frozenset({10, 11, 12})

# Permission bits the fake checks or hands out.
ADMINISTRATOR = 1 << 3
ADD_REACTIONS = 1 << 6
VIEW_CHANNEL = 1 << 10
SEND_MESSAGES = 1 << 11
MANAGE_MESSAGES = 1 << 13
EMBED_LINKS = 1 << 14
ATTACH_FILES = 1 << 15
READ_MESSAGE_HISTORY = 1 << 16
USE_APPLICATION_COMMANDS = 1 << 31
MANAGE_GUILD = 1 << 5
CREATE_PUBLIC_THREADS = 1 << 35
SEND_MESSAGES_IN_THREADS = 1 << 38
ALL_PERMISSIONS = (1 << 51) - 1
EVERYONE_DEFAULT = (
    VIEW_CHANNEL
    | SEND_MESSAGES
    | EMBED_LINKS
    | ATTACH_FILES
    | READ_MESSAGE_HISTORY
    | ADD_REACTIONS
    | USE_APPLICATION_COMMANDS
    | CREATE_PUBLIC_THREADS
    | SEND_MESSAGES_IN_THREADS
)


class Snowflakes:
    """Discord-shaped ids: milliseconds since 2015 in the high bits, so discord.py's ``created_at`` is now."""

    def __init__(self) -> None:
        self._last = 0

    def next(self) -> int:
        """A new id, larger than every earlier one."""
        now = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._last = max(now, self._last + 1)
        return self._last


class ApiError(Exception):
    """A refusal the way Discord words it: HTTP status, JSON error code and message."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> dict[str, Any]:
        """The JSON body Discord answers with."""
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


def unknown(what: str, code: int) -> ApiError:
    """404 Unknown <what> (Unknown Channel 10003, Unknown Message 10008, Unknown User 10013, ...)."""
    return ApiError(404, code, f"Unknown {what}")


MISSING_ACCESS = (403, 50001, "Missing Access")
MISSING_PERMISSIONS = (403, 50013, "Missing Permissions")
CANNOT_DM = (403, 50007, "Cannot send messages to this user")


@dataclass(slots=True)
class User:
    """A Discord account; ``accepts_dms=False`` makes DMs from the bot answer 403/50007."""

    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    accepts_dms: bool = True


@dataclass(slots=True)
class Role:
    """A guild role; the @everyone role has the guild's id."""

    id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False


@dataclass(slots=True)
class Member:
    """A user's membership of a guild."""

    user_id: int
    roles: list[int] = field(default_factory=list)
    nick: str | None = None
    joined_at: str = "2024-09-01T12:00:00.000000+00:00"


@dataclass(slots=True)
class Overwrite:
    """A channel permission overwrite for a role (type 0) or a member (type 1)."""

    id: int
    type: int
    allow: int = 0
    deny: int = 0


@dataclass(slots=True)
class Channel:
    """A guild channel, thread or DM, and the messages in it (oldest first)."""

    id: int
    type: int
    name: str = ""
    guild_id: int | None = None
    position: int = 0
    parent_id: int | None = None
    topic: str | None = None
    overwrites: list[Overwrite] = field(default_factory=list)
    available_tags: list[dict[str, Any]] = field(default_factory=list)  # forums
    applied_tags: list[int] = field(default_factory=list)  # forum posts
    owner_id: int | None = None  # threads
    recipient_id: int | None = None  # DMs
    messages: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Guild:
    """A server: its roles (the @everyone role shares the guild id), members and channel ids."""

    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    channel_ids: list[int] = field(default_factory=list)


def base_permissions(guild: Guild, member: Member) -> int:
    """The member's guild-wide permissions: @everyone and every role it holds, all of them for owners."""
    if member.user_id == guild.owner_id:
        return ALL_PERMISSIONS
    everyone = guild.roles.get(guild.id)
    permissions = everyone.permissions if everyone else 0
    for role_id in member.roles:
        role = guild.roles.get(role_id)
        permissions |= role.permissions if role else 0
    return ALL_PERMISSIONS if permissions & ADMINISTRATOR else permissions


def channel_permissions(guild: Guild, member: Member, channel: Channel) -> int:
    """The member's permissions in ``channel`` after its overwrites, applied in Discord's order."""
    permissions = base_permissions(guild, member)
    if permissions & ADMINISTRATOR:
        return ALL_PERMISSIONS
    by_id = {o.id: o for o in channel.overwrites}
    everyone = by_id.get(guild.id)
    if everyone:
        permissions = (permissions & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for role_id in member.roles:
        role_overwrite = by_id.get(role_id)
        if role_overwrite and role_overwrite.type == 0:
            allow, deny = allow | role_overwrite.allow, deny | role_overwrite.deny
    permissions = (permissions & ~deny) | allow
    own = by_id.get(member.user_id)
    if own and own.type == 1:
        permissions = (permissions & ~own.deny) | own.allow
    return permissions
