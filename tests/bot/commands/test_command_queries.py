"""Subscribing with queries as people type them: typos are asked about, company names keep their meaning."""

from bot.commands.model import Subscribe
from bot.commands.values import SubscribeChoice
from bot.ingest import Matcher
from bot.store import subscriptions as subs_store
from bot.store.sources import add_source
from bot.views.actions import command_for
from bot.views.reply import reply_view
from tests.bot.commands.conftest import ADMIN_IN_CHANNEL, ANNA_IN_DM
from tests.fakes.http_server import async_test


@async_test
async def test_a_typo_is_asked_about_and_nothing_is_saved(service, stocked):
    reply = await service.handle_text(ANNA_IN_DM, "me Paris + Frnech")
    assert not reply.ok
    assert "Did you mean `Paris + French`?" in reply.text
    assert "I have not subscribed anything yet" in reply.text and '`"Frnech"`' in reply.text
    assert reply.understood is not None and reply.understood.startswith("location Paris (FR) AND keyword")
    assert subs_store.list_subscriptions(stocked) == []


@async_test
async def test_a_typo_offers_the_corrected_query_and_the_query_as_typed(service, stocked):
    reply = await service.handle_text(ANNA_IN_DM, "me Paris + Frnech")
    assert reply.choices == (
        SubscribeChoice("Subscribe to the corrected query", "Paris + French", dm=True),
        SubscribeChoice("Subscribe as typed", "Paris + Frnech", dm=True),
    )
    buttons = reply_view(reply).buttons
    assert [b.value for b in buttons] == ["dm:Paris + French", "dm:Paris + Frnech"]
    chosen = command_for(buttons[0].action, buttons[0].value)
    assert chosen == Subscribe("Paris + French", dm=True, confirmed=True)
    assert (await service.handle(ANNA_IN_DM, chosen)).ok
    assert [s.query for s in subs_store.list_subscriptions(stocked)] == ["Paris + French"]


@async_test
async def test_the_quoted_word_is_kept_once_confirmed(service, stocked):
    asked = await service.handle_text(ANNA_IN_DM, 'me Paris + "Frnech"')  # known on purpose, matches nothing
    assert not asked.ok and "Nothing among the latest 9 open postings matches" in asked.text
    assert '`/jobs me --anyway Paris + "Frnech"`' in asked.text
    assert subs_store.list_subscriptions(stocked) == []
    assert (await service.handle_text(ANNA_IN_DM, 'me --anyway Paris + "Frnech"')).ok
    assert [s.query for s in subs_store.list_subscriptions(stocked)] == ['Paris + "Frnech"']


@async_test
async def test_a_query_matching_nothing_is_asked_about_and_saved_when_chosen(service, stocked):
    reply = await service.handle_text(ADMIN_IN_CHANNEL, "subscribe Tokyo + Japanese")
    assert not reply.ok and subs_store.list_subscriptions(stocked) == []
    assert "Understood as: location Tokyo (JP)" in reply.text
    [button] = reply_view(reply).buttons
    assert (button.label, button.value) == ("Subscribe anyway", "here:Tokyo + Japanese")
    saved = await service.handle(ADMIN_IN_CHANNEL, command_for(button.action, button.value))
    assert saved.ok and saved.warnings and "Nothing among the latest 9" in saved.warnings[0]
    [sub] = subs_store.list_subscriptions(stocked)
    assert sub.destination.kind == "channel" and sub.query == "Tokyo + Japanese"


@async_test
async def test_search_with_a_typo_shows_the_suggestion(service):
    reply = await service.handle_text(ANNA_IN_DM, "search Paris + Frnech")
    assert "did you mean French?" in reply.text


@async_test
async def test_a_bare_company_name_is_the_company_and_is_saved_as_one(service, stocked):
    reply = await service.handle_text(ANNA_IN_DM, "me Oakleaf + Paris")
    assert reply.ok
    assert "Understood as: company Oakleaf AND location Paris (FR)" in reply.text
    assert 'Saved as `company:"Oakleaf" + Paris`' in reply.text
    [sub] = subs_store.list_subscriptions(stocked)
    assert sub.query == 'company:"Oakleaf" + Paris'
    # a restart reads the saved query alone, with no company list, and keeps the meaning
    restarted = Matcher.from_store(stocked)
    query = restarted.index.query_of(sub.id)
    assert query is not None and query.clauses[0].terms[0].value == "co:oakleaf"


@async_test
async def test_search_reads_company_names_from_the_stored_postings(service):
    reply = await service.handle_text(ANNA_IN_DM, "search Pavot")
    assert reply.understood == "company Pavot"
    assert reply.cards and all(card.company == "Pavot" for card in reply.cards)


@async_test
async def test_a_source_named_for_a_company_makes_it_known_before_its_first_posting(service, stocked):
    url = "https://jobs.ashbyhq.com/tiktok"
    add_source(stocked, id="ashby:tiktok", kind="ashby", url=url, settings={"company": "TikTok"})
    reply = await service.handle_text(ANNA_IN_DM, "search TikTok + Paris")
    assert reply.understood is not None and reply.understood.startswith("company TikTok AND location Paris")


@async_test
async def test_anyway_typed_into_the_query_field_confirms(service, stocked):
    reply = await service.handle(ANNA_IN_DM, Subscribe("--anyway Tokyo + Japanese", dm=True))
    assert reply.ok and [s.query for s in subs_store.list_subscriptions(stocked)] == ["Tokyo + Japanese"]
