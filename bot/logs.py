"""Log set-up for the long-running commands: one line per event, structured fields, no secrets."""

from __future__ import annotations

import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from types import TracebackType
from typing import TextIO

# Slack tokens (bot, user, app-level, refresh, rotating: xoxb-, xoxp-, xapp-, xoxe-, xoxe.xoxp-…) and
# Discord bot tokens (the bot's id in base64, which starts M, N or O, a timestamp and an HMAC).
# GitHub tokens (personal ghp_, OAuth gho_, user-to-server ghu_, server-to-server ghs_, refresh ghr_, and
# fine-grained github_pat_) and AWS access key ids (AKIA long-term, ASIA temporary).
_TOKENS = re.compile(
    r"\bxox[a-z]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+|\b[MNO][\w-]{23,27}\.[\w-]{6,7}\.[\w-]{27,}"
    r"|\bgh[pousr]_[A-Za-z0-9]{20,}|\bgithub_pat_\w{20,}|\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"
)
# A URL's user info (``user:password@``, or a token as the user name). The password runs to the URL's last
# ``@``, so one holding ``@`` or ``/`` (written unencoded in a DATABASE_URL) is hidden whole.
_URL_CREDENTIALS = re.compile(r"(?<=://)[^\s/?#@:'\"]*(?::[^\s'\"]*)?@(?=[^\s@'\"]*(?:[\s'\"]|$))")
# Webhook URLs are their own credential: anyone holding one can post (Slack's incoming webhooks, workflow
# triggers, and the response_url of a command or a click). Discord interaction callbacks carry the
# interaction's token the same way.
_WEBHOOKS = re.compile(
    r"(?i)(hooks\.slack(?:-gov)?\.com/[a-z]+/)[^\s'\"<>]+"
    r"|(/(?:webhooks|interactions)/\d+/)[^\s/'\"<>?]+"
)
# ``password=…`` in a libpq connection string (``host=db password='se cret'``), ``PGPASSWORD=…`` and the like.
_PASSWORD_FIELD = re.compile(
    r"(?i)(\b(?:pg)?(?:password|passwd|pwd)\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^\s'\",;&]+)"
)
# Credential-bearing HTTP headers, as a raw header line (``Authorization: Bearer …``) or in a headers
# dict's repr (``'Cookie': 'a=1; b=2'``): the auth scheme stays, so a reader still sees which kind it was.
_HEADERS = re.compile(
    r"(?i)(\b(?:proxy-)?authorization['\"]?\s*[:=]\s*['\"]?(?:(?:bearer|bot|basic|token|digest)\s+)?)"
    r"(?:[^\s'\",}]+)"
    r"|(\b(?:set-)?cookie['\"]?\s*[:=]\s*)(?:'[^']*'|\"[^\"]*\"|[^\r\n]+)"
    r"|(\bx-(?:api-key|auth-token|slack-signature)['\"]?\s*[:=]\s*['\"]?)(?:[^\s'\",}]+)"
)
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


# A secret-looking query parameter's value in any URL (the names ``bot.sources.errors.shown_url`` masks).
_QUERY_SECRET = re.compile(
    r"(?i)([?&;#](?:[\w.-]*[-_.])?(?:api[-_]?key|key|token|access[-_]?token|secret|client[-_]?secret|password|"
    r"passwd|sig|signature|auth|code|session|sessionid|jwt|credentials?)=)[^&\s'\"#]+"
)


# ``api_key=…``, ``token=…``, ``secret=…`` outside a URL (a form body, a command line, a key=value field).
_ASSIGNED_SECRET = re.compile(
    r"(?i)((?<![\w-])(?:api[-_]?key|apikey|(?:access|auth|bot|refresh)[-_]?token|token|secret|"
    r"client[-_]?secret)\s*=\s*)(?:'[^']*'|\"[^\"]*\"|[^\s'\",&;)]+)"
)


def _kept_prefix(found: re.Match[str]) -> str:
    """The label before a secret (the header name, the webhook path), then ***."""
    return next((group for group in found.groups() if group is not None), "") + "***"


# The process's own secrets, exactly as configured (a signing secret, a Fernet key, a database password):
# their shapes are too plain for a pattern, so each is hidden wherever it shows up.
_known: tuple[str, ...] = ()
MIN_KNOWN_SECRET = 6  # shorter values would hide ordinary words; no real secret is that short


def keep_secret(*values: str | None) -> None:
    """Redact these exact values from every log line from now on (empty and very short ones are ignored)."""
    global _known
    found = {v for v in values if v and len(v) >= MIN_KNOWN_SECRET}
    _known = tuple(sorted(set(_known) | found, key=len, reverse=True))  # longest first: no half-hidden one


def redact(text: str) -> str:
    """``text`` with every token, credential, webhook, password or secret-looking URL query value as ***."""
    for secret in _known:
        if secret in text:
            text = text.replace(secret, "***")
    text = _HEADERS.sub(_kept_prefix, text)
    text = _TOKENS.sub("***", text)
    text = _URL_CREDENTIALS.sub("***@", text)
    text = _WEBHOOKS.sub(_kept_prefix, text)
    text = _PASSWORD_FIELD.sub(r"\1***", text)
    text = _QUERY_SECRET.sub(r"\1***", text)
    return _ASSIGNED_SECRET.sub(r"\1***", text)


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


def configure(level: str = "INFO", *, secrets: Iterable[str | None] = ()) -> None:
    """Send logs to stderr in the structured format at ``level``; chatty libraries at WARNING unless DEBUG.

    ``secrets`` (the settings' ``secret_values()``) are redacted by value wherever they appear.
    """
    keep_secret(*secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(StructuredFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.NOTSET if level.upper() == "DEBUG" else logging.WARNING)


class _CurrentStderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to ``sys.stderr`` as it is at each record, as logging's own last resort does.

    A plain ``StreamHandler()`` keeps the stream of the moment it was made: once stderr is replaced (a
    test's capture, ``contextlib.redirect_stderr``), it would write to the old one.
    """

    def __init__(self, level: int = logging.NOTSET) -> None:
        logging.Handler.__init__(self, level)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always sys.stderr


class _RedactingFormatter(logging.Formatter):
    """The plain ``levelname: message`` (with any traceback), secrets redacted."""

    def format(self, record: logging.LogRecord) -> str:
        """Format one record."""
        return redact(super().format(record))


def _print_redacted(
    kind: type[BaseException], value: BaseException, tb: TracebackType | None, *, header: str = ""
) -> None:
    text = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(header + redact(text))
    sys.stderr.flush()


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, value, tb)
        return
    _print_redacted(kind, value, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    name = args.thread.name if args.thread is not None else "?"
    _print_redacted(
        args.exc_type, args.exc_value, args.exc_traceback, header=f"Exception in thread {name}:\n"
    )


def guard_stderr() -> None:
    """Redact what reaches stderr outside a configured log handler, whichever command runs.

    Uncaught errors and their tracebacks (the main thread's and other threads'), and log records before
    ``configure`` (logging's last resort). The CLI installs this first thing, so a secret in an exception
    message (a token in a URL a library put in its error) is never printed, whichever command fails.
    """
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
    last_resort = _CurrentStderr(logging.WARNING)
    last_resort.setFormatter(_RedactingFormatter("%(levelname)s %(name)s: %(message)s"))
    logging.lastResort = last_resort
