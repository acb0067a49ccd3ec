"""Autocomplete: the next term of a query, and a person's own subscriptions."""

from bot.commands.suggest import MAX_CHOICE_CHARS, MAX_SUGGESTIONS, places, split_last
from tests.bot.commands.conftest import ANNA_IN_DM, BOB_IN_DM
from tests.fakes.http_server import async_test


def test_the_last_term_is_split_off_at_any_separator():
    assert split_last("Paris + Fr") == ("Paris +", "Fr")
    assert split_last("Milan, Ro") == ("Milan,", "Ro")
    assert split_last("Paris and fre") == ("Paris and ", "fre")
    assert split_last("Madrid") == ("", "Madrid")


def test_places_come_likeliest_first_and_only_under_their_own_name():
    assert places("mil", 3)[0] == "Milan"
    assert "Paris" in places("par", 5)
    assert places("milano", 3)[0] == "Milan"  # another language's name, typed whole
    assert all(p.lower().startswith("ber") for p in places("ber", 10))


@async_test
async def test_query_suggestions_complete_places_languages_types_and_companies(service):
    found = await service.suggest_query(ANNA_IN_DM, "Paris + Fr")
    assert found[0] == "Paris + Fr"  # what was typed stays the first choice
    assert "Paris + French" in found
    assert "Paris + Fr" in found and len(found) <= MAX_SUGGESTIONS
    assert all(len(choice) <= MAX_CHOICE_CHARS for choice in found)
    assert "intern" in await service.suggest_query(ANNA_IN_DM, "int")
    assert "Paris + Oakleaf" in await service.suggest_query(ANNA_IN_DM, "Paris + oak")
    assert await service.suggest_query(ANNA_IN_DM, "") == []


@async_test
async def test_query_suggestions_complete_career_levels_and_metro_areas(service):
    assert "NYC + new grad" in await service.suggest_query(ANNA_IN_DM, "NYC + new g")
    assert "Randstad" in await service.suggest_query(ANNA_IN_DM, "Rands")
    assert "DMV" in await service.suggest_query(ANNA_IN_DM, "dm")


@async_test
async def test_subscription_choices_are_the_callers_own(service):
    await service.handle_text(ANNA_IN_DM, "me Madrid")
    await service.handle_text(ANNA_IN_DM, "me Paris + French")
    await service.handle_text(BOB_IN_DM, "me Berlin")
    assert [label for label, _ in await service.suggest_subscriptions(ANNA_IN_DM, "")] == [
        "#1 Madrid",
        "#2 Paris + French",
    ]
    assert await service.suggest_subscriptions(ANNA_IN_DM, "par") == [("#2 Paris + French", 2)]
    assert await service.suggest_subscriptions(BOB_IN_DM, "#3") == [("#3 Berlin", 3)]


@async_test
async def test_company_suggestions_start_with_what_was_typed_most_postings_first(service):
    assert await service.suggest_companies(ANNA_IN_DM, "o") == ["Oakleaf"]
    assert await service.suggest_companies(ANNA_IN_DM, "") == [
        "Brindille",
        "Oakleaf",
        "Pavot",
        "Norrsken Labs",
    ]
    assert await service.suggest_companies(ANNA_IN_DM, "%") == []  # a LIKE wildcard is just a character
