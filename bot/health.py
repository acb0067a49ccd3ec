"""Readiness: whether this process can do its work now (the database answers; the task queue is there).

Liveness needs no check (the process answered). Readiness runs blocking checks in a thread under a short
timeout, so a hung database makes the probe answer "not ready" in time instead of hanging it; and at
most one round of checks runs at a time, so a probe hammering a hung database does not pile up threads
(a probe arriving while a round is still stuck gets that round's "timed out" answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")
Check = Callable[[], None]
"""A blocking check that raises when its part is unusable."""

DEFAULT_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True, slots=True)
class ReadyReport:
    """The outcome of a round of checks: ready, or the reasons it is not (for a person reading /readyz)."""

    ready: bool
    checks: dict[str, str]  # name → "ok" or what went wrong

    def as_json(self) -> dict[str, object]:
        """The report as /readyz answers it."""
        failing = {name: why for name, why in self.checks.items() if why != "ok"}
        return {"status": "ready" if self.ready else "not ready", "checks": self.checks, "failing": failing}


@dataclass(slots=True)
class Readiness:
    """Named checks (e.g. ``database``, ``task_queue``) run together, off the event loop, within a timeout."""

    checks: dict[str, Check] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT_SECONDS
    _running: asyncio.Future[dict[str, str]] | None = field(default=None, init=False)

    def add(self, name: str, check: Check) -> None:
        """Add a check: another part of jobbot telling the probe what it needs."""
        self.checks[name] = check

    async def report(self) -> ReadyReport:
        """Run every check (or join the round already running) and say whether all passed in time."""
        running = self._running
        if running is None or running.done() or running.get_loop() is not asyncio.get_running_loop():
            self._running = running = off_loop(self._run_all)
        try:
            results = await asyncio.wait_for(asyncio.shield(running), self.timeout)
        except TimeoutError:
            results = {name: f"no answer within {self.timeout:g} s" for name in self.checks}
        return ReadyReport(all(why == "ok" for why in results.values()), results)

    def _run_all(self) -> dict[str, str]:
        results: dict[str, str] = {}
        for name, check in self.checks.items():
            try:
                check()
            except NotReady as exc:
                results[name] = str(exc)
                logger.warning("not ready", extra={"check": name, "error": str(exc)})
            except Exception as exc:
                results[name] = _reason(exc)
                logger.warning("not ready", extra={"check": name, "error": repr(exc)})
            else:
                results[name] = "ok"
        return results


class NotReady(Exception):
    """A check's own verdict, worded for the person reading /readyz (shown as is)."""


def _reason(exc: BaseException) -> str:
    """What failed, by kind only; the log line has the details.

    /readyz may be public (on the Slack server), and driver messages name hosts and users.
    """
    original = getattr(exc, "orig", None) or exc  # SQLAlchemy wraps the driver's error
    return f"unreachable or failing ({type(original).__name__}); see the process's log"


def off_loop(work: Callable[[], T]) -> asyncio.Future[T]:
    """Run blocking ``work`` in a daemon thread; the future resolves on the running loop.

    Not ``asyncio.to_thread``: its executor is joined when the loop closes, so one call stuck on a hung
    database would keep the process from exiting on SIGTERM.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(outcome: Callable[[], None]) -> None:
        if not future.done():
            outcome()

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:  # handed to the awaiting coroutine, not lost in the thread
            error = exc
            _call_soon(loop, lambda: settle(lambda: future.set_exception(error)))
        else:
            _call_soon(loop, lambda: settle(lambda: future.set_result(result)))

    threading.Thread(target=run, name="jobbot-off-loop", daemon=True).start()
    return future


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    with contextlib.suppress(RuntimeError):  # the loop closed while the work ran: nobody waits any more
        loop.call_soon_threadsafe(callback)
