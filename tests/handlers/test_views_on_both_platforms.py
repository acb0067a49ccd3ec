"""One table of neutral views, two renderers: Slack and Discord show the same words and the same buttons.

Each row is a view; both platforms render it, and what a person reads there (markup and escapes taken off)
must hold every phrase the neutral view wrote, while every button decodes to the same (action, value).
That is the proof the wording lives once, in ``bot.views``, and the renderers only lay it out.
"""

import html
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest

from bot.commands.values import HomeView, Reply, SourceItem, SubscriptionItem
from bot.delivery.notifier import DigestCard
from bot.models import Destination
from bot.views.actions import Action, decode
from bot.views.card import card_view
from bot.views.digest import digest_view
from bot.views.home import home_page
from bot.views.reply import reply_view
from bot.views.rich import as_plain
from handlers.discord_components import build_card_components
from handlers.discord_embeds import build_card_embed, build_digest_message, build_reply_message
from handlers.discord_home import SUBSCRIPTIONS_FIT, build_home_message
from handlers.slack_cards import build_card_blocks, build_digest_blocks, build_reply_blocks
from handlers.slack_home import render_home
from tests.fakes.cards import CARD as SAMPLE
from tests.handlers.discord_markdown import visible

CARD = replace(
    SAMPLE,
    url="https://jobs.example.com/acme/42",
    company="Acme & Co",
    locations=("Paris, France", "Lyon, France"),
)
CARDS = tuple(replace(CARD, posting_id=f"ashby:acme:{n}", title=f"Intern {n}") for n in range(30))
NOT_A_CHANNEL_ON_EITHER = "123"  # neither a Slack nor a Discord id: both show the fallback words


@dataclass(frozen=True)
class Rendered:
    text: str  # what a person reads
    buttons: list[tuple[str, tuple[Action, str] | None]]  # label and decoded id (None for link buttons)


def _slack_texts(value):
    if isinstance(value, dict):
        if value.get("type") in ("mrkdwn", "plain_text"):
            yield value["text"]
        for item in value.values():
            yield from _slack_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _slack_texts(item)


def _slack_buttons(value):
    if isinstance(value, dict):
        if value.get("type") == "button":
            pair = None if value.get("url") else decode(value["action_id"])
            yield value["text"]["text"], pair
        for item in value.values():
            yield from _slack_buttons(item)
    elif isinstance(value, list):
        for item in value:
            yield from _slack_buttons(item)


def slack(blocks):
    payload = [block.to_dict() for block in blocks]
    texts = []
    for text in _slack_texts(payload):
        text = re.sub(r"<[^|>]+\|([^>]*)>", r"\1", text)  # a link shows its label
        texts.append(html.unescape(text.replace("*", "").replace("`", "").replace("\u2060", "")))
    return Rendered("\n".join(texts), list(_slack_buttons(payload)))


def discord(content, embeds, view):
    texts = [content]
    for embed in embeds:
        data = embed.to_dict()
        texts += [data.get("title", ""), data.get("description", ""), data.get("footer", {}).get("text", "")]
        texts += [t for field in data.get("fields", []) for t in (field["name"], field["value"])]
    buttons = []
    for row in view.to_components() if view else []:
        for button in row["components"]:
            buttons.append((button["label"], decode(button["custom_id"]) if "custom_id" in button else None))
    return Rendered(visible("\n".join(texts)) + "\n" + "\n".join(label for label, _ in buttons), buttons)


def card_phrases(view):
    return [view.title, view.company, *(f.value for f in view.facts), as_plain(view.why), view.footer]


def compact_phrases(view):
    return [view.title, view.company, view.summary, as_plain(view.why)]


def _card():
    view = card_view(CARD)
    return (
        card_phrases(view) + [b.label for b in view.buttons],
        view.buttons,
        slack(build_card_blocks(view)),
        discord("", [build_card_embed(view)], build_card_components(view)),
    )


def _dated_card():
    """Dates as people read them: the start, and how long ago it was posted when the card was made."""
    view = card_view(
        replace(CARD, start="Sep 2026", posted="2026-02-27", as_of=datetime(2026, 3, 2, tzinfo=UTC))
    )
    assert view.footer.endswith("posted 3 days ago") and "starts Sep 2026" in view.summary
    return (
        card_phrases(view),
        view.buttons,
        slack(build_card_blocks(view)),
        discord("", [build_card_embed(view)], build_card_components(view)),
    )


def _closed_card():
    view = card_view(replace(CARD, status="Closed"))
    return (
        ["Closed", *card_phrases(view)],
        (),
        slack(build_card_blocks(view)),
        discord("", [build_card_embed(view)], build_card_components(view)),
    )


def _digest():
    digest = DigestCard("30 new postings for `Paris + French`", CARDS)
    view = digest_view(digest)  # ten cards: the room both platforms have
    phrases = [
        as_plain(view.title),
        *(p for card in view.cards for p in compact_phrases(card)),
        as_plain(view.more),
    ]
    # Discord digests carry no buttons (five rows cannot hold ten cards' worth); Slack's are per card.
    return phrases, (), slack(build_digest_blocks(digest)), discord(*build_digest_message(digest), None)


def _search_reply():
    reply = Reply(
        "Results 11–20 for `Paris + French`\nnewest first",
        cards=CARDS[:12],
        page=2,
        has_more=True,
        pages="search",
        query="Paris + French",
        warnings=("very broad",),
    )
    view = reply_view(reply)
    phrases = [*(as_plain(line) for line in view.lines), as_plain(view.footer)]
    phrases += [p for card in view.cards for p in compact_phrases(card)] + [b.label for b in view.buttons]
    return phrases, view.buttons, slack(build_reply_blocks(reply)), discord(*build_reply_message(reply))


def _subscriptions_list():
    subs = (
        SubscriptionItem(7, "Paris + French", Destination("slack", "dm", "U1", "T1"), "U1", False, "instant"),
        SubscriptionItem(
            8,
            "Lyon",
            Destination("discord", "channel", NOT_A_CHANNEL_ON_EITHER, "G"),
            "U1",
            True,
            "daily at 09:00",
        ),
    )
    source = SourceItem("lever:acme", "lever", "https://x", "Acme", 2, None, "timeout")
    reply = Reply("Your subscriptions", items=(*subs, source))
    view = reply_view(reply)
    phrases = [as_plain(line) for line in (*view.lines, *view.items)]
    return phrases, (), slack(build_reply_blocks(reply)), discord(*build_reply_message(reply))


def _home():
    subs = tuple(
        SubscriptionItem(
            n, f"q{n}", Destination("slack", "dm", "U1", "T1"), "U1", n == 2, "instant", f"read {n}"
        )
        for n in range(1, 14)
    )
    page = home_page(
        HomeView(subs, CARDS[:3], ("Pavot",), saved_total=5), "Paused `#2`.", capacity=SUBSCRIPTIONS_FIT
    )
    phrases = [page.title, as_plain(page.intro), as_plain(page.notice), page.subscriptions_heading]
    phrases += [p for row in page.subscriptions for p in (as_plain(row.line), row.details)]
    phrases += [as_plain(page.subscriptions_more), page.saved_heading, *(card.title for card in page.saved)]
    phrases += [as_plain(page.saved_more), as_plain(page.muted)]
    buttons = (page.new_button, *(b for row in page.subscriptions for b in row.buttons))
    phrases += sorted({b.label for b in buttons})
    return phrases, buttons, slack(render_home(page).blocks), discord("", *build_home_message(page))


ROWS = {
    "card": _card,
    "closed card": _closed_card,
    "card with dates": _dated_card,
    "digest of 30": _digest,
    "search reply with pages": _search_reply,
    "subscriptions list": _subscriptions_list,
    "home page": _home,
}


@pytest.mark.parametrize("row", ROWS)
def test_both_platforms_show_every_phrase_of_the_view(row):
    phrases, _, on_slack, on_discord = ROWS[row]()
    assert phrases
    for phrase in phrases:
        assert phrase in on_slack.text, (row, "slack", phrase)
        assert phrase in on_discord.text, (row, "discord", phrase)


@pytest.mark.parametrize("row", ROWS)
def test_both_platforms_send_the_views_buttons_with_the_same_meaning(row):
    _, buttons, on_slack, on_discord = ROWS[row]()
    wanted = [(b.action, b.value) for b in buttons if b.url is None]
    on_discord_pairs = [pair for _, pair in on_discord.buttons if pair is not None]
    on_slack_pairs = [pair for _, pair in on_slack.buttons if pair is not None]
    assert on_discord_pairs == wanted
    # Slack has room for every card's buttons in digests and replies; the view's own come in the same order.
    assert [pair for pair in on_slack_pairs if pair in wanted] == wanted
    for label, _ in on_discord.buttons:
        assert any(label.startswith(b.label) for b in buttons), label
    assert [label for label, pair in on_discord.buttons if pair is None] == [
        b.label for b in buttons if b.url
    ]


def test_the_table_covers_closed_cards_and_leftover_counts():
    closed = ROWS["closed card"]()
    assert closed[1] == () and closed[3].buttons == [] and "Closed" in closed[3].text
    for row in ("digest of 30", "search reply with pages", "home page"):
        phrases = ROWS[row]()[0]
        assert any(p.startswith("…and ") for p in phrases), row
