"""The fake Discord's default world: one guild with text, announcement, forum and thread channels.

Ids are fixed and readable (``Seed``) so tests and demos can name them. The bot can see everything but
#staff-only (403 50001) and can read but not post in #rules (403 50013); carol refuses DMs (403 50007).
"""

from __future__ import annotations

from typing import Any

from handlers.fakes.discord_model import (
    ADMINISTRATOR,
    EVERYONE_DEFAULT,
    GUILD_ANNOUNCEMENT,
    GUILD_FORUM,
    PUBLIC_THREAD,
    SEND_MESSAGES,
    VIEW_CHANNEL,
    Role,
    User,
)
from handlers.fakes.discord_state import APP_ID, DiscordState


class Seed:
    """The ids of the default world (``seeded_state()``); readable, stable across runs."""

    APP_ID = APP_ID
    BOT_USER_ID = APP_ID  # Discord gives a bot user the application's id
    GUILD_ID = 1_300_000_000_000_000_100
    ADMIN_ROLE_ID = 1_300_000_000_000_000_101
    BOT_ROLE_ID = 1_300_000_000_000_000_102
    GENERAL_ID = 1_300_000_000_000_000_200
    PARIS_JOBS_ID = 1_300_000_000_000_000_201
    ANNOUNCEMENTS_ID = 1_300_000_000_000_000_202
    JOB_BOARD_ID = 1_300_000_000_000_000_203  # a forum
    HIDDEN_ID = 1_300_000_000_000_000_204  # the bot cannot see it: 50001
    READ_ONLY_ID = 1_300_000_000_000_000_205  # the bot can see but not send: 50013
    THREAD_ID = 1_300_000_000_000_000_206  # a public thread under #general
    TAG_INTERNSHIP_ID = 1_300_000_000_000_000_301
    TAG_FULL_TIME_ID = 1_300_000_000_000_000_302
    TAG_REMOTE_ID = 1_300_000_000_000_000_303
    ALICE_ID = 1_300_000_000_000_000_401  # server admin
    BOB_ID = 1_300_000_000_000_000_402
    CAROL_ID = 1_300_000_000_000_000_403  # refuses DMs


def seeded_state(**options: Any) -> DiscordState:
    """A world with one guild, its channels, a forum with tags, three people and the bot in it."""
    state = DiscordState(app_id=Seed.APP_ID, **options)
    people = ((Seed.ALICE_ID, "alice", True), (Seed.BOB_ID, "bob", True), (Seed.CAROL_ID, "carol", False))
    for user_id, name, dms in people:
        state.add_user(User(user_id, name, accepts_dms=dms))
    guild = state.add_guild(Seed.GUILD_ID, "Jobbot Test", owner_id=Seed.ALICE_ID)
    guild.roles[Seed.ADMIN_ROLE_ID] = Role(Seed.ADMIN_ROLE_ID, "Admins", ADMINISTRATOR, position=2)
    guild.roles[Seed.BOT_ROLE_ID] = Role(Seed.BOT_ROLE_ID, "jobbot", EVERYONE_DEFAULT, 1, managed=True)
    state.add_member(Seed.GUILD_ID, Seed.ALICE_ID, roles=[Seed.ADMIN_ROLE_ID])
    state.add_member(Seed.GUILD_ID, Seed.BOB_ID)
    state.add_member(Seed.GUILD_ID, Seed.CAROL_ID)
    state.add_member(Seed.GUILD_ID, Seed.BOT_USER_ID, roles=[Seed.BOT_ROLE_ID])
    state.add_channel(Seed.GUILD_ID, Seed.GENERAL_ID, "general")
    state.add_channel(Seed.GUILD_ID, Seed.PARIS_JOBS_ID, "paris-jobs", topic="Jobs in Paris")
    state.add_channel(Seed.GUILD_ID, Seed.ANNOUNCEMENTS_ID, "announcements", kind=GUILD_ANNOUNCEMENT)
    tags = [
        (Seed.TAG_INTERNSHIP_ID, "Internship"),
        (Seed.TAG_FULL_TIME_ID, "Full-time"),
        (Seed.TAG_REMOTE_ID, "Remote"),
    ]
    forum = state.add_channel(Seed.GUILD_ID, Seed.JOB_BOARD_ID, "job-board", kind=GUILD_FORUM)
    forum.available_tags = [
        {"id": str(t), "name": n, "moderated": False, "emoji_id": None, "emoji_name": None} for t, n in tags
    ]
    state.add_channel(Seed.GUILD_ID, Seed.HIDDEN_ID, "staff-only")
    state.deny_bot(Seed.HIDDEN_ID, VIEW_CHANNEL)
    state.add_channel(Seed.GUILD_ID, Seed.READ_ONLY_ID, "rules")
    state.deny_bot(Seed.READ_ONLY_ID, SEND_MESSAGES)
    state.add_channel(
        Seed.GUILD_ID,
        Seed.THREAD_ID,
        "jobbot-help",
        kind=PUBLIC_THREAD,
        parent_id=Seed.GENERAL_ID,
        owner_id=Seed.ALICE_ID,
    )
    return state


AUDIENCE_CHANNEL_BASE = 1_400_000_000_000_000_000
AUDIENCE_USER_BASE = 1_500_000_000_000_000_000


def audience_channel_id(n: int) -> int:
    """The id of the ``n``-th channel ``add_audience`` adds (from 0)."""
    return AUDIENCE_CHANNEL_BASE + n


def audience_user_id(n: int) -> int:
    """The id of the ``n``-th member ``add_audience`` adds (from 0); each accepts DMs."""
    return AUDIENCE_USER_BASE + n


def add_audience(state: DiscordState, channels: int, users: int) -> DiscordState:
    """Add ``channels`` text channels and ``users`` members who take DMs to the seeded guild (benches)."""
    for n in range(channels):
        state.add_channel(Seed.GUILD_ID, audience_channel_id(n), f"jobs-{n}")
    for n in range(users):
        user = state.add_user(User(audience_user_id(n), f"member{n}"))
        state.add_member(Seed.GUILD_ID, user.id)
    return state
