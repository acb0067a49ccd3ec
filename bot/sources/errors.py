"""What can go wrong when fetching a source, as typed errors a person can read.

Messages name the URL without its query string or credentials (``redact_url``), and never a header:
tokens live there.
"""

from __future__ import annotations

import re

from yarl import URL


class FetchError(Exception):
    """A source could not be fetched; ``str()`` says what went wrong and what to do about it."""

    retryable = True  # worth trying again later (the poller backs off); False = fix the source first

    def __init__(self, message: str, *, url: str | None = None, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.url = url  # already redacted
        self.retry_after = retry_after  # seconds the server asked us to wait, when it said so


class BadUrlError(FetchError):
    """The URL is not one jobbot fetches (not http/https, no host, credentials inside, malformed)."""

    retryable = False


class BlockedAddressError(FetchError):
    """The URL leads to an address jobbot must not reach (loopback, private, link-local, metadata…)."""

    retryable = False


class TooLargeError(FetchError):
    """The response body (after decompression) is larger than the configured cap."""


class UnsupportedEncodingError(FetchError):
    """The server compressed the body in a way jobbot does not decode (brotli, zstd, an unknown coding)."""

    retryable = False


class FetchTimeoutError(FetchError):
    """The server did not connect or answer in time."""


class TooManyRedirectsError(FetchError):
    """The redirect chain is longer than allowed (or loops)."""

    retryable = False


class HttpStatusError(FetchError):
    """The server answered with an error status (4xx/5xx) or an unusable 3xx."""

    def __init__(
        self, message: str, *, status: int, url: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url, retry_after=retry_after)
        self.status = status
        # 404/410 and most 4xx mean the source itself is wrong; 408, 425, 429 and 5xx pass with time
        self.retryable = status >= 500 or status in (408, 425, 429)


class HostBackoffError(FetchError):
    """Not sent: the host recently asked us to slow down (Retry-After) and that wait is not over."""


def redact_url(url: URL | str) -> str:
    """``url`` without credentials, query or fragment, safe for messages and logs."""
    try:
        parsed = url if isinstance(url, URL) else URL(url)
    except (ValueError, TypeError):
        return "<unparsable URL>"
    if not parsed.is_absolute():
        return "<URL without a host>"
    shown = parsed.with_user(None).with_password(None).with_query(None).with_fragment(None)
    return str(shown) + ("?…" if parsed.raw_query_string else "")


# Query parameters whose values are credentials: a name that is, starts or ends with one of these words
# (``api_key``, ``apiKey``, ``access_token``, ``X-Amz-Signature``, ``sig``, ``client_secret`` …).
_SECRET_PARAM = re.compile(
    r"(^|[-_.])(key|apikey|token|secret|password|passwd|pwd|sig|signature|auth|authorization|credential|"
    r"credentials|session|sessionid|code|jwt|bearer)$|^(api|access|auth|client|private|secret)[-_]?",
    re.IGNORECASE,
)


def shown_url(url: str) -> str:
    """``url`` as people and logs may see it: credentials and secret-looking query values as ``***``.

    Unlike ``redact_url`` (for error messages, which drops the whole query), the rest of the query stays,
    so an admin can still tell two sources of one board apart (``?department=sales``). The full URL is
    kept only in the store, for fetching.
    """
    try:
        parsed = URL(url)
    except (ValueError, TypeError):
        return "<unparsable URL>"
    if parsed.user is not None or parsed.password is not None:
        parsed = parsed.with_user("***").with_password(None)
    if parsed.raw_query_string:
        masked = [(name, "***" if _secret_name(name) else value) for name, value in parsed.query.items()]
        parsed = parsed.with_query(masked)
    return str(parsed)


def _secret_name(name: str) -> bool:
    # camelCase names (apiKey, accessToken) split like snake_case ones
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name)
    return _SECRET_PARAM.search(spaced) is not None
