from datetime import time

import pytest

from bot.commands.parse import (
    Digest,
    Edit,
    Help,
    ListSubscriptions,
    Mute,
    Pause,
    Quiet,
    Saved,
    Search,
    SendTest,
    SourcesAdd,
    SourcesList,
    SourcesRemove,
    SourcesTest,
    Status,
    Subscribe,
    Unsubscribe,
    UsageError,
    parse_command,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", Help()),
        ("help digest", Help("digest")),
        ("search Madrid Spanish intern", Search("Madrid Spanish intern")),
        ("search Paris + French page 2", Search("Paris + French", 2)),
        ("search Paris --page 3", Search("Paris", 3)),
        ("subscribe Paris + French", Subscribe("Paris + French")),
        ("subscribe --dm remote + German", Subscribe("remote + German", dm=True)),
        ("subscribe \u2014dm remote", Subscribe("remote", dm=True)),  # a chat client's smart dash
        ("me Milan + Italian", Subscribe("Milan + Italian", dm=True)),
        ("SUB -sales Paris", Subscribe("-sales Paris")),  # an exclusion is part of the query, not a flag
        ("list", ListSubscriptions()),
        ("unsubscribe 12", Unsubscribe(12)),
        ("unsubscribe #12", Unsubscribe(12)),
        ("pause", Pause()),
        ("pause 4", Pause(4)),
        ("pause all", Pause(every=True)),
        ("resume all", Pause(resume=True, every=True)),
        ("unsubscribe", Unsubscribe()),  # the reply asks which
        ("unsubscribe all", Unsubscribe(every=True)),
        ("edit 12 Paris + French", Edit(12, "Paris + French")),
        ("edit #12 --anyway Tokyo", Edit(12, "Tokyo", confirmed=True)),
        ("edit \u2014anyway 12 Tokyo", Edit(12, "Tokyo", confirmed=True)),  # a smart dash
        ("me \u2014anyway Tokyo", Subscribe("Tokyo", dm=True, confirmed=True)),
        ("me Paris -anyway", Subscribe("Paris -anyway", dm=True)),  # a hyphen: an exclusion stays one
        ("test", SendTest()),
        ("test --dm", SendTest(dm=True)),
        ("resume 4", Pause(4, resume=True)),
        ("digest off", Digest("off")),
        ("digest hourly 3", Digest("hourly", None, 3)),
        ("digest daily 09:00", Digest("daily", time(9, 0))),
        ("digest daily 6:30pm 7", Digest("daily", time(18, 30), 7)),
        ("digest daily 21h", Digest("daily", time(21, 0))),
        ("quiet 22:00-07:00", Quiet(time(22, 0), time(7, 0))),
        ("quiet 22:00 \u2013 07:00 5", Quiet(time(22, 0), time(7, 0), 5)),
        ("quiet off", Quiet()),
        ("sources", SourcesList()),
        ("sources add https://boards.greenhouse.io/acme", SourcesAdd("https://boards.greenhouse.io/acme")),
        (
            "sources add https://boards.greenhouse.io/acme --no-check",
            SourcesAdd("https://boards.greenhouse.io/acme", check=False),
        ),
        (
            "sources add <https://x.example/feed|x.example/feed> --kind feed",
            SourcesAdd("https://x.example/feed", "feed"),
        ),
        ("sources remove greenhouse:acme", SourcesRemove("greenhouse:acme")),
        ("sources test greenhouse:acme", SourcesTest("greenhouse:acme")),
        ("status", Status()),
        ("saved page 2", Saved(2)),
        ("mute Acme Corp", Mute("Acme Corp")),
        ("unmute Acme Corp", Mute("Acme Corp", undo=True)),
    ],
)
def test_commands_are_read(text, expected):
    assert parse_command(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment", "command"),
    [
        ("frobnicate", "don't know the command `frobnicate`", None),
        ("search", "what to search for", "search"),
        ("search Paris page zero", "not a page number", "search"),
        ("search Paris page 1000", "not a page number", "search"),
        ("subscribe --dm", "what to subscribe to", "subscribe"),
        ("edit", "Which subscription", "edit"),
        ("edit Paris", "Which subscription", "edit"),
        ("edit 12", "What should #12 look for?", "edit"),
        ("test the channel", "sends a sample card", "test"),
        ("unsubscribe twelve", "not a subscription ID", "unsubscribe"),
        ("pause 1 2", "not a subscription ID", "pause"),
        ("digest weekly", "not a digest mode", "digest"),
        ("digest daily", "needs a time", "digest"),
        ("digest daily 25:00", "not a time of day", "digest"),
        ("digest daily noon", "not a time", "digest"),
        ("quiet 22:00", "not a range of hours", "quiet"),
        ("quiet 22:00-22:00", "different times", "quiet"),
        ("sources add", "one URL", "sources"),
        ("sources add https://a.example --kind", "needs a kind", "sources"),
        ("sources explode", "not something I can do", "sources"),
        ("list everything", "takes no arguments", "list"),
    ],
)
def test_bad_input_is_a_usage_error_that_says_what_is_wrong(text, fragment, command):
    with pytest.raises(UsageError) as caught:
        parse_command(text)
    assert fragment in str(caught.value)
    assert caught.value.command == command
