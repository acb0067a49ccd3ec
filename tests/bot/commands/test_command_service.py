from bot.commands import Caller, CommandService, Reply, SubscriptionItem
from bot.commands.model import HideSimilar, Mute, MuteCompany, Preview, Save
from bot.ingest import Matcher, ingest
from bot.models import Destination
from bot.query import parse
from bot.query.stored import from_stored
from bot.store import subscriptions as subs_store
from bot.store.deliveries import claim_due, enqueue_delivery, mark_sent
from bot.store.preferences import owner_key, saved_posting_ids
from bot.store.sources import add_source, record_poll_error
from tests.bot.commands.conftest import (
    ADMIN_IN_CHANNEL,
    ANNA_IN_DM,
    BOB_IN_DM,
    MEMBER_IN_CHANNEL,
    NOW,
    OTHER_WORKSPACE_ADMIN,
    make_service,
    posting,
)
from tests.fakes.http_server import async_test

CHANNEL = Destination("slack", "channel", "C_JOBS", "T1")
ANNA_DM = Destination("slack", "dm", "U_ANNA", "T1")


def ids(reply: Reply) -> list[str]:
    return [card.posting_id for card in reply.cards]


# --------------------------------------------------------------------------------------------- help


@async_test
async def test_help_lists_every_command_with_an_example(service):
    reply = await service.handle_text(ANNA_IN_DM, "help")
    for command in ("search", "subscribe --dm", "me", "list", "unsubscribe", "pause", "resume", "digest",
                    "quiet", "sources add", "status", "help"):  # fmt: skip
        assert f"`/jobs {command}" in reply.text
    assert "e.g. `/jobs subscribe Paris + French`" in reply.text
    assert reply.ok and reply.ephemeral


@async_test
async def test_unknown_commands_and_bad_arguments_get_a_reply_not_an_exception(service):
    unknown = await service.handle_text(ANNA_IN_DM, "frobnicate now")
    assert not unknown.ok and "`frobnicate`" in unknown.text and "/jobs help" in unknown.text
    bad = await service.handle_text(ANNA_IN_DM, "digest weekly")
    assert (
        not bad.ok
        and "not a digest mode" in bad.text
        and "`/jobs digest off|hourly|daily HH:MM [ID]`" in bad.text
    )


# --------------------------------------------------------------------------------------------- search


@async_test
async def test_search_says_how_it_read_the_query_then_pages_newest_first(service):
    first = await service.handle_text(ANNA_IN_DM, "search Paris + French")
    assert first.ok and first.text.startswith(
        "Searching `Paris + French`, understood as: location Paris (FR)"
    )
    assert first.understood is not None and "language French" in first.understood
    assert ids(first) == ["test:p9", "test:p7", "test:p5", "test:p4", "test:p3"]
    assert first.has_more and first.page == 1
    second = await service.handle_text(ANNA_IN_DM, "search Paris + French page 2")
    assert ids(second) == ["test:p1"] and not second.has_more and second.page == 2
    past = await service.handle_text(ANNA_IN_DM, "search Paris + French page 3")
    assert past.cards == () and "past the end" in past.text


@async_test
async def test_search_cards_say_why_they_matched(service):
    reply = await service.handle_text(ANNA_IN_DM, "search Madrid")
    assert ids(reply) == ["test:p6"]
    card = reply.cards[0]
    assert card.query == "Madrid" and any("Madrid" in why for why in card.why)


@async_test
async def test_search_with_a_bad_query_returns_the_query_error(service):
    reply = await service.handle_text(ANNA_IN_DM, "search city:")
    assert not reply.ok and reply.cards == ()
    assert reply.text.startswith("I could not understand `city:`:") and reply.query == "city:"


@async_test
async def test_search_leaves_out_closed_postings(service, stocked):
    from bot.store.postings import mark_closed

    mark_closed(stocked, ["test:p9"], now=NOW)
    reply = await service.handle_text(ANNA_IN_DM, "search Paris + French")
    assert "test:p9" not in ids(reply)


# --------------------------------------------------------------------------------------------- subscribe


@async_test
async def test_subscribe_a_channel_echoes_the_reading_and_previews_matches(service, stocked):
    reply = await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Paris + French")
    assert reply.ok
    [sub] = subs_store.list_subscriptions(stocked)
    assert sub.destination == CHANNEL and sub.owner == "U_ADMIN" and sub.query == "Paris + French"
    assert f"Subscribed #{sub.id}" in reply.text and "this channel" in reply.text
    assert "Understood as: location Paris (FR) AND language French" in reply.text
    assert ids(reply) == ["test:p9", "test:p7", "test:p5"]  # up to 3, newest first
    assert "6 matches among the latest 9 postings" in reply.text
    assert reply.warnings == ()


@async_test
async def test_subscribing_updates_the_live_matcher_so_the_next_posting_is_queued(stocked):
    matcher = Matcher.from_store(stocked)
    service = CommandService(stocked, matcher, clock=lambda: NOW)
    await service.handle_text(ANNA_IN_DM, "me Madrid + Spanish")
    [sub] = subs_store.list_subscriptions(stocked)
    assert matcher.destinations == {sub.id: ANNA_DM}
    assert matcher.index.query_of(sub.id).text == "Madrid + Spanish"
    # stored parsed, so every worker rebuilds without parsing again
    assert from_stored(subs_store.get_parsed(stocked, sub.id)) == parse("Madrid + Spanish")
    new = posting(
        "n1", "Data Engineer", "Oakleaf", "Madrid, Spain", "Madrid office.\n\nFluent Spanish required."
    )
    report = ingest(stocked, matcher, [new])
    assert report.queued == 1
    assert [(row.destination_key, row.posting_id) for row in claim_due(stocked)] == [(ANNA_DM.key, "test:n1")]


@async_test
async def test_a_member_cannot_subscribe_a_channel_and_is_told_why(service, stocked):
    reply = await service.handle_text(MEMBER_IN_CHANNEL, "subscribe Paris + French")
    assert not reply.ok
    assert "Only workspace admins can subscribe a channel; use `/jobs me …`" in reply.text
    assert subs_store.list_subscriptions(stocked) == []


@async_test
async def test_channel_subscriptions_can_be_opened_to_everyone(stocked):
    service = make_service(stocked, channel_subscriptions_need_admin=False)
    reply = await service.handle_text(MEMBER_IN_CHANNEL, "subscribe Paris")
    assert reply.ok and subs_store.list_subscriptions(stocked)[0].destination == CHANNEL


@async_test
async def test_anyone_can_subscribe_their_dms_from_a_channel(service, stocked):
    for text in ("subscribe --dm Madrid", "me Lyon"):
        reply = await service.handle_text(MEMBER_IN_CHANNEL, text)
        assert reply.ok and "your DMs" in reply.text
    assert {s.destination for s in subs_store.list_subscriptions(stocked)} == {ANNA_DM}


@async_test
async def test_subscribe_warns_when_nothing_matches_yet(service):
    asked = await service.handle_text(ANNA_IN_DM, "me Tokyo + Japanese")  # asks first (tests/…/queries)
    assert not asked.ok and asked.choices
    reply = await service.handle_text(ANNA_IN_DM, "me --anyway Tokyo + Japanese")
    assert reply.ok and reply.cards == ()
    assert (
        len(reply.warnings) == 1 and "Nothing among the latest 9 open postings matches" in reply.warnings[0]
    )
    assert reply.warnings[0] not in reply.text  # said once: the views show warnings after the text


@async_test
async def test_subscribe_warns_when_a_query_is_very_broad(stocked):
    for n in range(20):
        item = posting(f"b{n}", f"Intern {n}", "Bulk", "Paris, France", "Internship in Paris.")
        ingest(stocked, Matcher.from_store(stocked), [item])
    reply = await make_service(stocked).handle_text(ANNA_IN_DM, "me intern")
    assert any("very broad" in w for w in reply.warnings)


@async_test
async def test_subscribe_with_a_bad_query_stores_nothing(service, stocked):
    reply = await service.handle_text(ANNA_IN_DM, "me city:")
    assert not reply.ok and "I could not understand `city:`" in reply.text
    assert subs_store.list_subscriptions(stocked) == []


@async_test
async def test_the_same_subscription_twice_is_kept_once(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Paris + French")
    again = await service.handle_text(ANNA_IN_DM, "me  paris + french")
    assert again.ok and "Your DMs have this subscription already: #1 `Paris + French`." in again.text
    assert len(subs_store.list_subscriptions(stocked)) == 1


# --------------------------------------------------------------------------------------------- list


@async_test
async def test_list_shows_this_channels_subscriptions_or_in_a_dm_your_own(service, stocked):
    await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Paris")
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(BOB_IN_DM, "me Berlin")
    in_channel = await service.handle_text(MEMBER_IN_CHANNEL, "list")
    assert [i.query for i in in_channel.items] == ["Paris"]
    in_dm = await service.handle_text(ANNA_IN_DM, "list")
    [item] = in_dm.items
    assert isinstance(item, SubscriptionItem)
    assert (item.query, item.destination, item.paused, item.schedule) == ("Madrid", ANNA_DM, False, "instant")
    assert item.understood.startswith("location Madrid")
    assert str(item) == f"#{item.id} `Madrid` → your DMs · instant"


@async_test
async def test_list_when_there_is_nothing(service):
    reply = await service.handle_text(ANNA_IN_DM, "list")
    assert reply.ok and reply.items == () and "none yet" in reply.text


# --------------------------------------------------------------------------------------------- unsubscribe


@async_test
async def test_unsubscribe_own_dm_subscription_removes_it_from_the_matcher(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    [sub] = subs_store.list_subscriptions(stocked)
    reply = await service.handle_text(ANNA_IN_DM, f"unsubscribe {sub.id}")
    assert reply.ok and f"Removed #{sub.id}" in reply.text
    assert subs_store.list_subscriptions(stocked) == []
    matcher = service.ctx.matcher
    assert sub.id not in matcher.destinations and len(matcher.index) == 0


@async_test
async def test_nobody_else_may_unsubscribe_your_dms(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    [sub] = subs_store.list_subscriptions(stocked)
    reply = await service.handle_text(ADMIN_IN_CHANNEL, f"unsubscribe {sub.id}")
    assert not reply.ok and "someone else's DMs" in reply.text
    assert len(subs_store.list_subscriptions(stocked)) == 1


@async_test
async def test_channel_subscriptions_are_changed_by_admins_or_their_creator(stocked):
    service = make_service(stocked, channel_subscriptions_need_admin=False)
    await service.handle_text(MEMBER_IN_CHANNEL, "subscribe Paris")  # Anna created it
    [sub] = subs_store.list_subscriptions(stocked)
    carl = Caller("slack", "T1", "U_CARL", "C_JOBS")
    refused = await service.handle_text(carl, f"unsubscribe {sub.id}")
    assert not refused.ok and "only a workspace admin or the person who created it" in refused.text
    assert (await service.handle_text(MEMBER_IN_CHANNEL, f"pause {sub.id}")).ok
    assert (await service.handle_text(ADMIN_IN_CHANNEL, f"unsubscribe {sub.id}")).ok


@async_test
async def test_unknown_ids_and_other_workspaces_look_the_same(service, stocked):
    await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Paris")
    [sub] = subs_store.list_subscriptions(stocked)
    for caller, text in (
        (ADMIN_IN_CHANNEL, "unsubscribe 999"),
        (OTHER_WORKSPACE_ADMIN, f"unsubscribe {sub.id}"),
    ):
        reply = await service.handle_text(caller, text)
        assert not reply.ok and "There is no subscription #" in reply.text
    assert len(subs_store.list_subscriptions(stocked)) == 1


# --------------------------------------------------------------------------------------------- pause


@async_test
async def test_pause_and_resume_take_the_subscription_out_of_and_back_into_the_matcher(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(ANNA_IN_DM, "me Lyon")
    matcher = service.ctx.matcher
    paused = await service.handle_text(ANNA_IN_DM, "pause all")  # all of them here
    assert paused.ok and "Paused #" in paused.text
    assert all(s.paused for s in subs_store.list_subscriptions(stocked)) and len(matcher.index) == 0
    madrid = subs_store.list_subscriptions(stocked)[0]
    resumed = await service.handle_text(ANNA_IN_DM, f"resume {madrid.id}")
    assert resumed.ok and matcher.destinations == {madrid.id: ANNA_DM}
    assert [s.paused for s in subs_store.list_subscriptions(stocked)] == [False, True]


@async_test
async def test_pause_with_nothing_here(service):
    reply = await service.handle_text(ANNA_IN_DM, "pause")
    assert not reply.ok and "no subscriptions" in reply.text


@async_test
async def test_a_member_cannot_pause_a_channel_they_did_not_subscribe(service):
    await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Paris")
    reply = await service.handle_text(MEMBER_IN_CHANNEL, "pause")
    assert not reply.ok and "Only a workspace admin or the person who created them" in reply.text


# --------------------------------------------------------------------------------------------- digest, quiet


@async_test
async def test_digest_is_stored_in_the_callers_time_zone(service, stocked):
    from bot.delivery.modes import DeliveryMode

    await service.handle_text(BOB_IN_DM, "me Paris")
    [sub] = subs_store.list_subscriptions(stocked)
    reply = await service.handle_text(BOB_IN_DM, f"digest daily 09:00 {sub.id}")
    assert reply.ok and "a day at 09:00 (America/New_York)" in reply.text
    mode = DeliveryMode.from_json(subs_store.get_delivery_mode(stocked, sub.id))
    assert (mode.kind, f"{mode.at:%H:%M}", mode.timezone) == ("daily", "09:00", "America/New_York")
    await service.handle_text(BOB_IN_DM, "quiet 22:00-07:00")
    mode = DeliveryMode.from_json(subs_store.get_delivery_mode(stocked, sub.id))
    assert mode.kind == "daily" and mode.quiet is not None and f"{mode.quiet.start:%H:%M}" == "22:00"
    listed = await service.handle_text(BOB_IN_DM, "list")
    assert listed.items[0].schedule == "daily digest at 09:00, quiet 22:00–07:00 (America/New_York)"
    await service.handle_text(BOB_IN_DM, "quiet off")
    await service.handle_text(BOB_IN_DM, "digest off")
    assert subs_store.get_delivery_mode(stocked, sub.id) is None


@async_test
async def test_an_unknown_time_zone_falls_back_to_utc_and_says_so(service, stocked):
    somewhere = Caller("slack", "T1", "U_ZED", "D_ZED", is_dm=True, timezone="Mars/Olympus")
    await service.handle_text(somewhere, "me Paris")
    reply = await service.handle_text(somewhere, "digest hourly")
    assert reply.ok and "in UTC" in reply.text


@async_test
async def test_digest_on_someone_elses_subscription_is_refused(service, stocked):
    await service.handle_text(ANNA_IN_DM, "me Paris")
    [sub] = subs_store.list_subscriptions(stocked)
    reply = await service.handle_text(BOB_IN_DM, f"digest hourly {sub.id}")
    assert not reply.ok and subs_store.get_delivery_mode(stocked, sub.id) is None


# --------------------------------------------------------------------------------------------- status


@async_test
async def test_status_reports_source_health_and_recent_deliveries(service, stocked):
    add_source(
        stocked, id="greenhouse:acme", kind="greenhouse", url="https://boards.greenhouse.io/acme", now=NOW
    )
    add_source(stocked, id="lever:broken", kind="lever", url="https://jobs.lever.co/broken", now=NOW)
    record_poll_error(stocked, "lever:broken", "the server answered 404 Not Found", now=NOW)
    row = enqueue_delivery(stocked, destination=CHANNEL, posting_id="test:p1", now=NOW)
    enqueue_delivery(stocked, destination=CHANNEL, posting_id="test:p3", now=NOW)
    enqueue_delivery(stocked, destination=ANNA_DM, posting_id="test:p3", now=NOW)
    claim_due(stocked, limit=1, now=NOW)
    mark_sent(stocked, row, message_id="1.2", now=NOW)
    reply = await service.handle_text(MEMBER_IN_CHANNEL, "status")
    assert reply.ok
    assert "Sources: 2, 1 failing, 1 not polled yet" in reply.text
    assert "Open postings: 9." in reply.text
    assert "This channel: 0 subscriptions; last 24 h: 1 sent, 1 waiting." in reply.text
    assert "Everywhere, last 24 h: 1 sent, 2 waiting." in reply.text
    [failing] = reply.items
    assert failing.id == "lever:broken" and "404" in str(failing)


# --------------------------------------------------------------------------------------------- personal


@async_test
async def test_save_and_list_saved_postings(service, stocked):
    reply = await service.handle(ANNA_IN_DM, Save("test:p3"))
    assert reply.ok and "Saved `Data Analyst Intern` at `Norrsken Labs`" in reply.text
    assert saved_posting_ids(stocked, owner_key("slack", "T1", "U_ANNA")) == ["test:p3"]
    again = await service.handle(ANNA_IN_DM, Save("test:p3"))
    assert "already there" in again.text
    listed = await service.handle_text(ANNA_IN_DM, "saved")
    assert ids(listed) == ["test:p3"] and "You saved 1 posting." in listed.text
    gone = await service.handle(ANNA_IN_DM, Save("test:nope"))
    assert not gone.ok


@async_test
async def test_home_shows_own_subscriptions_saved_postings_and_muted_companies(service):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(BOB_IN_DM, "me Berlin")
    await service.handle(ANNA_IN_DM, Save("test:p6"))
    await service.handle(ANNA_IN_DM, Mute("Pavot"))
    view = await service.home(ANNA_IN_DM)
    assert [s.query for s in view.subscriptions] == ["Madrid"]
    assert [c.posting_id for c in view.saved] == ["test:p6"] and view.saved_total == 1
    assert view.muted_companies == ("Pavot",)


@async_test
async def test_hide_similar_and_mute_shape_searches(service):
    hidden = await service.handle(ANNA_IN_DM, HideSimilar("test:p1"))  # Marketing Intern at Brindille, Paris
    assert hidden.ok and "the same role at `Brindille`" in hidden.text
    marketing = await service.handle_text(ANNA_IN_DM, "search marketing")
    assert ids(marketing) == []  # p1 hidden, and p8 "Marketing Intern (Lyon)" is the same role
    muted = await service.handle(ANNA_IN_DM, Mute("Pavot"))
    assert muted.ok and "`/jobs unmute Pavot`" in muted.text
    assert ids(await service.handle_text(ANNA_IN_DM, "search Paris + French")) == [
        "test:p5",
        "test:p4",
        "test:p3",
    ]
    assert ids(await service.handle_text(BOB_IN_DM, "search marketing")) == [
        "test:p8",
        "test:p1",
    ]  # only Anna's
    await service.handle_text(ANNA_IN_DM, "unmute pavot")
    assert "test:p9" in ids(await service.handle_text(ANNA_IN_DM, "search Paris + French"))


@async_test
async def test_mute_company_button_mutes_the_company_of_the_posting(service):
    reply = await service.handle(ANNA_IN_DM, MuteCompany("test:p1"))
    assert reply.ok and "Muted `Brindille`" in reply.text
    gone = await service.handle(ANNA_IN_DM, MuteCompany("test:nope"))
    assert not gone.ok and "nothing was muted" in gone.text


@async_test
async def test_mute_needs_a_company_name(service):
    reply = await service.handle(ANNA_IN_DM, Mute("  !! "))
    assert not reply.ok and "Which company?" in reply.text


@async_test
async def test_preview_explains_and_shows_current_matches(service):
    reply = await service.handle(ANNA_IN_DM, Preview("Berlin + German"))
    assert reply.ok and reply.understood is not None and reply.understood.startswith("location Berlin")
    assert ids(reply) == ["test:p2"] and reply.query == "Berlin + German"
    bad = await service.handle(ANNA_IN_DM, Preview("lang:"))
    assert not bad.ok


@async_test
async def test_a_failure_inside_a_command_is_an_apology_not_an_exception(service, stocked):
    stocked.dispose()
    with stocked.begin() as conn:
        conn.exec_driver_sql("DROP TABLE saved_postings")
    reply = await service.handle(ANNA_IN_DM, Save("test:p1"))
    assert not reply.ok and reply.text.startswith("Sorry, something went wrong")


@async_test
async def test_outside_any_workspace_a_person_manages_their_own_dm_subscriptions_from_everywhere(service):
    in_server = Caller("discord", "G1", "U7", "C1")
    in_bot_dm = Caller("discord", "", "U7", "D7", is_dm=True)
    await service.handle_text(in_server, "me Madrid")
    listed = await service.handle_text(in_bot_dm, "list")
    assert [item.query for item in listed.items] == ["Madrid"]
    paused = await service.handle_text(in_bot_dm, "pause 1")
    assert paused.ok, paused.text
    stranger = Caller("discord", "", "U8", "D8", is_dm=True)
    assert not (await service.handle_text(stranger, "unsubscribe 1")).ok


@async_test
async def test_help_is_written_the_way_each_platform_takes_commands(service):
    slack = (await service.handle_text(ANNA_IN_DM, "help")).text
    discord = (await service.handle_text(Caller("discord", "G1", "U7", "C1"), "help")).text
    assert "`/jobs subscribe --dm QUERY`" in slack and "dm:True" not in slack
    assert "`/jobs subscribe query:QUERY dm:True`" in discord and "--dm" not in discord
    assert "`/jobs-sources add url:URL" in discord and "`/jobs home`" in discord and "UTC" in discord
