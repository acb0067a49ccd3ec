"""CRASH TEST (slow, ~60 s): SIGKILL delivery mid-fan-out to Discord; every card still arrives once.

A fan-out of 300 matches to 25 channels and 5 DMs sits in a SQLite outbox. A child process runs the real
Dispatcher with the real DiscordNotifier on discord.py's HTTPClient against the fake Discord, which runs in
its own process (its state outlives every kill), answers each request a little late (so at every kill some
cards are posted but not yet acknowledged) and journals every message. Discord's nonce only protects for
a few minutes; the fake here remembers nonces for half a second, so a card in doubt after a kill must be
found by ``find_sent`` (its "ref KEY" footer in the channel's history), not saved by the nonce.
The test kills the child at random moments (fixed seed), restarts it, and finally lets it drain the outbox.
Then every row must be sent, and the fake must hold exactly one message per card.

The child is this module run as a script: ``python -m tests.handlers.test_discord_delivery_crash DB API``.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.delivery.outbox import idempotency_key
from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.migrate import open_store
from handlers.discord_notifier import referenced_key
from handlers.fakes.discord_journal import read_journal
from handlers.fakes.discord_process import fake_discord_process
from handlers.fakes.discord_seed import Seed, audience_channel_id, audience_user_id
from tests.handlers.crash_fanout import posted_rows_left_in_doubt, queue_fan_out

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "crash-test-token.jobbot.0000"
CHANNELS = 25
DMS = 5
POSTINGS = 100
PER_POSTING = 3  # destinations each posting matches: 300 rows, 10 per destination
KILLS = 8
SEED = 20240605
GUILD = str(Seed.GUILD_ID)


def destinations() -> list[Destination]:
    channels = [
        Destination("discord", "channel", str(audience_channel_id(n)), GUILD) for n in range(CHANNELS)
    ]
    return channels + [Destination("discord", "dm", str(audience_user_id(n)), GUILD) for n in range(DMS)]


@pytest.mark.crash
def test_every_card_arrives_exactly_once_across_sigkills(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'jobbot.sqlite3'}"
    rows = _fan_out(db_url)
    journal = tmp_path / "discord.jsonl"
    options = ["--token", TOKEN, "--channels", str(CHANNELS), "--users", str(DMS), "--journal", str(journal),
               "--latency", "0.15", "--nonce-window", "0.5", "--limit", "messages.create=5/1"]  # fmt: skip
    rng = random.Random(SEED)
    in_doubt_but_posted: set[int] = set()
    started = time.monotonic()
    with fake_discord_process(options) as fake:
        for _ in range(KILLS):
            posted_before = sum(_posts(journal).values())
            child = _start_child(db_url, fake["api_base"])
            _wait_for_a_post(journal, posted_before, child, timeout=5.0)
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            in_doubt_but_posted |= _posted_rows_left_in_doubt(db_url, journal)
        child = _start_child(db_url, fake["api_base"])
        try:
            assert child.wait(timeout=max(10.0, 90 - (time.monotonic() - started))) == 0
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()

    assert count_by_state(open_store(db_url)) == {"sent": len(rows)}
    posted = _posts(journal)
    assert [key for key, n in posted.items() if n > 1] == [], "a card was posted twice"
    assert set(posted) == {idempotency_key(row_id) for row_id in rows}
    # The hard case happened: a kill left cards posted but unrecorded, and recovery found them.
    assert in_doubt_but_posted


def _posts(journal: Path) -> Counter[str]:
    """Messages in the fake by the card key in their footer."""
    return Counter(
        key for line in read_journal(journal) if "message" in line and (key := referenced_key(line["footer"]))
    )


def _wait_for_a_post(journal: Path, posted_before: int, child: subprocess.Popen[str], timeout: float) -> None:
    """Return once the fake has a post beyond ``posted_before`` (or the child ended, or ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if sum(_posts(journal).values()) > posted_before:
            return
        time.sleep(0.02)


def _fan_out(db_url: str) -> dict[int, str]:
    """Queue the fan-out; returns each row's id and destination key."""
    return queue_fan_out(
        db_url, destinations(), owner=str(Seed.BOB_ID), postings=POSTINGS, per_posting=PER_POSTING
    )


def _posted_rows_left_in_doubt(db_url: str, journal: Path) -> set[int]:
    """Rows a kill left in flight whose card the fake had in fact stored."""
    return posted_rows_left_in_doubt(db_url, set(_posts(journal)))


def _start_child(db_url: str, api_base: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.handlers.test_discord_delivery_crash", db_url, api_base]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, text=True)


async def _deliver_until_drained(db_url: str, api_base: str) -> None:
    """The child: dispatch with short leases until no row is queued or in flight."""
    import discord
    from discord.http import HTTPClient

    from bot.delivery.dispatcher import Dispatcher
    from bot.delivery.limits import DeliveryLimits
    from bot.store.engine import create_engine_for
    from bot.store.outbox import StoreOutbox
    from handlers.discord_attach import point_discord_py_at
    from handlers.discord_notifier import DiscordNotifier

    point_discord_py_at(api_base, None)
    http = HTTPClient(discord.utils.MISSING)
    await http.static_login(TOKEN)
    engine = create_engine_for(db_url)
    limits = DeliveryLimits(lease_seconds=2.0, unknown_recheck_seconds=0.5, burst_digest_threshold=None)
    dispatcher = Dispatcher(StoreOutbox(engine), {"discord": DiscordNotifier(http)}, limits=limits)
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.2))
    while not stop.is_set():
        await asyncio.sleep(0.2)
        left = count_by_state(engine)
        if not left.get("queued") and not left.get("unknown"):
            stop.set()
    await running
    await http.close()


if __name__ == "__main__":
    asyncio.run(_deliver_until_drained(sys.argv[1], sys.argv[2]))
