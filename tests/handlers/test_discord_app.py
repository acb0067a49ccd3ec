"""`/jobs` on Discord through the real discord.py client, against a fake Discord on 127.0.0.1."""

import asyncio

import pytest

from bot.commands import Caller
from bot.delivery.compose import card_for
from bot.models import Destination
from bot.store.postings import get_posting
from bot.store.subscriptions import list_subscriptions
from bot.views.actions import Action, decode, encode
from handlers.discord_notifier import DiscordNotifier
from handlers.fakes import FakeDiscord, Seed
from tests.bot.commands.conftest import make_service
from tests.fakes.discord_py import running_client
from tests.fakes.http_server import async_test
from tests.handlers.discord_app_harness import FastJobbot, answered, custom_ids, running_jobbot, shown

PARIS = Destination("discord", "channel", str(Seed.PARIS_JOBS_ID), str(Seed.GUILD_ID))
CALLER_BOB = Caller("discord", str(Seed.GUILD_ID), str(Seed.BOB_ID), str(Seed.GENERAL_ID))


@pytest.fixture
def service(stocked):
    return make_service(stocked)


@async_test
async def test_commands_register_with_sources_behind_manage_channels(service):
    async with running_jobbot(service) as (fake, _):
        listed = {c["name"]: c for c in fake.commands.listed(None)}
        assert set(listed) == {"jobs", "jobs-sources"}
        subs = {o["name"] for o in listed["jobs"]["options"]}
        assert {
            "search",
            "subscribe",
            "me",
            "list",
            "unsubscribe",
            "pause",
            "resume",
            "digest",
            "quiet",
        } <= subs
        assert {"saved", "mute", "unmute", "status", "help", "home"} <= subs
        assert listed["jobs"].get("default_member_permissions") in (None, "")
        assert int(listed["jobs-sources"]["default_member_permissions"]) == 1 << 4  # Manage Channels


@async_test
async def test_search_defers_then_answers_privately_with_embeds_and_page_buttons(service):
    async with running_jobbot(service) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "Paris + French"})
        message = await answered(fake, record)
        assert record.response_type == 5  # deferred within the 3 seconds
        assert message["flags"] & 64  # ephemeral: only the caller sees it
        assert "Searching `Paris + French`" in message["content"]
        assert len(message["embeds"]) == 5 and "Product Intern" in shown(message["embeds"][0])
        [followup] = [c for c in fake.calls if c.path.startswith("/webhooks/")]
        assert followup.body["allowed_mentions"] == {"parse": []}  # nothing it shows can ping anyone
        pages = [decode(i) for i in custom_ids(message) if decode(i)[0] is Action.PAGE]
        assert pages == [(Action.PAGE, "2:Paris + French")]


@async_test
async def test_a_broken_query_is_explained_not_dropped(service):
    async with running_jobbot(service) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "lang:"})
        message = await answered(fake, record)
        assert "I could not understand" in message["content"]


@async_test
async def test_channel_subscriptions_need_manage_channels_but_dms_do_not(service):
    async with running_jobbot(service) as (fake, _):
        refused = await fake.slash("jobs", "subscribe", {"query": "Paris + French"}, user=Seed.BOB_ID)
        assert "/jobs me" in (await answered(fake, refused))["content"]
        mine = await fake.slash("jobs", "me", {"query": "Madrid + Spanish"}, user=Seed.BOB_ID)
        assert "will come to your DMs" in (await answered(fake, mine))["content"]
        channel = await fake.slash(
            "jobs", "subscribe", {"query": "Paris + French"}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID
        )
        assert "will come to this channel" in (await answered(fake, channel))["content"]
        listed = await fake.slash("jobs", "list", {}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID)
        assert f"<#{Seed.PARIS_JOBS_ID}>" in shown(await answered(fake, listed))


@async_test
async def test_autocomplete_offers_whole_queries_and_own_subscriptions(service):
    async with running_jobbot(service) as (fake, _):
        typing = await fake.autocomplete("jobs", "search", {"query": "Paris + Fr"}, focused="query")
        await fake.wait_until(lambda: typing.callbacks)
        assert typing.response_type == 8
        choices = [c["value"] for c in typing.callbacks[0]["data"]["choices"]]
        assert choices[0] == "Paris + Fr" and "Paris + French" in choices
        await answered(fake, await fake.slash("jobs", "me", {"query": "Madrid"}, user=Seed.BOB_ID))
        picking = await fake.autocomplete(
            "jobs", "unsubscribe", {"subscription": ""}, focused="subscription", user=Seed.BOB_ID
        )
        await fake.wait_until(lambda: picking.callbacks)
        assert picking.callbacks[0]["data"]["choices"] == [{"name": "#1 Madrid", "value": 1}]


@async_test
async def test_card_buttons_answer_privately_and_page_buttons_replace_the_message(service, stocked):
    async with running_jobbot(service) as (fake, client):
        card = card_for(get_posting(stocked, "test:p9"), [], "Paris + French")
        sent = await DiscordNotifier(client.http).send(PARIS, card, idempotency_key="jobbot-1")
        [posted] = [m for m in fake.messages_in(Seed.PARIS_JOBS_ID) if m["id"] == sent]
        save = next(i for i in custom_ids(posted) if decode(i)[0] is Action.SAVE)
        saved = await answered(fake, await fake.click(save, posted))
        assert "Saved `Product Intern`" in saved["content"] and saved["flags"] & 64

        search = await answered(fake, await fake.slash("jobs", "search", {"query": "Paris + French"}))
        following = await fake.click(encode(Action.PAGE, "2:Paris + French"), search)
        await fake.wait_until(lambda: "Result 6," in shown(following.original))
        assert following.response_type == 6  # the message itself is updated


@async_test
async def test_a_subscription_matching_nothing_is_asked_about_and_saved_by_its_button(service, stocked):
    async with running_jobbot(service) as (fake, _):
        asked = await answered(fake, await fake.slash("jobs", "me", {"query": "Milan + Italian"}))
        assert "I have not subscribed yet" in asked["content"] and list_subscriptions(stocked) == []
        [anyway] = [i for i in custom_ids(asked) if decode(i)[0] is Action.SUBSCRIBE]
        saved = await answered(fake, await fake.click(anyway, asked))
        assert "will come to your DMs" in saved["content"]
        assert [s.query for s in list_subscriptions(stocked)] == ["Milan + Italian"]


@async_test
async def test_buttons_on_a_card_posted_before_a_restart_still_work(service, stocked):
    async with FakeDiscord() as fake:
        async with running_jobbot(service, fake=fake) as (_, client):
            card = card_for(get_posting(stocked, "test:p6"), [], "Madrid")
            sent = await DiscordNotifier(client.http).send(PARIS, card, idempotency_key="jobbot-2")
        [posted] = [m for m in fake.messages_in(Seed.PARIS_JOBS_ID) if m["id"] == sent]
        async with running_jobbot(service, fake=fake):  # a new process: nothing of the old one is left
            hide = next(i for i in custom_ids(posted) if decode(i)[0] is Action.HIDE)
            answer = await answered(fake, await fake.click(hide, posted))
            assert "you will not get `Backend Engineer`" in answer["content"]


@async_test
async def test_home_lists_subscriptions_with_buttons_that_refresh_it(service):
    async with running_jobbot(service) as (fake, _):
        await answered(fake, await fake.slash("jobs", "me", {"query": "Madrid"}, user=Seed.BOB_ID))
        home = await answered(fake, await fake.slash("jobs", "home", {}, user=Seed.BOB_ID))
        assert "Madrid" in shown(home)
        pause = next(i for i in custom_ids(home) if decode(i) == (Action.PAUSE, "1"))
        clicked = await fake.click(pause, home, user=Seed.BOB_ID)
        await fake.wait_until(lambda: clicked.original and "Paused" in shown(clicked.original))
        assert any(decode(i) == (Action.RESUME, "1") for i in custom_ids(clicked.original))


@async_test
async def test_new_subscription_opens_the_form(service):
    async with running_jobbot(service) as (fake, _):
        home = await answered(fake, await fake.slash("jobs", "home", {}, user=Seed.BOB_ID))
        clicked = await fake.click(encode(Action.NEW_SUBSCRIPTION), home, user=Seed.BOB_ID)
        await fake.wait_until(lambda: clicked.callbacks)
        assert clicked.response_type == 9
        assert clicked.callbacks[0]["data"]["title"] == "New job alert"


@async_test
async def test_unsubscribe_asks_first_because_discord_has_no_confirm_dialog(service):
    async with running_jobbot(service) as (fake, _):
        await answered(fake, await fake.slash("jobs", "me", {"query": "Madrid"}, user=Seed.BOB_ID))
        home = await answered(fake, await fake.slash("jobs", "home", {}, user=Seed.BOB_ID))
        asked = await fake.click(encode(Action.UNSUBSCRIBE, "1"), home, user=Seed.BOB_ID)
        question = await answered(fake, asked)
        assert "**Unsubscribe?** Subscription #1 will stop sending postings" in question["content"]
        assert (await service.suggest_subscriptions(CALLER_BOB, "")) == [("#1 Madrid", 1)]  # nothing done yet
        [yes] = custom_ids(question)
        assert decode(yes) == (Action.CONFIRMED, "unsubscribe:1")
        done = await fake.click(yes, question, user=Seed.BOB_ID)
        await fake.wait_until(lambda: "Removed #1" in shown(done.original))
        assert not done.original["components"]  # the question is answered in place
        assert await service.suggest_subscriptions(CALLER_BOB, "") == []


@async_test
async def test_the_bot_runs_as_several_shards_and_asks_for_no_privileged_intent(service):
    async with FakeDiscord(shards=2) as fake:
        client = FastJobbot(service, shard_count=2, shard_ids=[0, 1], guild_ready_timeout=0.05)
        async with running_client(fake, client):
            assert sorted(client.shards) == [0, 1]
            identified = [p["d"] for p in fake.gateway.received if p["op"] == 2]
            assert sorted(i["shard"][0] for i in identified) == [0, 1]
            assert all(i["shard"][1] == 2 for i in identified)
            privileged = (1 << 1) | (1 << 8) | (1 << 15)  # members, presences, message content
            assert all(i["intents"] & privileged == 0 for i in identified)


class SlowService:
    """The real service, answering a second late (a slow store)."""

    def __init__(self, inner):
        self.inner = inner

    async def handle(self, caller, command):
        await asyncio.sleep(1.0)
        return await self.inner.handle(caller, command)

    def __getattr__(self, name):
        return getattr(self.inner, name)


@async_test
async def test_a_slow_answer_still_meets_the_deadline_because_the_bot_defers_first(service):
    slow = FakeDiscord(interaction_deadline=0.5)  # Discord allows 3 s; this fake, a half
    async with slow as fake, running_jobbot(SlowService(service), fake=fake):
        record = await fake.slash("jobs", "search", {"query": "Madrid"})
        message = await answered(fake, record)
        assert record.response_type == 5 and "Backend Engineer" in shown(message)


@async_test
async def test_the_bot_keeps_no_view_of_what_it_sent_since_clicks_are_answered_by_custom_id(service):
    async with running_jobbot(service) as (fake, client):
        for _ in range(3):  # discord.py would keep a view for good for each message a page click edits
            search = await answered(fake, await fake.slash("jobs", "search", {"query": "Paris + French"}))
            following = await fake.click(encode(Action.PAGE, "2:Paris + French"), search)
            await fake.wait_until(lambda: "Result 6," in shown(following.original))  # noqa: B023 - awaited
            again = await fake.click(encode(Action.PAGE, "1:Paris + French"), following.original)
            await fake.wait_until(lambda: "Results 1–5" in shown(again.original))  # noqa: B023 - awaited
        assert client.persistent_views == []


@async_test
async def test_a_button_with_someone_elses_subscription_in_it_is_refused(service, stocked):
    async with running_jobbot(service) as (fake, _):
        await answered(fake, await fake.slash("jobs", "me", {"query": "Madrid"}, user=Seed.ALICE_ID))
        [theirs] = list_subscriptions(stocked)
        for action, value in (
            (Action.PAUSE, f"{theirs.id}"),
            (Action.CONFIRMED, f"unsubscribe:{theirs.id}"),
            (Action.EDIT, f"{theirs.id}:Lyon"),
        ):
            # A button Bob could only have from a message of the bot's (an older version, say).
            button = {"type": 2, "style": 2, "label": "Go", "custom_id": encode(action, value)}
            body = {"content": "Earlier", "components": [{"type": 1, "components": [button]}]}
            message = fake.posted_by_bot(Seed.GENERAL_ID, body, ephemeral_for=Seed.BOB_ID)
            clicked = await fake.click(encode(action, value), message, user=Seed.BOB_ID)
            refusal = f"Subscription #{theirs.id} sends to someone else's DMs; only they can change it."
            await fake.wait_until(lambda: refusal in shown(clicked.messages))  # noqa: B023 - awaited here
        assert list_subscriptions(stocked) == [theirs]
