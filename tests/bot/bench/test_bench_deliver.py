import argparse
from collections import Counter

from bot.bench.deliver import BenchConfig, PlatformSeen, add_arguments, config_from_args
from bot.bench.deliver_runner import _Run, measure, plan_fan_out


def test_defaults_are_the_real_size():
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    config = config_from_args(parser.parse_args([]))
    assert (config.matches, config.channels, config.dms) == (10_000, 200, 500)
    assert (config.rate_per_second, config.burst, config.pace) == (1.0, 3, 1.0)
    small = config_from_args(parser.parse_args(["--matches", "50", "--channels", "2", "--dms", "3"]))
    assert (small.matches, small.channels, small.dms) == (50, 2, 3)


def test_fan_out_spreads_distinct_matches_evenly_and_repeatably():
    config = BenchConfig(matches=1000, channels=20, dms=50, postings=100, seed=3)
    plan = plan_fan_out(config)
    assert len(plan) == len(set(plan)) == 1000
    per_destination = Counter(destination for destination, _ in plan)
    channels = [n for d, n in per_destination.items() if d.kind == "channel"]
    dms = [n for d, n in per_destination.items() if d.kind == "dm"]
    assert (len(channels), sum(channels), set(channels)) == (20, 500, {25})
    assert (len(dms), sum(dms), set(dms)) == (50, 500, {10})
    assert plan_fan_out(config) == plan


def run_of(posts, *, started=100.0, requests=None, rate_limited=0):
    seen = PlatformSeen(tuple(posts), requests or len(posts), rate_limited)
    return _Run({"sent": len(posts)}, seen, started, started + 10, False)


def test_a_dispatcher_pacing_exactly_at_the_limit_scores_one():
    config = BenchConfig(burst=2, rate_per_second=1.0)
    rows = {n: "slack:T:channel:C1" for n in range(1, 6)} | {n: "slack:T:dm:U1" for n in range(6, 8)}
    # C1: two at once (the burst), then one a second; U1: its two at once.
    posts = [("jobbot-1", 100.0), ("jobbot-2", 100.0), ("jobbot-3", 101.0), ("jobbot-4", 102.0)]
    posts += [("jobbot-5", 103.0), ("jobbot-6", 100.0), ("jobbot-7", 100.0)]
    report = measure(config, rows, 99.0, run_of(posts))
    assert report["rate_fraction"] == 1.0
    assert (report["lost"], report["duplicates"]) == (0, 0)
    assert report["excess_latency_s"]["max"] == 0.0
    assert report["latency_s"] == {"p50": 1.0, "p99": 4.0, "max": 4.0}
    assert report["ideal_seconds"] == 3.0


def test_slow_pacing_lost_and_duplicate_cards_and_429s_are_counted():
    config = BenchConfig(burst=1, rate_per_second=1.0)
    rows = {
        1: "slack:T:channel:C1",
        2: "slack:T:channel:C1",
        3: "slack:T:channel:C1",
        4: "slack:T:channel:C2",
    }
    posts = [("jobbot-1", 100.0), ("jobbot-2", 102.0), ("jobbot-3", 104.0), ("jobbot-3", 104.5)]
    report = measure(config, rows, 100.0, run_of(posts, requests=200, rate_limited=3))
    assert report["rate_fraction"] == 0.5  # two cards after the burst took four seconds, not two
    assert (report["lost"], report["duplicates"], report["posted"]) == (1, 1, 4)
    assert (report["rate_limited"], report["rate_limited_share"]) == (3, 0.015)
    assert report["meets_targets"] is False


def test_discord_takes_its_own_burst_and_quick_shrinks_the_fan_out():
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    discord = config_from_args(parser.parse_args(["--platform", "discord"]))
    assert (discord.platform, discord.burst, discord.global_per_second) == ("discord", 5, 50.0)
    quick = config_from_args(parser.parse_args(["--platform", "discord", "--quick"]))
    assert (quick.matches, quick.channels, quick.dms) == (600, 20, 40)


def test_a_platform_naming_its_limits_is_measured_against_the_one_that_binds():
    config = BenchConfig(burst=5, rate_per_second=1.0)
    rows = {n: f"discord:G:channel:{n}" for n in range(1, 5)}
    posts = [(f"jobbot-{n}", 100.0 + n) for n in range(1, 5)]
    seen = PlatformSeen(tuple(posts), 10, 2, {"global": 1, "user": 1}, 1, {"global": 2.0, "dm.open": 3.0})
    report = measure(config, rows, 100.0, _Run({"sent": 4}, seen, 100.0, 105.0, False))
    assert (report["binding_limit"], report["ideal_seconds"], report["rate_fraction"]) == (
        "dm.open",
        3.0,
        0.75,
    )
    assert report["rate_limited_by_scope"] == {"global": 1, "user": 1}
    assert (report["invalid_requests"], report["invalid_share"]) == (1, 0.1)
    assert report["meets_targets"] is False  # 0.75 of the binding limit, and 10 % invalid
