import json
import re
from dataclasses import replace

import pytest

from bot.commands.values import Reply, SourceItem, SubscriptionItem
from bot.delivery.notifier import DigestCard
from bot.models import Destination
from bot.views.actions import Action, decode
from handlers.slack_cards import (
    DIGEST_SHOWN,
    MAX_BLOCKS,
    build_card_blocks,
    build_digest_blocks,
    build_reply_blocks,
    escape,
    fallback_text,
    fit,
)
from tests.fakes.cards import CARD as SAMPLE

CARD = replace(SAMPLE, source="", posted=None)

HOSTILE = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<#C1>",
    "<!subteam^S0123|@designers>",
    "<https://evil.example|click>",
    "<!date^1392734382^{date}|x>",
]
BROADCAST_WORDS = ["@channel", "@here", "@everyone", "@Channel", "＠channel", "hi @here!"]


def as_dicts(blocks):
    return [block.to_dict() for block in blocks]  # to_dict() validates Block Kit's limits


def mrkdwn_texts(value):
    """Every text Slack parses as mrkdwn, anywhere in the payload."""
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn":
            yield value["text"]
        for item in value.values():
            yield from mrkdwn_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from mrkdwn_texts(item)


def everything(card):
    return replace(
        card,
        title=card.title,
        company=card.company,
        locations=(card.title, card.company),
        start=card.title,
        required_languages=(card.company,),
        why=(f"📍 {card.title}",),
        query=card.company,
        job_code=card.title,
        workplace=card.title,
        employment=card.company,
    )


def test_card_has_linked_title_facts_why_line_and_buttons():
    blocks = as_dicts(build_card_blocks(CARD))
    assert [b["type"] for b in blocks] == ["section", "section", "context", "actions"]
    assert (
        blocks[0]["text"]["text"]
        == "*<https://jobs.example.com/acme/42?ref=bot&amp;lang=fr|Marketing Intern>*\nAcme"
    )
    fields = [f["text"] for f in blocks[1]["fields"]]
    assert fields == [
        "*Location*\nParis, France",
        "*Workplace*\nHybrid",
        "*Type*\nInternship",
        "*Start*\nSummer 2026",
        "*Languages*\nFrench required · English a plus",
        "*Job code*\nR-1234",
    ]
    assert blocks[2]["elements"][0]["text"] == "📍 Paris · 🗣 French required · matched `Paris + French`"
    buttons = {decode(b["action_id"]): b for b in blocks[3]["elements"]}
    assert [action for action, _ in buttons] == [Action.OPEN, Action.SAVE, Action.HIDE, Action.MUTE]
    assert {value for _, value in buttons} == {"ashby:acme:42"}  # Mute finds the company from the posting
    assert all(b["value"] == "ashby:acme:42" for b in buttons.values())
    assert buttons[(Action.OPEN, "ashby:acme:42")]["url"] == CARD.url
    assert [b["text"]["text"] for b in buttons.values()] == ["Open", "Save", "Not interested", "Mute company"]


def test_a_sparse_card_leaves_out_what_is_unknown():
    sparse = replace(
        CARD, locations=(), workplace=None, employment=None, start=None, required_languages=(),
        preferred_languages=(), job_code=None, why=(), query=None, company="",
    )  # fmt: skip
    blocks = as_dicts(build_card_blocks(sparse))
    assert [b["type"] for b in blocks] == ["section", "actions"]
    assert "jobbot:mute:" not in json.dumps(blocks)


@pytest.mark.parametrize("hostile", HOSTILE)
def test_no_posting_text_can_mention_or_link(hostile):
    card = everything(replace(CARD, title=f"Intern {hostile}", company=f"Acme {hostile}"))
    payload = as_dicts(build_card_blocks(card)) + as_dicts(build_digest_blocks(DigestCard("t", (card,))))
    texts = [*mrkdwn_texts(payload), fallback_text(card)]
    joined = "\n".join(texts)
    # The only "<…>" Slack may act on is our own link to the posting.
    for link in re.findall(r"<[^>]*>", joined):
        assert link.startswith("<https://jobs.example.com/acme/42?ref=bot&amp;lang=fr|Intern &lt;"), link
    assert "&lt;" in joined
    assert not re.search(r"<[!@#]", joined)


@pytest.mark.parametrize("word", BROADCAST_WORDS)
def test_broadcast_words_are_defused(word):
    card = everything(replace(CARD, title=f"Intern {word}", company=f"Acme {word}"))
    texts = [*mrkdwn_texts(as_dicts(build_card_blocks(card))), fallback_text(card)]
    for text in texts:
        assert not re.search(r"[@＠](channel|here|everyone)\b", text, re.IGNORECASE), text
    assert "@\u2060" in texts[0]  # still readable: "@⁠channel" with a word joiner


def test_escape_keeps_plain_text_and_entities_round_trip():
    assert escape("R&D <team> @here") == "R&amp;D &lt;team&gt; @\u2060here"
    assert escape("email me@channelpartner.com") == "email me@channelpartner.com"
    assert escape("bidi\u202emark\x07") == "bidimark"


def test_unsafe_urls_get_no_link_and_no_open_button():
    for url in ("javascript:alert(1)", "ftp://x.example/a", "", "https://"):
        blocks = as_dicts(build_card_blocks(replace(CARD, url=url)))
        assert blocks[0]["text"]["text"].startswith("*Marketing Intern*")
        assert "jobbot:open:" not in json.dumps(blocks)


def test_a_url_cannot_break_out_of_its_link():
    card = replace(CARD, url="https://x.example/a|<!channel>>b c", title="T|itle")
    head = as_dicts(build_card_blocks(card))[0]["text"]["text"]
    assert head.startswith("*<https://x.example/a%7C%3C!channel%3E%3Eb%20c|T¦itle>*")
    assert head.count("<") == 1 and head.count(">") == 1


def test_huge_text_is_cut_to_block_kit_limits():
    big = "Ünïcode & <b> " * 2000
    card = replace(
        everything(replace(CARD, title=big, company=big)), locations=tuple(f"City {n}" for n in range(300))
    )
    blocks = as_dicts(build_card_blocks(card))
    for text in mrkdwn_texts(blocks):
        assert len(text) <= 3000
        assert not re.search(r"&[a-z]{0,4}…", text)  # never an entity cut in half
    assert "and 295 more" in json.dumps(blocks, ensure_ascii=False)
    for button in blocks[-1]["elements"]:
        assert len(button.get("value", "")) <= 2000
    assert len(fallback_text(card)) <= 3000


def test_a_very_long_url_is_not_linked_in_text_but_the_button_keeps_it():
    url = "https://jobs.example.com/?q=" + "a&b" * 600
    blocks = as_dicts(build_card_blocks(replace(CARD, url=url, title="x" * 5000)))
    assert blocks[0]["text"]["text"].startswith("*xxx")
    assert blocks[-1]["elements"][0]["url"] == url


def test_fit_never_splits_an_entity():
    assert fit("a&amp;b", 10) == "a&amp;b"
    assert fit("abc&amp;def", 6) == "abc…"
    assert fit("abcdef", 4) == "abc…"


def test_closed_card_says_so_and_has_no_buttons():
    closed = replace(CARD, status="Closed")
    blocks = as_dicts(build_card_blocks(closed))
    assert blocks[0]["text"]["text"].startswith("*Closed* · *<https://")
    assert "actions" not in [b["type"] for b in blocks]
    assert fallback_text(closed).startswith("Closed: Marketing Intern at Acme")
    digest = as_dicts(build_digest_blocks(DigestCard("t", (closed,))))
    assert "actions" not in [b["type"] for b in digest]


def test_fallback_text_is_a_short_escaped_line():
    assert fallback_text(CARD) == "Marketing Intern at Acme (Paris, France)"
    assert (
        fallback_text(replace(CARD, title="<!channel> & co"))
        == "&lt;!channel&gt; &amp; co at Acme (Paris, France)"
    )
    assert fallback_text(DigestCard("3 new postings for `Paris + <@U1>`", ())) == (
        "3 new postings for `Paris + &lt;@U1&gt;`"
    )


def test_digest_shows_some_cards_and_counts_the_rest():
    cards = tuple(replace(CARD, posting_id=f"p{n}", title=f"Job {n}") for n in range(30))
    blocks = as_dicts(build_digest_blocks(DigestCard("30 new postings for `Paris + French`", cards, more=5)))
    assert blocks[0]["text"]["text"] == "*30 new postings for `Paris + French`*"
    shown = [b for b in blocks if b["type"] == "actions"]
    assert len(shown) == DIGEST_SHOWN
    assert blocks[-1]["elements"][0]["text"] == f"…and {30 - DIGEST_SHOWN + 5} more matching postings"
    assert len(blocks) <= MAX_BLOCKS


def test_digest_never_exceeds_fifty_blocks():
    cards = tuple(replace(CARD, posting_id=f"p{n}") for n in range(200))
    blocks = as_dicts(build_digest_blocks(DigestCard("many", cards), shown=200))
    assert len(blocks) <= MAX_BLOCKS
    assert blocks[-1]["elements"][0]["text"] == "…and 176 more matching postings"


def test_reply_renders_text_items_cards_and_paging():
    sub = SubscriptionItem(
        7, "Paris + <!here>", Destination("slack", "channel", "C0123ABC", "T1"), "U1", True, "daily at 09:00"
    )
    dm = SubscriptionItem(
        8, "Berlin", Destination("slack", "dm", "U1", "T1"), "U1", False, "instant", "Berlin"
    )
    source = SourceItem(
        "greenhouse:acme", "greenhouse", "https://x.example", "Acme <jobs>", 2, None, "HTTP 500"
    )
    reply = Reply(
        text="Your subscriptions & saved <@U2> postings",
        cards=(CARD,),
        items=(sub, dm, source),
        page=2,
        has_more=True,
        pages="saved",
        warnings=("very broad",),
    )
    blocks = as_dicts(build_reply_blocks(reply))
    assert blocks[0]["text"]["text"] == "Your subscriptions &amp; saved &lt;@U2&gt; postings\n⚠️ very broad"
    listed = blocks[1]["text"]["text"].split("\n")
    assert (
        listed[0]
        == "• *#7* `Paris + &lt;!here&gt;` → <#C0123ABC> · daily at 09:00 · paused · ⚠️ no longer understood"
    )
    assert listed[1] == "• *#8* `Berlin` → your DMs · instant"
    assert listed[2] == "• `greenhouse:acme` Acme &lt;jobs&gt; (greenhouse) · 2 failures (HTTP 500)"
    assert [b["type"] for b in blocks[2:]] == ["divider", "section", "actions", "context", "actions"]
    assert blocks[-2]["elements"][0]["text"] == "page 2 · next: `/jobs saved page 3`"
    buttons = [(decode(b["action_id"]), b["text"]["text"]) for b in blocks[-1]["elements"]]
    assert buttons == [((Action.SAVED_PAGE, "1"), "◀ Previous"), ((Action.SAVED_PAGE, "3"), "Next ▶")]


def test_a_search_reply_has_page_buttons_that_carry_the_page_and_query():
    reply = Reply(
        text="Results 6–10", cards=(CARD,), page=2, has_more=True, pages="search", query="Paris + French"
    )
    blocks = as_dicts(build_reply_blocks(reply))
    assert blocks[-2]["elements"][0]["text"] == "page 2 · next: `/jobs search Paris + French page 3`"
    buttons = [(decode(b["action_id"]), b["text"]["text"]) for b in blocks[-1]["elements"]]
    assert buttons == [
        ((Action.PAGE, "1:Paris + French"), "◀ Previous"),
        ((Action.PAGE, "3:Paris + French"), "Next ▶"),
    ]


def test_long_reply_is_split_into_sections_within_limits():
    reply = Reply(text="\n".join(f"line {n} " + "x" * 90 for n in range(400)), cards=(CARD,) * 40)
    blocks = as_dicts(build_reply_blocks(reply))
    assert len(blocks) <= MAX_BLOCKS
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section" and "line" in b["text"]["text"]]
    assert len(sections) > 10 and all(len(s) <= 3000 for s in sections)
    assert sections[0].startswith("line 0 ")
