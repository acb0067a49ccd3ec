"""Log set-up for the long-running commands: one line per event, structured fields, no secrets."""

from __future__ import annotations

import logging
import re

# Slack bot/user/app tokens, Discord bot tokens, and credentials in URLs: never written to a log.
_SECRETS = re.compile(
    r"xox[abposr]-[A-Za-z0-9-]+|xapp-[A-Za-z0-9-]+|[MN][A-Za-z\d]{23,25}\.[\w-]{6}\.[\w-]{27,}|(?<=://)[^/\s:@]+:[^/\s@]+(?=@)"
)
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def redact(text: str) -> str:
    """``text`` with every token or URL credential replaced by ***."""
    return _SECRETS.sub("***", text)


class StructuredFormatter(logging.Formatter):
    """``time level logger: message key=value …`` with the record's ``extra`` fields, secrets redacted."""

    def format(self, record: logging.LogRecord) -> str:
        """Format one record."""
        line = super().format(record)
        fields = " ".join(f"{k}={v!r}" for k, v in record.__dict__.items() if k not in _STANDARD)
        return redact(f"{line} {fields}" if fields else line)


def configure(level: str = "INFO") -> None:
    """Send logs to stderr in the structured format at ``level``."""
    handler = logging.StreamHandler()
    handler.setFormatter(StructuredFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
