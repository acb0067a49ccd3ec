"""Subscribing with queries as people type them: typos are asked about, company names keep their meaning."""

from bot.ingest import Matcher
from bot.store import subscriptions as subs_store
from tests.bot.commands.conftest import ANNA_IN_DM
from tests.fakes.http_server import async_test


@async_test
async def test_a_typo_is_asked_about_and_nothing_is_saved(service, stocked):
    reply = await service.handle_text(ANNA_IN_DM, "me Paris + Frnech")
    assert not reply.ok
    assert "Did you mean `Paris + French`?" in reply.text
    assert "I have not subscribed anything yet" in reply.text and '`"Frnech"`' in reply.text
    assert "did you mean French?" in (reply.understood or "")
    assert subs_store.list_subscriptions(stocked) == []


@async_test
async def test_the_corrected_query_or_the_quoted_word_is_saved(service, stocked):
    assert (await service.handle_text(ANNA_IN_DM, "me Paris + French")).ok
    assert (await service.handle_text(ANNA_IN_DM, 'me Paris + "Frnech"')).ok
    assert [s.query for s in subs_store.list_subscriptions(stocked)] == ["Paris + French", 'Paris + "Frnech"']


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
