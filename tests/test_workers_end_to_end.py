"""Three `jobbot worker` processes and two ticking schedulers on one PostgreSQL queue, one killed mid-run.

A fleet of 20 local Greenhouse-shaped boards (each answering a little late, noting any two fetches of one
board that overlap) feeds 20 Slack channels in two workspaces through the fake Slack Web API, which
refuses (429) any post beyond 1 a second per channel after a burst of 3, and 4 Discord channels of one
server through the fake Discord (REST only: a worker opens no gateway). The boards first list nothing
(the first poll of a source announces nothing); then each publishes 4 internships in its own city and the
clock moves on, so every source is due again. Mid-delivery a worker that is serving a workspace is
SIGKILLed. In the end every posting was stored once, matched once and posted exactly once (the fakes'
records, by idempotency key), no board was fetched twice at once, no two workers ever served one
workspace at once (the workers' logs), and neither fake refused a post for pace.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime
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
from handlers.discord_notifier import referenced_key
from handlers.fakes import FakeDiscord, Seed
from tests.fakes.board_fleet import BoardFleet
from tests.fakes.http_server import async_test
from tests.fakes.slack_api import fake_slack_process, posts_by_key, read_state

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
[delivery]
slack_messages_per_second_per_channel = 0.8
[workers]
tick_seconds = 1
deliver_budget_seconds = 10.0
deliver_linger_seconds = 1.0
heartbeat_seconds = 0.5
stalled_after_seconds = 3.0
delivery_lease_seconds = 3.0
"""


DISCORD_CHANNELS = 4  # the first cities' postings go to a Discord channel each as well
DISCORD_CHANNEL_BASE = 1_300_000_000_000_009_000


def _channel(n: int) -> Destination:
    return Destination("slack", "channel", f"C{n:02d}", "T1" if n % 2 else "T2")


def _discord_channel(n: int) -> Destination:
    return Destination("discord", "channel", str(DISCORD_CHANNEL_BASE + n), str(Seed.GUILD_ID))


def _discord_posts(discord: FakeDiscord) -> Counter[tuple[str, str]]:
    """Messages per (channel, idempotency key), the key read from the card's footer."""
    posted: Counter[tuple[str, str]] = Counter()
    for n in range(DISCORD_CHANNELS):
        channel = DISCORD_CHANNEL_BASE + n
        for message in discord.messages_in(channel):
            footer = (message.get("embeds") or [{}])[-1].get("footer", {}).get("text", "")
            posted[(str(channel), referenced_key(footer) or "?")] += 1
    return posted


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


_JOB_LINE = re.compile(r"^(\S+ \S+) INFO bot\.workers\.tasks: deliver (started|ended) group='([^']+)'", re.M)


def _overlapping_deliver_jobs(fleet: Fleet, killed_at: tuple[str, float]) -> list[tuple[str, float, float]]:
    """Deliver jobs of one group whose runs overlapped in time, from the workers' logs (none expected)."""
    runs: dict[str, list[tuple[float, float]]] = {}
    for name in fleet.processes:
        open_runs: dict[str, float] = {}
        for stamp, what, group in _JOB_LINE.findall(fleet.log(name)):
            at = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S,%f").timestamp()
            if what == "started":
                open_runs[group] = at
            else:
                runs.setdefault(group, []).append((open_runs.pop(group), at))
        for group, start in open_runs.items():  # the killed worker's job ended with it
            assert name == killed_at[0], f"{name} never ended its deliver job of {group}"
            runs.setdefault(group, []).append((start, killed_at[1]))
    overlaps = []
    for group, spans in runs.items():
        spans.sort()
        overlaps += [(group, a[1], b[0]) for a, b in itertools.pairwise(spans) if b[0] < a[1]]
    return overlaps


def _over_pace(posts: list[dict], *, per_second: float, burst: int, jitter: float) -> list[tuple[str, int]]:
    """(channel, posts) for each stretch of a channel's posts that came faster than the pace allows.

    Any ``n`` posts must span at least ``(n - burst) / per_second`` seconds, less ``jitter``.
    """
    times: dict[str, list[float]] = {}
    for call in posts:
        times.setdefault(call["channel"], []).append(call["at"])
    found = []
    for channel, moments in times.items():
        moments.sort()
        for i, first in enumerate(moments):
            for n, last in enumerate(moments[i:], start=1):
                if n > burst and last - first < (n - burst) / per_second - jitter:
                    found.append((channel, n))
    return found


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
    slack_journal = tmp_path / "slack-calls.jsonl"
    # The fake Slack runs in its own process: this test's event loop (boards, fake Discord, database
    # checks) would otherwise hold requests back and hand them to the fake in bunches, which it refuses.
    with fake_slack_process(slack_journal, token=TOKEN, latency=0.05) as slack_api_url:
        await _run_fleet(postgres_url, tmp_path, slack_api_url, slack_journal, started)


async def _run_fleet(postgres_url, tmp_path, slack_api_url, slack_journal, started):
    engine = open_store(postgres_url)  # what `jobbot migrate` does (tests/test_cli_workers.py)
    install_queue_schema(postgres_url)
    config = tmp_path / "jobbot.toml"
    config.write_text(CONFIG, encoding="utf-8")
    async with BoardFleet(delay=0.2) as boards, FakeDiscord(latency=0.05) as discord:
        for n, city in enumerate(CITIES):
            add_source(engine, id=f"greenhouse:s{n}", kind="greenhouse", url=boards.url(f"s{n}"))
            add_subscription(engine, owner="U_ADMIN", destination=_channel(n), query=city)
        for n in range(DISCORD_CHANNELS):
            discord.state.add_channel(Seed.GUILD_ID, DISCORD_CHANNEL_BASE + n, f"jobs-{n}")
            add_subscription(engine, owner="alice", destination=_discord_channel(n), query=CITIES[n])
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": postgres_url,
            "JOBBOT_CONFIG": str(config),
            "JOBBOT_DATA_DIR": str(tmp_path),
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_API_URL": slack_api_url,
            "DISCORD_TOKEN": discord.token,
            "DISCORD_API_URL": discord.api_base,
            "DISCORD_GATEWAY_URL": discord.gateway_url,
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

            await _until(polled_once, 60, "the first poll of every source")
            for n in range(len(CITIES)):
                boards.publish(f"s{n}", _jobs(n))
            with engine.begin() as conn:  # the poll interval passes
                conn.execute(text("UPDATE sources SET last_polled_at = last_polled_at - interval '1 hour'"))

            # Kill a worker while it serves a workspace, once cards are going out.
            await _until(lambda: sum(posts_by_key(slack_journal).values()) >= 8, 30, "the first cards")
            victim = None

            def someone_delivering() -> bool:
                nonlocal victim
                victim = next((f"worker{n}" for n in range(3) if fleet.delivering(f"worker{n}")), None)
                return victim is not None

            await _until(someone_delivering, 15, "a worker serving a workspace")
            fleet.processes[victim].send_signal(signal.SIGKILL)
            fleet.processes[victim].wait()
            killed_at = (victim, time.time())

            expected = (len(CITIES) + DISCORD_CHANNELS) * PER_SOURCE

            def all_sent() -> bool:
                return count_by_state(engine) == {"sent": expected}

            left = max(20.0, 100 - (time.monotonic() - started))
            await _until(all_sent, left, lambda: f"every card to be sent: {count_by_state(engine)}")
        finally:
            fleet.stop()

        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(postings)).scalar()
            matched = conn.execute(select(func.count()).select_from(deliveries)).scalar()
            rows = {row.id: row.destination_key for row in conn.execute(select(deliveries))}
        engine.dispose()
        assert stored == len(CITIES) * PER_SOURCE  # polled once each
        assert matched == expected  # matched once each: a Slack channel, and for four cities a Discord one

        posts = [call for call in read_state(slack_journal) if call["method"] == "chat.postMessage"]
        stored_posts = posts_by_key(slack_journal)
        assert set(stored_posts.values()) == {1}, "a card was posted twice"
        on_slack = {i: k for i, k in rows.items() if k.startswith("slack:")}
        assert set(stored_posts) == {
            (Destination.from_key(k).target, f"jobbot-{i}") for i, k in on_slack.items()
        }
        # Per-channel pace held across workers: one worker at a time served a workspace, and no channel
        # got posts faster than its pace (0.8/s after a burst of 3), give or take the delay between taking
        # a token and the post reaching the fake on this busy machine. Two workers pacing one channel
        # each on its own would post 6 in a second, twice the burst.
        assert _overlapping_deliver_jobs(fleet, killed_at) == []
        assert _over_pace(posts, per_second=0.8, burst=3, jitter=0.5) == []
        refused = [call for call in posts if call["status"] == 429]
        assert len(refused) <= len(CITIES) // 4, refused  # rare, each retried into one post (above)

        discord_posts = _discord_posts(discord)
        assert set(discord_posts.values()) == {1}, "a Discord card was posted twice"
        on_discord = {i: k for i, k in rows.items() if k.startswith("discord:")}
        assert set(discord_posts) == {
            (Destination.from_key(k).target, f"jobbot-{i}") for i, k in on_discord.items()
        }
        assert discord.invalid_requests == 0  # no 429 (route or global), no 401/403
        assert discord.gateway.identifies == 0  # workers send over REST only: no gateway connection

        assert sum(boards.overlaps.values()) == 0, f"polled concurrently: {dict(boards.overlaps)}"
        assert min(boards.fetches.values()) >= 2  # the baseline, then the round with postings
        # The kill left a job running; another process found it stalled and put it back.
        logs = "".join(fleet.log(name) for name in fleet.processes)
        assert "stalled job retried" in logs
    fetches = sum(boards.fetches.values())
    print(
        f"\nworkers end to end: {time.monotonic() - started:.1f} s, killed {victim}, {fetches} board fetches"
    )
