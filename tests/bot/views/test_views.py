"""The neutral views: wording, order, counts and buttons, decided once for every platform."""

from dataclasses import replace

import pytest

from bot.commands.model import Edit, HideSimilar, MuteCompany, Pause, Save, Saved, Search, Unsave, Unsubscribe
from bot.commands.values import HomeView, Reply, SourceItem, SubscriptionItem
from bot.delivery.notifier import DigestCard
from bot.models import Destination
from bot.views.actions import MAX_ENCODED, Action, command_for, decode, encode
from bot.views.asking import needs_asking
from bot.views.card import card_view
from bot.views.digest import DIGEST_SHOWN, digest_view
from bot.views.forms import FORM, form_preview
from bot.views.home import SAVED_SHOWN, SUBSCRIPTIONS_SHOWN, home_page
from bot.views.reply import reply_view
from bot.views.rich import Run, as_markup, as_plain, markup
from tests.fakes.cards import CARD as SAMPLE

CARD = replace(SAMPLE, url="https://jobs.example.com/acme/42", locations=("Paris, FR",))


def test_markup_reads_code_spans_and_keeps_an_unpaired_backtick_plain():
    assert markup("Saved `Intern` at `Acme`.") == (
        Run("Saved "),
        Run("Intern", "code"),
        Run(" at "),
        Run("Acme", "code"),
        Run("."),
    )
    assert as_plain(markup("a `b")) == "a `b"
    assert as_markup(markup("x `y` z")) == "x `y` z"


@pytest.mark.parametrize("action", list(Action))
def test_every_action_round_trips_through_its_one_string_encoding(action):
    assert decode(encode(action, "greenhouse:acme:7")) == (action, "greenhouse:acme:7")


def test_foreign_and_malformed_strings_are_not_ours():
    assert decode("other:save:1") is None
    assert decode("jobbot:explode:1") is None
    assert decode("jobbot") is None


def test_clicks_become_typed_commands_and_bad_values_become_nothing():
    assert command_for(Action.SAVE, "p1") == Save("p1")
    assert command_for(Action.UNSAVE, "p1") == Unsave("p1")
    assert command_for(Action.HIDE, "p1") == HideSimilar("p1")
    assert command_for(Action.MUTE, "p1") == MuteCompany("p1")
    assert command_for(Action.PAUSE, "4") == Pause(4)
    assert command_for(Action.RESUME, "4") == Pause(4, resume=True)
    assert command_for(Action.UNSUBSCRIBE, "4") == Unsubscribe(4)
    assert command_for(Action.PAGE, "3:Paris + French") == Search("Paris + French", 3)
    for action, value in [(Action.PAUSE, "x"), (Action.SAVE, ""), (Action.PAGE, "x:y"), (Action.OPEN, "p")]:
        assert command_for(action, value) is None


def test_numbers_in_button_values_are_ascii_digits_a_store_can_keep():
    # A forged id: int() refuses "²" though it is a digit, and no store keeps an id past 2**31 - 1.
    assert command_for(Action.PAUSE, str(2**31 - 1)) == Pause(2**31 - 1)
    assert command_for(Action.EDIT, "7:Lyon") == Edit(7, "Lyon", confirmed=True)
    assert command_for(Action.SAVED_PAGE, "100") == Saved(100)
    refused = [(Action.PAUSE, "²"), (Action.RESUME, "٣"), (Action.UNSUBSCRIBE, str(2**31)),
               (Action.PAUSE, "0"), (Action.EDIT, "9" * 40 + ":Lyon"), (Action.PAGE, "²:Paris"),
               (Action.PAGE, "0:Paris"), (Action.SAVED_PAGE, "101"),
               (Action.CONFIRMED, "unsubscribe:" + "9" * 60)]  # fmt: skip
    for action, value in refused:
        assert command_for(action, value) is None, (action, value)
    assert needs_asking(Action.UNSUBSCRIBE, "²") is None


def test_card_view_words_facts_why_footer_and_buttons():
    view = card_view(CARD)
    assert [(f.label, f.value) for f in view.facts] == [
        ("Location", "Paris, FR"),
        ("Workplace", "Hybrid"),
        ("Type", "Internship"),
        ("Start", "Summer 2026"),
        ("Languages", "French required · English a plus"),
        ("Job code", "R-1234"),
    ]
    assert view.summary == (
        "Paris, FR · Hybrid · Internship · starts Summer 2026 · French required · English a plus"
        " · posted 1 Dec 2026"
    )
    assert as_markup(view.why) == "📍 Paris · 🗣 French required · matched `Paris + French`"
    assert view.footer == "ashby:acme · posted 1 Dec 2026"  # a card made at no known moment: the whole day
    assert view.preview == "Marketing Intern at Acme (Paris, FR)"
    assert [(b.label, b.action, b.value) for b in view.buttons] == [
        ("Open", Action.OPEN, "ashby:acme:42"),
        ("Save", Action.SAVE, "ashby:acme:42"),
        ("Not interested", Action.HIDE, "ashby:acme:42"),
        ("Mute company", Action.MUTE, "ashby:acme:42"),
    ]
    assert view.buttons[0].url == CARD.url
    assert view.tags == ("Paris", "Internship", "Hybrid", "French")


def test_closed_cards_lose_their_buttons_and_say_so():
    view = card_view(replace(CARD, status="Closed"))
    assert view.closed and view.buttons == () and view.preview.startswith("Closed: ")


def test_many_locations_are_counted_and_unsafe_links_dropped():
    many = replace(CARD, locations=tuple(f"City {n}" for n in range(8)), url="javascript:alert(1)")
    view = card_view(many)
    assert view.facts[0] == type(view.facts[0])(
        "Locations", "City 0; City 1; City 2; City 3; City 4 and 3 more"
    )
    assert view.url is None and Action.OPEN not in [b.action for b in view.buttons]


def test_an_id_too_long_for_any_platform_gets_no_buttons_that_would_be_cut():
    view = card_view(replace(CARD, posting_id="feed:" + "x" * MAX_ENCODED))
    assert [b.action for b in view.buttons] == [Action.OPEN]


def test_digest_view_counts_what_it_does_not_show():
    cards = tuple(replace(CARD, posting_id=f"p{n}") for n in range(14))
    view = digest_view(DigestCard("14 new postings for `Paris`", cards, more=2))
    assert len(view.cards) == DIGEST_SHOWN
    assert as_plain(view.more) == "…and 6 more matching postings"
    assert as_plain(digest_view(DigestCard("1", cards[:1]), capacity=1).more) == ""
    assert (
        as_plain(digest_view(DigestCard("x", cards[:3]), capacity=2).more) == "…and 1 more matching posting"
    )


def test_reply_view_lines_items_warnings_footer_and_page_buttons():
    sub = SubscriptionItem(
        7, "Paris", Destination("discord", "channel", "123", "G1"), "U1", True, "instant", "x"
    )
    source = SourceItem("lever:acme", "lever", "https://x", "Acme", 0, None, None)
    reply = Reply(
        "Results 6–10\nnewest first",
        cards=(CARD,) * 12,
        items=(sub, source),
        page=2,
        has_more=True,
        pages="search",
        query="Paris",
        warnings=("very broad",),
    )
    view = reply_view(reply)
    assert [as_plain(line) for line in view.lines] == ["Results 6–10", "newest first", "⚠️ very broad"]
    assert as_plain(view.items[0]) == "#7 Paris → a channel · instant · paused"
    assert [r.style for r in view.items[0]][:5] == ["bold", "plain", "code", "plain", "channel"]
    assert as_markup(view.items[1]) == "`lever:acme` Acme (lever) · healthy"
    assert len(view.cards) == 10
    assert as_markup(view.footer) == "…and 2 more · page 2 · next: `/jobs search Paris page 3`"
    assert [(b.label, b.value) for b in view.buttons] == [("◀ Previous", "1:Paris"), ("Next ▶", "3:Paris")]
    assert view.preview.startswith("Results 6–10\nnewest first\n⚠️ very broad\n")


def test_a_reply_on_a_smaller_platform_counts_the_cards_it_cannot_show():
    view = reply_view(Reply("x", cards=(CARD,) * 4), capacity=1)
    assert len(view.cards) == 1 and as_plain(view.footer) == "…and 3 more"


def test_home_page_rows_buttons_and_leftovers():
    subs = tuple(
        SubscriptionItem(n, f"q{n}", Destination("slack", "dm", "U1", "T1"), "U1", n == 2, "instant", f"q{n}")
        for n in range(1, SUBSCRIPTIONS_SHOWN + 3)
    )
    page = home_page(HomeView(subs, (CARD,) * 20, ("Pavot",), saved_total=40), notice="Paused `#2`.")
    assert len(page.subscriptions) == SUBSCRIPTIONS_SHOWN
    assert [(b.label, b.value) for b in page.subscriptions[1].buttons] == [
        ("Resume", "2"),
        ("Unsubscribe", "2"),
    ]
    assert page.subscriptions[0].buttons[1].confirm is not None
    assert as_markup(page.subscriptions_more) == "…and 2 more: `/jobs list`"
    assert len(page.saved) == SAVED_SHOWN and page.saved_heading == "Saved postings (40)"
    assert as_markup(page.saved_more) == f"…and {40 - SAVED_SHOWN} more: `/jobs saved`"
    assert as_markup(page.notice) == "Paused `#2`."
    assert "Pavot" in as_plain(page.muted)
    smaller = home_page(HomeView(subs, ()), capacity=10)
    assert len(smaller.subscriptions) == 10
    assert as_markup(smaller.subscriptions_more) == f"…and {len(subs) - 10} more: `/jobs list`"
    empty = home_page(HomeView((), ()))
    assert empty.subscriptions_empty and empty.saved_empty and not empty.muted


def test_form_preview_hints_first_then_shows_a_few_matches():
    assert as_markup(form_preview(None).lines[0]) == FORM.hint
    shown = form_preview(Reply("Understood as: x", cards=(CARD,) * 5, warnings=("broad",)))
    assert [as_plain(line) for line in shown.lines] == ["Understood as: x", "⚠️ broad"]
    assert len(shown.cards) == 3 and as_plain(shown.more) == "…and 2 more matches right now"


def test_a_subscription_jobbot_paused_says_why():
    item = SubscriptionItem(
        3,
        "Paris",
        Destination("discord", "dm", "1", "G"),
        "1",
        True,
        "instant",
        "x",
        "jobbot could not post here",
    )
    assert as_plain(reply_view(Reply("", items=(item,))).items[0]).endswith(
        "paused: jobbot could not post here"
    )


def test_a_confirmed_button_carries_out_what_it_confirms():
    from bot.views.actions import confirmed
    from bot.views.home import unsubscribe_button

    yes = confirmed(unsubscribe_button(12))
    assert (yes.label, yes.action, yes.value, yes.style) == (
        "Unsubscribe",
        Action.CONFIRMED,
        "unsubscribe:12",
        "danger",
    )
    assert command_for(yes.action, yes.value) == Unsubscribe(12)
    assert (
        command_for(Action.CONFIRMED, "yes:yes:1") is None and command_for(Action.CONFIRMED, "nope") is None
    )
