"""Schema migrations, run in code: no alembic.ini is needed at run time."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, text

from bot.store.engine import create_engine_for
from bot.store.tables import metadata

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# Any constant works; it only has to be the same in every process that migrates this database.
_PG_MIGRATION_LOCK = 0x6A6F62626F74


def alembic_config(connection: Connection | None = None, url: str | None = None) -> Any:
    """Build an alembic Config for the package's migrations, bound to ``connection`` (or ``url``)."""
    from alembic.config import Config  # alembic is only needed when migrating

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(target: Engine | str, revision: str = "head") -> None:
    """Upgrade the database at ``target`` (an engine or URL) to ``revision``; a no-op when already there."""
    _run("upgrade", target, revision)


def downgrade(target: Engine | str, revision: str) -> None:
    """Take the database at ``target`` back to ``revision`` ("base" drops every table)."""
    _run("downgrade", target, revision)


def _run(direction: str, target: Engine | str, revision: str) -> None:
    from alembic import command

    engine = create_engine_for(target) if isinstance(target, str) else target
    try:
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Workers may start together: one migrates, the others wait, then find nothing to do.
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            getattr(command, direction)(alembic_config(conn), revision)
    finally:
        if isinstance(target, str):
            engine.dispose()


def current_revision(engine: Engine) -> str | None:
    """Return the revision the database is at, None when it was never migrated."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str | None:
    """Return the newest revision shipped with this package."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def schema_differences(engine: Engine) -> list[Any]:
    """Where the database schema differs from the tables in code (empty when they agree)."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(context, metadata))


def open_store(url: str | None = None, **engine_options: Any) -> Engine:
    """Open an engine for ``url`` (default: the SQLite file in the data dir), migrated to the newest."""
    engine = create_engine_for(url, **engine_options)
    before = current_revision(engine)
    upgrade(engine)
    ready = {"backend": engine.dialect.name, "revision": head_revision()}
    if before != ready["revision"]:
        ready["migrated_from"] = before or "empty"
    logger.info("store ready", extra=ready)
    return engine
