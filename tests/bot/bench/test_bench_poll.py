"""The polling benchmark, run tiny: its JSON shape, and that failures are counted and reported right."""

import argparse
import json
import os

import pytest

from bot.bench.poll import add_arguments, run_from_args

TINY = ["--sources", "20", "--hosts", "3", "--mean-jobs", "4", "--timeout", "1", "--slow-seconds", "0.2"]


def bench(*extra):
    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run_from_args(parser.parse_args([*TINY, *extra]))


def check_report(report):
    assert json.loads(json.dumps(report)) == report  # plain JSON
    assert report["sources"] == 20 and report["hosts"] == 3
    assert report["seconds"] > 0 and report["sources_per_second"] > 0
    assert 0 < report["seconds_without_hung_boards"] <= report["seconds"]
    assert sum(report["by_status"].values()) == 20
    behaviours = report["fleet"]["behaviours"]
    failing = behaviours["timeout"] + behaviours["server_error"] + behaviours["malformed"]
    assert failing == 3  # at least one of each kind of failure, even in a tiny fleet
    errors = report["errors"]
    assert errors["expected"] == errors["reported"] == errors["reported_correctly"] == failing
    assert errors["missed"] == [] and errors["unexpected"] == []
    assert set(errors["examples"]) == {"timeout", "server_error", "malformed"}
    assert "did not answer within 1 s" in errors["examples"]["timeout"]
    assert report["errors_correct"] is True
    assert report["by_status"]["error"] == failing
    assert report["by_status"]["not_modified"] == behaviours["steady"] + behaviours["slow"]
    assert report["new_postings"] == report["new_postings_expected"] > 0
    assert report["updated_postings"] == behaviours["changed"]  # one job edited on each changed board
    assert report["queued_cards"] >= 0 and report["peak_rss_mb"] > 0
    assert report["baseline"]["errors"] == 0
    assert report["baseline"]["postings_stored"] == report["fleet"]["postings_at_baseline"]
    assert report["meets_target"] is False  # 20 sources are not the 1,000 of the target
    assert report["targets"] == {"sources": 1000, "seconds": 60.0, "peak_rss_mb": 300.0}


def test_tiny_bench_with_the_fleet_in_this_process():
    report = bench("--fleet-in-process", "--host-gap", "0")
    check_report(report)
    assert report["fleet"]["served_from"] == "this process"


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="pins cores with sched_setaffinity")
def test_tiny_bench_with_the_fleet_in_a_child_process_pins_and_restores_cores():
    before = os.sched_getaffinity(0)
    report = bench("--host-gap", "0.05")
    check_report(report)
    assert report["fleet"]["served_from"] == "a child process"
    assert report["cpu"]["pinned"] == (len(before) > 1)
    assert os.sched_getaffinity(0) == before
