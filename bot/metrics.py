"""jobbot's Prometheus metrics: counters bumped where work happens, gauges read from the store at scrape time.

Two kinds, on purpose:

- **Counters** (polls, postings, matches, cards sent/failed/rate-limited, card edits) count what *this
  process* did, at the one place each thing happens (a poll's result, a match, a stored receipt, a give-up).
  Prometheus sums them over processes (``sum(rate(jobbot_cards_sent_total[5m]))``).
- **Gauges of shared state** (the outbox's depth and its oldest due row, sources by health, a task
  queue's jobs) are read from the database when scraped, by ``ProbeCollector``: every process reports
  the same truth, and a process that just started does not report an empty queue.

Labels are bounded: outcomes, event kinds and platforms are fixed sets; source ids appear only on
``jobbot_source_consecutive_failures``, for at most ``FAILING_SOURCES_SHOWN`` failing sources (ids are
chosen by operators, not by the people using the bot). No posting, user, channel or workspace id is
ever a label, and nothing secret is exported.

The counters are module-level (the prometheus-client idiom) and registered in no registry at import:
``build_registry`` puts them, the process collectors and a ``ProbeCollector`` in a fresh registry per
server, so tests and several engines in one process do not collide.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, GCCollector, PlatformCollector, ProcessCollector
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

CONTENT_TYPE = CONTENT_TYPE_LATEST
FAILING_SOURCES_SHOWN = 50  # the worst failing sources get a per-source series; the rest are counted
PROBE_TIMEOUT_SECONDS = 3.0  # well within Prometheus's 10 s scrape timeout

POLLS = Counter(
    "jobbot_polls", "Polls of a source, by outcome (ok, not_modified, error, deferred, unknown_source).",
    ["outcome"], registry=None,
)  # fmt: skip
POSTINGS = Counter(
    "jobbot_postings", "Posting events found by polls and imports (new, updated, reopened, closed).",
    ["event"], registry=None,
)  # fmt: skip
MATCHES = Counter(
    "jobbot_matches", "Subscription matches of new postings (before muted, hidden and duplicate ones).",
    registry=None,
)  # fmt: skip
CARDS_QUEUED = Counter("jobbot_cards_queued", "Outbox rows queued: cards to send.", registry=None)
CARDS_SENT = Counter(
    "jobbot_cards_sent", "Cards delivered (each card of a digest counts), by platform.", ["platform"],
    registry=None,
)  # fmt: skip
CARDS_FAILED = Counter(
    "jobbot_cards_failed", "Cards given up (attempts spent, destination gone, posting gone), by platform.",
    ["platform"], registry=None,
)  # fmt: skip
RATE_LIMITED = Counter(
    "jobbot_cards_rate_limited", "429 answers to a card send or edit, by platform.", ["platform"],
    registry=None,
)  # fmt: skip
PLATFORM_UNAVAILABLE = Counter(
    "jobbot_platform_unavailable",
    "Sends, edits and notices held back because the platform was down or refused the bot's token.",
    ["platform"], registry=None,
)  # fmt: skip
CARD_EDITS = Counter(
    "jobbot_card_edits", "Card edits (a posting closed or changed), by platform and outcome (done, failed).",
    ["platform", "outcome"], registry=None,
)  # fmt: skip
DESTINATIONS_PAUSED = Counter(
    "jobbot_destinations_paused", "Destinations paused because they cannot receive cards, by platform.",
    ["platform"], registry=None,
)  # fmt: skip
OWNER_NOTICES = Counter(
    "jobbot_owner_notices", "Owner notices (a destination paused, a source failing), by platform and outcome "
    "(sent, failed).", ["platform", "outcome"], registry=None,
)  # fmt: skip

COUNTERS: tuple[Counter, ...] = (
    POLLS, POSTINGS, MATCHES, CARDS_QUEUED, CARDS_SENT, CARDS_FAILED, RATE_LIMITED, PLATFORM_UNAVAILABLE,
    CARD_EDITS, DESTINATIONS_PAUSED, OWNER_NOTICES,
)  # fmt: skip


def count_poll(outcome: str, *, new: int = 0, updated: int = 0, reopened: int = 0, closed: int = 0) -> None:
    """One poll of one source ended with ``outcome`` and found these posting events."""
    POLLS.labels(outcome).inc()
    count_postings(new=new, updated=updated, reopened=reopened, closed=closed)


def count_postings(*, new: int = 0, updated: int = 0, reopened: int = 0, closed: int = 0) -> None:
    """Posting events stored (by a poll or an import)."""
    for event, amount in (("new", new), ("updated", updated), ("reopened", reopened), ("closed", closed)):
        if amount:
            POSTINGS.labels(event).inc(amount)


# -- gauges read at scrape time -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reading:
    """One gauge as a probe read it: its samples as (label values, value)."""

    name: str
    help: str
    labels: tuple[str, ...] = ()
    samples: Sequence[tuple[tuple[str, ...], float]] = ()

    def family(self) -> GaugeMetricFamily:
        """The reading as a Prometheus gauge family."""
        family = GaugeMetricFamily(self.name, self.help, labels=list(self.labels))
        for values, value in self.samples:
            family.add_metric(list(values), value)
        return family


Probe = Callable[[], Iterable[Reading]]
"""Reads gauges from somewhere shared (the store, a task queue) when scraped; may raise."""


class ProbeCollector(Collector):
    """Runs named probes at each scrape; one that fails or hangs is reported as down, never hides the rest.

    Add a gauge by adding a probe: ``ProbeCollector({"outbox": ..., "my_queue": read_my_queue})``.
    The probes run side by side in daemon threads and the scrape waits at most ``timeout`` for them, so
    a hung database costs a scrape that long, not the scrape itself; a probe still stuck from an earlier
    scrape is not started again (threads do not pile up), it is reported down until it returns.
    """

    def __init__(self, probes: dict[str, Probe], *, timeout: float = PROBE_TIMEOUT_SECONDS) -> None:
        self._probes = dict(probes)
        self.timeout = timeout
        self._running: dict[str, threading.Thread] = {}
        self._lock = threading.Lock()  # scrapes of several servers may overlap

    def add(self, name: str, probe: Probe) -> None:
        """Add (or replace) a probe: how another part of jobbot reports its own shared state."""
        self._probes[name] = probe

    def describe(self) -> list[Metric]:
        """Nothing up front: names depend on what the probes find, so registration checks none."""
        return []

    def collect(self) -> Iterator[Metric]:
        """Every probe's readings, then whether each probe worked and how long it took."""
        up = GaugeMetricFamily(
            "jobbot_probe_up", "1 if the probe read its state at this scrape.", labels=["probe"]
        )
        took = GaugeMetricFamily(
            "jobbot_probe_seconds", "How long the probe took at this scrape.", labels=["probe"]
        )
        started = time.perf_counter()
        outcomes = self._run_all(deadline=started + self.timeout)
        for name, outcome in outcomes.items():
            if isinstance(outcome, str):  # the database may be down or hung: say so, keep the rest
                logger.warning("metrics probe failed", extra={"probe": name, "error": outcome})
                up.add_metric([name], 0)
                continue
            readings, seconds = outcome
            up.add_metric([name], 1)
            took.add_metric([name], seconds)
            for reading in readings:
                yield reading.family()
        yield up
        yield took

    def _run_all(self, *, deadline: float) -> dict[str, tuple[list[Reading], float] | str]:
        """Each probe's readings and seconds, or why there are none."""
        boxes: dict[str, list[object]] = {}
        outcomes: dict[str, tuple[list[Reading], float] | str] = {}
        with self._lock:
            for name, probe in self._probes.items():
                earlier = self._running.get(name)
                if earlier is not None and earlier.is_alive():
                    outcomes[name] = "still running since an earlier scrape"
                    continue
                box: list[object] = []
                thread = threading.Thread(
                    target=_read, args=(probe, box), name=f"jobbot-probe-{name}", daemon=True
                )
                thread.start()
                self._running[name], boxes[name] = thread, box
        for name, box in boxes.items():
            self._running[name].join(max(0.0, deadline - time.perf_counter()))
            if not box:
                outcomes[name] = f"no answer within {self.timeout:g} s"
            elif isinstance(box[0], BaseException):
                outcomes[name] = type(box[0]).__name__
            else:
                outcomes[name] = box[0]  # type: ignore[assignment]
        return {name: outcomes[name] for name in self._probes if name in outcomes}


def _read(probe: Probe, box: list[object]) -> None:
    """Run ``probe`` and put (readings, seconds), or its exception, in ``box``."""
    started = time.perf_counter()
    try:
        readings = list(probe())
    except Exception as exc:
        box.append(exc)
        return
    box.append((readings, time.perf_counter() - started))


def build_registry(probes: ProbeCollector | None = None, *, process: bool = True) -> CollectorRegistry:
    """A registry with jobbot's counters, the process's own metrics (memory, CPU, GC) and ``probes``."""
    registry = CollectorRegistry(auto_describe=True)
    for counter in COUNTERS:
        registry.register(counter)
    if process:
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
    if probes is not None:
        registry.register(probes)
    return registry


def render(registry: CollectorRegistry) -> bytes:
    """The registry in Prometheus's text format (blocking: probes may query the database)."""
    return generate_latest(registry)
