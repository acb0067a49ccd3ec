"""PostgreSQL for every test that needs one: a configured server, the local one, else an embedded one.

Registered test-wide (``tests/conftest.py``): ``postgres_server_url`` (the server), ``postgres_admin`` (an
engine on it), ``postgres_url`` (a fresh, empty schema dropped afterwards), ``postgres_schema`` (the
same as a context manager) and ``store_url`` (a test run twice: on a SQLite file and on PostgreSQL).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

import pytest
from sqlalchemy import Engine, create_engine, text

from bot.settings import sqlite_url
from tests.embedded_postgres import EmbeddedPostgresError, embedded_postgres

LOCAL_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """The test server: JOBBOT_TEST_POSTGRES_URL, else the one on 127.0.0.1:5432, else an embedded one.

    JOBBOT_TEST_POSTGRES=embedded starts the embedded server even where another is configured or running.
    """
    mode = os.environ.get("JOBBOT_TEST_POSTGRES", "auto")
    if mode not in ("auto", "embedded"):
        pytest.fail(
            f"JOBBOT_TEST_POSTGRES={mode!r}: expected 'auto' (the default) or 'embedded'", pytrace=False
        )
    configured = os.environ.get("JOBBOT_TEST_POSTGRES_URL")
    if mode == "auto" and configured:
        yield configured
    elif mode == "auto" and _answers(LOCAL_POSTGRES_URL):
        yield LOCAL_POSTGRES_URL
    else:
        with ExitStack() as stack:
            try:
                url = stack.enter_context(embedded_postgres())
            except EmbeddedPostgresError as exc:
                pytest.fail(
                    f"The embedded PostgreSQL did not start ({exc}). Point JOBBOT_TEST_POSTGRES_URL at a "
                    "running server, or start one on 127.0.0.1:5432 with trust auth and a database 'test'.",
                    pytrace=False,
                )
            yield url


def _answers(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception:
        return False
    finally:
        engine.dispose()
    return True


@pytest.fixture(scope="session")
def postgres_admin(postgres_server_url: str) -> Iterator[Engine]:
    """An engine on the test server; a clear failure when a configured server is down."""
    engine = create_engine(postgres_server_url)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        engine.dispose()
        pytest.fail(
            f"PostgreSQL is not reachable at {engine.url} ({type(exc).__name__}: {exc}). Start it, point "
            "JOBBOT_TEST_POSTGRES_URL at a running server, or unset it to use the one on 127.0.0.1:5432 "
            "or else an embedded one.",
            pytrace=False,
        )
    yield engine
    engine.dispose()


@contextmanager
def postgres_schema(admin: Engine) -> Iterator[str]:
    schema = f"jobbot_test_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        # Every connection of the engine under test works inside the schema.
        url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@pytest.fixture
def postgres_url(postgres_admin) -> Iterator[str]:
    """A URL of a fresh, empty PostgreSQL schema (for tests of several processes on one database)."""
    with postgres_schema(postgres_admin) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A URL of an empty database: a SQLite file, or a fresh PostgreSQL schema dropped afterwards."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path / "jobbot.sqlite3")
        return
    with postgres_schema(request.getfixturevalue("postgres_admin")) as url:
        yield url
