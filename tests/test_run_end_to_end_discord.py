"""What `jobbot run` wires for Discord, end to end on 127.0.0.1: /jobs subscribes a channel and a person's
DMs over the gateway, a polled source publishes a matching posting, the card arrives in the (fake) Discord
channel once (not again in the DMs of a member who sees it), and a person who refuses DMs sees on
`/jobs home` why their subscription was paused."""

import asyncio
import json
from dataclasses import replace

from bot.app import JobBot
from bot.settings import load_settings
from bot.store.sources import add_source
from handlers import discord_attach
from handlers.fakes import FakeDiscord, Seed
from tests.fakes.discord_py import discord_py_pointed_at
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.discord_app_harness import answered
from tests.test_run_end_to_end import PARIS_INTERN, _board, _until

BERLIN_INTERN = {
    **PARIS_INTERN,
    "id": 78,
    "title": "Sales Intern",
    "location": {"name": "Berlin, Germany"},
    "absolute_url": "https://job-boards.example.com/acme/jobs/78",
    "content": "&lt;p&gt;Internship in Berlin. Fluent German required.&lt;/p&gt;",
}


@async_test
async def test_subscribe_on_discord_then_a_polled_posting_arrives_and_a_closed_dm_pauses(tmp_path):
    async with FakeDiscord() as fake, FakeHttpServer() as boards:
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "DISCORD_TOKEN": fake.token,
            "DISCORD_API_URL": fake.api_base,
            "DISCORD_GATEWAY_URL": fake.gateway_url,
        }
        settings = load_settings(env=env, config_path=None)
        settings = replace(settings, fetch=replace(settings.fetch, allow_private_addresses=True))
        with discord_py_pointed_at(fake):  # attach points discord.py at the fake; this puts it back after
            bot = JobBot.create(settings)
            serve = discord_attach.attach(bot, guild_ready_timeout=0.05)
            assert serve is not None and "discord" in bot.notifiers
            boards.respond("/acme/jobs", _board(), content_type="application/json")
            add_source(bot.engine, id="greenhouse:acme", kind="greenhouse", url=boards.url("/acme/jobs"))

            stop = asyncio.Event()
            tasks = [asyncio.create_task(bot.run(stop)), asyncio.create_task(serve(stop))]
            try:
                await _until(lambda: fake.gateway.identifies)
                await _until(lambda: fake.gateway.sessions)
                channel = await fake.slash(
                    "jobs",
                    "subscribe",
                    {"query": "Paris + French"},
                    user=Seed.ALICE_ID,
                    channel=Seed.PARIS_JOBS_ID,
                )
                assert "will come to this channel" in (await answered(fake, channel))["content"]
                bob = await fake.slash("jobs", "me", {"query": "Paris"}, user=Seed.BOB_ID)
                assert "your DMs" in (await answered(fake, bob))["content"]
                carol = await fake.slash("jobs", "me", {"query": "Berlin"}, user=Seed.CAROL_ID)
                assert "your DMs" in (await answered(fake, carol))["content"]

                await _until(lambda: bot._fetcher is not None)
                assert (await bot.poll("greenhouse:acme")).first_poll
                boards.respond(
                    "/acme/jobs", _board(PARIS_INTERN, BERLIN_INTERN), content_type="application/json"
                )
                assert (await bot.poll("greenhouse:acme")).queued == 3  # the channel, Bob, Carol

                await _until(lambda: fake.messages_in(Seed.PARIS_JOBS_ID))
                [card] = fake.messages_in(Seed.PARIS_JOBS_ID)
                assert "Growth Intern" in json.dumps(card["embeds"]) and card["components"]

                async def carol_sees_why() -> bool:
                    listed = await fake.slash("jobs", "home", {}, user=Seed.CAROL_ID)
                    return "could not post here" in json.dumps(await answered(fake, listed))

                deadline = asyncio.get_running_loop().time() + 10
                while not await carol_sees_why():
                    assert asyncio.get_running_loop().time() < deadline, "Carol's subscription never paused"
                    await asyncio.sleep(0.1)
                assert len(fake.messages_in(Seed.PARIS_JOBS_ID)) == 1  # once
                # Bob sees #paris-jobs, so the same card is not repeated in his DMs.
                opened = [c.body for c in fake.calls_to("POST", "/users/@me/channels")]
                assert {"recipient_id": str(Seed.BOB_ID)} not in opened
            finally:
                stop.set()
                await asyncio.gather(*tasks)
                bot.engine.dispose()
