"""`jobbot migrate` and `jobbot worker` at the command line."""

import json

import pytest
from sqlalchemy import create_engine, text

from bot.cli import main
from bot.store.migrate import head_revision


def _env(monkeypatch, tmp_path, database_url):
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JOBBOT_DATA_DIR", str(tmp_path))


@pytest.mark.postgres
def test_migrate_installs_the_store_and_the_queue_and_can_run_again(
    monkeypatch, tmp_path, capsys, postgres_url
):
    _env(monkeypatch, tmp_path, postgres_url)
    assert main(["migrate"]) == 0
    assert json.loads(capsys.readouterr().out) == {"store": head_revision(), "queue": "installed"}
    assert main(["migrate"]) == 0
    assert json.loads(capsys.readouterr().out) == {"store": head_revision(), "queue": "already there"}
    engine = create_engine(postgres_url)
    with engine.connect() as conn:
        tables = set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
        )
    engine.dispose()
    assert {"procrastinate_jobs", "deliveries", "rate_limits"} <= tables


def test_migrate_on_sqlite_migrates_the_store_only(monkeypatch, tmp_path, capsys):
    _env(monkeypatch, tmp_path, f"sqlite:///{tmp_path / 'jobbot.sqlite3'}")
    assert main(["migrate"]) == 0
    assert json.loads(capsys.readouterr().out) == {"store": head_revision()}
    assert main(["migrate"]) == 0


def test_worker_refuses_sqlite_and_says_what_to_set(monkeypatch, tmp_path, capsys):
    _env(monkeypatch, tmp_path, f"sqlite:///{tmp_path / 'jobbot.sqlite3'}")
    assert main(["worker"]) == 2
    error = capsys.readouterr().err
    assert "needs PostgreSQL" in error and "set DATABASE_URL" in error


@pytest.mark.postgres
def test_worker_on_a_database_without_the_queue_says_to_migrate(monkeypatch, tmp_path, capsys, postgres_url):
    _env(monkeypatch, tmp_path, postgres_url)
    assert main(["worker", "--queues", "tick"]) == 2
    assert "run `jobbot migrate`" in capsys.readouterr().err


def test_worker_names_unknown_queues(monkeypatch, tmp_path, capsys):
    _env(monkeypatch, tmp_path, "postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert main(["worker", "--queues", "poll,mail"]) == 2
    assert "unknown queue(s) mail" in capsys.readouterr().err


@pytest.mark.postgres
def test_a_worker_serves_metrics_and_readiness_on_its_metrics_port(
    monkeypatch, tmp_path, capsys, postgres_url
):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    _env(monkeypatch, tmp_path, postgres_url)
    assert main(["migrate"]) == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "JOBBOT_METRICS_PORT": str(port)}
    for name in ("SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "DISCORD_TOKEN"):
        env.pop(name, None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "worker", "--queues", "tick"], env=env, stderr=subprocess.PIPE
    )
    try:
        deadline, answers = time.monotonic() + 30, {}
        while time.monotonic() < deadline and len(answers) < 2:
            for path in ("/readyz", "/metrics"):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as answer:
                        answers[path] = (answer.status, answer.read().decode())
                except OSError:
                    time.sleep(0.2)
        assert answers["/readyz"][0] == 200 and '"ready"' in answers["/readyz"][1]
        assert answers["/metrics"][0] == 200 and "jobbot_task_queue_jobs" in answers["/metrics"][1]
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
