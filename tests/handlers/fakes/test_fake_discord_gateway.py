"""The fake gateway through the real discord.py client: login, READY, GUILD_CREATE, heartbeats, RESUME."""

import asyncio

import discord
import pytest

from handlers.fakes import FakeDiscord, Seed
from tests.fakes.discord_py import (
    FastClient,
    FastShardedClient,
    discord_py_pointed_at,
    quick_client,
    running_client,
)
from tests.fakes.http_server import async_test


@async_test
async def test_discord_py_logs_in_and_caches_the_guild():
    async with FakeDiscord() as fake, running_client(fake) as client:
        assert client.user.id == Seed.BOT_USER_ID and client.user.bot
        assert client.application_id == Seed.APP_ID
        guild = client.get_guild(Seed.GUILD_ID)
        assert guild is not None and guild.name == "Jobbot Test"
        assert {c.name for c in guild.text_channels} >= {"general", "paris-jobs", "announcements"}
        assert isinstance(client.get_channel(Seed.ANNOUNCEMENTS_ID), discord.TextChannel)
        assert client.get_channel(Seed.ANNOUNCEMENTS_ID).is_news()
        forum = client.get_channel(Seed.JOB_BOARD_ID)
        assert isinstance(forum, discord.ForumChannel)
        assert [t.name for t in forum.available_tags] == ["Internship", "Full-time", "Remote"]
        assert guild.get_thread(Seed.THREAD_ID).parent_id == Seed.GENERAL_ID
        # Without the members intent only the bot's own member arrives, and nothing waits for chunks.
        assert guild.me is not None and guild.get_member(Seed.BOB_ID) is None
        assert not guild.get_channel(Seed.HIDDEN_ID).permissions_for(guild.me).view_channel
        paris = guild.get_channel(Seed.PARIS_JOBS_ID).permissions_for(guild.me)
        assert paris.send_messages and paris.embed_links
        identify = next(p["d"] for p in fake.gateway.received if p["op"] == 2)
        assert identify["intents"] == discord.Intents.default().value
        assert identify["token"] == "<redacted>"
        assert [c.method + " " + c.path for c in fake.calls] == [
            "GET /users/@me",
            "GET /oauth2/applications/@me",
        ]
        assert "compress=zlib-stream" in fake.gateway.connections[0]
        assert all("Authorization" not in c.headers for c in fake.calls)


@async_test
async def test_a_wrong_token_fails_login_and_counts_as_an_invalid_request():
    async with FakeDiscord() as fake:
        with discord_py_pointed_at(fake), pytest.raises(discord.LoginFailure):
            client = quick_client()
            try:
                await client.login("not-the-token")
            finally:
                await client.close()
        assert fake.calls[0].status == 401 and fake.invalid_requests == 1


@async_test
async def test_privileged_intents_need_the_applications_permission():
    async with FakeDiscord() as fake:
        client = quick_client(intents=discord.Intents.all())
        with discord_py_pointed_at(fake), pytest.raises(discord.PrivilegedIntentsRequired):
            try:
                await asyncio.wait_for(client.start(fake.token), 5)
            finally:
                await client.close()
    allowed = discord.Intents.none()
    allowed.members = True
    async with FakeDiscord(privileged_intents=allowed.value) as fake:
        intents = discord.Intents.default()
        intents.members = True
        async with running_client(fake, quick_client(intents=intents)) as client:
            assert client.get_guild(Seed.GUILD_ID).get_member(Seed.BOB_ID).name == "bob"


@async_test
async def test_heartbeats_are_acknowledged():
    async with FakeDiscord(heartbeat_interval=0.1) as fake, running_client(fake) as client:
        await fake.wait_until(lambda: sum(p["op"] == 1 for p in fake.gateway.received) >= 3)
        assert client.latency < 1.0


@async_test
async def test_a_dropped_connection_is_resumed_and_missed_events_are_replayed():
    async with FakeDiscord() as fake, running_client(fake) as client:
        resumed = asyncio.ensure_future(client.wait_for("resumed", timeout=5))
        clicked = asyncio.ensure_future(client.wait_for("interaction", timeout=5))

        await fake.gateway.drop(code=None)  # cut TCP, no close frame
        missed = fake.interactions.component("jobs:noop", _message(), user=Seed.BOB_ID)
        await fake.push(missed)  # sent while the bot is away
        await resumed
        interaction = await clicked

        assert fake.gateway.resumes == 1 and fake.gateway.identifies == 1
        assert fake.gateway.connections[-1].startswith("/gateway/resume?")
        resume = next(p["d"] for p in fake.gateway.received if p["op"] == 6)
        assert resume["session_id"] in fake.gateway.sessions and resume["token"] == "<redacted>"
        assert interaction.data["custom_id"] == "jobs:noop"


@async_test
async def test_a_close_code_4000_is_resumed_too():
    async with FakeDiscord() as fake, running_client(fake):
        await fake.gateway.drop(code=4000)
        await fake.wait_until(lambda: fake.gateway.resumes == 1)


@async_test
async def test_an_invalidated_session_makes_discord_py_identify_again():
    async with FakeDiscord() as fake, running_client(fake, quick_client(FastClient)) as client:
        await fake.gateway.invalidate()
        await fake.wait_until(lambda: fake.gateway.identifies == 2)
        await client.wait_until_ready()
        assert client.get_guild(Seed.GUILD_ID) is not None


@async_test
async def test_auto_sharded_client_asks_gateway_bot_and_gets_every_shard():
    async with FakeDiscord() as fake:
        fake.rest.ctx.shards = 2
        async with running_client(fake, quick_client(FastShardedClient)) as client:
            assert client.shard_count == 2
            assert fake.calls_to("GET", "/gateway/bot")
            assert sorted(s.shard for s in fake.gateway.sessions.values()) == [(0, 2), (1, 2)]
            assert client.get_guild(Seed.GUILD_ID).shard_id == (Seed.GUILD_ID >> 22) % 2


def _message():
    return {
        "id": str(Seed.GUILD_ID + 999),
        "channel_id": str(Seed.GENERAL_ID),
        "type": 0,
        "content": "a card",
        "author": {"id": str(Seed.BOT_USER_ID), "username": "jobbot", "discriminator": "0", "avatar": None},
        "timestamp": "2026-01-01T00:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": False,
        "flags": 0,
        "components": [],
    }


@async_test
async def test_messages_sent_over_rest_come_back_as_message_create_with_the_intent():
    async with FakeDiscord() as fake, running_client(fake) as client:
        created = asyncio.ensure_future(client.wait_for("message", timeout=5))
        sent = await client.get_channel(Seed.PARIS_JOBS_ID).send("A card")
        assert (await created).id == sent.id
        edited = asyncio.ensure_future(client.wait_for("raw_message_edit", timeout=5))
        await sent.edit(content="Closed")
        assert (await edited).data["content"] == "Closed"
    intents = discord.Intents.default()
    intents.guild_messages = False
    async with FakeDiscord() as fake, running_client(fake, quick_client(intents=intents)) as client:
        await client.get_channel(Seed.PARIS_JOBS_ID).send("A card")
        await asyncio.sleep(0.05)
        assert not any(p["t"] == "MESSAGE_CREATE" for s in fake.gateway.sessions.values() for p in s.backlog)
