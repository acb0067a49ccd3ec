"""Fuzzed Discord interactions through the real discord.py client, on a fake Discord and a real service.

What a person controls reaches the bot as option values and autocomplete text. Every /jobs subcommand with
any option values and every autocomplete is answered within Discord's 3 seconds (a deferral is then filled),
the answers obey Discord's limits, nothing the bot sends may ping anyone, and no listener fails. The client
runs once per module on a loop of its own (``tests.handlers.fuzzing``); budgets are fixed and derandomized.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.extract import extract_posting
from bot.store.migrate import open_store
from bot.store.postings import upsert_posting
from handlers.discord_app import JobbotDiscord
from handlers.fakes import FakeDiscord, InteractionRecord, Seed
from handlers.fakes.discord_commands import SUB_COMMAND, option_types
from handlers.fakes.discord_interactions import BOOLEAN, INTEGER, NUMBER, STRING
from handlers.fakes.discord_ledger import AUTOCOMPLETE_RESULT, DEFERRED_MESSAGE
from tests.bot.commands.conftest import NOW, POSTINGS, make_service
from tests.handlers.discord_app_harness import answered, running_jobbot
from tests.handlers.fuzzing import BUDGET, TEXT, AppThread, Failures

DiscordThread = AppThread[tuple[FakeDiscord, JobbotDiscord]]
PEOPLE = st.sampled_from([Seed.ALICE_ID, Seed.BOB_ID])  # a server admin, a member
ROOMS = st.sampled_from([Seed.GENERAL_ID, Seed.PARIS_JOBS_ID])
VALUES = {
    STRING: TEXT,
    INTEGER: st.integers(min_value=-(2**53), max_value=2**53),
    NUMBER: st.floats(allow_nan=False, allow_infinity=False),
    BOOLEAN: st.booleans(),
}
MENTION_PARSE = ("everyone", "roles", "users")


@pytest.fixture(scope="module")
def discord_app(tmp_path_factory) -> Iterator[DiscordThread]:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'discord.sqlite3'}")
    for item in POSTINGS:
        upsert_posting(engine, extract_posting(item), now=NOW)
    service = make_service(engine)
    with AppThread(lambda: running_jobbot(service)) as app:
        yield app
    engine.dispose()


@pytest.fixture
def failures(discord_app: DiscordThread) -> Iterator[Failures]:
    with Failures("discord").listening() as handler:
        yield handler


def _subcommands(fake: FakeDiscord) -> dict[str, dict[str, int]]:
    """Each /jobs subcommand and its options' types, as registered."""
    [jobs] = [c for c in fake.commands.listed(None) if c["name"] == "jobs"]
    return {
        option["name"]: option_types(jobs, [option["name"]])
        for option in jobs["options"]
        if option["type"] == SUB_COMMAND
    }


async def _answered_in_time(fake: FakeDiscord, record: InteractionRecord) -> None:
    """The interaction got its one callback in time; a deferral was then filled with the answer."""
    await fake.wait_until(lambda: record.callbacks)
    if record.response_type == DEFERRED_MESSAGE:
        await answered(fake, record)


def _pings(fake: FakeDiscord) -> list[Any]:
    """Bodies the bot sent with text that could ping, unless their allowed_mentions forbid every ping."""
    risky = []
    for call in fake.calls:
        body = call.body if isinstance(call.body, dict) else {}
        message = body.get("data") if isinstance(body.get("data"), dict) else body
        text = json.dumps([message.get("content"), message.get("embeds")], ensure_ascii=False)
        if "@" not in text:
            continue
        allowed = message.get("allowed_mentions") or {"parse": MENTION_PARSE}
        parsed = any(kind in allowed.get("parse", ()) for kind in MENTION_PARSE)
        if parsed or allowed.get("users") or allowed.get("roles"):
            risky.append((call.method, call.path, message))
    return risky


def _settled(app: DiscordThread, failures: Failures) -> None:
    fake, _ = app.harness
    app.drain(lambda: len(fake.calls))
    assert failures.described() == []
    assert _pings(fake) == []
    # ...and the bot still answers a plain command afterwards.
    record = app.run(fake.slash("jobs", "help"))
    app.run(_answered_in_time(fake, record))


def test_any_subcommand_with_any_options_is_answered(discord_app, failures):
    fake, _ = discord_app.harness
    subcommands = _subcommands(fake)
    assert {"search", "subscribe", "unsubscribe", "pause", "digest"} <= set(subcommands)

    @BUDGET
    @given(st.sampled_from(sorted(subcommands)), st.data(), PEOPLE, ROOMS)
    def one(sub, data, user, channel):
        options = {
            name: data.draw(VALUES[kind], label=name)
            for name, kind in subcommands[sub].items()
            if kind in VALUES and data.draw(st.booleans(), label=f"give {name}")
        }
        record = discord_app.run(fake.slash("jobs", sub, options, user=user, channel=channel))
        discord_app.run(_answered_in_time(fake, record))

    one()
    _settled(discord_app, failures)


def test_any_autocomplete_text_gets_choices_within_discord_limits(discord_app, failures):
    fake, _ = discord_app.harness
    focusable = [("search", "query"), ("subscribe", "query"), ("unsubscribe", "subscription")]

    @BUDGET
    @given(st.sampled_from(focusable), TEXT, PEOPLE)
    def one(where, text, user):
        sub, option = where
        record = discord_app.run(fake.autocomplete("jobs", sub, {option: text}, option, user=user))
        discord_app.run(fake.wait_until(lambda: record.callbacks))
        assert record.response_type == AUTOCOMPLETE_RESULT
        choices = record.callbacks[0]["data"]["choices"]
        assert len(choices) <= 25
        for choice in choices:
            assert 1 <= len(choice["name"]) <= 100, choice
            assert not isinstance(choice["value"], str) or len(choice["value"]) <= 100, choice

    one()
    _settled(discord_app, failures)
