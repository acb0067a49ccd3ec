"""``jobbot bench deliver``: a fan-out of matches drained by the real dispatcher against a platform's limits.

Queues 10,000 matches for 200 channels and 500 DMs in a SQLite outbox, runs the Dispatcher until every row
is settled, and reports what the *platform* saw: the achieved rate as a fraction of the limit that bound
the run, cards lost, cards posted twice, 429 answers (and, where the platform counts them, invalid
requests), and latency from match to post.

The core is platform-free (``bot`` never imports an adapter): the platform comes in as a
:data:`PlatformFactory` — ``handlers.slack_bench`` starts the fake Slack Web API with Slack's limits and
hands over a ``SlackNotifier`` pointed at it, ``handlers.discord_bench`` the fake Discord and a
``DiscordNotifier`` on discord.py's own HTTP client.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.delivery.limits import Rate
from bot.delivery.notifier import Notifier
from bot.models import Destination

TARGETS = {
    "rate_fraction": 0.9,
    "lost": 0,
    "duplicates": 0,
    "rate_limited_share": 0.01,
    "invalid_share": 0.01,
}
PLATFORMS = ("slack", "discord")
DEFAULT_BURST = {"slack": 3, "discord": 5}  # Discord: 5 messages per 5 s per channel
DEFAULT_TIMEOUT = {"slack": 600.0, "discord": 1200.0}  # Discord opens 500 DM channels at about one a second


@dataclass(frozen=True, slots=True)
class BenchConfig:
    """The fan-out and the platform's limits."""

    matches: int = 10_000
    channels: int = 200
    dms: int = 500
    channel_share: float = 0.5  # of the matches, the share that go to channels (the rest to DMs)
    postings: int = 1_000
    rate_per_second: float = 1.0  # the platform's limit per conversation
    burst: int = 3
    pace: float = 1.0  # the dispatcher's rate as a fraction of the platform's limit (1 = as configured)
    latency: float = 0.05  # seconds the platform takes to answer a call
    digest_bursts: bool = False  # let the dispatcher collapse a backlog into digests (off: one card each)
    timeout: float = 600.0
    seed: int = 7
    data_dir: Path | None = None
    platform: str = "slack"
    global_per_second: float = 50.0  # requests a second per bot, where the platform has such a limit


@dataclass(frozen=True, slots=True)
class PlatformSeen:
    """What the platform itself recorded during the run."""

    posts: tuple[tuple[str, float], ...]  # (idempotency key, wall-clock time.time()) per stored message
    requests: int
    rate_limited: int  # HTTP 429 answers
    rate_limited_by_scope: Mapping[str, int] = field(default_factory=dict)
    invalid: int | None = None  # requests the platform counts against a ban (Discord), if it does
    # The least time each of the platform's limits allows for what was sent, by limit: the largest binds.
    # Empty: only the per-conversation limit counts, and the rate is measured per destination.
    bounds: Mapping[str, float] = field(default_factory=dict)


class BenchPlatform(Protocol):
    """A platform to deliver to: the notifier the dispatcher uses, and the platform's own record."""

    platform: str  # "slack", …: the destinations' platform
    notifier: Notifier
    per_destination: Rate  # the dispatcher's pacing per conversation
    per_bot: Rate | None  # and for the whole bot, where the platform limits that

    def destination(self, kind: str, n: int) -> Destination:
        """The ``n``-th (from 0) channel or DM ("channel", "dm") the fan-out goes to."""
        ...

    def seen(self) -> PlatformSeen:
        """Everything the platform recorded so far."""
        ...


WORKSPACE = "TBENCH"


def numbered(kind: str, n: int) -> Destination:
    """The ``n``-th channel or DM of a fan-out when the platform does not name them (Slack-like ids)."""
    target = f"C{n:06d}" if kind == "channel" else f"U{n:06d}"
    return Destination("slack", kind, target, WORKSPACE)


QUICK = BenchConfig(matches=600, channels=20, dms=40)

PlatformFactory = Callable[[BenchConfig], AbstractAsyncContextManager[BenchPlatform]]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench deliver`` subcommand)."""
    defaults = BenchConfig()
    parser.add_argument(
        "--platform", choices=PLATFORMS, default=defaults.platform, help="the fake to deliver to (slack)"
    )
    parser.add_argument("--matches", type=int, default=defaults.matches, help="outbox rows (10000)")
    parser.add_argument("--channels", type=int, default=defaults.channels, help="channels (200)")
    parser.add_argument("--dms", type=int, default=defaults.dms, help="people with DM subscriptions (500)")
    parser.add_argument(
        "--channel-share",
        type=float,
        default=defaults.channel_share,
        help="share of matches to channels (0.5)",
    )
    parser.add_argument("--postings", type=int, default=defaults.postings, help="distinct postings (1000)")
    parser.add_argument(
        "--rate", type=float, default=defaults.rate_per_second, help="limit, msg/s per channel (1)"
    )
    parser.add_argument("--burst", type=int, default=None, help="burst per channel (Slack 3, Discord 5)")
    parser.add_argument(
        "--global-rate",
        type=float,
        default=defaults.global_per_second,
        help="Discord: requests/s per bot (50)",
    )
    parser.add_argument("--quick", action="store_true", help="a small fan-out (600 cards) to try it out")
    parser.add_argument(
        "--pace", type=float, default=defaults.pace, help="dispatcher rate as a fraction of the limit (1)"
    )
    parser.add_argument(
        "--latency", type=float, default=defaults.latency, help="platform answer delay, s (0.05)"
    )
    parser.add_argument(
        "--digest-bursts",
        action="store_true",
        help="let a backlog collapse into digests (default: one card each)",
    )
    parser.add_argument(
        "--timeout", type=float, default=None, help="give up after, s (Slack 600, Discord 1200)"
    )
    parser.add_argument("--seed", type=int, default=defaults.seed, help="random seed (7)")
    parser.add_argument(
        "--data-dir", help="keep the bench database in this folder instead of a temporary one"
    )


def config_from_args(args: argparse.Namespace) -> BenchConfig:
    """The bench configuration for options parsed by :func:`add_arguments`."""
    small = getattr(args, "quick", False)
    platform = getattr(args, "platform", "slack")
    burst = args.burst if args.burst is not None else DEFAULT_BURST[platform]
    return BenchConfig(
        matches=min(args.matches, QUICK.matches) if small else args.matches,
        channels=min(args.channels, QUICK.channels) if small else args.channels,
        dms=min(args.dms, QUICK.dms) if small else args.dms,
        channel_share=args.channel_share,
        postings=args.postings,
        rate_per_second=args.rate,
        burst=burst,
        pace=args.pace,
        latency=args.latency,
        digest_bursts=args.digest_bursts,
        timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT[platform],
        seed=args.seed,
        data_dir=Path(args.data_dir) if args.data_dir else None,
        platform=platform,
        global_per_second=getattr(args, "global_rate", BenchConfig().global_per_second),
    )


def run_from_args(args: argparse.Namespace, platform: PlatformFactory) -> dict[str, Any]:
    """Run the benchmark against ``platform`` with options parsed by :func:`add_arguments`."""
    from bot.bench.deliver_runner import run_deliver_bench  # the store and dispatcher load only to run

    return run_deliver_bench(config_from_args(args), platform)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse ``jobbot bench deliver`` options (for a platform's own entry point)."""
    parser = argparse.ArgumentParser(prog="jobbot bench deliver", description=__doc__)
    add_arguments(parser)
    return parser.parse_args(argv)
