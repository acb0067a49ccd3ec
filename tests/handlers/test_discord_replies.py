"""Replies people act on, through the real discord.py client against a fake Discord (issue 10)."""

import pytest

from bot.store.preferences import owner_key, save_posting
from bot.views.actions import Action, decode, encode
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
        await fake.wait_until(lambda: clicked.original and "page 2" in shown(clicked.original))
        assert clicked.response_type == 6  # the message itself is updated
        assert actions(clicked.original) == [(Action.SAVED_PAGE, "1")]


@async_test
async def test_page_n_typed_in_the_query_option_turns_the_page(service):
    async with running_jobbot(service) as (fake, _):
        record = await fake.slash("jobs", "search", {"query": "Paris + French page 2"})
        message = await answered(fake, record)
        assert "Result 6, newest first" in message["content"]
        assert actions(message) == [(Action.PAGE, "1:Paris + French")]
