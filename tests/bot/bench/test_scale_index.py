import argparse
import json

import pytest

from bot.bench import scale_index


@pytest.mark.postgres
def test_the_index_bench_fills_postgresql_and_builds_every_subscription(postgres_server_url):
    report = scale_index.run_index_bench(300, postgres_server_url, cities=0)
    assert report["subscriptions"] == report["indexed"] == report["index"]["subscriptions"] == 300
    assert 0 < report["index"]["distinct_queries"] <= 300
    assert report["parsed_forms_stored"] is True
    assert report["build_seconds"] >= 0 and report["fill_seconds"] > 0
    assert report["peak_rss_mb"] >= report["rss_mb_after_build"] > 0
    assert report["refresh_applied"] == 1  # the one subscription added after the build
    json.dumps(report)  # what `jobbot bench index` prints


@pytest.mark.postgres
def test_without_stored_forms_the_build_parses_and_indexes_the_same(postgres_server_url):
    stored = scale_index.run_index_bench(200, postgres_server_url, cities=0, seed=3)
    parsed = scale_index.run_index_bench(200, postgres_server_url, cities=0, seed=3, parsed=False)
    assert parsed["parsed_forms_stored"] is False
    assert parsed["index"] == stored["index"]


def test_the_index_bench_asks_for_postgresql(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    parser = argparse.ArgumentParser()
    scale_index.add_arguments(parser)
    for argv in ([], ["--database-url", "sqlite:///x.sqlite3"]):
        with pytest.raises(SystemExit, match="needs a PostgreSQL server"):
            scale_index.run_from_args(parser.parse_args(argv))
