"""Replies people act on, through the real discord.py client against a fake Discord (issue 10)."""

import pytest

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.store.outbox import StoreOutbox
from bot.store.preferences import owner_key, save_posting
from bot.store.subscriptions import list_subscriptions
from bot.views.actions import Action, decode, encode
from handlers.discord_notifier import DiscordNotifier
from handlers.fakes import Seed
from tests.bot.commands.conftest import NOW, make_service
from tests.fakes.http_server import async_test
from tests.handlers.discord_app_harness import answered, custom_ids, running_jobbot, shown

GUILD = str(Seed.GUILD_ID)


@pytest.fixture
def service(stocked):
    return make_service(stocked)


def actions(message) -> list[tuple[Action, str]]:
    return [decode(i) for i in custom_ids(message) if decode(i)]


@async_test
async def test_saved_postings_page_by_buttons_that_replace_the_message(service, stocked):
    for n in range(1, 8):
        save_posting(stocked, owner_key("discord", GUILD, str(Seed.BOB_ID)), f"test:p{n}", now=NOW)
    async with running_jobbot(service) as (fake, _):
        first = await answered(fake, await fake.slash("jobs", "saved", {}, user=Seed.BOB_ID))
        assert actions(first) == [(Action.SAVED_PAGE, "2")]
        clicked = await fake.click(encode(Action.SAVED_PAGE, "2"), first, user=Seed.BOB_ID)
        # the first page's own text names page 2 ("next: /jobs saved page 2"): wait for the page line itself
        await fake.wait_until(
            lambda: clicked.original and "page 2" in clicked.original["content"].splitlines()
        )
        assert clicked.response_type == 6  # the message itself is updated
        assert actions(clicked.original) == [(Action.SAVED_PAGE, "1")]


@async_test
async def test_page_n_typed_in_the_query_option_turns_the_page(service):
    async with running_jobbot(service) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "Paris + French page 2"})
        message = await answered(fake, record)
        assert "Result 6, newest first" in message["content"]
        assert actions(message) == [(Action.PAGE, "1:Paris + French")]


async def _channel_subscriptions(fake, *queries):
    for query in queries:
        await answered(
            fake,
            await fake.slash(
                "jobs", "subscribe", {"query": query}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID
            ),
        )


@async_test
async def test_the_new_commands_and_options_are_registered(service):
    async with running_jobbot(service) as (fake, _):
        [jobs] = [c for c in fake.commands.listed(None) if c["name"] == "jobs"]
        subs = {o["name"]: o for o in jobs["options"]}
        assert {"edit", "test"} <= set(subs)
        for name in ("pause", "resume", "unsubscribe"):
            options = {o["name"]: o for o in subs[name].get("options", [])}
            assert options["all"]["type"] == 5 and not options["subscription"].get("required")  # boolean


@async_test
async def test_pause_with_no_option_asks_and_its_button_pauses_them_all(service, stocked):
    async with running_jobbot(service) as (fake, _):
        await _channel_subscriptions(fake, "Paris + French", "Lyon")
        asked = await answered(
            fake, await fake.slash("jobs", "pause", {}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID)
        )
        assert "Which one?" in asked["content"] and actions(asked) == [(Action.PAUSE, "all")]
        assert not any(s.paused for s in list_subscriptions(stocked))
        done = await answered(fake, await fake.click(encode(Action.PAUSE, "all"), asked, user=Seed.ALICE_ID))
        assert "Paused #1 `Paris + French`, #2 `Lyon`" in done["content"]
        assert all(s.paused for s in list_subscriptions(stocked))
        resumed = await answered(
            fake,
            await fake.slash("jobs", "resume", {"all": True}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID),
        )
        assert "Resumed #1" in resumed["content"] and not any(s.paused for s in list_subscriptions(stocked))


@async_test
async def test_unsubscribe_all_asks_with_a_second_button_because_discord_has_no_dialog(service, stocked):
    async with running_jobbot(service) as (fake, _):
        await _channel_subscriptions(fake, "Paris + French", "Lyon")
        asked = await answered(
            fake, await fake.slash("jobs", "unsubscribe", {}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID)
        )
        assert actions(asked) == [(Action.UNSUBSCRIBE, "all")]
        question = await answered(
            fake, await fake.click(encode(Action.UNSUBSCRIBE, "all"), asked, user=Seed.ALICE_ID)
        )
        assert "**Unsubscribe from all?**" in question["content"] and len(list_subscriptions(stocked)) == 2
        [yes] = custom_ids(question)
        assert decode(yes) == (Action.CONFIRMED, "unsubscribe:all")
        done = await fake.click(yes, question, user=Seed.ALICE_ID)
        await fake.wait_until(lambda: done.original and "Removed #1" in shown(done.original))
        assert list_subscriptions(stocked) == []


@async_test
async def test_edit_keeps_the_channel_and_a_duplicate_is_named(service, stocked):
    async with running_jobbot(service) as (fake, _):
        await _channel_subscriptions(fake, "Paris + French")
        again = await answered(
            fake,
            await fake.slash(
                "jobs",
                "subscribe",
                {"query": "French + Paris"},
                user=Seed.ALICE_ID,
                channel=Seed.PARIS_JOBS_ID,
            ),
        )
        assert "this subscription already: #1" in again["content"]
        edited = await answered(
            fake,
            await fake.slash(
                "jobs", "edit", {"subscription": 1, "query": "Paris + intern"}, user=Seed.ALICE_ID
            ),  # typed in another channel: the subscription stays where it posts
        )
        assert "Changed #1" in edited["content"] and "this channel" in edited["content"]
        [sub] = list_subscriptions(stocked)
        assert (sub.query, sub.destination.target) == ("Paris + intern", str(Seed.PARIS_JOBS_ID))
        refused = await answered(
            fake, await fake.slash("jobs", "edit", {"subscription": 1, "query": "Lyon"}, user=Seed.BOB_ID)
        )
        assert "only a workspace admin or the person who created it" in refused["content"]


@async_test
async def test_test_posts_a_labelled_sample_card_in_the_channel(service, stocked):
    async with running_jobbot(service) as (fake, client):
        reply = await answered(
            fake, await fake.slash("jobs", "test", {}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID)
        )
        assert "A test card is on its way to this channel" in reply["content"]
        refused = await answered(fake, await fake.slash("jobs", "test", {}, user=Seed.BOB_ID))
        assert "`/jobs test --dm`" in refused["content"]
        dispatcher = Dispatcher(
            StoreOutbox(stocked),
            {"discord": DiscordNotifier(client.http)},
            limits=DeliveryLimits(),
            clock=lambda: NOW,
        )
        assert (await dispatcher.run_once()).sent == 1
        [posted] = fake.messages_in(Seed.PARIS_JOBS_ID)
        [embed] = posted["embeds"]
        assert embed["title"].startswith("Test · Marketing Intern (sample posting)")
        assert "A test card from" in embed["description"] and embed["footer"]["text"].startswith(
            "test card · not a real posting"
        )
        assert not posted.get("components")  # no Save or Mute on a made-up posting
