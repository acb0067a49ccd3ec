import argparse
import json

import pytest

from bot.bench import scale
from bot.bench.scale_runner import ScaleOptions, run_scale_bench


@pytest.mark.postgres
def test_the_scale_bench_polls_each_source_once_per_worker_count_and_builds_the_index(postgres_server_url):
    options = ScaleOptions(
        postgres_server_url, sources=24, workers=(1, 2), hosts=4, mean_jobs=2.0, subscriptions=300
    )
    report = run_scale_bench(options)
    assert [run["workers"] for run in report["runs"]] == [1, 2]
    assert report["postings"] >= 24
    for run in report["runs"]:
        assert run["lost"] == run["postings_missing"] == run["duplicates"] == 0, run
        assert run["overlapping_fetches"] == run["failed_polls"] == 0 and run["worker_exceptions"] == [], run
        assert run["seconds"] > 0 and run["cpu_seconds"]["workers"] > 0
        assert 1 <= run["concurrency_per_worker"] <= 10
    assert report["lost"] == report["duplicates"] == 0
    index = report["index_from_postgres"]
    assert index["subscriptions"] == index["indexed"] == 300
    assert index["peak_rss_mb"] > 0 and index["build_seconds"] >= 0
    json.dumps(report)  # what `jobbot bench scale` prints


def test_quick_runs_one_two_and_four_workers_and_a_small_index(monkeypatch):
    seen = {}
    monkeypatch.setattr(
        "bot.bench.scale_runner.run_scale_bench", lambda options: seen.setdefault("o", options)
    )
    parser = argparse.ArgumentParser()
    scale.add_arguments(parser)
    scale.run_from_args(
        parser.parse_args(["--quick", "--database-url", "postgresql+psycopg://x@127.0.0.1/db"])
    )
    quick = seen.pop("o")
    assert (quick.sources, quick.workers, quick.subscriptions) == (200, (1, 2, 4), scale.QUICK_SUBSCRIPTIONS)
    scale.run_from_args(parser.parse_args(["--database-url", "postgresql+psycopg://x@127.0.0.1/db"]))
    full = seen.pop("o")
    assert (full.sources, full.workers, full.subscriptions) == (10_000, (1, 2, 4), 1_000_000)


def test_the_scale_bench_asks_for_postgresql():
    with pytest.raises(SystemExit, match="needs PostgreSQL"):
        run_scale_bench(ScaleOptions("sqlite:///x.sqlite3"))
