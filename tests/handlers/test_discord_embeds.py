"""Discord embeds and components for the neutral views: safe text, Discord's limits, decodable buttons."""

from dataclasses import replace

import discord
import pytest

from bot.commands.values import HomeView, Reply, SourceItem, SubscriptionItem
from bot.delivery.notifier import DigestCard
from bot.models import Destination
from bot.views.actions import Action, decode
from bot.views.card import card_view
from bot.views.home import home_page
from bot.views.notices import destination_paused, source_failing
from handlers.discord_components import (
    BUTTON_URL_MAX,
    LABEL_MAX,
    ROW_BUTTONS_MAX,
    ROWS_MAX,
    build_card_components,
)
from handlers.discord_embeds import (
    AUTHOR_MAX,
    CLOSED_COLOUR,
    CONTENT_MAX,
    DESCRIPTION_MAX,
    EMBEDS_MAX,
    FIELD_NAME_MAX,
    FIELD_VALUE_MAX,
    FIELDS_MAX,
    FOOTER_MAX,
    NO_MENTIONS,
    TITLE_MAX,
    TOTAL_MAX,
    build_card_embed,
    build_digest_message,
    build_notice,
    build_reply_message,
)
from handlers.discord_home import SUBSCRIPTIONS_FIT, build_home, build_home_message
from tests.fakes.cards import CARD as SAMPLE
from tests.handlers.discord_markdown import live
from tests.handlers.test_discord_text import HOSTILE, SNOWFLAKE

CARD = SAMPLE
HUGE = "W" * 10_000


def everything(card, text):
    """``text`` in every field a posting fills."""
    return replace(
        card,
        title=f"Intern {text}",
        company=f"Acme {text}",
        locations=(text, f"Paris {text}"),
        workplace=text,
        employment=text,
        start=text,
        required_languages=(text,),
        preferred_languages=(text,),
        job_code=text,
        why=(f"📍 {text}",),
        query=text,
        source=text,
    )


def limits_hold(content, embeds, view=None):
    """Every Discord limit, counted from the payload itself (not only discord.py's ``len(embed)``)."""
    assert len(content) <= CONTENT_MAX
    assert len(embeds) <= EMBEDS_MAX
    total = 0
    for embed in embeds:
        data = embed.to_dict()
        assert len(data.get("title", "")) <= TITLE_MAX
        assert len(data.get("description", "")) <= DESCRIPTION_MAX
        assert len(data.get("fields", [])) <= FIELDS_MAX
        for field in data.get("fields", []):
            assert 0 < len(field["name"]) <= FIELD_NAME_MAX and 0 < len(field["value"]) <= FIELD_VALUE_MAX
        assert len(data.get("footer", {}).get("text", "")) <= FOOTER_MAX
        assert len(data.get("author", {}).get("name", "")) <= AUTHOR_MAX
        counted = sum(len(data.get(k, "")) for k in ("title", "description"))
        counted += sum(len(f["name"]) + len(f["value"]) for f in data.get("fields", []))
        counted += len(data.get("footer", {}).get("text", "")) + len(data.get("author", {}).get("name", ""))
        assert counted == len(embed)
        total += counted
    assert total <= TOTAL_MAX
    if view is not None:
        rows = view.to_components()
        assert len(rows) <= ROWS_MAX and all(len(row["components"]) <= ROW_BUTTONS_MAX for row in rows)
        for row in rows:
            for button in row["components"]:
                assert 0 < len(button["label"]) <= LABEL_MAX
                assert (
                    len(button.get("custom_id", "")) <= 100 and len(button.get("url", "")) <= BUTTON_URL_MAX
                )


def markdown_texts(content, embeds):
    """Every text Discord reads as markdown (footers and labels are shown as they are)."""
    texts = [content]
    for embed in embeds:
        data = embed.to_dict()
        texts += [data.get("title", ""), data.get("description", "")]
        texts += [t for f in data.get("fields", []) for t in (f["name"], f["value"])]
    return texts


def plain_texts(embeds, view=None):
    texts = [e.to_dict().get("footer", {}).get("text", "") for e in embeds]
    if view is not None:
        texts += [b["label"] for row in view.to_components() for b in row["components"]]
    return texts


def decoded(view):
    return [
        decode(b["custom_id"]) for row in view.to_components() for b in row["components"] if "custom_id" in b
    ]


def test_card_embed_has_linked_title_company_why_facts_and_footer():
    embed = build_card_embed(CARD)
    data = embed.to_dict()
    assert data["title"] == "Marketing Intern"
    assert data["url"] == CARD.url
    assert data["description"] == "Acme\n📍 Paris · 🗣 French required · matched `Paris + French`"
    assert [(f["name"], f["value"], f["inline"]) for f in data["fields"]] == [
        ("Location", "Paris, France", True),
        ("Workplace", "Hybrid", True),
        ("Type", "Internship", True),
        ("Start", "Summer 2026", True),
        ("Languages", "French required · English a plus", True),
        ("Job code", "R-1234", True),
    ]
    assert data["footer"]["text"] == "ashby:acme · posted 1 Dec 2026"
    assert embed.colour != CLOSED_COLOUR


def test_card_buttons_decode_to_their_action_and_posting():
    view = build_card_components(card_view(CARD))
    (row,) = view.to_components()
    buttons = row["components"]
    assert [b["label"] for b in buttons] == ["Open", "Save", "Not interested", "Mute company"]
    assert buttons[0]["style"] == discord.ButtonStyle.link.value and buttons[0]["url"] == CARD.url
    assert buttons[1]["style"] == discord.ButtonStyle.primary.value
    assert decoded(view) == [
        (Action.SAVE, "ashby:acme:42"),
        (Action.HIDE, "ashby:acme:42"),
        (Action.MUTE, "ashby:acme:42"),
    ]
    assert view.timeout is None


def test_a_closed_card_is_grey_says_so_and_has_no_buttons():
    closed = replace(CARD, status="Closed")
    embed = build_card_embed(closed)
    assert embed.title == "Closed · Marketing Intern" and embed.colour == CLOSED_COLOUR
    assert build_card_components(card_view(closed)) is None


def test_a_link_too_long_for_a_button_still_links_the_title():
    long_url = "https://jobs.example.com/" + "a" * BUTTON_URL_MAX
    view = build_card_components(card_view(replace(CARD, url=long_url)))
    assert [b["label"] for b in view.to_components()[0]["components"]] == [
        "Save",
        "Not interested",
        "Mute company",
    ]
    assert build_card_embed(replace(CARD, url=long_url)).url == long_url


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_posting_text_renders_as_a_mention_link_heading_or_formatting(hostile):
    card = everything(CARD, hostile)
    embed = build_card_embed(card)
    content, digest = build_digest_message(DigestCard(f"2 new postings for `{hostile}`", (card, card)))
    reply, cards, _ = build_reply_message(Reply(f"Results for `{hostile}`\n{hostile}", cards=(card,)))
    for text in markdown_texts(content, [embed, *digest]) + markdown_texts(reply, cards):
        assert set(live(text)) <= {"code", "bold"}, text  # the why-line's query and the digest's heading
    for text in plain_texts([embed]):
        assert "@everyone" not in text and "@here" not in text
    assert embed.url == CARD.url


def test_control_and_bidi_marks_never_reach_discord():
    card = everything(CARD, "a\u202eb\u2066c\x00d\x1b")
    embed = build_card_embed(card)
    for text in markdown_texts("", [embed]) + plain_texts([embed], build_card_components(card_view(card))):
        assert not any(ch in text for ch in "\u202e\u2066\x00\x1b"), text


def test_a_huge_posting_fits_every_limit():
    card = everything(CARD, HUGE)
    embed = build_card_embed(card)
    limits_hold("", [embed], build_card_components(card_view(card)))
    assert embed.title.startswith("Intern WWW") and embed.title.endswith("…")
    assert len(embed) <= TOTAL_MAX


def test_a_digest_of_30_cards_fits_one_message_and_counts_the_rest():
    cards = tuple(replace(everything(CARD, HUGE), posting_id=f"p{n}") for n in range(30))
    content, embeds = build_digest_message(DigestCard("30 new postings for `Paris + French`", cards, more=5))
    limits_hold(content, embeds)
    assert len(embeds) == EMBEDS_MAX
    assert content == "**30 new postings for `Paris + French`**\n…and 25 more matching postings"
    small, few = build_digest_message(DigestCard("2 new postings", (CARD, CARD)))
    assert small == "**2 new postings**" and len(few) == 2 and few[0].title == "Marketing Intern"
    assert few[0].description.startswith("Acme\nParis, France · Hybrid")


def test_a_reply_of_10_cards_with_pages_fits_and_its_buttons_decode():
    reply = Reply(
        "Results 11–20\nnewest first",
        cards=(everything(CARD, HUGE),) * 12,
        page=2,
        has_more=True,
        pages="search",
        query="Paris + French",
    )
    content, embeds, view = build_reply_message(reply)
    limits_hold(content, embeds, view)
    assert len(embeds) == 10
    assert content.splitlines() == [
        "Results 11–20",
        "newest first",
        "…and 2 more · page 2 · next: `/jobs search Paris + French page 3`",
    ]
    assert [b["label"] for b in view.to_components()[0]["components"]] == ["◀ Previous", "Next ▶"]
    assert decoded(view) == [(Action.PAGE, "1:Paris + French"), (Action.PAGE, "3:Paris + French")]


def test_a_reply_too_long_for_content_moves_its_lines_into_a_first_embed():
    sources = tuple(
        SourceItem(f"lever:acme{n}", "lever", "https://x", f"Acme {n} " + "n" * 100, 3, None, "boom " * 50)
        for n in range(60)
    )
    reply = Reply("Sources\n" + "long line " * 300, items=sources, cards=(everything(CARD, HUGE),) * 10)
    content, embeds, view = build_reply_message(reply)
    limits_hold(content, embeds)
    assert view is None
    assert embeds[0].description.startswith("Sources\n") and embeds[0].description.endswith("\n…")
    assert len(embeds) == EMBEDS_MAX  # the text embed and nine cards
    assert content == "…and 1 more"


def test_a_reply_with_nothing_but_text_is_content_only():
    content, embeds, view = build_reply_message(Reply("Saved `Intern` at **Acme**."))
    assert (content, embeds, view) == ("Saved `Intern` at \\*\\*Acme\\*\\*.", [], None)


def _subs(count, query="q"):
    where = Destination("discord", "channel", SNOWFLAKE, "G1")
    return tuple(
        SubscriptionItem(n, f"{query}{n}", where, "U1", n == 2, "instant", f"understood {n}")
        for n in range(1, count + 1)
    )


def test_home_shows_as_many_subscriptions_as_buttons_fit_and_counts_the_rest():
    embeds, view = build_home(HomeView(_subs(13), (CARD,) * 3, ("Pavot",), saved_total=4), "Paused `#2`.")
    limits_hold("", embeds, view)
    header, subscriptions, saved = (e.to_dict() for e in embeds)
    assert header["title"] == "Your job alerts" and header["description"].endswith("\nPaused `#2`.")
    assert subscriptions["title"] == "Subscriptions"
    assert subscriptions["description"].startswith(
        f"**\\#1** `q1` → <#{SNOWFLAKE}> · instant\nunderstood 1 · instant\n**\\#2**"
    )
    assert subscriptions["description"].endswith("\n…and 3 more: `/jobs list`")
    assert "#11" not in subscriptions["description"]
    assert saved["title"] == "Saved postings (4)"
    assert saved["description"].endswith(
        "…and 1 more: `/jobs saved`\nMuted companies: `Pavot` · undo with `/jobs unmute COMPANY`"
    )
    labels = [[b["label"] for b in row["components"]] for row in view.to_components()]
    assert labels[0] == ["New subscription", "Pause #1", "Unsubscribe #1", "Resume #2", "Unsubscribe #2"]
    assert sum(map(len, labels)) == 1 + 2 * SUBSCRIPTIONS_FIT
    pairs = decoded(view)
    assert pairs[:3] == [(Action.NEW_SUBSCRIPTION, ""), (Action.PAUSE, "1"), (Action.UNSUBSCRIBE, "1")]
    assert (Action.RESUME, "2") in pairs and (Action.PAUSE, "10") in pairs


def test_home_with_huge_hostile_queries_and_saves_fits_one_message():
    subs = _subs(40, query="@everyone " + "# x " * 200)
    saved = (everything(CARD, HUGE),) * 20
    embeds, view = build_home(HomeView(subs, saved, ("@here " * 100,), saved_total=20), "x" * 5000)
    limits_hold("", embeds, view)
    for text in markdown_texts("", embeds):
        assert set(live(text)) <= {"code", "bold", "channel", "link"}, text
    # a page built for Slack's room still shows every row's words; only the buttons stop at what fits
    embeds, view = build_home_message(home_page(HomeView(_subs(12), ())))
    assert "understood 12" in embeds[1].description and "Pause #10" in str(view.to_components())
    assert "Pause #11" not in str(view.to_components())


def test_an_empty_home_says_how_to_start():
    embeds, view = build_home(HomeView((), ()))
    assert embeds[1].description.startswith("No subscriptions yet. Press New subscription")
    assert embeds[2].description == "Nothing saved yet. Press Save on a posting to keep it here."
    assert decoded(view) == [(Action.NEW_SUBSCRIPTION, "")]


def test_notices_are_escaped_markdown_within_the_content_limit():
    notice = build_notice(
        destination_paused(Destination("discord", "channel", "1", "G"), "@everyone **Missing Access**")
    )
    assert "`/jobs resume`" in notice and "@\u200beveryone \\*\\*Missing" in notice
    assert set(live(notice)) == {"code"}
    assert len(build_notice(source_failing("x", 3, "e" * 5000))) <= CONTENT_MAX


def test_nothing_jobbot_sends_can_ping():
    assert NO_MENTIONS.to_dict() == {"parse": []}  # no user, role, @everyone or replied-to ping
    assert not (NO_MENTIONS.everyone or NO_MENTIONS.users or NO_MENTIONS.roles or NO_MENTIONS.replied_user)
