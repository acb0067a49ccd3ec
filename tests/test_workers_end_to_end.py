"""Three `jobbot worker` processes and two ticking schedulers on one PostgreSQL queue, one killed mid-run.

A fleet of 20 local Greenhouse-shaped boards (each answering a little late, noting any two fetches of one
board that overlap) feeds 20 Slack channels in two workspaces through the fake Slack Web API, which
refuses (429) any post beyond 1 a second per channel after a burst of 3. The boards first list nothing
(the first poll of a source announces nothing); then each publishes 4 internships in its own city and the
clock moves on, so every source is due again. Mid-delivery one worker that is serving a workspace is
SIGKILLed. In the end every posting was stored once, matched once and posted exactly once (the fake's
journal, by idempotency key), no board was fetched twice at once, and no post was refused for pace.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from bot.models import Destination
from bot.store.deliveries import count_by_state
from bot.store.migrate import open_store
from bot.store.sources import add_source
from bot.store.subscriptions import add_subscription
from bot.store.tables import deliveries, postings
from bot.workers.queue import install_queue_schema
from handlers.fakes.slack_api import FakeSlackApi
from tests.fakes.board_fleet import BoardFleet
from tests.fakes.http_server import async_test

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "xoxb-workers-test"
CITIES = [
    "Paris", "Berlin", "Madrid", "Milan", "London", "Amsterdam", "Lisbon", "Vienna", "Dublin", "Munich",
    "Rome", "Barcelona", "Prague", "Warsaw", "Brussels", "Zurich", "Stockholm", "Copenhagen", "Oslo",
    "Helsinki",
]  # fmt: skip
PER_SOURCE = 4  # one more than the channel's burst: the fourth card must wait for its token
CONFIG = """
[fetch]
allow_private_addresses = true
[workers]
tick_seconds = 1
deliver_budget_seconds = 10.0
deliver_linger_seconds = 1.0
heartbeat_seconds = 0.5
stalled_after_seconds = 3.0
delivery_lease_seconds = 3.0
"""


def _channel(n: int) -> Destination:
    return Destination("slack", "channel", f"C{n:02d}", "T1" if n % 2 else "T2")


def _jobs(n: int) -> list[dict]:
    city = CITIES[n]
    return [
        {
            "id": n * 100 + k,
            "title": f"{city} Intern {k}",
            "location": {"name": city},
            "absolute_url": f"https://boards.example.com/s{n}/jobs/{k}",
            "updated_at": "2026-11-01T09:00:00Z",
            "content": f"Internship in {city}.",
        }
        for k in range(PER_SOURCE)
    ]


class Fleet:
    """The worker processes, each logging to its own file."""

    def __init__(self, tmp_path: Path, env: dict[str, str]) -> None:
        self.tmp_path, self.env = tmp_path, env
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *args: str) -> None:
        log = (self.tmp_path / f"{name}.log").open("wb")
        command = [sys.executable, "-m", "bot.cli", "worker", *args]
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)

    def log(self, name: str) -> str:
        return (self.tmp_path / f"{name}.log").read_text(encoding="utf-8", errors="replace")

    def delivering(self, name: str) -> bool:
        log = self.log(name)
        return log.count("deliver started") > log.count("deliver ended")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def _until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, (
            f"timed out waiting for {what if isinstance(what, str) else what()}"
        )
        await asyncio.sleep(0.1)


@pytest.mark.postgres
@async_test
async def test_three_workers_two_schedulers_and_a_kill_deliver_every_posting_exactly_once(
    postgres_url, tmp_path
):
    started = time.monotonic()
    engine = open_store(postgres_url)  # what `jobbot migrate` does (tests/test_cli_workers.py)
    install_queue_schema(postgres_url)
    config = tmp_path / "jobbot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    async with BoardFleet(delay=0.2) as boards, FakeSlackApi(token=TOKEN, latency=0.05) as slack:
        for n, city in enumerate(CITIES):
            add_source(engine, id=f"greenhouse:s{n}", kind="greenhouse", url=boards.url(f"s{n}"))
            add_subscription(engine, owner="U_ADMIN", destination=_channel(n), query=city)
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": postgres_url,
            "JOBBOT_CONFIG": str(config),
            "JOBBOT_DATA_DIR": str(tmp_path),
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_API_URL": slack.api_url,
        }
        fleet = Fleet(tmp_path, env)
        try:
            for n in range(3):
                fleet.start(f"worker{n}", "--queues", "poll,deliver", "--concurrency", "4")
            for n in range(2):
                fleet.start(f"scheduler{n}", "--queues", "tick", "--concurrency", "2")

            def polled_once() -> bool:
                with engine.connect() as conn:
                    return conn.execute(text("SELECT count(last_ok_at) FROM sources")).scalar() == len(CITIES)

            await _until(polled_once, 30, "the first poll of every source")
            for n in range(len(CITIES)):
                boards.publish(f"s{n}", _jobs(n))
            with engine.begin() as conn:  # the poll interval passes
                conn.execute(text("UPDATE sources SET last_polled_at = last_polled_at - interval '1 hour'"))

            # Kill a worker while it serves a workspace, once cards are going out.
            await _until(lambda: len([c for c in slack.posts() if c.ts]) >= 8, 30, "the first cards")
            victim = None

            def someone_delivering() -> bool:
                nonlocal victim
                victim = next((f"worker{n}" for n in range(3) if fleet.delivering(f"worker{n}")), None)
                return victim is not None

            await _until(someone_delivering, 15, "a worker serving a workspace")
            fleet.processes[victim].send_signal(signal.SIGKILL)
            fleet.processes[victim].wait()

            expected = len(CITIES) * PER_SOURCE

            def all_sent() -> bool:
                return count_by_state(engine) == {"sent": expected}

            left = max(10.0, 75 - (time.monotonic() - started))
            await _until(all_sent, left, lambda: f"every card to be sent: {count_by_state(engine)}")
        finally:
            fleet.stop()

        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(postings)).scalar()
            matched = conn.execute(select(func.count()).select_from(deliveries)).scalar()
            rows = {row.id: row.destination_key for row in conn.execute(select(deliveries))}
        engine.dispose()
        assert stored == matched == expected  # polled and matched once each (one city, one channel)

        posts = [call for call in slack.calls if call.method == "chat.postMessage"]
        stored_posts = Counter((call.channel, call.key) for call in posts if call.ts)
        assert set(stored_posts.values()) == {1}, "a card was posted twice"
        assert set(stored_posts) == {(Destination.from_key(k).target, f"jobbot-{i}") for i, k in rows.items()}
        assert [call for call in posts if call.status == 429] == []  # per-channel pace held across workers

        assert sum(boards.overlaps.values()) == 0, f"polled concurrently: {dict(boards.overlaps)}"
        assert min(boards.fetches.values()) >= 2  # the baseline, then the round with postings
        # The kill left a job running; another process found it stalled and put it back.
        logs = "".join(fleet.log(name) for name in fleet.processes)
        assert "stalled job retried" in logs
    fetches = sum(boards.fetches.values())
    print(
        f"\nworkers end to end: {time.monotonic() - started:.1f} s, killed {victim}, {fetches} board fetches"
    )
