"""The JSON shapes Discord sends for users, members, roles, channels, threads and guilds (API v10).

Only the fields discord.py reads are filled, with Discord's names and types (ids as strings, permissions
as decimal strings), so the real client caches what it would cache against Discord.
"""

from __future__ import annotations

from typing import Any

from handlers.fakes.discord_model import (
    DM,
    THREAD_TYPES,
    Channel,
    Guild,
    Member,
    Role,
    User,
)

THREAD_ARCHIVE_MINUTES = 4320


def user(account: User) -> dict[str, Any]:
    """A user object."""
    return {
        "id": str(account.id),
        "username": account.username,
        "discriminator": "0",
        "global_name": account.global_name,
        "avatar": None,
        "bot": account.bot,
        "public_flags": 0,
    }


def member(account: User, membership: Member, permissions: int | None = None) -> dict[str, Any]:
    """A guild member object (with ``permissions`` as interactions carry it)."""
    payload: dict[str, Any] = {
        "user": user(account),
        "nick": membership.nick,
        "roles": [str(r) for r in membership.roles],
        "joined_at": membership.joined_at,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
    }
    if permissions is not None:
        payload["permissions"] = str(permissions)
    return payload


def role(guild_role: Role) -> dict[str, Any]:
    """A role object."""
    return {
        "id": str(guild_role.id),
        "name": guild_role.name,
        "permissions": str(guild_role.permissions),
        "position": guild_role.position,
        "color": 0,
        "hoist": False,
        "managed": guild_role.managed,
        "mentionable": False,
        "flags": 0,
    }


def channel(room: Channel, users: dict[int, User] | None = None) -> dict[str, Any]:
    """A channel object: guild channel, forum (with its tags), thread (with metadata) or DM."""
    last = room.messages[-1]["id"] if room.messages else None
    payload: dict[str, Any] = {"id": str(room.id), "type": room.type, "last_message_id": last, "flags": 0}
    if room.type == DM:
        recipient = (users or {}).get(room.recipient_id or 0)
        payload["recipients"] = [user(recipient)] if recipient else []
        return payload
    payload.update(
        guild_id=str(room.guild_id),
        name=room.name,
        position=room.position,
        parent_id=str(room.parent_id) if room.parent_id else None,
        nsfw=False,
        rate_limit_per_user=0,
        permission_overwrites=[
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in room.overwrites
        ],
    )
    if room.type in THREAD_TYPES:
        payload.update(thread_fields(room))
    else:
        payload["topic"] = room.topic
    if room.available_tags:
        payload["available_tags"] = room.available_tags
    return payload


def thread_fields(room: Channel) -> dict[str, Any]:
    """The fields only threads have."""
    created = room.messages[0]["timestamp"] if room.messages else "2024-09-01T12:00:00.000000+00:00"
    return {
        "owner_id": str(room.owner_id),
        "message_count": len(room.messages),
        "member_count": 1,
        "total_message_sent": len(room.messages),
        "applied_tags": [str(t) for t in room.applied_tags],
        "thread_metadata": {
            "archived": False,
            "auto_archive_duration": THREAD_ARCHIVE_MINUTES,
            "archive_timestamp": created,
            "locked": False,
            "create_timestamp": created,
        },
    }


def guild_create(
    guild: Guild, channels: list[Channel], users: dict[int, User], *, only_members: set[int] | None = None
) -> dict[str, Any]:
    """The GUILD_CREATE dispatch body: the guild with its roles, channels, active threads and members.

    Without the GUILD_MEMBERS intent Discord lists only some members (the bot itself): ``only_members``.
    """
    rooms = [c for c in channels if c.type not in THREAD_TYPES]
    threads = [c for c in channels if c.type in THREAD_TYPES]
    listed = [m for m in guild.members.values() if only_members is None or m.user_id in only_members]
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "owner_id": str(guild.owner_id),
        "unavailable": False,
        "large": False,
        "member_count": len(guild.members),
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "features": [],
        "mfa_level": 0,
        "premium_tier": 0,
        "nsfw_level": 0,
        "preferred_locale": "en-US",
        "system_channel_id": None,
        "joined_at": "2024-09-01T12:00:00.000000+00:00",
        "roles": [role(r) for r in guild.roles.values()],
        "emojis": [],
        "stickers": [],
        "channels": [channel(c) for c in rooms],
        "threads": [channel(c) for c in threads],
        "members": [member(users[m.user_id], m) for m in listed],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
    }
