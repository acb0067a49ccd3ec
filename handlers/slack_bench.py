"""`jobbot bench deliver` for Slack: the fake Slack Web API in its own process, and a SlackNotifier to it.

``bot.bench.deliver`` holds the platform-free bench; this module is its Slack platform. The fake runs in a
child process so its work is not counted against the dispatcher's event loop, and it records every call
in a JSON-lines file that the report is read from. Run it with ``python -m handlers.slack_bench``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

from bot.bench import deliver
from bot.bench.deliver import BenchConfig, BenchPlatform, PlatformSeen, numbered
from bot.delivery.limits import Rate
from bot.models import Destination
from handlers.fakes.slack_api import read_state
from handlers.slack_notifier import SlackNotifier, make_client

TOKEN = "xoxb-bench"  # noqa: S105 - valid only against the bench's own fake


class _FakeSlack:
    """The bench's view of the fake: the notifier to it, and what its call log says."""

    platform = "slack"

    def __init__(self, notifier: SlackNotifier, state_file: Path, config: BenchConfig) -> None:
        self.notifier = notifier
        self._state_file = state_file
        self.per_destination = Rate(config.rate_per_second, burst=config.burst)
        self.per_bot: Rate | None = None  # Slack limits each method per workspace, not the bot as a whole

    def destination(self, kind: str, n: int) -> Destination:
        """The ``n``-th channel or DM (the fake Slack takes any id)."""
        return numbered(kind, n)

    def seen(self) -> PlatformSeen:
        """Posts, requests and 429s from the fake's call log."""
        records = [r for r in read_state(self._state_file) if r["method"] != "response_url"]
        posts = tuple(
            (r["key"], r["at"]) for r in records if r["method"] == "chat.postMessage" and r.get("ts")
        )
        return PlatformSeen(posts, len(records), sum(r["status"] == 429 for r in records))


@asynccontextmanager
async def slack_platform(config: BenchConfig) -> AsyncIterator[BenchPlatform]:
    """Start the fake Slack with ``config``'s limits in a child process; yield the bench's view of it."""
    with tempfile.TemporaryDirectory(prefix="jobbot-fake-slack-") as folder:
        state = Path(folder) / "calls.jsonl"
        command = [sys.executable, "-m", "handlers.fakes.slack_api", "--port", "0", "--state", str(state),
                   "--token", TOKEN, "--rate", str(config.rate_per_second), "--burst", str(config.burst),
                   "--latency", str(config.latency)]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)  # noqa: S603 - our own module
        try:
            url = process.stdout.readline().strip() if process.stdout else ""
            if not url.startswith("http://127.0.0.1:"):
                raise RuntimeError("the fake Slack Web API did not start")
            connector = aiohttp.TCPConnector(limit=256)
            async with aiohttp.ClientSession(connector=connector) as session:
                notifier = SlackNotifier(make_client(TOKEN, url, session=session))
                yield _FakeSlack(notifier, state, config)
        finally:
            process.terminate()
            process.wait(timeout=10)


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """`jobbot bench deliver` against the fake Slack (options from ``bot.bench.deliver.add_arguments``)."""
    return deliver.run_from_args(args, slack_platform)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench and print its JSON report."""
    print(json.dumps(run_from_args(deliver.parse(argv)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
