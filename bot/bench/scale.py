"""``jobbot bench scale``: one polling round through the worker queue with 1, 2 and 4 workers, and the index.

The options and the entry point; the runner (``bot.bench.scale_runner``) loads only when the bench runs.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import replace
from typing import Any

QUICK_SUBSCRIPTIONS = 20_000


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench scale`` subcommand)."""
    parser.add_argument("--sources", type=int, default=10_000, help="boards in the fleet (10000)")
    parser.add_argument("--workers", default="1,2,4", help="worker counts to run the round with (1,2,4)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=10,
        help="jobs at once per worker (10; lowered when the server's max_connections cannot hold it)",
    )
    parser.add_argument("--hosts", type=int, default=200, help="loopback hosts the boards are spread over")
    parser.add_argument("--mean-jobs", type=float, default=3.0, help="mean postings per board (3)")
    parser.add_argument(
        "--subscriptions",
        type=int,
        default=None,
        help="subscriptions the worker index is built from, COPYed into PostgreSQL (1000000; 0 skips it)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="200 sources of one posting, 1, 2 and 4 workers, 20000 subscriptions: under a minute",
    )
    parser.add_argument(
        "--database-url", help="a PostgreSQL server to run on (default: DATABASE_URL); a schema per run"
    )


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark with options parsed by :func:`add_arguments`."""
    from bot.bench.scale_runner import ScaleOptions, run_scale_bench

    database_url = args.database_url or os.environ.get("DATABASE_URL") or ""
    options = ScaleOptions(
        database_url=database_url,
        sources=args.sources,
        workers=_counts(args.workers),
        concurrency=args.concurrency,
        hosts=args.hosts,
        mean_jobs=args.mean_jobs,
        subscriptions=1_000_000 if args.subscriptions is None else args.subscriptions,
    )
    if args.quick:
        subscriptions = QUICK_SUBSCRIPTIONS if args.subscriptions is None else args.subscriptions
        options = replace(options, sources=200, workers=(1, 2, 4), mean_jobs=1.0, subscriptions=subscriptions)
    return run_scale_bench(options)


def _counts(text: str) -> tuple[int, ...]:
    counts = tuple(int(part) for part in text.split(",") if part.strip())
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"--workers wants counts like 1,2,4, not {text!r}")
    return counts
