import io
import json
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import select

from bot.demo.runner import EXAMPLES, FIRST_LISTING, run_demo, sample_postings
from bot.models import Destination
from bot.store.migrate import open_store
from bot.store.postings import get_postings
from bot.store.tables import deliveries
from handlers.discord_demo import local_discord
from handlers.slack_demo import local_slack

BUTTONS = "[Open ↗] [Save] [Not interested] [Mute company]"


def test_demo_delivers_cards_to_each_example_destination(tmp_path):
    out = io.StringIO()
    report = run_demo(tmp_path, out)
    text = out.getvalue()
    first_listing = set(FIRST_LISTING)
    later = [p for p in sample_postings() if p.id not in first_listing]
    assert report.new == len(later) > 10  # what was listed at the first poll is not announced
    assert "stored as already seen, no cards" in text and "not modified" in text
    assert report.queued >= len(EXAMPLES)
    for example in EXAMPLES:
        assert f"═══ {example.label}:" in text
        assert f"matched `{example.query}`" in text
    assert "understood as: location Paris (FR) AND language French" in text
    assert "Discord" not in text  # the terminal alone


def test_demo_run_twice_on_the_same_store_sends_nothing_twice(tmp_path):
    run_demo(tmp_path, io.StringIO())
    out = io.StringIO()
    report = run_demo(tmp_path, out)
    assert (report.new, report.queued) == (0, 0)
    assert "matched `" not in out.getvalue()


def _keeping(factory, opened):
    """``factory``, noting each platform it opens (to read its fake afterwards)."""

    @asynccontextmanager
    async def keep():
        async with factory() as platform:
            opened.append(platform)
            yield platform

    return keep


def _run_on_both(tmp_path):
    opened = []
    out = io.StringIO()
    report = run_demo(tmp_path, out, [_keeping(local_slack, opened), _keeping(local_discord, opened)])
    slack, discord = opened
    return report, out.getvalue(), slack, discord


def _from_store(tmp_path):
    """Destination key -> {posting id: message id} of every outbox row, and each posting's URL."""
    engine = open_store(f"sqlite:///{tmp_path / 'jobbot-demo.sqlite3'}")
    try:
        with engine.connect() as conn:
            rows = conn.execute(select(deliveries)).mappings().all()
        sent: dict[str, dict[str, str]] = {}
        for row in rows:
            assert row["state"] == "sent", row
            sent.setdefault(row["destination_key"], {})[row["posting_id"]] = row["message_id"]
        urls = {p.id: p.url for p in get_postings(engine, [row["posting_id"] for row in rows])}
        return sent, urls
    finally:
        engine.dispose()


def _discord_channel(discord, destination: Destination) -> int:
    if destination.kind == "channel":
        return int(destination.target)
    [room] = [r for r in discord.fake.state.channels.values() if r.recipient_id == int(destination.target)]
    return room.id


def test_every_match_reaches_slack_and_discord_exactly_once_each(tmp_path):
    report, text, slack, discord = _run_on_both(tmp_path)
    sent, urls = _from_store(tmp_path)
    discord_messages = 0
    for example in EXAMPLES:
        _, on_slack = slack.place(example)
        _, on_discord = discord.place(example)  # the same place again: the demo's ids are stable
        slack_sent, discord_sent = sent.get(on_slack.key, {}), sent.get(on_discord.key, {})
        assert slack_sent and slack_sent.keys() == discord_sent.keys(), example.label
        # Discord holds exactly one message per match in the destination, the one the store recorded.
        held = discord.fake.messages_in(_discord_channel(discord, on_discord))
        assert sorted(m["id"] for m in held) == sorted(discord_sent.values())
        assert sorted(m["embeds"][0]["url"] for m in held) == sorted(urls[p] for p in discord_sent)
        discord_messages += len(held)
        # Slack got each match once too.
        for posting_id, ts in slack_sent.items():
            [post] = [c for c in slack.fake.posts() if c.ts == ts]
            assert urls[posting_id] in json.dumps(post.args)
            if on_slack.kind == "channel":
                assert post.channel == on_slack.target
        assert f"═══ {example.label}: {len(slack_sent)} card" in text
        assert f"{len(discord_sent)} on Discord ═══" in text
    assert len(slack.fake.posts()) == discord_messages == report.queued // 2
    # What the demo printed for Discord is what the fake holds, every message once.
    assert text.count("read back from Discord") == discord_messages == text.count(BUTTONS)
    assert "also holds" not in text and "not delivered" not in text and "does not hold" not in text


def test_nothing_sent_to_discord_can_mention_anyone(tmp_path):
    _, _, _, discord = _run_on_both(tmp_path)
    posts = [c for c in discord.fake.calls if c.method == "POST" and c.path.endswith("/messages")]
    assert posts and all(c.status == 200 for c in posts)
    assert all(c.body["allowed_mentions"] == {"parse": []} for c in posts)
    assert all(c.body["nonce"] and c.body["enforce_nonce"] for c in posts)  # a resend is never a second card


@pytest.mark.parametrize("second", ["both", "terminal"])
def test_a_second_run_on_the_same_store_posts_nothing_anywhere(tmp_path, second):
    _run_on_both(tmp_path)
    if second == "terminal":
        report = run_demo(tmp_path, io.StringIO())
        assert (report.new, report.queued) == (0, 0)
        return
    report, text, slack, discord = _run_on_both(tmp_path)
    assert (report.new, report.queued) == (0, 0)
    assert slack.fake.posts() == [] and not [c for c in discord.fake.calls if c.method == "POST"]
    assert "matched `" not in text
