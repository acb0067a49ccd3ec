"""What the platform fuzz tests share: derandomized budgets, fuzzed text, and an app served on a thread.

Hypothesis tests are synchronous; the app under test (Bolt over HTTP, or discord.py on a fake gateway) runs
on an event loop in a thread of its own, and each example hands it a coroutine with ``AppThread.run``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

EXAMPLES = max(10, int(os.environ.get("JOBBOT_FUZZ_EXAMPLES", "400")) // 5)
BUDGET = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)

PIECES = st.sampled_from(
    ["subscribe", "search", "me", "pause", "resume", "unsubscribe", "digest", "quiet", "saved", "mute",
     "sources", "add", "status", "help", "list", "page", "2", "all", "--dm", "--anyway", "Paris", "+", "-",
     "French", ",", "(", ")", "city:", '"', "OR", "C++", "\x00", "\ud800", "🇫🇷", "Île", "\u0301", "#12",
     "<#C123|jobs>", "<!channel>", "<@U1>", "@everyone", "@here", "<@&1>", "https://127.0.0.1/x", "\n", "*",
     "`", "daily", "09:00"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=80),
    st.lists(PIECES, max_size=12).map(" ".join),
    st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=12).map("".join),
)

Harness = TypeVar("Harness")


class Failures(logging.Handler):
    """Collects listener failures (ERROR records) from jobbot's own loggers and the platform library's."""

    def __init__(self, *libraries: str) -> None:
        super().__init__(logging.ERROR)
        self.names = ("handlers", "bot", *libraries)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(self.names):
            self.records.append(record)

    def described(self) -> list[str]:
        return [
            f"{r.name}: {r.getMessage()} {getattr(r, 'listener', '')} {r.exc_info[1]!r}"
            if r.exc_info
            else f"{r.name}: {r.getMessage()}"
            for r in self.records
        ]

    @contextlib.contextmanager
    def listening(self) -> Iterator[Failures]:
        logging.getLogger().addHandler(self)
        try:
            yield self
        finally:
            logging.getLogger().removeHandler(self)


class AppThread(Generic[Harness]):
    """An app served on a loop in a thread of its own, so synchronous hypothesis tests can drive it.

    ``serving`` is an async context manager that starts the app and yields its harness.
    """

    def __init__(self, serving: Callable[[], contextlib.AbstractAsyncContextManager[Harness]]) -> None:
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._serving = serving
        self.harness: Harness
        self._thread = threading.Thread(
            target=self.loop.run_until_complete, args=(self._main(),), daemon=True
        )

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        async with self._serving() as harness:
            self.harness = harness
            self._ready.set()
            await self._stop.wait()

    def __enter__(self) -> AppThread[Harness]:
        self._thread.start()
        assert self._ready.wait(30), "the app did not start"
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._stop is not None
        self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(30)

    def run(self, coroutine: Any, timeout: float = 30) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def drain(self, calls: Callable[[], int], quiet: float = 0.3, timeout: float = 60) -> None:
        """Wait until the app's background work is done: the fake's ``calls()`` unchanged for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        seen, since = -1, time.monotonic()
        while time.monotonic() < deadline:
            count = calls()
            if count != seen:
                seen, since = count, time.monotonic()
            elif time.monotonic() - since >= quiet:
                return
            time.sleep(0.05)
        raise AssertionError("the app's background work did not settle")
