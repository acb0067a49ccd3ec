import logging

from bot.logs import StructuredFormatter, redact


def test_tokens_and_url_passwords_are_redacted():
    text = "token xoxb-123-456-abcDEF app xapp-1-A2-3 url postgresql://jobbot:hunter2@db/jobs"
    assert redact(text) == "token *** app *** url postgresql://***@db/jobs"


def test_extra_fields_are_appended_and_redacted():
    record = logging.LogRecord("bot.x", logging.INFO, __file__, 1, "sent %s", ("card",), None)
    record.destination = "slack:T1:channel:C1"
    record.auth = "Bearer xoxb-999-secret"
    line = StructuredFormatter("%(levelname)s %(message)s").format(record)
    assert line.startswith("INFO sent card ")
    assert "destination='slack:T1:channel:C1'" in line
    assert "xoxb" not in line and "auth='Bearer ***'" in line
