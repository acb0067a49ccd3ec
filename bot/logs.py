"""Log set-up for the long-running commands: one line per event, structured fields, no secrets."""

from __future__ import annotations

import logging
import re

# Slack bot/user/app/refresh tokens, Discord bot tokens, and credentials in URLs: never written to a log.
_SECRETS = re.compile(
    r"xox[abposre]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|[MN][A-Za-z\d]{23,25}\.[\w-]{6}\.[\w-]{27,}|(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"
)
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


# A secret-looking query parameter's value in any URL (the names ``bot.sources.errors.shown_url`` masks).
_QUERY_SECRET = re.compile(
    r"(?i)([?&](?:[\w.-]*[-_.])?(?:api[-_]?key|key|token|access[-_]?token|secret|client[-_]?secret|password|"
    r"passwd|sig|signature|auth|code|session|sessionid|jwt|credentials?)=)[^&\s'\"#]+"
)


def redact(text: str) -> str:
    """``text`` with every token, URL credential or secret-looking URL query value replaced by ***."""
    return _QUERY_SECRET.sub(r"\1***", _SECRETS.sub("***", text))


class StructuredFormatter(logging.Formatter):
    """``time level logger: message key=value …`` with the record's ``extra`` fields, secrets redacted."""

    def format(self, record: logging.LogRecord) -> str:
        """Format one record."""
        line = super().format(record)
        fields = " ".join(f"{k}={v!r}" for k, v in record.__dict__.items() if k not in _STANDARD)
        return redact(f"{line} {fields}" if fields else line)


# Libraries that narrate their own workings at INFO: Alembic's plugin set-up and dialect lines on every
# start, APScheduler's "job added"/"executed successfully" for every poll. jobbot logs what matters of
# both itself (``store ready``, ``polled``); their warnings and errors still show.
_CHATTY = ("alembic", "apscheduler")


def configure(level: str = "INFO") -> None:
    """Send logs to stderr in the structured format at ``level``; chatty libraries at WARNING unless DEBUG."""
    handler = logging.StreamHandler()
    handler.setFormatter(StructuredFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if level.upper() == "DEBUG" else logging.WARNING)
