"""`jobbot bench deliver --platform discord`: the fake Discord in its own process, a DiscordNotifier to it.

``bot.bench.deliver`` holds the platform-free bench; this module is its Discord platform. The fake runs in
a child process with Discord's limits (5 messages per 5 s per channel, 50 requests a second per bot, DM
channels opened at the fake's default pace) and writes every request and new message to a journal the
report is read from. The notifier is the real one on discord.py's own ``HTTPClient``.

What bounds a Discord fan-out is whichever limit needs longest for what was sent: the global 50 requests a
second (every card, every DM channel opened, every channel looked up), a channel's 5 messages per 5 s, or
opening the DM channels. The report names it and gives the achieved rate as a fraction of it.
Run it with ``python -m handlers.discord_bench`` (the same options as ``jobbot bench deliver``).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
from discord.gateway import DiscordWebSocket
from discord.http import HTTPClient, Route

from bot.bench import deliver
from bot.bench.deliver import BenchConfig, BenchPlatform, PlatformSeen
from bot.delivery.limits import Rate
from bot.models import Destination
from handlers.discord_attach import point_discord_py_at
from handlers.discord_notifier import DiscordNotifier, referenced_key
from handlers.fakes.discord_journal import read_journal
from handlers.fakes.discord_limits import Limit, Limits
from handlers.fakes.discord_process import fake_discord_process
from handlers.fakes.discord_seed import Seed, audience_channel_id, audience_user_id

TOKEN = "bench-bot-token.jobbot.0000"  # noqa: S105 - valid only against the bench's own fake
DM_OPEN = "dm.open"


class _FakeDiscord:
    """The bench's view of the fake: the notifier to it, its limits, and what its journal says."""

    platform = "discord"

    def __init__(self, notifier: DiscordNotifier, journal: Path, limits: Limits, config: BenchConfig) -> None:
        self.notifier = notifier
        self._journal = journal
        self._limits = limits
        self._channels = config.channels
        self.per_destination = Rate(config.rate_per_second, burst=config.burst)
        self.per_bot: Rate | None = None  # the notifier paces every request itself (``RequestPacer``)

    def destination(self, kind: str, n: int) -> Destination:
        """The fake's ``n``-th audience channel, or DM with its ``n``-th audience member."""
        target = audience_channel_id(n) if kind == "channel" else audience_user_id(n)
        return Destination("discord", kind, str(target), str(Seed.GUILD_ID))

    def seen(self) -> PlatformSeen:
        """Posts (by footer ref), requests, 429s by scope and invalid requests from the fake's journal."""
        lines = read_journal(self._journal)
        calls = [line for line in lines if "call" in line]
        messages = [line for line in lines if "message" in line]
        posts = tuple(
            (key, line["at"]) for line in messages if (key := referenced_key(line["footer"])) is not None
        )
        limited = Counter(str(line["scope"]) for line in calls if line["status"] == 429)
        return PlatformSeen(
            posts,
            len(calls),
            sum(limited.values()),
            rate_limited_by_scope=dict(limited),
            invalid=sum(bool(line["invalid"]) for line in calls),
            bounds=self._bounds(calls, messages),
        )

    def _bounds(self, calls: list[dict[str, Any]], messages: list[dict[str, Any]]) -> dict[str, float]:
        """The least time each limit allows for what the fake did (windows start full, as Discord's do)."""
        through = sum(1 for line in calls if not (line["status"] == 429 and line["scope"] == "global"))
        per_channel = Counter(str(line["channel_id"]) for line in messages)
        dms = set(per_channel) - {str(audience_channel_id(n)) for n in range(self._channels)}
        create = self._limits.buckets["messages.create"]
        return {
            "global": _windows(through, Limit(self._limits.global_per_second, 1.0)),
            "per_channel": max((_windows(n, create) for n in per_channel.values()), default=0.0),
            DM_OPEN: _dm_bound([per_channel[dm] for dm in dms], self._limits.buckets[DM_OPEN], create),
        }


def _windows(count: int, limit: Limit) -> float:
    """Seconds ``count`` requests need under ``limit`` (the first window's at once)."""
    return max(0, math.ceil(count / limit.requests) - 1) * limit.per


def _dm_bound(cards: list[int], opening: Limit, create: Limit) -> float:
    """Seconds to open every DM channel and post its cards, busiest DMs opened first."""
    ordered = sorted(cards, reverse=True)
    return max(
        ((k // opening.requests) * opening.per + _windows(n, create) for k, n in enumerate(ordered)),
        default=0.0,
    )


def fake_limits(config: BenchConfig) -> Limits:
    """Discord's limits on the fake, with the per-channel message limit and the global one from ``config``."""
    limits = Limits()
    limits.buckets["messages.create"] = Limit(config.burst, config.burst / config.rate_per_second)
    return replace(limits, global_per_second=round(config.global_per_second))


@asynccontextmanager
async def discord_platform(config: BenchConfig) -> AsyncIterator[BenchPlatform]:
    """Start the fake Discord with ``config``'s limits in a child process; yield the bench's view of it."""
    limits = fake_limits(config)
    create = limits.buckets["messages.create"]
    with tempfile.TemporaryDirectory(prefix="jobbot-fake-discord-") as folder:
        journal = Path(folder) / "journal.jsonl"
        options = ["--token", TOKEN, "--channels", str(config.channels), "--users", str(config.dms),
                   "--journal", str(journal), "--latency", str(config.latency),
                   "--global", str(limits.global_per_second),
                   "--limit", f"messages.create={create.requests}/{create.per}"]  # fmt: skip
        old = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
        with fake_discord_process(options) as fake:
            point_discord_py_at(fake["api_base"], fake["gateway_url"])
            http = HTTPClient(discord.utils.MISSING)
            try:
                await http.static_login(TOKEN)
                notifier = DiscordNotifier(http, requests_per_second=config.global_per_second)
                yield _FakeDiscord(notifier, journal, limits, config)
            finally:
                await http.close()
                Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """`jobbot bench deliver --platform discord` (options from ``bot.bench.deliver.add_arguments``)."""
    return deliver.run_from_args(args, discord_platform)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench against the fake Discord and print its JSON report."""
    args = deliver.parse(argv)
    args.platform = "discord"
    print(json.dumps(run_from_args(args), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
