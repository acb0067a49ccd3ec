"""The fake Discord as a child process: started with this Python, stopped (or killed) on the way out.

Benches and crash tests run it apart from the code they measure or kill, so its work is not counted
against their event loop and its state outlives their deaths. On Linux the child also dies with its parent.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import signal
import subprocess
import sys
from collections.abc import Iterator, Sequence
from typing import Any

PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def fake_discord_process(options: Sequence[str] = ()) -> Iterator[dict[str, Any]]:
    """Run ``python -m handlers.fakes.discord_fake --port 0 OPTIONS``; yield its addresses (JSON line)."""
    command = [sys.executable, "-m", "handlers.fakes.discord_fake", "--port", "0", *options]
    process = subprocess.Popen(  # noqa: S603 - our own module, with this interpreter
        command, stdout=subprocess.PIPE, text=True, preexec_fn=_die_with_parent
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        try:
            addresses = json.loads(line)
        except ValueError:
            raise RuntimeError("the fake Discord did not start") from None
        if not str(addresses.get("api_base", "")).startswith("http://127.0.0.1:"):
            raise RuntimeError("the fake Discord did not start on 127.0.0.1")
        yield addresses
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
