import contextlib
import io
import logging
import os
import subprocess
import sys
import threading

import pytest

from bot import logs
from bot.logs import StructuredFormatter, configure, redact
from bot.settings import sqlite_url
from bot.store.migrate import open_store


def test_tokens_and_url_passwords_are_redacted():
    text = "token xoxb-123-456-abcDEF app xapp-1-A2-3 url postgresql://jobbot:hunter2@db/jobs"
    assert redact(text) == "token *** app *** url postgresql://***@db/jobs"
    rotation = "refresh xoxe-1-My0xLTEtYWJj rotated xoxe.xoxb-1-MS0yLWFi"
    assert redact(rotation) == "refresh *** rotated xoxe.***"


def test_extra_fields_are_appended_and_redacted():
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "sent %s", ("card",), None)
    record.destination = "slack:T1:channel:C1"
    record.auth = "Bearer xoxb-999-secret"
    line = StructuredFormatter("%(levelname)s %(message)s").format(record)
    assert line.startswith("INFO sent card ")
    assert "destination='slack:T1:channel:C1'" in line
    assert "xoxb" not in line and "auth='Bearer ***'" in line


def test_secret_looking_query_values_in_any_logged_url_are_redacted():
    text = "GET https://x.example/feed?api_key=S1&page=2&accessToken=S2&X-Amz-Signature=S3&keyword=intern"
    assert redact(text) == (
        "GET https://x.example/feed?api_key=***&page=2&accessToken=***&X-Amz-Signature=***&keyword=intern"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "user xoxp-9-8-7abc bot xoxb-1-2-x app xapp-1-A0-1 legacy xoxa-2-x",
            "user *** bot *** app *** legacy ***",
        ),
        ("discord OTEyMzQ1Njc4OTAxMjM0NTY3.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB", "discord ***"),
        ("discord MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.Yx3Abc.abcdefghijklmnopqrstuvwxyz0 ok", "discord *** ok"),
        ("Authorization: Bearer abc.def\nCookie: a=1; b=2", "Authorization: Bearer ***\nCookie: ***"),
        (
            "{'Authorization': 'Bot s3cr3t', 'Cookie': 'sid=1; csrf=2', 'Accept': 'x'}",
            "{'Authorization': 'Bot ***', 'Cookie': ***, 'Accept': 'x'}",
        ),
        (
            "Proxy-Authorization: Basic dXNlcjpwYXNz Set-Cookie: sid=zz; Path=/",
            "Proxy-Authorization: Basic *** Set-Cookie: ***",
        ),
        ("X-Api-Key: k-123 done", "X-Api-Key: *** done"),
        ("to https://hooks.slack.com/services/T0/B0/XXXX now", "to https://hooks.slack.com/services/*** now"),
        ("to https://hooks.slack.com/triggers/T0/1/abc now", "to https://hooks.slack.com/triggers/*** now"),
        (
            "response_url='https://hooks.slack.com/commands/T0/123/AbC' x",
            "response_url='https://hooks.slack.com/commands/***' x",
        ),
        ("https://hooks.slack.com/actions/T0/9/zz", "https://hooks.slack.com/actions/***"),
        (
            "POST https://discord.com/api/v10/webhooks/1234/aW50ZXJhY3Rpb24/messages/@original",
            "POST https://discord.com/api/v10/webhooks/1234/***/messages/@original",
        ),
        ("https://discordapp.com/api/webhooks/99/tok-en_x", "https://discordapp.com/api/webhooks/99/***"),
        (
            "POST https://discord.com/api/v10/interactions/1234/aW50ZXJhY3Rpb24/callback",
            "POST https://discord.com/api/v10/interactions/1234/***/callback",
        ),
        (
            "host=db port=5432 user=jobbot password=s3cr3t dbname=jobs",
            "host=db port=5432 user=jobbot password=*** dbname=jobs",
        ),
        (
            "host=db password='se cret' dbname=jobs PGPASSWORD=abc",
            "host=db password=*** dbname=jobs PGPASSWORD=***",
        ),
        (
            "url postgresql://jobbot:p@ss@db/jobs to a@b.example",
            "url postgresql://***@db/jobs to a@b.example",
        ),
        ("'postgresql+psycopg://jobbot:p@ss/w@rd@db:5432/jobs'", "'postgresql+psycopg://***@db:5432/jobs'"),
        ("clone https://ghp_tokenvalue@github.example/x", "clone https://***@github.example/x"),
        (
            "a plain line: https://example.com/a@b error='token_revoked'",
            "a plain line: https://example.com/a@b error='token_revoked'",
        ),
    ],
)
def test_every_kind_of_credential_is_redacted(text, shown):
    assert redact(text) == shown


def test_configured_secrets_are_redacted_by_value_wherever_they_appear():
    saved = logs._known
    try:
        logs.keep_secret("8f14e45fceea167a5a36dedd4bea2543", "abc", None, "")  # short and empty ones: ignored
        record = logging.LogRecord(
            "bot.x",
            logging.ERROR,
            __file__,
            1,
            "signature %s failed",
            ("8f14e45fceea167a5a36dedd4bea2543",),
            None,
        )
        record.body = "abc=1&secret=8f14e45fceea167a5a36dedd4bea2543"
        line = StructuredFormatter("%(message)s").format(record)
        assert "8f14e45f" not in line
        assert line == "signature *** failed body='abc=1&secret=***'"
    finally:
        logs._known = saved


@pytest.fixture
def restored_logging():
    root = logging.getLogger()
    saved = (
        root.handlers[:],
        root.level,
        {n: logging.getLogger(n).level for n in ("alembic", "apscheduler")},
    )
    yield
    root.handlers[:], root.level = saved[0], saved[1]
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def test_start_up_at_info_shows_the_store_line_without_alembic_narration(tmp_path, capsys, restored_logging):
    configure("INFO")
    open_store(sqlite_url(tmp_path / "jobbot.sqlite3")).dispose()
    err = capsys.readouterr().err
    assert "store ready" in err and "migrated_from='empty'" in err
    assert "alembic" not in err
    configure("DEBUG")  # asked for: the libraries speak again
    assert logging.getLogger("alembic").getEffectiveLevel() == logging.DEBUG


GITHUB_PAT = "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("pat ghp_" + "A1b2" * 9 + " used", "pat *** used"),
        ("oauth gho_" + "Z9" * 18 + ", app ghs_" + "q" * 36, "oauth ***, app ***"),
        (f"fine-grained {GITHUB_PAT}.", "fine-grained ***."),
        ("aws AKIAIOSFODNN7EXAMPLE key", "aws *** key"),
        ("temporary ASIAY34FZKBOKMUTVV7A!", "temporary ***!"),
        ("AKIA in prose, AKIAWORD too short", "AKIA in prose, AKIAWORD too short"),
        ("https://x.example/f?token=abc123&page=2", "https://x.example/f?token=***&page=2"),
        ("https://x.example/f;api_key=abc123", "https://x.example/f;api_key=***"),
        (
            "https://app.example/cb#access_token=abc123&state=1",
            "https://app.example/cb#access_token=***&state=1",
        ),
        ("curl -d api_key=abc123 -d token='t o k' x", "curl -d api_key=*** -d token=*** x"),
        (
            'secret="s3" client_secret=cs1, token_lead_seconds=0.1',
            "secret=*** client_secret=***, token_lead_seconds=0.1",
        ),
    ],
)
def test_github_and_aws_keys_and_assigned_secrets_are_redacted(text, shown):
    assert redact(text) == shown


SECRET_URL = "https://api.example/feed?api_key=SEKRETVALUE1"
CRASH = f"""
import sys
import bot.app
import bot.cli

def boom(*args, **kwargs):
    raise RuntimeError("could not reach {SECRET_URL} as ghp_{"a" * 36} with AKIAIOSFODNN7EXAMPLE")

bot.cli.cmd_sources_add = boom  # `jobbot sources add` fails with an error the CLI does not expect
bot.app.JobBot.create = staticmethod(boom)  # `jobbot run` fails while starting
sys.exit(bot.cli.main(sys.argv[1:]))
"""


@pytest.mark.parametrize("command", [["sources", "add", "https://jobs.example/feed"], ["run"]])
def test_an_uncaught_error_in_the_cli_prints_its_traceback_without_its_secrets(tmp_path, command):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_URL": sqlite_url(tmp_path / "crash.sqlite3"),
    }
    done = subprocess.run(
        [sys.executable, "-c", CRASH, *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert (
        "Traceback (most recent call last)" in done.stderr and "RuntimeError: could not reach" in done.stderr
    )
    assert "api_key=***" in done.stderr
    for secret in ("SEKRETVALUE1", "ghp_aaaa", "AKIAIOSFODNN7EXAMPLE"):
        assert secret not in done.stderr and secret not in done.stdout


def test_a_warning_logged_before_logging_is_configured_is_redacted(capsys, restored_logging):
    saved = (sys.excepthook, threading.excepthook, logging.lastResort)
    root = logging.getLogger()
    root.handlers[:] = []
    try:
        logs.guard_stderr()
        logging.getLogger("bot.sources").warning("fetch failed: %s", SECRET_URL)
        try:
            raise ValueError("token=abc123 refused")
        except ValueError:
            sys.excepthook(*sys.exc_info())

        def fails() -> None:
            raise RuntimeError("worker saw ghs_" + "b" * 36)

        worker = threading.Thread(target=fails, name="poller")
        worker.start()
        worker.join()
    finally:
        sys.excepthook, threading.excepthook, logging.lastResort = saved
    err = capsys.readouterr().err
    assert "WARNING bot.sources: fetch failed: https://api.example/feed?api_key=***" in err
    assert "ValueError: token=*** refused" in err
    assert "Exception in thread poller:" in err and "RuntimeError: worker saw ***" in err
    assert "SEKRETVALUE1" not in err and "abc123" not in err and "ghs_bbb" not in err


def test_the_last_resort_writes_to_stderr_as_it_is_now(restored_logging):
    saved = (sys.excepthook, threading.excepthook, logging.lastResort)
    root = logging.getLogger()
    root.handlers[:] = []
    try:
        logs.guard_stderr()
        later = io.StringIO()
        with contextlib.redirect_stderr(later):  # stderr replaced after the guard was installed
            logging.getLogger("bot.sources").warning("fetch failed: %s", SECRET_URL)
    finally:
        sys.excepthook, threading.excepthook, logging.lastResort = saved
    assert "WARNING bot.sources: fetch failed: https://api.example/feed?api_key=***" in later.getvalue()
