"""Fuzzed Discord interactions through the real discord.py client, on a fake Discord and a real service.

What a person controls reaches the bot as option values, autocomplete text and the custom ids of the
components they click. Every /jobs subcommand with any option values, every autocomplete and every click on
any custom id is answered within Discord's 3 seconds (a deferral is then filled), the answers obey Discord's
limits, nothing the bot sends may ping anyone, no click changes a subscription its clicker may not change,
and no listener fails. The client
runs once per module on a loop of its own (``tests.handlers.fuzzing``); budgets are fixed and derandomized.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.extract import extract_posting
from bot.store.migrate import open_store
from bot.store.postings import upsert_posting
from bot.store.subscriptions import list_subscriptions
from bot.views.actions import Action, encode
from bot.views.home import TITLE as HOME_TITLE
from handlers.discord_app import JobbotDiscord
from handlers.fakes import FakeDiscord, InteractionRecord, Seed
from handlers.fakes.discord_commands import SUB_COMMAND, option_types
from handlers.fakes.discord_interactions import BOOLEAN, BUTTON, INTEGER, NUMBER, STRING
from handlers.fakes.discord_ledger import (
    AUTOCOMPLETE_RESULT,
    DEFERRED_MESSAGE,
    DEFERRED_UPDATE,
    MESSAGE,
    MODAL,
)
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
def engine(tmp_path_factory) -> Iterator[Engine]:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'discord.sqlite3'}")
    for item in POSTINGS:
        upsert_posting(engine, extract_posting(item), now=NOW)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def discord_app(engine: Engine) -> Iterator[DiscordThread]:
    service = make_service(engine)
    with AppThread(lambda: running_jobbot(service)) as app:
        yield app


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


NUMBERS = st.sampled_from(["0", "-1", "1.0", "²", "٣", "1\n", " 1", "9" * 80, str(2**31), str(2**63), "all"])
HOSTILE = st.sampled_from(
    ["", "\x00", "\ud800", "@everyone", "<@&1>", "<@1300000000000000401>", "yes:yes:1", "unsubscribe:",
     "pause:all", "dm:", "here:", "dm:@everyone", "2:", "2:@here", "0:Paris", "unsubscribe:all"]
)  # fmt: skip
STRING_SELECT = 3
EDGES = [  # tried on every run: numbers no store keeps, digits int() refuses, another version's ids
    "jobbot:pause:" + str(2**63), "jobbot:yes:unsubscribe:" + "9" * 60, "jobbot:edit:" + str(2**31) + ":x",
    "jobbot:unsubscribe:²", "jobbot:page:²:Paris", "jobbot:saved:" + "9" * 80, "jobbot:page:0:Paris",
    "jobbot:resume:٣", "jobs:unsubscribe:42", "jobbot:nope:1", "jobbot:pause:1\x00", "jobbot:sub:dm:@here",
]  # fmt: skip


def _each(edges: list[str], **rest: Any) -> Any:
    """Hypothesis ``example``s: each of ``edges`` as the custom id, with the other arguments ``rest``."""

    def decorate(test: Any) -> Any:
        for custom_id in edges:
            test = example(custom_id=custom_id, **rest)(test)
        return test

    return decorate


def _custom_ids(sub_ids: list[int]) -> st.SearchStrategy[str]:
    """Custom ids of at most 100 characters: ours with wrong, foreign or hostile parts, and any text."""
    ids = st.sampled_from(sub_ids).map(str)
    numbers = st.one_of(ids, ids, NUMBERS, st.integers(min_value=-(10**40), max_value=10**40).map(str))
    part = st.one_of(numbers, HOSTILE, TEXT)
    aimed = st.one_of(  # the values our buttons carry, with another's id or a wrong number in them
        st.builds(encode, st.sampled_from([Action.PAUSE, Action.RESUME, Action.UNSUBSCRIBE]), numbers),
        st.builds(encode, st.sampled_from([Action.SAVED_PAGE, Action.SAVE, Action.HIDE, Action.MUTE]), part),
        st.builds(lambda action, n, text: encode(action, f"{n}:{text}"),
                  st.sampled_from([Action.PAGE, Action.EDIT]), numbers, TEXT),
        st.builds(lambda verb, n: encode(Action.CONFIRMED, f"{verb}:{n}"),
                  st.sampled_from(["unsubscribe", "pause", "resume", "edit", "yes", "new"]), numbers),
        st.builds(lambda where, text: encode(Action.SUBSCRIBE, f"{where}:{text}"),
                  st.sampled_from(["dm", "here", "there", ""]), st.one_of(HOSTILE, TEXT)),
    )  # fmt: skip
    ours = st.builds(
        encode, st.sampled_from(list(Action)), st.one_of(part, st.tuples(part, part).map(":".join))
    )
    prefixed = st.builds("jobbot:{}:{}".format, st.one_of(TEXT, st.sampled_from(["PAUSE", "", "yes "])), part)
    return st.one_of(aimed, aimed, ours, prefixed, st.text(min_size=1, max_size=100), TEXT).filter(
        lambda custom_id: 1 <= len(custom_id) <= 100
    )


def _component(custom_id: str, kind: int) -> dict[str, Any]:
    if kind == BUTTON:
        return {"type": BUTTON, "style": 2, "label": "Go", "custom_id": custom_id}
    option = {"label": "One", "value": "1"}
    return {
        "type": STRING_SELECT,
        "custom_id": custom_id,
        "options": [option],
        "min_values": 1,
        "max_values": 1,
    }


def _changeable(user: int, sub: Any) -> bool:
    """Whether ``user`` may change ``sub``: their own DMs; a channel's if its creator or the admin (Alice)."""
    if sub.destination.kind == "dm":
        return sub.destination.target == str(user)
    return user == Seed.ALICE_ID or sub.owner == str(user)


def _kept(sub: Any) -> tuple[Any, ...]:
    return (sub.id, sub.owner, sub.destination, sub.query, sub.paused)


def test_any_click_on_any_custom_id_is_answered_and_changes_only_what_the_clicker_may(
    discord_app, failures, engine
):
    fake, _ = discord_app.harness
    everyone = (Seed.ALICE_ID, Seed.BOB_ID, Seed.CAROL_ID)
    for person, query in zip(everyone, ("Madrid", "Lyon", "Berlin"), strict=True):
        record = discord_app.run(fake.slash("jobs", "me", {"query": f"--anyway {query}"}, user=person))
        discord_app.run(_answered_in_time(fake, record))
    record = discord_app.run(
        fake.slash(
            "jobs", "subscribe", {"query": "--anyway Paris"}, user=Seed.ALICE_ID, channel=Seed.PARIS_JOBS_ID
        )
    )
    discord_app.run(_answered_in_time(fake, record))
    discord_app.drain(lambda: len(fake.calls))
    subs = list_subscriptions(engine)
    assert {s.owner for s in subs} >= {str(p) for p in everyone}

    @BUDGET
    @given(_custom_ids([s.id for s in subs]), st.sampled_from([BUTTON, STRING_SELECT]), PEOPLE, ROOMS,
           st.sampled_from(["channel", "ephemeral", "home"]))  # fmt: skip
    @_each(EDGES, kind=BUTTON, user=Seed.BOB_ID, channel=Seed.GENERAL_ID, where="home")
    def one(custom_id, kind, user, channel, where):
        before = {s.id: s for s in list_subscriptions(engine)}
        body: dict[str, Any] = {
            "content": "Earlier",
            "components": [{"type": 1, "components": [_component(custom_id, kind)]}],
        }
        if where == "home":
            body["embeds"] = [{"title": HOME_TITLE, "description": "Your subscriptions"}]
        message = fake.posted_by_bot(channel, body, ephemeral_for=None if where == "channel" else user)
        record = discord_app.run(fake.click(custom_id, message, user=user, component_type=kind))
        discord_app.run(_answered_in_time(fake, record))
        assert record.response_type in (MESSAGE, DEFERRED_MESSAGE, DEFERRED_UPDATE, MODAL), record.callbacks
        discord_app.drain(lambda: len(fake.calls), quiet=0.15)
        after = {s.id: _kept(s) for s in list_subscriptions(engine)}
        for sub in before.values():
            if not _changeable(user, sub):
                assert after.get(sub.id) == _kept(sub), (custom_id, user, sub)

    one()
    _settled(discord_app, failures)
