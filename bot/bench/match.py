"""``jobbot bench match``: how fast the subscription index matches a posting, against a linear scan.

Builds an index of N synthetic subscriptions (then a large one), matches synthetic postings, and checks
on a sample that the index and a scan of every subscription with the same predicate agree exactly.
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import sys
import time
from collections.abc import Sequence
from typing import Any

from bot.bench.synthetic import Generator, World, build_world, gazetteer_city_names
from bot.matching import SubscriptionIndex
from bot.models import Posting
from bot.query import Query, QueryError, Vocabulary, default_vocabulary, parse

TARGETS = {"p50_ms": 1.0, "p99_ms": 5.0, "large_p50_ms": 10.0, "large_peak_rss_mb": 1024.0}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the benchmark's options to ``parser`` (the ``jobbot bench match`` subcommand)."""
    parser.add_argument("--subscriptions", type=int, default=100_000, help="index size for p50/p99 (100000)")
    parser.add_argument("--large", type=int, default=1_000_000, help="second, large index size; 0 skips it")
    parser.add_argument("--postings", type=int, default=300, help="postings matched against each index (300)")
    parser.add_argument(
        "--scan-postings", type=int, default=30, help="postings also matched by linear scan to compare (30)"
    )
    parser.add_argument("--cities", type=int, default=2000, help="gazetteer cities drawn from (2000)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (7)")


def run_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """Run the benchmark with options parsed by :func:`add_arguments`."""
    return run_match_bench(
        args.subscriptions,
        args.postings,
        args.seed,
        large=args.large,
        scan_postings=args.scan_postings,
        cities=args.cities,
    )


def run_match_bench(
    subscriptions: int,
    postings: int,
    seed: int,
    *,
    large: int = 0,
    scan_postings: int = 30,
    cities: int = 2000,
    vocabulary: Vocabulary | None = None,
) -> dict[str, Any]:
    """Benchmark the index at ``subscriptions`` (and ``large``, when > 0) and return the JSON report."""
    vocab = vocabulary or default_vocabulary()
    extra = gazetteer_city_names(cities) if cities else []
    world = build_world(vocab, extra)
    report: dict[str, Any] = {
        "seed": seed,
        "postings": postings,
        "cities": len(world.cities),
        "targets": TARGETS,
    }
    report["base"] = _run_size(world, vocab, subscriptions, postings, scan_postings, seed)
    if large > 0:
        gc.collect()
        report["large"] = _run_size(world, vocab, large, postings, min(scan_postings, 10), seed)
    report["mismatches"] = sum(report[k]["mismatches"] for k in ("base", "large") if k in report)
    report["meets_targets"] = _meets_targets(report)
    return report


def _run_size(
    world: World, vocab: Vocabulary, size: int, postings: int, scan_postings: int, seed: int
) -> dict[str, Any]:
    generator = Generator(world, seed)
    rss_before = _peak_rss_mb()
    index, build_s, rejected = _build(generator, vocab, world.companies, size)
    sample = [generator.posting(n) for n in range(postings)]
    for posting in sample:  # warm the gazetteer's caches: a running bot has seen these places before
        index.view(posting)
    # As the bot does after loading subscriptions: freeze the long-lived index out of the collector's
    # full passes (a pass over a million subscriptions takes about a second). The collector stays on.
    gc.collect()
    gc.freeze()
    try:
        timings, matches = _time_index(index, sample)
        scan_times, mismatches = _compare_with_scan(index, sample[:scan_postings])
    finally:
        gc.unfreeze()
    p50 = _percentile(timings, 50)
    scan_p50 = _percentile(scan_times, 50)
    return {
        "subscriptions": len(index),
        "distinct_queries": index.distinct_queries,
        "rejected_queries": rejected,
        "build_seconds": round(build_s, 2),
        "match_ms": {
            "p50": round(p50, 4),
            "p99": round(_percentile(timings, 99), 4),
            "max": round(max(timings), 4),
            "mean": round(sum(timings) / len(timings), 4),
        },
        "matches_per_posting": round(matches / len(sample), 1),
        "scan_ms_p50": round(scan_p50, 3),
        "speedup_p50": round(scan_p50 / p50, 1) if p50 else None,
        "compared_postings": len(scan_times),
        "mismatches": mismatches,
        "peak_rss_mb_before": round(rss_before, 1),
        "peak_rss_mb": round(_peak_rss_mb(), 1),
        "gc_frozen_after_build": True,
        "index": index.stats(),
    }


def _build(
    generator: Generator, vocab: Vocabulary, companies: Sequence[str], size: int
) -> tuple[SubscriptionIndex, float, int]:
    """Index ``size`` generated subscriptions; texts seen before reuse their parsed, interned query."""
    index = SubscriptionIndex(vocab)
    parsed: dict[str, Query | None] = {}
    rejected = 0
    started = time.perf_counter()
    for sub_id, text in enumerate(generator.query_texts(size)):
        query = parsed.get(text, False)
        if query is False:
            try:
                query = parse(text, vocab, companies)
            except QueryError:
                query = None
        if query is None:
            parsed[text] = None
            rejected += 1
            continue
        index.add(sub_id, query)  # type: ignore[arg-type]
        parsed[text] = index.query_of(sub_id)  # keep the index's interned copy, not a second one
    return index, time.perf_counter() - started, rejected


def _time_index(index: SubscriptionIndex, sample: list[Posting]) -> tuple[list[float], int]:
    timings: list[float] = []
    matches = 0
    for posting in sample:
        started = time.perf_counter()
        found = index.match(posting)
        timings.append((time.perf_counter() - started) * 1000)
        matches += len(found)
    return timings, matches


def _compare_with_scan(index: SubscriptionIndex, sample: list[Posting]) -> tuple[list[float], int]:
    """Time a scan of every subscription per posting, and count postings where it disagrees with the index."""
    timings: list[float] = []
    mismatches = 0
    for posting in sample:
        started = time.perf_counter()
        scanned = index.scan(posting)
        timings.append((time.perf_counter() - started) * 1000)
        mismatches += sorted(scanned) != sorted(index.match(posting))
    return timings, mismatches


def _percentile(values: list[float], pct: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def _meets_targets(report: dict[str, Any]) -> bool:
    base = report["base"]["match_ms"]
    ok = base["p50"] <= TARGETS["p50_ms"] and base["p99"] <= TARGETS["p99_ms"] and report["mismatches"] == 0
    if "large" in report:
        large = report["large"]
        ok = ok and large["match_ms"]["p50"] <= TARGETS["large_p50_ms"]
        ok = ok and large["peak_rss_mb"] <= TARGETS["large_peak_rss_mb"]
    return ok


def main(argv: Sequence[str] | None = None) -> int:
    """Run as ``python -m bot.bench.match`` until the CLI wires ``jobbot bench match``."""
    parser = argparse.ArgumentParser(prog="jobbot bench match", description=__doc__)
    add_arguments(parser)
    print(json.dumps(run_from_args(parser.parse_args(argv)), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
