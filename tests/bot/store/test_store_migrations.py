import subprocess
import sys

import pytest
from sqlalchemy import event, inspect, text

from bot.store import migrate, postings
from bot.store.engine import create_engine_for
from tests.bot.store.conftest import T0
from tests.bot.store.samples import make_posting

TABLES = {"sources", "postings", "subscriptions", "deliveries"}


def test_the_migrated_schema_is_exactly_the_tables_in_code(engine):
    assert migrate.schema_differences(engine) == []
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_a_schema_drift_is_noticed(engine):
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_postings_first_seen"))
    differences = migrate.schema_differences(engine)
    assert [d[0] for d in differences] == ["add_index"]
    assert differences[0][1].name == "ix_postings_first_seen"


def test_upgrading_an_upgraded_database_changes_nothing(engine):
    postings.upsert_posting(engine, make_posting(), now=T0)
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        migrate.upgrade(engine)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    ddl = [
        s
        for s in statements
        if s.lstrip().upper().startswith(("CREATE", "ALTER", "DROP", "INSERT", "UPDATE"))
    ]
    assert ddl == []
    assert postings.get_posting(engine, make_posting().id) == make_posting()


def test_downgrade_to_nothing_and_back(store_url):
    engine = migrate.open_store(store_url)
    try:
        migrate.downgrade(engine, "base")
        assert not TABLES & set(inspect(engine).get_table_names())
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        assert migrate.schema_differences(engine) == []
    finally:
        engine.dispose()


def test_upgrade_accepts_a_url(store_url):
    migrate.upgrade(store_url)
    engine = create_engine_for(store_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_worker_processes_starting_together_migrate_once(postgres_url):
    # Real processes: alembic's `context`/`op` are process-global, and workers are processes anyway.
    script = "import sys; from bot.store.migrate import open_store; open_store(sys.argv[1]).dispose()"
    workers = [
        subprocess.Popen([sys.executable, "-c", script, postgres_url], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    failures = [w.stderr.read() for w in workers if w.wait(timeout=60) != 0]
    assert failures == []
    engine = create_engine_for(postgres_url)
    try:
        assert migrate.schema_differences(engine) == []
    finally:
        engine.dispose()


def test_sqlite_is_tuned_for_a_bot_process(tmp_path):
    engine = create_engine_for(f"sqlite:///{tmp_path}/nested/dir/jobbot.sqlite3")
    try:
        with engine.connect() as conn:
            pragma = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous")
            }
    finally:
        engine.dispose()
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 10_000, "synchronous": 1}


def test_the_default_database_lives_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path / "data"))
    engine = migrate.open_store()
    try:
        assert engine.url.database == str(tmp_path / "data" / "jobbot.sqlite3")
        assert (tmp_path / "data" / "jobbot.sqlite3").is_file()
    finally:
        engine.dispose()
