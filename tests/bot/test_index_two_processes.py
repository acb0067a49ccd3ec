"""Two processes on one PostgreSQL: A (a subprocess) holds a matcher built at start; this test, process B,
adds, pauses, resumes and removes subscriptions, and A must see each change in time.

Stated times: following NOTIFY, A sees a change within 2 s (typically tens of milliseconds); reading the log
before each match, as ingest does, A sees a change at its very next match after B commits.
"""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.models import Destination, Subscription
from bot.store import subscriptions as subs
from bot.store.migrate import open_store

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
NOTIFY_WITHIN_S = 2.0
ANNA = Destination("slack", "dm", "U1", "T1")
BEN = Destination("slack", "dm", "U2", "T1")

Found = dict[str, list[int]]


class WorkerA:
    """The matcher process, driven line by line."""

    def __init__(self, url: str, mode: str) -> None:
        self.child = subprocess.Popen(
            [sys.executable, "-m", "tests.bot.index_worker", url, mode],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        ready = json.loads(self._line(timeout=60))
        assert "ready" in ready, ready

    def _read(self) -> None:
        assert self.child.stdout is not None
        for line in self.child.stdout:
            self.lines.put(line)

    def _line(self, timeout: float = 10) -> str:
        try:
            return self.lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(
                f"process A said nothing for {timeout} s (exit code {self.child.poll()})"
            ) from None

    def match(self) -> Found:
        """Match the Paris and Berlin postings in A; the subscription ids each matched."""
        assert self.child.stdin is not None
        self.child.stdin.write("match\n")
        self.child.stdin.flush()
        return json.loads(self._line())

    def seconds_until(self, seen: Callable[[Found], bool], limit: float = 10.0) -> float:
        """Ask A every 20 ms until ``seen`` holds; how long that took (failing after ``limit``)."""
        started = time.monotonic()
        while True:
            found = self.match()
            took = time.monotonic() - started
            if seen(found):
                return took
            if took > limit:
                raise AssertionError(f"process A still answers {found} after {limit} s")
            time.sleep(0.02)

    def stop(self) -> None:
        if self.child.poll() is None:
            assert self.child.stdin is not None
            self.child.stdin.close()
            try:
                self.child.wait(10)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()


@contextmanager
def worker_a(url: str, mode: str) -> Iterator[WorkerA]:
    worker = WorkerA(url, mode)
    try:
        yield worker
    finally:
        worker.stop()


@contextmanager
def two_writers_out_of_seq_order(url: str) -> Iterator[list[Subscription]]:
    """T1 adds "Paris" and stays open while T2 adds "France" from another engine, then T1 commits.

    Without commit ordering T2 would commit the higher seq first and a reader past it would skip T1's.
    Yields while T1 is open (T2 started); the list holds both subscriptions once the block ends.
    """
    first, second = open_store(url), open_store(url)
    added: list[Subscription] = []
    try:
        with first.begin() as t1:
            added.append(subs.add_subscription(t1, owner="U1", destination=ANNA, query="Paris"))
            writer = threading.Thread(
                target=lambda: added.append(
                    subs.add_subscription(second, owner="U2", destination=BEN, query="France")
                )
            )
            writer.start()
            time.sleep(0.3)  # T2 is waiting (or, were writers not ordered, has committed)
            yield added
        writer.join(10)
        assert len(added) == 2
    finally:
        first.dispose()
        second.dispose()


def test_a_worker_following_notify_sees_each_change_within_two_seconds(postgres_url):
    engine = open_store(postgres_url)
    berlin = subs.add_subscription(engine, owner="U1", destination=ANNA, query="Berlin")
    with worker_a(postgres_url, "follow") as a:
        assert a.match() == {"paris": [], "berlin": [berlin.id]}  # built from PostgreSQL at start

        paris = subs.add_subscription(engine, owner="U1", destination=ANNA, query="Paris + French")
        assert a.seconds_until(lambda f: f["paris"] == [paris.id]) < NOTIFY_WITHIN_S
        subs.pause_subscription(engine, paris.id)
        assert a.seconds_until(lambda f: f["paris"] == []) < NOTIFY_WITHIN_S
        subs.resume_subscription(engine, paris.id)
        assert a.seconds_until(lambda f: f["paris"] == [paris.id]) < NOTIFY_WITHIN_S
        subs.pause_destination(engine, ANNA.key, "DMs closed")  # the dispatcher's pause reaches A too
        assert a.seconds_until(lambda f: f == {"paris": [], "berlin": []}) < NOTIFY_WITHIN_S
        subs.remove_subscription(engine, paris.id)
        subs.resume_subscription(engine, berlin.id)
        assert a.seconds_until(lambda f: f == {"paris": [], "berlin": [berlin.id]}) < NOTIFY_WITHIN_S

        with two_writers_out_of_seq_order(postgres_url) as added:
            assert a.match()["paris"] == []
        both = sorted(sub.id for sub in added)
        assert a.seconds_until(lambda f: f["paris"] == both) < NOTIFY_WITHIN_S
        time.sleep(0.3)
        assert a.match()["paris"] == both  # and it stays so
    engine.dispose()


def test_a_worker_reading_the_log_before_each_match_sees_each_change_at_its_next_match(postgres_url):
    engine = open_store(postgres_url)
    with worker_a(postgres_url, "refresh") as a:
        assert a.match() == {"paris": [], "berlin": []}
        paris = subs.add_subscription(engine, owner="U1", destination=ANNA, query="Paris + French")
        assert a.match()["paris"] == [paris.id]
        subs.pause_subscription(engine, paris.id)
        assert a.match()["paris"] == []
        subs.resume_subscription(engine, paris.id)
        assert a.match()["paris"] == [paris.id]
        subs.remove_subscription(engine, paris.id)
        assert a.match()["paris"] == []

        with two_writers_out_of_seq_order(postgres_url) as added:
            assert a.match()["paris"] == []  # neither committed: T2 waits behind T1
        assert a.match()["paris"] == sorted(sub.id for sub in added)
    engine.dispose()
