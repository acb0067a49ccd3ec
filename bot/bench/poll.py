"""``jobbot bench poll``: one polling round of a thousand sources, timed, against a real SQLite store.

The options and the entry point; the fleet and the runner (``bot.bench.fleet``, ``bot.bench.poll_runner``)
load only when the bench runs, so building the ``jobbot`` parser stays cheap.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DEFAULT_CONCURRENCY = 50  # as bot.sources.rounds


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench poll`` subcommand)."""
    parser.add_argument("--sources", type=int, default=1000, help="boards in the fleet (1000)")
    parser.add_argument("--hosts", type=int, default=50, help="loopback hosts they are spread over (50)")
    parser.add_argument("--mean-jobs", type=float, default=15.0, help="mean postings per board (15)")
    parser.add_argument(
        "--changed", type=float, default=0.08, help="share of boards with new postings (0.08)"
    )
    parser.add_argument(
        "--no-validators", type=float, default=0.10, help="share answering 200 without ETag every time (0.10)"
    )
    parser.add_argument(
        "--slow", type=float, default=0.02, help="share answering after --slow-seconds (0.02)"
    )
    parser.add_argument("--slow-seconds", type=float, default=1.5, help="how slow a slow board is (1.5)")
    parser.add_argument("--errors", type=float, default=0.01, help="share answering 500/502/503 (0.01)")
    parser.add_argument("--malformed", type=float, default=0.01, help="share sending a broken body (0.01)")
    parser.add_argument("--timeouts", type=float, default=0.005, help="share never answering (0.005)")
    parser.add_argument("--timeout", type=float, default=30.0, help="fetch timeout per request, s (30)")
    parser.add_argument(
        "--concurrency", type=int, default=DEFAULT_CONCURRENCY, help="sources polled at a time (50)"
    )
    parser.add_argument("--per-host", type=int, default=2, help="requests in flight per host (2)")
    parser.add_argument(
        "--host-gap", type=float, default=0.25, help="seconds between requests to a host (0.25)"
    )
    parser.add_argument("--seed", type=int, default=7, help="random seed of the fleet (7)")
    parser.add_argument(
        "--fleet-in-process",
        action="store_true",
        help="serve the fleet from the poller's own event loop instead of a child process (slower, counted)",
    )
    parser.add_argument(
        "--data-dir", help="keep the bench database in this folder instead of a temporary one"
    )


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark with options parsed by :func:`add_arguments`."""
    from bot.bench.fleet import FleetMix, FleetSpec
    from bot.bench.poll_runner import BenchOptions, run_poll_bench

    mix = FleetMix(
        no_validators=args.no_validators,
        changed=args.changed,
        slow=args.slow,
        server_error=args.errors,
        malformed=args.malformed,
        timeout=args.timeouts,
    )
    spec = FleetSpec(
        sources=args.sources,
        hosts=args.hosts,
        seed=args.seed,
        mean_jobs=args.mean_jobs,
        mix=mix,
        slow_seconds=args.slow_seconds,
    )
    options = BenchOptions(
        spec=spec,
        concurrency=args.concurrency,
        per_host_concurrency=args.per_host,
        min_host_gap=args.host_gap,
        timeout=args.timeout,
        fleet_in_process=args.fleet_in_process,
        data_dir=Path(args.data_dir) if args.data_dir else None,
    )
    return run_poll_bench(options)


def main(argv: Sequence[str] | None = None) -> int:
    """Run as ``python -m bot.bench.poll``."""
    parser = argparse.ArgumentParser(prog="jobbot bench poll", description=__doc__)
    add_arguments(parser)
    print(json.dumps(run_from_args(parser.parse_args(argv)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
