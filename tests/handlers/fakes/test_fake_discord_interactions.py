"""Interactions through the real discord.py CommandTree and views: slash commands, buttons, autocomplete."""

import asyncio

import aiohttp
import discord
import pytest
from discord import app_commands

from handlers.fakes import FakeDiscord, Seed
from handlers.fakes.discord_model import ApiError
from tests.fakes.discord_py import quick_client, running_client
from tests.fakes.http_server import async_test


class Unsubscribe(discord.ui.DynamicItem[discord.ui.Button], template=r"jobs:unsubscribe:(?P<id>\d+)"):
    def __init__(self, subscription_id: int):
        super().__init__(
            discord.ui.Button(label="Unsubscribe", custom_id=f"jobs:unsubscribe:{subscription_id}")
        )
        self.subscription_id = subscription_id

    @classmethod
    async def from_custom_id(cls, interaction, item, match):
        return cls(int(match["id"]))

    async def callback(self, interaction):
        await interaction.response.edit_message(
            content=f"Unsubscribed from #{self.subscription_id}", view=None
        )


def jobs_bot(**options):
    """A client with a small /jobs group: subscribe defers then follows up; search answers at once."""
    client = quick_client(**options)
    tree = app_commands.CommandTree(client)
    jobs = app_commands.Group(name="jobs", description="Job alerts")
    client.errors = []

    @jobs.command(description="Get alerts for a query")
    async def subscribe(interaction: discord.Interaction, query: str, dm: bool = False):
        await interaction.response.defer(thinking=True)
        await interaction.followup.send(f"Subscribed to {query} (dm={dm})")

    @jobs.command(description="Search now")
    async def search(interaction: discord.Interaction, query: str):
        await interaction.response.send_message(f"Nothing yet for {query}", ephemeral=True)

    @search.autocomplete("query")
    async def suggest(interaction: discord.Interaction, current: str):
        return [
            app_commands.Choice(name=q, value=q)
            for q in ("Paris + French", "Milan + Italian")
            if current in q
        ]

    @jobs.command(description="Too slow")
    async def slow(interaction: discord.Interaction):
        await asyncio.sleep(0.3)
        try:
            await interaction.response.send_message("late")
        except discord.NotFound as error:
            client.errors.append(error)

    tree.add_command(jobs)
    client.tree = tree
    client.add_dynamic_items(Unsubscribe)
    return client


@async_test
async def test_a_slash_command_defers_then_follows_up():
    async with FakeDiscord() as fake, running_client(fake, jobs_bot()) as client:
        synced = await client.tree.sync()
        assert [c.name for c in synced] == ["jobs"]
        assert [c["name"] for c in fake.commands.listed(None)] == ["jobs"]

        record = await fake.slash("jobs", "subscribe", {"query": "Paris + French", "dm": True})
        await fake.wait_until(lambda: record.original and "Subscribed" in record.original["content"])

        assert [r["type"] for r in fake.interaction_responses(record.token)] == [5]
        assert record.original["content"] == "Subscribed to Paris + French (dm=True)"
        assert record.original["flags"] == 0  # no longer "thinking…"
        assert fake.messages_in(Seed.GENERAL_ID)[-1]["id"] == record.original["id"]
        options = record.payload["data"]["options"]
        assert options[0]["type"] == 1 and options[0]["name"] == "subscribe"
        assert [(o["name"], o["type"]) for o in options[0]["options"]] == [("query", 3), ("dm", 5)]
        assert record.payload["data"]["id"] == fake.commands.listed(None)[0]["id"]
        callback = fake.calls_to("POST", f"/interactions/{record.id}/{record.token}/callback")
        assert callback[0].status == 200 and "Authorization" not in callback[0].headers


@async_test
async def test_an_ephemeral_reply_stays_with_the_interaction():
    async with FakeDiscord() as fake, running_client(fake, jobs_bot()) as client:
        await client.tree.sync()
        before = len(fake.messages_in(Seed.GENERAL_ID))
        record = await fake.slash("jobs", "search", {"query": "Madrid"})
        await fake.wait_until(lambda: record.original)
        assert record.response_type == 4
        assert record.original["content"] == "Nothing yet for Madrid" and record.original["flags"] == 64
        assert len(fake.messages_in(Seed.GENERAL_ID)) == before


@async_test
async def test_autocomplete_answers_choices():
    async with FakeDiscord() as fake, running_client(fake, jobs_bot()) as client:
        await client.tree.sync()
        record = await fake.autocomplete("jobs", "search", {"query": "Par"}, focused="query")
        await fake.wait_until(lambda: record.callbacks)
        assert record.payload["type"] == 4
        assert record.callbacks[0] == {
            "type": 8,
            "data": {"choices": [{"name": "Paris + French", "value": "Paris + French"}]},
        }


@async_test
async def test_a_callback_after_three_seconds_is_unknown():
    async with FakeDiscord(interaction_deadline=0.1) as fake, running_client(fake, jobs_bot()) as client:
        await client.tree.sync()
        record = await fake.slash("jobs", "slow")
        await fake.wait_until(lambda: client.errors, timeout=3)
        assert client.errors[0].code == 10062 and client.errors[0].status == 404
        assert record.callbacks == [] and record.original is None


@async_test
async def test_a_second_callback_is_refused_and_followups_need_an_answer_first():
    async with FakeDiscord() as fake, aiohttp.ClientSession() as http:
        record = fake.ledger.record(
            fake.interactions.slash(
                "jobs", "search", {"query": "x"}, user=Seed.BOB_ID, channel=Seed.GENERAL_ID
            )
        )
        followup = f"{fake.api_base}/webhooks/{Seed.APP_ID}/{record.token}?wait=true"
        async with http.post(followup, json={"content": "too early"}) as response:
            assert response.status == 404 and (await response.json())["code"] == 10015
        callback = f"{fake.api_base}/interactions/{record.id}/{record.token}/callback"
        async with http.post(callback, json={"type": 5}) as response:
            assert response.status == 204  # without with_response
        async with http.post(callback, json={"type": 4, "data": {"content": "again"}}) as response:
            assert response.status == 400 and (await response.json())["code"] == 40060
        async with http.post(followup, json={"content": "done"}) as response:
            first = await response.json()
        async with http.post(followup, json={"content": "more"}) as response:
            second = await response.json()
        assert first["id"] == record.original["id"] and first["content"] == "done"
        assert record.followups == [second]
        original = f"{fake.api_base}/webhooks/{Seed.APP_ID}/{record.token}/messages/@original"
        async with http.patch(original, json={"content": "edited"}) as response:
            assert (await response.json())["content"] == "edited"
        async with http.get(original) as response:
            assert (await response.json())["edited_timestamp"] is not None


@async_test
async def test_a_click_must_name_a_component_of_the_message_as_discord_holds_it():
    async with FakeDiscord() as fake:
        row = {"type": 1, "components": [{"type": 2, "style": 2, "label": "Go", "custom_id": "jobs:go"}]}
        posted = fake.posted_by_bot(Seed.PARIS_JOBS_ID, {"content": "A card", "components": [row]})
        shown = fake.posted_by_bot(Seed.GENERAL_ID, {"content": "Yours", "components": [row]},
                                   ephemeral_for=Seed.BOB_ID)  # fmt: skip
        assert shown["flags"] & 64 and shown not in fake.messages_in(Seed.GENERAL_ID)
        for message, who in ((posted, Seed.ALICE_ID), (shown, Seed.BOB_ID)):
            record = await fake.click("jobs:go", {**message, "components": []}, user=who)
            assert record.payload["message"]["components"] == [row]  # the message as Discord holds it
            for refused in ("jobs:other", "jobs:go:"):
                with pytest.raises(ApiError) as raised:
                    await fake.click(refused, {**message, "components": [row]}, user=who)
                assert raised.value.status == 400 and "COMPONENT_VALIDATION_FAILED" in str(
                    raised.value.errors
                )
            with pytest.raises(ApiError):  # a button is not a select
                await fake.click("jobs:go", message, user=who, component_type=3)
        with pytest.raises(ApiError) as raised:  # only Bob sees his ephemeral answer
            await fake.click("jobs:go", shown, user=Seed.ALICE_ID)
        assert raised.value.status == 404
        assert len(fake.ledger.records) == 3  # the earlier /jobs help and the two clicks that went through


@async_test
async def test_a_button_click_reaches_a_persistent_dynamic_item():
    async with FakeDiscord() as fake, running_client(fake, jobs_bot()) as client:
        view = discord.ui.View(timeout=None)
        view.add_item(Unsubscribe(42))
        sent = await client.get_channel(Seed.PARIS_JOBS_ID).send("A card", view=view)
        stored = fake.messages_in(Seed.PARIS_JOBS_ID)[-1]
        assert stored["components"][0]["components"][0]["custom_id"] == "jobs:unsubscribe:42"

        record = await fake.click("jobs:unsubscribe:42", stored, user=Seed.ALICE_ID)
        await fake.wait_until(lambda: record.callbacks)

        assert record.response_type == 7
        assert fake.messages_in(Seed.PARIS_JOBS_ID)[-1]["content"] == "Unsubscribed from #42"
        assert fake.messages_in(Seed.PARIS_JOBS_ID)[-1]["components"] == []
        assert int(stored["id"]) == sent.id
