"""Keep request bodies out of the logs when Bolt rejects a request whose signature does not verify.

Bolt's request verification logs the whole body of a rejected request ("Invalid request signature
detected (signature: …, timestamp: …, body: …)"). A body carries user ids, channel ids, what people typed
and a ``response_url`` that can post into the channel for 30 minutes; a log line is no place for any of
it. This filter, on Bolt's two verification loggers, keeps only what identifies the rejected request.
"""

from __future__ import annotations

import logging
import re

_TIMESTAMP = re.compile(r"timestamp: (\d{1,20})")
_VERIFICATION_LOGGERS = ("slack_bolt.AsyncRequestVerification", "slack_bolt.RequestVerification")


class RejectedRequestFilter(logging.Filter):
    """Rewrites Bolt's rejection line to the request's timestamp only; other lines pass as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place when it is Bolt's invalid-signature line."""
        message = record.getMessage()
        if message.startswith("Invalid request signature detected"):
            stamp = _TIMESTAMP.search(message)
            record.msg = "rejected a Slack request: invalid signature (x-slack-request-timestamp %s)"
            record.args = (stamp.group(1) if stamp else "missing",)
        return True


def install() -> None:
    """Put the filter on Bolt's verification loggers (idempotent)."""
    for name in _VERIFICATION_LOGGERS:
        target = logging.getLogger(name)
        if not any(isinstance(existing, RejectedRequestFilter) for existing in target.filters):
            target.addFilter(RejectedRequestFilter())
