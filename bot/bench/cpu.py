"""CPU seconds spent by processes of this machine, read from Linux's /proc (None where it cannot be read).

The scale bench splits a round's CPU between the workers, PostgreSQL and itself (the fleet), to show
where a round's time goes and why more workers stop helping on a few cores.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Iterable

_LOCAL_HOSTS = frozenset({None, "", "localhost", "127.0.0.1", "::1"})


def process_cpu(pids: Iterable[int]) -> float | None:
    """User + system CPU seconds of these processes so far; None when /proc cannot tell."""
    total = 0.0
    for pid in pids:
        fields = _stat(pid)
        if fields is None:
            return None
        total += _ticks(fields[11] + fields[12])
    return total


def postgres_cpu(host: str | None) -> float | None:
    """CPU seconds of every PostgreSQL process here (backends that ended count with their parent).

    None when the server is on another host (``host`` is not local) or no process of it can be read.
    """
    if host not in _LOCAL_HOSTS and not (host or "").startswith("/"):
        return None
    total, found = 0.0, False
    for entry in _pids():
        try:
            with open(f"/proc/{entry}/comm", encoding="utf-8") as comm:
                if not comm.read().startswith("postgres"):
                    continue
        except OSError:
            continue
        fields = _stat(entry)
        if fields is not None:
            found = True
            total += _ticks(sum(fields[11:15]))  # utime, stime, and those of reaped children
    return total if found else None


def machine_cpu() -> float | None:
    """CPU seconds every core of this machine spent busy so far (any program); None without /proc/stat."""
    try:
        with open("/proc/stat", encoding="utf-8") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    idle = ticks[3] + ticks[4]  # idle, iowait
    return _ticks(sum(ticks) - idle)


def own_cpu() -> float:
    """CPU seconds of this process so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _pids() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def _stat(pid: int) -> list[int] | None:
    """The numeric fields of /proc/PID/stat after the command name (field 3, the state, as 0)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            rest = stat.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return [0, *(int(value) for value in rest[1:16])]


def _ticks(count: int) -> float:
    return count / os.sysconf("SC_CLK_TCK")
