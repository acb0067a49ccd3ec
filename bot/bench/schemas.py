"""A throwaway PostgreSQL schema for a benchmark run, so runs never meet each other or real data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text


@contextmanager
def temporary_schema(database_url: str) -> Iterator[str]:
    """A URL of a new, empty schema on the server of ``database_url``, dropped afterwards.

    Every connection made through the URL works inside the schema (``options=-csearch_path=…``), worker
    subprocesses included.
    """
    schema = f"jobbot_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(database_url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        try:
            url = admin.url.update_query_dict({"options": f"-csearch_path={schema}"})
            yield url.render_as_string(hide_password=False)
        finally:
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()
