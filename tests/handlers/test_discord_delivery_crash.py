"""CRASH TEST (slow, ~30 s a store): SIGKILL Discord delivery at random points; each message ends right, once.

A fan-out of 300 matches to 25 channels and 5 DMs, and five more channels with an hourly digest of eight
postings each (coming due two seconds apart), sit in the outbox, on SQLite and on PostgreSQL. A child
process (``crash_fanout.children``) runs the real Dispatcher with the real DiscordNotifier on discord.py's
HTTPClient against the fake Discord, which runs in its own process (its state outlives every kill), answers
each request a little late (so at every kill some cards are posted but not yet acknowledged) and journals
every message. Discord's nonce only protects for a few minutes; the fake here remembers nonces for half a
second, so a card in doubt after a kill must be found by ``find_sent`` (its "ref KEY" footer in the
channel's history), not saved by the nonce. While each child runs, the test closes or retitles a few
postings as a poll would; then it kills the child at a random moment (fixed seed) and starts the next.
A last child drains the outbox and the edits.

Owner notices go with them (see ``crash_fanout``): queued by the changes that cause them before the first
child and while the children run and die, each must reach its owner's DM once.

Then every row is sent; no message was posted twice; and the messages in Discord are exactly the messages
the outbox recorded, each showing its rows' postings as they are now (title, closed): every digest once
with all its rows, no row marked sent that its message does not show, every edit applied; and every owner
notice is in its owner's DM exactly once.
"""

from __future__ import annotations

import asyncio
import random
import signal
import time
from collections import Counter
from pathlib import Path

import discord
import pytest
from discord.http import HTTPClient

from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits, Rate
from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.engine import create_engine_for
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from handlers.discord_attach import point_discord_py_at
from handlers.discord_notifier import DiscordNotifier, referenced_key
from handlers.fakes.discord_journal import read_journal
from handlers.fakes.discord_process import fake_discord_process
from handlers.fakes.discord_seed import Seed, audience_channel_id, audience_user_id
from tests.handlers.crash_fanout import (
    Child,
    Shown,
    change_postings,
    change_sources,
    children,
    drained,
    edit_states,
    expected_messages,
    in_doubt,
    notice_keys,
    posting_id_of,
    queue_notice_workload,
    queue_workload,
)

TOKEN = "crash-test-token.jobbot.0000"
CHANNELS = 25
DMS = 5
OWNERS = 3  # members more, each told by DM (a channel paused, their sources failing)
DIGESTS = 5  # channels more, each with an hourly digest
DIGEST_ROWS = 8
DIGEST_EVERY = 2.0  # seconds between two digests coming due
POSTINGS = 100
PER_POSTING = 3  # destinations each posting matches: 300 rows, 10 per destination
CHANGES = 4  # postings closed or retitled while each child runs
KILLS = 8
SEED = 20240605
GUILD = str(Seed.GUILD_ID)
CLOSED = "Closed · "


def destinations() -> list[Destination]:
    channels = [
        Destination("discord", "channel", str(audience_channel_id(n)), GUILD) for n in range(CHANNELS)
    ]
    return channels + [Destination("discord", "dm", str(audience_user_id(n)), GUILD) for n in range(DMS)]


def owners() -> list[Destination]:
    return [Destination("discord", "dm", str(audience_user_id(DMS + n)), GUILD) for n in range(OWNERS)]


def digest_channels() -> list[Destination]:
    return [
        Destination("discord", "channel", str(audience_channel_id(n)), GUILD)
        for n in range(CHANNELS, CHANNELS + DIGESTS)
    ]


@pytest.mark.crash
def test_every_message_arrives_once_and_ends_as_its_postings_are_across_sigkills(tmp_path, store_url):
    engine = open_store(store_url)
    rows = queue_workload(
        engine, destinations(), digest_channels(), owner=str(Seed.BOB_ID), postings=POSTINGS,
        per_posting=PER_POSTING, digest_rows=DIGEST_ROWS, digest_every=DIGEST_EVERY,
    )  # fmt: skip
    sources = queue_notice_workload(engine, owners(), Destination("discord", "channel", "9", GUILD))
    journal = tmp_path / "discord.jsonl"
    options = ["--token", TOKEN, "--channels", str(CHANNELS + DIGESTS), "--users", str(DMS + OWNERS),
               "--journal", str(journal), "--latency", "0.15", "--nonce-window", "0.5",
               "--limit", "messages.create=5/1"]  # fmt: skip
    rng = random.Random(SEED)
    in_doubt_but_posted: set[int] = set()
    started = time.monotonic()
    with fake_discord_process(options) as fake, children(_deliver_until_drained) as start:
        for _ in range(KILLS):
            posted_before = sum(_posts(journal).values())
            child = start(store_url, fake["api_base"])
            _wait_for_a_post(journal, posted_before, child, timeout=5.0)
            change_postings(engine, rng, CHANGES, pool=POSTINGS)
            change_sources(engine, rng, 2, sources)
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            in_doubt_but_posted |= in_doubt(engine, set(_posts(journal)))
        child = start(store_url, fake["api_base"])
        assert child.wait(timeout=max(10.0, 90 - (time.monotonic() - started))) == 0
        shown = asyncio.run(_shown_in_discord(fake["api_base"], [*destinations(), *digest_channels()]))

    assert count_by_state(engine) == {"sent": len(rows)}
    assert set(edit_states(engine)) <= {"done"}
    posted = _posts(journal)
    assert [key for key, n in posted.items() if n > 1] == [], "a message was posted twice"
    # Exactly the recorded messages, each as its postings are now: nothing lost, doubled or stale.
    assert shown == expected_messages(engine)
    # Each digest once, whole: one message showing all its rows.
    digests = {destination.key for destination in digest_channels()}
    assert [len(cards) for (key, _), cards in shown.items() if key in digests] == [DIGEST_ROWS] * DIGESTS
    # The hard case happened: a kill left cards posted but unrecorded, and recovery found them.
    assert in_doubt_but_posted
    # Every owner notice reached its owner's DM, once.
    told = notice_keys(engine)
    assert len(told) == OWNERS * 3 + 2 * KILLS and set(told.values()) == {"sent"}
    notices = Counter(line["nonce"] for line in read_journal(journal) if str(line.get("nonce")) in told)
    assert notices == Counter(set(told)), "an owner notice was lost or posted twice"


async def _shown_in_discord(api_base: str, where: list[Destination]) -> dict[tuple[str, str], Shown]:
    """Every jobbot message at each destination, by (destination key, message id): the postings it shows."""
    point_discord_py_at(api_base, None)
    http = HTTPClient(discord.utils.MISSING)
    await http.static_login(TOKEN)

    async def read(destination: Destination) -> dict[tuple[str, str], Shown]:
        channel = destination.target
        if destination.kind == "dm":
            channel = (await http.start_private_message(int(destination.target)))["id"]
        messages = await http.logs_from(channel, 100)
        # Only jobbot posts here; an edit drops the "ref KEY" mark, so every message counts.
        return {(destination.key, str(message["id"])): _cards_in(message) for message in messages}

    try:
        found = await asyncio.gather(*(read(destination) for destination in where))
    finally:
        await http.close()
    return {key: cards for shown in found for key, cards in shown.items()}


def _cards_in(message: dict) -> Shown:
    cards: Shown = {}
    for embed in message.get("embeds") or ():
        posting_id = posting_id_of(str(embed.get("url") or ""))
        if posting_id is not None:
            title = str(embed.get("title") or "")
            cards[posting_id] = (title.removeprefix(CLOSED), title.startswith(CLOSED))
    return cards


def _posts(journal: Path) -> Counter[str]:
    """Messages in the fake by the card key in their footer."""
    return Counter(
        key for line in read_journal(journal) if "message" in line and (key := referenced_key(line["footer"]))
    )


def _wait_for_a_post(journal: Path, posted_before: int, child: Child, timeout: float) -> None:
    """Return once the fake has a post beyond ``posted_before`` (or the child ended, or ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if sum(_posts(journal).values()) > posted_before:
            return
        time.sleep(0.02)


async def _deliver_until_drained(db_url: str, api_base: str) -> None:
    """The child: dispatch with short leases until no card or edit is left to do."""
    point_discord_py_at(api_base, None)
    http = HTTPClient(discord.utils.MISSING)
    await http.static_login(TOKEN)
    engine = create_engine_for(db_url)
    # Two cards a second per destination and no burst: a fresh child cannot post all it has at once, so
    # every kill finds it sending.
    limits = DeliveryLimits(
        per_destination={"discord": Rate(2.0, burst=1)},
        lease_seconds=1.0,
        unknown_recheck_seconds=0.5,
        burst_digest_threshold=None,
    )
    dispatcher = Dispatcher(StoreOutbox(engine), {"discord": DiscordNotifier(http)}, limits=limits)
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.2))
    while not stop.is_set():
        await asyncio.sleep(0.2)
        if drained(engine):
            stop.set()
    await running
    await http.close()
