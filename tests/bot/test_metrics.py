"""The metrics core: probes read at scrape time, a failing probe reported and not hiding the rest, and
labels that stay bounded."""

import threading
import time

from prometheus_client.parser import text_string_to_metric_families

from bot import metrics
from bot.metrics import ProbeCollector, Reading, build_registry, render

# Every label a jobbot counter may carry, and why each is bounded.
BOUNDED_LABELS = {
    "outcome",  # a poll's status, or an edit's done/failed: fixed sets in the code
    "event",  # new, updated, reopened, closed
    "platform",  # slack, discord
}


def _families(registry) -> dict:
    return {family.name: family for family in text_string_to_metric_families(render(registry).decode())}


def test_probes_are_read_at_each_scrape_and_a_failing_one_is_reported_not_fatal():
    depth = [3]

    def queue():
        return [Reading("jobbot_test_depth", "Rows waiting.", ("state",), [(("due",), depth[0])])]

    def broken():
        raise ConnectionError("the database went away")

    registry = build_registry(ProbeCollector({"queue": queue, "broken": broken}), process=False)
    first = _families(registry)
    depth[0] = 5
    second = _families(registry)

    assert [s.value for s in first["jobbot_test_depth"].samples] == [3]
    assert [s.value for s in second["jobbot_test_depth"].samples] == [5]  # read again, not cached
    up = {s.labels["probe"]: s.value for s in second["jobbot_probe_up"].samples}
    assert up == {"queue": 1, "broken": 0}
    assert {s.labels["probe"] for s in second["jobbot_probe_seconds"].samples} == {"queue"}


def test_a_hung_probe_costs_a_scrape_its_timeout_and_is_not_started_again_while_stuck():
    release, calls = threading.Event(), []

    def hung():
        calls.append(1)
        release.wait(10)
        return [Reading("jobbot_test_hung", "Answers once released.", samples=[((), 1)])]

    probes = ProbeCollector({"hung": hung, "fine": lambda: []}, timeout=0.2)
    registry = build_registry(probes, process=False)
    try:
        for _ in range(2):
            started = time.monotonic()
            families = _families(registry)
            assert time.monotonic() - started < 1.0
            assert {s.labels["probe"]: s.value for s in families["jobbot_probe_up"].samples} == {
                "hung": 0, "fine": 1,
            }  # fmt: skip
        assert len(calls) == 1  # the second scrape did not start another thread on the stuck probe
    finally:
        release.set()
    for _ in range(50):  # once it returns, the next scrape starts it afresh
        time.sleep(0.02)
        families = _families(registry)
        if "jobbot_test_hung" in families:
            break
    assert {s.labels["probe"]: s.value for s in families["jobbot_probe_up"].samples} == {"hung": 1, "fine": 1}


def test_a_probe_added_later_is_scraped_too():
    probes = ProbeCollector({})
    registry = build_registry(probes, process=False)
    assert "jobbot_test_jobs" not in _families(registry)
    probes.add(
        "jobs", lambda: [Reading("jobbot_test_jobs", "Jobs.", ("queue", "status"), [(("q", "todo"), 2)])]
    )
    [sample] = _families(registry)["jobbot_test_jobs"].samples
    assert (sample.labels, sample.value) == ({"queue": "q", "status": "todo"}, 2)


def _not_modified(registry) -> float:
    samples = _families(registry)["jobbot_polls"].samples
    found = [
        s.value for s in samples if s.name == "jobbot_polls_total" and s.labels["outcome"] == "not_modified"
    ]
    return found[0] if found else 0.0


def test_the_same_counters_are_served_by_every_registry():
    one, two = build_registry(process=False), build_registry(process=False)
    before = _not_modified(one)
    metrics.count_poll("not_modified")
    assert _not_modified(one) == _not_modified(two) == before + 1


def test_counters_carry_only_bounded_labels():
    labels = {name for counter in metrics.COUNTERS for name in counter._labelnames}
    assert labels <= BOUNDED_LABELS


def test_process_metrics_are_included_by_default():
    assert "process_resident_memory_bytes" in _families(build_registry())
