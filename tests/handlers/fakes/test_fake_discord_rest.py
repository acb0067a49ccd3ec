"""The fake's REST API through discord.py's own HTTP client: messages, nonces, errors, faults, forum posts."""

import asyncio

import aiohttp
import discord
import pytest

from handlers.fakes import FakeDiscord, Fault, Limit, Limits, Seed
from tests.fakes.discord_py import running_client
from tests.fakes.http_server import async_test


def path(channel_id):
    return f"/channels/{channel_id}/messages"


@async_test
async def test_the_same_nonce_with_enforce_nonce_stores_one_message():
    async with FakeDiscord() as fake, running_client(fake) as client:
        channel = client.get_channel(Seed.PARIS_JOBS_ID)
        first = await channel.send("Intern, Paris", nonce="jobbot-7-123")
        again = await channel.send("Intern, Paris", nonce="jobbot-7-123")
        other = await channel.send("Intern, Paris")  # no nonce: a second message, as in Discord
        assert first.id == again.id != other.id
        assert [m["content"] for m in fake.messages_in(Seed.PARIS_JOBS_ID)] == ["Intern, Paris"] * 2
        assert fake.calls_to("POST", path(Seed.PARIS_JOBS_ID))[0].body["enforce_nonce"] is True


@async_test
async def test_an_answer_lost_after_storing_is_retried_by_discord_py_and_the_nonce_keeps_one_message():
    async with FakeDiscord() as fake, running_client(fake) as client:
        fake.fail_next("POST", path(Seed.GENERAL_ID), Fault(status=500, after=True))
        message = await client.get_channel(Seed.GENERAL_ID).send("card", nonce="jobbot-1-1")
        assert [c.status for c in fake.calls_to("POST", path(Seed.GENERAL_ID))] == [500, 200]
        assert [m["id"] for m in fake.messages_in(Seed.GENERAL_ID)] == [str(message.id)]


@async_test
async def test_a_dropped_connection_after_storing_is_an_unknown_outcome():
    async with FakeDiscord() as fake, running_client(fake) as client:
        fake.fail_next("POST", path(Seed.GENERAL_ID), Fault(disconnect=True, after=True))
        with pytest.raises(aiohttp.ClientError):
            await client.http.send_message(Seed.GENERAL_ID, params=_params("lost answer"))
        assert len(fake.messages_in(Seed.GENERAL_ID)) == 1


@async_test
async def test_a_burst_waits_on_the_rate_limit_headers_instead_of_hitting_429():
    limits = Limits()
    limits.buckets["messages.create"] = Limit(5, 0.3)
    async with FakeDiscord(limits=limits) as fake, running_client(fake) as client:
        channel = client.get_channel(Seed.PARIS_JOBS_ID)
        started = asyncio.get_running_loop().time()
        await asyncio.gather(*(channel.send(f"card {n}") for n in range(20)))
        elapsed = asyncio.get_running_loop().time() - started
        statuses = [c.status for c in fake.calls_to("POST", path(Seed.PARIS_JOBS_ID))]
        assert statuses == [200] * 20 and elapsed >= 0.9  # four windows of 5
        assert len(fake.messages_in(Seed.PARIS_JOBS_ID)) == 20
        assert fake.invalid_requests == 0


@async_test
async def test_the_rate_limit_headers_are_discords():
    async with FakeDiscord() as fake, aiohttp.ClientSession() as http:
        url = fake.api_base + path(Seed.GENERAL_ID)
        headers = {"Authorization": f"Bot {fake.token}"}
        for n in range(6):
            async with http.post(url, json={"content": f"m{n}"}, headers=headers) as response:
                last = response
                body = await response.json()
        assert last.status == 429 and body["message"] == "You are being rate limited." and not body["global"]
        assert 0 < body["retry_after"] <= 5
        for name in ("Limit", "Remaining", "Reset", "Reset-After", "Bucket", "Scope"):
            assert f"X-RateLimit-{name}" in last.headers
        assert last.headers["X-RateLimit-Scope"] == "user" and last.headers["X-RateLimit-Remaining"] == "0"
        assert int(last.headers["Retry-After"]) >= 1
        assert fake.invalid_requests == 1
        async with http.get(fake.api_base + "/users/@me", headers={"Authorization": "Bot nope"}) as response:
            assert response.status == 401 and (await response.json()) == {
                "message": "401: Unauthorized",
                "code": 0,
            }
        assert fake.invalid_requests == 2


@async_test
async def test_a_global_429_makes_discord_py_wait():
    async with FakeDiscord() as fake, running_client(fake) as client:
        fake.fail_next("POST", path(Seed.GENERAL_ID), Fault(retry_after=0.3, scope="global"))
        started = asyncio.get_running_loop().time()
        await client.get_channel(Seed.GENERAL_ID).send("after the global limit")
        assert asyncio.get_running_loop().time() - started >= 0.3
        first, second = fake.calls_to("POST", path(Seed.GENERAL_ID))
        assert (first.status, second.status) == (429, 200)
        assert fake.invalid_requests == 1
        fake.fail_next("GET", f"/channels/{Seed.GENERAL_ID}", Fault(retry_after=0.05, scope="shared"))
        await client.fetch_channel(Seed.GENERAL_ID)
        assert fake.invalid_requests == 1  # a shared-scope 429 is not the bot's fault


@async_test
async def test_the_global_limit_answers_429_global_and_discord_py_recovers():
    async with FakeDiscord(limits=Limits(global_per_second=4)) as fake, running_client(fake) as client:
        channels = [Seed.GENERAL_ID, Seed.PARIS_JOBS_ID, Seed.ANNOUNCEMENTS_ID, Seed.THREAD_ID]
        await asyncio.gather(*(client.fetch_channel(c) for c in channels * 2))
        refused = [c for c in fake.calls if c.status == 429]
        assert refused and all(c.path.startswith("/channels/") for c in refused)
        assert sum(c.status == 200 and c.path.startswith("/channels/") for c in fake.calls) == 8


@async_test
async def test_permission_and_existence_errors_are_discords():
    async with FakeDiscord() as fake, running_client(fake) as client:
        carol = await client.fetch_user(Seed.CAROL_ID)
        with pytest.raises(discord.Forbidden) as refused:
            await carol.send("A new internship")
        assert refused.value.code == 50007 and refused.value.text == "Cannot send messages to this user"
        bob = await client.fetch_user(Seed.BOB_ID)
        assert (await bob.send("A new internship")).channel.type is discord.ChannelType.private
        cases = {Seed.HIDDEN_ID: (discord.Forbidden, 50001), Seed.READ_ONLY_ID: (discord.Forbidden, 50013),
                 404: (discord.NotFound, 10003)}  # fmt: skip
        for channel_id, (error, code) in cases.items():
            with pytest.raises(error) as caught:
                await client.http.send_message(channel_id, params=_params("x"))
            assert caught.value.code == code
        with pytest.raises(discord.HTTPException) as invalid:
            await client.http.send_message(Seed.GENERAL_ID, params=_params("x" * 2001))
        assert invalid.value.status == 400 and invalid.value.code == 50035
        assert fake.invalid_requests == 3  # 403, 403, 403; 404 and 400 do not count


@async_test
async def test_allowed_mentions_embeds_and_edits_are_recorded():
    async with FakeDiscord() as fake, running_client(fake) as client:
        channel = client.get_channel(Seed.PARIS_JOBS_ID)
        embed = discord.Embed(title="Intern, Paris", description="French required").add_field(
            name="Where", value="Paris"
        )
        sent = await channel.send(
            "@everyone new job", embed=embed, allowed_mentions=discord.AllowedMentions.none()
        )
        call = fake.calls_to("POST", path(Seed.PARIS_JOBS_ID))[-1]
        assert call.body["allowed_mentions"] == {"parse": []}
        stored = fake.messages_in(Seed.PARIS_JOBS_ID)[-1]
        assert stored["allowed_mentions"] == {"parse": []} and stored["embeds"][0]["title"] == "Intern, Paris"
        await sent.edit(content="Closed")
        assert fake.messages_in(Seed.PARIS_JOBS_ID)[-1]["content"] == "Closed"
        history = [m.content async for m in channel.history(limit=5)]
        assert history == ["Closed"]


@async_test
async def test_a_forum_post_creates_a_thread_with_tags_and_its_first_message():
    async with FakeDiscord() as fake, running_client(fake) as client:
        forum = client.get_channel(Seed.JOB_BOARD_ID)
        tag = forum.get_tag(Seed.TAG_INTERNSHIP_ID)
        created = await forum.create_thread(
            name="Intern, Paris", content="French required", applied_tags=[tag]
        )
        assert created.thread.name == "Intern, Paris" and [t.id for t in created.thread.applied_tags] == [
            tag.id
        ]
        assert fake.messages_in(created.thread.id)[0]["content"] == "French required"
        assert created.message.id == created.thread.id
        with pytest.raises(discord.HTTPException) as wrong:
            await client.http.start_thread_in_forum(Seed.GENERAL_ID, params=_params("x"))
        assert wrong.value.code == 50024


@async_test
async def test_slow_answers_and_server_errors_can_be_injected():
    async with FakeDiscord() as fake, running_client(fake) as client:
        fake.fail_next(
            "POST", path(Seed.GENERAL_ID), Fault(status=503, code=0, message="Service Unavailable")
        )
        with pytest.raises(discord.DiscordServerError):
            await client.http.send_message(Seed.GENERAL_ID, params=_params("x"))
        assert fake.messages_in(Seed.GENERAL_ID) == []
        fake.fail_next("POST", path(Seed.GENERAL_ID), Fault(status=None, delay=0.2))
        started = asyncio.get_running_loop().time()
        await client.http.send_message(Seed.GENERAL_ID, params=_params("slow"))
        assert asyncio.get_running_loop().time() - started >= 0.2


def _params(content):
    return discord.http.handle_message_parameters(content=content)
