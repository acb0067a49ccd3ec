"""The match benchmark, run tiny: its JSON shape and that the index and the linear scan agree."""

from __future__ import annotations

import argparse
import json

from bot.bench.match import add_arguments, run_from_args, run_match_bench
from bot.bench.synthetic import Generator, build_world
from bot.query import parse
from tests.fakes.vocabulary import FakeVocabulary

VOCAB = FakeVocabulary()


def test_tiny_bench_reports_identical_results_and_its_shape():
    report = run_match_bench(400, 40, 5, large=900, scan_postings=40, cities=0, vocabulary=VOCAB)
    json.dumps(report)  # the report is plain JSON
    assert set(report) >= {
        "seed",
        "postings",
        "cities",
        "targets",
        "base",
        "large",
        "mismatches",
        "meets_targets",
    }
    for size, name in ((400, "base"), (900, "large")):
        part = report[name]
        assert part["subscriptions"] + part["rejected_queries"] == size
        assert 0 < part["distinct_queries"] <= part["subscriptions"]
        assert set(part["match_ms"]) == {"p50", "p99", "max", "mean"}
        assert part["match_ms"]["p50"] <= part["match_ms"]["p99"] <= part["match_ms"]["max"]
        assert part["compared_postings"] > 0
        assert part["mismatches"] == 0
        assert part["matches_per_posting"] > 0
        assert part["peak_rss_mb"] > 0
    assert report["mismatches"] == 0
    assert isinstance(report["meets_targets"], bool)


def test_bench_without_a_large_run():
    report = run_match_bench(100, 5, 1, large=0, scan_postings=5, cities=0, vocabulary=VOCAB)
    assert "large" not in report
    assert report["base"]["compared_postings"] == 5


def test_same_seed_draws_the_same_world():
    world = build_world(VOCAB)
    one, two, other = Generator(world, 9), Generator(world, 9), Generator(world, 10)
    texts = [one.query_text() for _ in range(50)]
    assert texts == [two.query_text() for _ in range(50)]
    assert texts != [other.query_text() for _ in range(50)]
    assert one.posting(1) == two.posting(1)


def test_generated_queries_parse():
    world = build_world(VOCAB)
    generator = Generator(world, 3)
    for text in generator.query_texts(300):
        parse(text, VOCAB, world.companies)


def test_arguments_drive_the_run():
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(
        ["--subscriptions", "50", "--large", "0", "--postings", "3", "--scan-postings", "3"]
    )
    assert (args.subscriptions, args.large, args.postings, args.seed) == (50, 0, 3, 7)
    args.cities = 0
    report = run_from_args(args)
    assert report["base"]["subscriptions"] + report["base"]["rejected_queries"] == 50
