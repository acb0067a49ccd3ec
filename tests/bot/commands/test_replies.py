"""Replies people can act on (issue 10): one paging form, warnings said once, asking before acting on all,
duplicates found by meaning, queries edited in place, and a test card through the outbox."""

import pytest

from bot.commands.help import help_text
from bot.commands.model import Edit, Pause, Preview, Saved, Search, Unsubscribe
from bot.commands.parse import parse_command
from bot.commands.values import Caller
from bot.ingest import Matcher, ingest
from bot.models import Destination
from bot.query import parse
from bot.query.stored import from_stored
from bot.store import subscriptions as subs_store
from bot.store.deliveries import enqueue_delivery
from bot.store.preferences import owner_key, save_posting
from bot.views.actions import Action, command_for
from bot.views.reply import reply_view
from bot.views.rich import as_markup
from tests.bot.commands.conftest import (
    ADMIN_IN_CHANNEL,
    ANNA_IN_DM,
    BOB_IN_DM,
    MEMBER_IN_CHANNEL,
    NOW,
    make_service,
    posting,
)
from tests.fakes.http_server import async_test

DISCORD_MEMBER = Caller("discord", "G1", "U7", "C1")
ANNA_DM = Destination("slack", "dm", "U_ANNA", "T1")

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


# ------------------------------------------------------------------------------- pause, resume, unsubscribe


@async_test
async def test_pause_with_no_id_asks_before_pausing_several(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(ANNA_IN_DM, "me Lyon")
    asked = await service.handle_text(ANNA_IN_DM, "pause")
    assert not asked.ok and not any(s.paused for s in subs_store.list_subscriptions(stocked))
    assert "Which one?" in asked.text and "`/jobs pause all`" in asked.text and "#1 `Madrid`" in asked.text
    [button] = reply_view(asked).buttons
    assert button.label == "Pause all 2" and command_for(button.action, button.value) == Pause(every=True)
    done = await service.handle(ANNA_IN_DM, command_for(button.action, button.value))
    assert done.ok and all(s.paused for s in subs_store.list_subscriptions(stocked))
    assert len(service.ctx.matcher.index) == 0


@async_test
async def test_pause_all_acts_at_once_and_a_lone_candidate_needs_no_question(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(ANNA_IN_DM, "me Lyon")
    assert (await service.handle_text(ANNA_IN_DM, "pause all")).ok
    await service.handle_text(ANNA_IN_DM, "resume 2")
    # one running: `pause` can only mean that one
    again = await service.handle_text(ANNA_IN_DM, "pause")
    assert again.ok and again.text.startswith("Paused #2 `Lyon`.")
    resumed = await service.handle_text(ANNA_IN_DM, "resume")  # two paused: asks
    assert not resumed.ok and "`/jobs resume all`" in resumed.text and "for both" in resumed.text
    [button] = reply_view(resumed).buttons
    assert button.label == "Resume all 2"


@async_test
async def test_unsubscribe_with_no_id_asks_even_for_one_and_all_removes_every_one(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    one = await service.handle_text(ANNA_IN_DM, "unsubscribe")
    [button] = reply_view(one).buttons
    assert not one.ok and "cannot be undone" in one.text and len(subs_store.list_subscriptions(stocked)) == 1
    assert button.confirm is not None and command_for(button.action, button.value) == Unsubscribe(1)
    await service.handle_text(ANNA_IN_DM, "me Lyon")
    several = await service.handle_text(ANNA_IN_DM, "unsubscribe")
    [button] = reply_view(several).buttons
    assert button.label == "Unsubscribe all 2" and button.confirm is not None and button.style == "danger"
    assert command_for(button.action, button.value) == Unsubscribe(every=True)
    gone = await service.handle_text(ANNA_IN_DM, "unsubscribe all")
    assert gone.ok and "Removed #1 `Madrid`, #2 `Lyon`" in gone.text
    assert subs_store.list_subscriptions(stocked) == [] and len(service.ctx.matcher.index) == 0


@async_test
async def test_all_only_reaches_what_the_caller_may_change(stocked):
    service = make_service(stocked, channel_subscriptions_need_admin=False)
    await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Paris")
    await service.handle_text(MEMBER_IN_CHANNEL, "subscribe Lyon")  # Anna's own
    reply = await service.handle_text(MEMBER_IN_CHANNEL, "pause all")
    assert reply.ok and reply.text.startswith("Paused #2 `Lyon`.")
    assert [s.paused for s in subs_store.list_subscriptions(stocked)] == [False, True]


# --------------------------------------------------------------------------------------------- same meaning


@async_test
async def test_a_subscription_meaning_the_same_as_one_here_is_not_made_twice(service, stocked):
    first = await service.handle_text(ANNA_IN_DM, "me Paris, Lyon + French")
    assert first.ok
    for again in (
        "me French + Lyon | Paris",
        "me french and paris or lyon",
        "subscribe --dm Lyon, Paris + French",
    ):
        reply = await service.handle_text(ANNA_IN_DM, again)
        assert "this subscription already: #1 `Paris, Lyon + French`, which means the same as" in reply.text
        assert "`/jobs edit 1 NEW QUERY`" in reply.text
    assert len(subs_store.list_subscriptions(stocked)) == 1
    different = await service.handle_text(ANNA_IN_DM, "me Paris + French")  # not Lyon: another meaning
    assert different.ok and len(subs_store.list_subscriptions(stocked)) == 2


@async_test
async def test_a_company_name_means_the_same_bare_or_as_a_field(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Oakleaf + Paris")  # saved as company:"Oakleaf" + Paris
    reply = await service.handle_text(ANNA_IN_DM, "me paris + company:oakleaf")
    assert "this subscription already: #1" in reply.text and len(subs_store.list_subscriptions(stocked)) == 1


@async_test
async def test_the_same_meaning_elsewhere_is_another_subscription(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Paris + French")
    reply = await service.handle_text(ADMIN_IN_CHANNEL, "subscribe French + Paris")
    assert reply.ok and "Subscribed #2" in reply.text


@async_test
async def test_a_duplicate_is_found_before_asking_about_a_typo_it_already_has(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me --anyway Paris + Frnech")
    reply = await service.handle_text(ANNA_IN_DM, "me Frnech + Paris")
    assert "this subscription already: #1" in reply.text and not reply.choices


# --------------------------------------------------------------------------------------------- edit


@async_test
async def test_edit_changes_the_query_in_place_and_keeps_everything_else(service, stocked):
    from bot.store.subscription_changes import changes_since, latest_seq

    await service.handle_text(BOB_IN_DM, "me Paris + French")
    await service.handle_text(BOB_IN_DM, "digest daily 09:00 1")
    await service.handle_text(BOB_IN_DM, "pause 1")
    before = subs_store.get_subscription(stocked, 1)
    mode = subs_store.get_delivery_mode(stocked, 1)
    seq = latest_seq(stocked)
    reply = await service.handle_text(BOB_IN_DM, "edit 1 Berlin + German")
    assert reply.ok and reply.text.startswith("Changed #1: it looked for `Paris + French`;")
    assert "still paused" in reply.text and "Understood as: location Berlin (DE)" in reply.text
    after = subs_store.get_subscription(stocked, 1)
    assert after.query == "Berlin + German"
    assert (after.id, after.destination, after.owner, after.created_at, after.paused) == (
        before.id, before.destination, before.owner, before.created_at, True,
    )  # fmt: skip
    assert subs_store.get_delivery_mode(stocked, 1) == mode
    assert from_stored(subs_store.get_parsed(stocked, 1)) == parse("Berlin + German")
    assert [s.id for s in changes_since(stocked, seq).states] == [1]  # logged for every process's index


@async_test
async def test_every_other_process_matches_the_edited_query(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid + Spanish")
    elsewhere = Matcher.from_store(stocked)  # another worker's index, built before the edit
    await service.handle_text(ANNA_IN_DM, "edit 1 Lyon")
    new = posting("n1", "Sales Intern", "Oakleaf", "Lyon, France", "Internship in Lyon.")
    report = ingest(stocked, elsewhere, [new])  # its ingest reads the change log first
    assert report.queued == 1 and elsewhere.index.query_of(1).text == "Lyon"


@async_test
async def test_edit_asks_about_a_typo_and_nothing_matching_like_subscribe(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    typo = await service.handle_text(ANNA_IN_DM, "edit 1 Paris + Frnech")
    assert not typo.ok and "I have not changed #1 yet" in typo.text
    fixed, as_typed = reply_view(typo).buttons
    assert command_for(fixed.action, fixed.value) == Edit(1, "Paris + French", confirmed=True)
    assert command_for(as_typed.action, as_typed.value) == Edit(1, "Paris + Frnech", confirmed=True)
    nothing = await service.handle_text(ANNA_IN_DM, "edit 1 Tokyo")
    assert not nothing.ok and "`/jobs edit --anyway 1 Tokyo`" in nothing.text
    [anyway] = reply_view(nothing).buttons
    assert anyway.label == "Change anyway"
    assert subs_store.get_subscription(stocked, 1).query == "Madrid"
    assert (await service.handle(ANNA_IN_DM, command_for(fixed.action, fixed.value))).ok
    assert subs_store.get_subscription(stocked, 1).query == "Paris + French"
    assert (await service.handle_text(ANNA_IN_DM, "edit --anyway 1 Tokyo")).ok
    assert subs_store.get_subscription(stocked, 1).query == "Tokyo"


@async_test
async def test_edit_refuses_a_query_another_subscription_there_already_means(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(ANNA_IN_DM, "me Paris + French")
    reply = await service.handle_text(ANNA_IN_DM, "edit 1 French + Paris")
    assert not reply.ok and "#2 `Paris + French`" in reply.text and "I have not changed #1" in reply.text
    assert subs_store.get_subscription(stocked, 1).query == "Madrid"


@async_test
async def test_only_who_may_change_a_subscription_may_edit_it(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    reply = await service.handle_text(BOB_IN_DM, "edit 1 Paris")
    assert not reply.ok and "someone else's DMs" in reply.text
    assert subs_store.get_subscription(stocked, 1).query == "Madrid"


@async_test
async def test_cards_waiting_to_be_sent_are_kept_only_if_the_new_query_matches_them(service, stocked):
    from bot.store.deliveries import count_by_state, get_delivery

    await service.handle_text(ANNA_IN_DM, "me --anyway intern")
    waiting = [  # Paris, Berlin, Paris: waiting for a digest, say
        enqueue_delivery(stocked, destination=ANNA_DM, posting_id=pid, subscription_id=1, reasons=[], now=NOW)
        for pid in ("test:p1", "test:p2", "test:p3")
    ]
    reply = await service.handle_text(ANNA_IN_DM, "edit 1 Paris + intern")
    assert reply.ok and "1 card waiting to be sent no longer match" in reply.text
    paris, berlin, paris_too = (get_delivery(stocked, row_id) for row_id in waiting)
    assert berlin is None and count_by_state(stocked) == {"queued": 2}
    for row in (paris, paris_too):  # they say why for the new query
        assert {reason["facet"] for reason in row.reasons} == {"location", "employment"}


# --------------------------------------------------------------------------------------------- test card


@async_test
async def test_test_sends_one_labelled_sample_card_through_the_outbox(service, stocked):
    from bot.delivery.dispatcher import Dispatcher
    from bot.delivery.limits import DeliveryLimits
    from bot.store.outbox import StoreOutbox
    from bot.views.card import card_view
    from tests.fakes.notifier import FakeNotifier

    reply = await service.handle_text(ANNA_IN_DM, "test")
    assert reply.ok and "A test card is on its way to your DMs" in reply.text
    again = await service.handle_text(ANNA_IN_DM, "test")
    assert not again.ok and "already on its way" in again.text  # one at a time, not a flood
    notifier = FakeNotifier()
    dispatcher = Dispatcher(
        StoreOutbox(stocked), {"slack": notifier}, limits=DeliveryLimits(), clock=lambda: NOW
    )
    assert (await dispatcher.run_once()).sent == 1
    [message] = notifier.sent
    assert message.destination == ANNA_DM
    view = card_view(message.card)
    assert view.status == "Test" and view.buttons == () and "/jobs test" in as_markup(view.why)
    assert view.preview.startswith("Test: Marketing Intern (sample posting)")
    assert "starts Sep 2026" in view.summary and view.summary.endswith("posted today")
    assert (await service.handle_text(ANNA_IN_DM, "test")).ok  # sent: another may go


@async_test
async def test_a_sample_posting_is_never_searched_matched_or_counted(service, stocked):
    await service.handle_text(ANNA_IN_DM, "test")
    assert (await service.handle_text(ANNA_IN_DM, "search Paris + intern")).cards[0].posting_id == "test:p9"
    assert "Example Company" not in await service.suggest_companies(ANNA_IN_DM, "Ex")
    status = await service.handle_text(ANNA_IN_DM, "status")
    assert "Open postings: 9." in status.text


@async_test
async def test_a_channel_test_card_needs_who_may_subscribe_the_channel(service, stocked):
    from bot.store.deliveries import count_by_state

    refused = await service.handle_text(MEMBER_IN_CHANNEL, "test")
    assert not refused.ok and "`/jobs test --dm`" in refused.text and count_by_state(stocked) == {}
    assert (await service.handle_text(MEMBER_IN_CHANNEL, "test --dm")).ok
    assert (await service.handle_text(ADMIN_IN_CHANNEL, "test")).ok
    assert count_by_state(stocked, destination_key="slack:T1:channel:C_JOBS") == {"queued": 1}
