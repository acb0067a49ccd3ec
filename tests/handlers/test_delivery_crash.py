"""CRASH TEST (slow, ~15 s): SIGKILL the delivery process at random points; every card still arrives once.

A fan-out of 300 matches to 30 channels sits in a SQLite outbox. A child process runs the real Dispatcher
with the real SlackNotifier against the fake Slack, which runs in its own process, answers each call a
little late (so at every kill some posts are done but not yet acknowledged) and logs every post to a file.
The test kills the child at random moments (fixed seed), restarts it, and finally lets it drain the outbox.
Then every row must be sent, and the fake's log must hold exactly one message per (channel, key).

The child is this module run as a script: ``python -m tests.handlers.test_delivery_crash DB_URL API_URL``.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.migrate import open_store
from tests.fakes.slack_api import fake_slack_process, posts_by_key
from tests.handlers.crash_fanout import posted_rows_left_in_doubt, queue_fan_out

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "xoxb-crash-test"
CHANNELS = 30
POSTINGS = 100
PER_POSTING = 3  # channels each posting matches: 300 rows, 10 per channel
KILLS = 8
SEED = 20240604


@pytest.mark.crash
def test_every_card_arrives_exactly_once_across_sigkills(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'jobbot.sqlite3'}"
    rows = _fan_out(db_url)
    state = tmp_path / "slack-calls.jsonl"
    rng = random.Random(SEED)
    in_doubt_but_posted: set[int] = set()
    started = time.monotonic()
    with fake_slack_process(state, token=TOKEN, latency=0.15) as api_url:
        for _ in range(KILLS):
            posted_before = sum(posts_by_key(state).values())
            child = _start_child(db_url, api_url)
            # Kill while it is sending: a fast dispatcher posts its burst in a few tenths of a second and
            # then waits for tokens, so a kill at a fixed delay after start would mostly find it idle.
            _wait_for_a_post(state, posted_before, child, timeout=3.0)
            time.sleep(rng.uniform(0.0, 0.4))
            if child.poll() is None:
                child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            in_doubt_but_posted |= _posted_rows_left_in_doubt(db_url, state)
        child = _start_child(db_url, api_url)
        try:
            assert child.wait(timeout=max(5.0, 55 - (time.monotonic() - started))) == 0
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()

    assert count_by_state(open_store(db_url)) == {"sent": len(rows)}
    posted = posts_by_key(state)
    assert sum(posted.values()) == len(rows), "a card was posted twice"
    assert set(posted) == {(channel, f"jobbot-{row_id}") for row_id, channel in rows.items()}
    # The hard case happened: a kill left cards posted but unrecorded, and recovery found them.
    assert in_doubt_but_posted


def _wait_for_a_post(state: Path, posted_before: int, child: subprocess.Popen[str], timeout: float) -> None:
    """Return once the fake has a post beyond ``posted_before`` (or the child ended, or ``timeout``)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and child.poll() is None:
        if state.exists() and sum(posts_by_key(state).values()) > posted_before:
            return
        time.sleep(0.02)


def _fan_out(db_url: str) -> dict[int, str]:
    """Queue the fan-out; returns each row's id and channel."""
    targets = [Destination("slack", "channel", f"C{n:04d}", "T1") for n in range(CHANNELS)]
    rows = queue_fan_out(db_url, targets, owner="U1", postings=POSTINGS, per_posting=PER_POSTING)
    return {row_id: Destination.from_key(key).target for row_id, key in rows.items()}


def _posted_rows_left_in_doubt(db_url: str, state: Path) -> set[int]:
    """Rows a kill left in flight whose card the fake had in fact stored."""
    return posted_rows_left_in_doubt(db_url, {key for _, key in posts_by_key(state)})


def _start_child(db_url: str, api_url: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.handlers.test_delivery_crash", db_url, api_url]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(command, cwd=ROOT, env=env, text=True)


async def _deliver_until_drained(db_url: str, api_url: str) -> None:
    """The child: dispatch with short leases until no row is queued or in flight."""
    from bot.delivery.dispatcher import Dispatcher
    from bot.delivery.limits import DeliveryLimits
    from bot.store.engine import create_engine_for
    from bot.store.outbox import StoreOutbox
    from handlers.slack_notifier import SlackNotifier, make_client

    engine = create_engine_for(db_url)
    limits = DeliveryLimits(lease_seconds=2.0, unknown_recheck_seconds=0.5, burst_digest_threshold=None)
    dispatcher = Dispatcher(
        StoreOutbox(engine), {"slack": SlackNotifier(make_client(TOKEN, api_url))}, limits=limits
    )
    stop = asyncio.Event()
    running = asyncio.create_task(dispatcher.run(stop, idle_seconds=0.2))
    while not stop.is_set():
        await asyncio.sleep(0.2)
        left = count_by_state(engine)
        if not left.get("queued") and not left.get("unknown"):
            stop.set()
    await running


if __name__ == "__main__":
    asyncio.run(_deliver_until_drained(sys.argv[1], sys.argv[2]))
