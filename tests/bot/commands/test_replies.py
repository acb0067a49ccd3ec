"""Replies people can act on (issue 10): one paging form, warnings said once, asking before acting on all,
duplicates found by meaning, queries edited in place, and a test card through the outbox."""

import pytest

from bot.commands.help import help_text
from bot.commands.model import Preview, Saved, Search
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


# --------------------------------------------------------------------------------------------- said once


def _said(reply) -> str:
    """Everything the reply's view says, as one text (lines, warnings, footer)."""
    return reply_view(reply).preview.casefold()


@async_test
async def test_a_typo_question_names_the_typo_once(service):
    reply = await service.handle_text(ANNA_IN_DM, "me Paris + Frnech")
    said = _said(reply)
    assert said.count("did you mean") == 1 and said.count("is not a word i know") == 0
    assert "Understood as: location Paris (FR) AND keyword 'frnech'" in reply.text  # the reading stays


@async_test
async def test_a_broad_subscription_counts_its_matches_once(stocked):
    from bot.ingest import Matcher, ingest
    from tests.bot.commands.conftest import make_service, posting

    for n in range(20):
        ingest(
            stocked,
            Matcher.from_store(stocked),
            [posting(f"b{n}", f"Intern {n}", "Bulk", "Paris, France", "Internship in Paris.")],
        )
    service = make_service(stocked)
    for reply in (
        await service.handle_text(ANNA_IN_DM, "me intern"),
        await service.handle(ANNA_IN_DM, Preview("intern")),
    ):
        said = _said(reply)
        assert "very broad" in said and said.count(" of the latest") + said.count("among the latest") == 1, (
            said
        )


@async_test
async def test_every_warning_of_a_subscribe_reply_is_said_exactly_once(service):
    replies = [
        await service.handle_text(ANNA_IN_DM, "me --anyway Tokyo + Japanese"),  # matches nothing yet
        await service.handle_text(ANNA_IN_DM, "me --anyway Paris + Frnech"),  # a typo kept on purpose
        await service.handle_text(ANNA_IN_DM, "me Tokyo"),  # asked about, not saved
        await service.handle(ANNA_IN_DM, Preview("Osaka")),  # a form's live reading
    ]
    for reply in replies:
        said = _said(reply)
        for warning in reply.warnings:
            assert said.count(warning.casefold()) == 1, warning
        lines = [as_markup(line) for line in reply_view(reply).lines]
        assert len(lines) == len(set(lines)), lines
        assert said.count("did you mean") <= 1 and said.count("nothing among the latest") <= 1, said
