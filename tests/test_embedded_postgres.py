import os
import tempfile
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests import embedded_postgres as embedded
from tests.embedded_postgres import EmbeddedPostgresError, embedded_postgres

pytestmark = pytest.mark.postgres
real_mkdtemp = tempfile.mkdtemp


def test_the_embedded_server_answers_on_a_unix_socket_and_leaves_nothing_behind():
    with embedded_postgres() as url:
        folder = Path(make_url(url).query["host"])
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                major = conn.execute(text("SHOW server_version_num")).scalar()[:2]
                server_address = conn.execute(text("SELECT inet_server_addr()")).scalar()
        finally:
            engine.dispose()
        pid = int((folder / "data" / "postmaster.pid").read_text().split()[0])
    assert (major, server_address) == (str(embedded.POSTGRES_MAJOR), None)  # None: a unix socket
    assert not folder.exists()
    assert not _running(pid)


def test_a_server_that_does_not_start_says_why_and_leaves_nothing_behind(monkeypatch):
    monkeypatch.setattr(embedded, "SERVER_OPTIONS", "-c no_such_setting=1")
    made = []

    def mkdtemp(**kwargs):
        made.append(Path(real_mkdtemp(**kwargs)))
        return str(made[-1])

    monkeypatch.setattr(tempfile, "mkdtemp", mkdtemp)
    with pytest.raises(EmbeddedPostgresError, match="no_such_setting"), embedded_postgres():
        pass
    assert len(made) == 1
    assert not made[0].exists()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")  # an exited process not yet reaped by its parent still has a pid
    return not (status.exists() and "\nState:\tZ" in status.read_text())
