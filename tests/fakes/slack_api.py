"""The fake Slack Web API for tests: in-process (``FakeSlackApi``) or in a process (``fake_slack_process``).

The server itself ships in ``handlers.fakes.slack_api`` (`jobbot demo` and `jobbot bench deliver` use it too);
this module adds what only tests need. As a process::

    python -m tests.fakes.slack_api --port 0 --state calls.jsonl   # prints its API URL, then serves

Posts are counted across restarts from the state file with ``read_state`` / ``posts_by_key``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from handlers.fakes.slack_api import DEFAULT_TOKEN, ApiCall, FakeSlackApi, Fault, main, read_state
from handlers.fakes.slack_workspace import BOT_USER_ID, TEAM_ID, FakeWorkspace

__all__ = [
    "BOT_USER_ID",
    "DEFAULT_TOKEN",
    "TEAM_ID",
    "ApiCall",
    "FakeSlackApi",
    "FakeWorkspace",
    "Fault",
    "fake_slack_process",
    "posts_by_key",
    "read_state",
]

ROOT = Path(__file__).resolve().parents[2]


def posts_by_key(state_file: Path) -> Counter[tuple[str, str]]:
    """How many messages the fake stored per (channel, idempotency key), from its state file."""
    return Counter(
        (record["channel"], record["key"])
        for record in read_state(state_file)
        if record["method"] == "chat.postMessage" and record.get("ts") and record.get("key")
    )


@contextmanager
def fake_slack_process(
    state_file: Path, *, token: str = DEFAULT_TOKEN, rate: float = 1.0, burst: int = 3, latency: float = 0.0
) -> Iterator[str]:
    """Run the fake in a child process; yield its API URL, stop it afterwards."""
    command = [sys.executable, "-m", "tests.fakes.slack_api", "--port", "0", "--state", str(state_file)]
    command += ["--token", token, "--rate", str(rate), "--burst", str(burst), "--latency", str(latency)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"the fake Slack did not start (said {url!r})")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
