import logging

import pytest

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
