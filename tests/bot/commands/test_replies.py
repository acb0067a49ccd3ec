"""Replies people can act on (issue 10): one paging form, warnings said once, asking before acting on all,
duplicates found by meaning, queries edited in place, and a test card through the outbox."""

import pytest

from bot.commands.help import help_text
from bot.commands.model import Saved, Search
from bot.commands.parse import parse_command
from bot.commands.values import Caller
from bot.store.preferences import owner_key, save_posting
from bot.views.actions import Action, command_for
from bot.views.reply import reply_view
from bot.views.rich import as_markup
from tests.bot.commands.conftest import ANNA_IN_DM, NOW
from tests.fakes.http_server import async_test

DISCORD_MEMBER = Caller("discord", "G1", "U7", "C1")

# --------------------------------------------------------------------------------------------- paging


@pytest.mark.parametrize(
    "text",
    ["search Paris page 2", "search Paris --page 2", "search Paris \u2014page 2", "search Paris page:2",
     "search Paris --page=2", "search Paris PAGE 2"],
)  # fmt: skip
def test_page_n_is_the_form_and_the_older_spellings_still_read(text):
    assert parse_command(text) == Search("Paris", 2)


def test_saved_pages_read_the_same_way():
    assert parse_command("saved page 3") == parse_command("saved --page 3") == Saved(3)


def test_help_shows_one_paging_form_on_every_platform():
    for platform in ("slack", "discord"):
        shown = help_text(None, platform)
        assert "--page" not in shown and "more:" not in shown
    slack = help_text(None, "slack")
    assert "`/jobs search QUERY [page N]`" in slack and "`/jobs saved [page N]`" in slack


@async_test
async def test_a_search_reply_says_the_next_page_as_page_n(service):
    reply = await service.handle_text(ANNA_IN_DM, "search Paris + French")
    view = reply_view(reply)
    assert as_markup(view.footer) == "page 1 · next: `/jobs search Paris + French page 2`"
    [following] = view.buttons
    assert (following.label, command_for(following.action, following.value)) == (
        "Next ▶",
        Search("Paris + French", 2),
    )
    second = await service.handle_text(ANNA_IN_DM, "search Paris + French page 2")
    assert second.text.splitlines()[1] == "Result 6, newest first:"  # one result is not "Results 6–6"


@async_test
async def test_page_n_typed_into_a_query_field_turns_the_page(service):
    # Discord's `query` option (and a form) takes the words as they are: "page 2" still means the page.
    reply = await service.handle(DISCORD_MEMBER, Search("Paris + French page 2"))
    assert reply.page == 2 and reply.query == "Paris + French" and len(reply.cards) == 1
    bad = await service.handle(DISCORD_MEMBER, Search("Paris page 0"))
    assert not bad.ok and "not a page number" in bad.text


@async_test
async def test_saved_postings_page_with_buttons_like_a_search(service, stocked):
    key = owner_key("slack", "T1", "U_ANNA")
    for n in range(1, 8):
        save_posting(stocked, key, f"test:p{n}", now=NOW)
    first = await service.handle_text(ANNA_IN_DM, "saved")
    view = reply_view(first)
    assert as_markup(view.footer) == "page 1 · next: `/jobs saved page 2`"
    [following] = view.buttons
    assert command_for(following.action, following.value) == Saved(2)
    second = await service.handle(ANNA_IN_DM, command_for(following.action, following.value))
    assert len(second.cards) == 2 and not second.has_more
    assert [b.action for b in reply_view(second).buttons] == [Action.SAVED_PAGE]  # ◀ Previous
