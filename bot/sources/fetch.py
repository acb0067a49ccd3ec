"""The one safe HTTP fetcher every source uses: guarded, polite, bounded and conditional.

    async with Fetcher(FetchPolicy.from_settings(settings.fetch)) as fetcher:
        result = await fetcher.fetch(url, etag=previous.etag, last_modified=previous.last_modified)

Every hop of a redirect chain is checked by the SSRF guard (``netguard``), bodies are decoded here (gzip
and deflate only, ``bot.sources.encoding``) and capped as they inflate, and each failure is a
``FetchError`` subclass whose message a person can act on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

import aiohttp
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from bot import __version__
from bot.sources.backoff import parse_retry_after
from bot.sources.encoding import ACCEPT_ENCODING, Inflater, coding_of
from bot.sources.errors import (
    BadUrlError,
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    HostBackoffError,
    HttpStatusError,
    TooLargeError,
    TooManyRedirectsError,
    UnsupportedEncodingError,
    redact_url,
)
from bot.sources.hostlimits import HostLimiter
from bot.sources.netguard import AddressRules, GuardedResolver, IPNetwork, Lookup, check_url, system_lookup

if TYPE_CHECKING:
    from bot.settings import FetchSettings

__all__ = [
    "BadUrlError",
    "BlockedAddressError",
    "FetchError",
    "FetchPolicy",
    "FetchResult",
    "FetchTimeoutError",
    "Fetcher",
    "HostBackoffError",
    "HttpStatusError",
    "TooLargeError",
    "TooManyRedirectsError",
    "UnsupportedEncodingError",
]

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
# On a redirect to another origin only these caller headers follow: tokens stay with the host they were for.
CROSS_ORIGIN_HEADERS = frozenset(
    {"accept", "accept-language", "content-type", "if-none-match", "if-modified-since"}
)


def default_user_agent() -> str:
    """The User-Agent jobbot introduces itself with when the settings name none."""
    return f"jobbot/{__version__} (job-posting alerts for Slack and Discord)"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What the fetcher may do: timeouts, size cap, redirects, which addresses, how politely per host."""

    user_agent: str = field(default_factory=default_user_agent)
    connect_timeout: float = 10.0
    total_timeout: float = 30.0  # per request, from sending it to the last body byte
    max_body_bytes: int = 10_000_000  # counted after decompression
    max_redirects: int = 5
    allow_private: bool = False  # loopback/RFC 1918/ULA; link-local (metadata) and CGNAT stay refused
    allowed_networks: tuple[IPNetwork, ...] = ()  # open just these private ranges
    per_host_concurrency: int = 2
    min_host_gap: float = 0.25  # seconds between request starts to one host
    max_host_wait: float = 10.0  # a host's Retry-After longer than this fails fast (HostBackoffError)

    def __post_init__(self) -> None:
        """Refuse values the fetcher cannot work with, naming the field."""
        if not self.user_agent.strip():
            raise ValueError("FetchPolicy.user_agent must not be empty")
        for name in ("connect_timeout", "total_timeout"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchPolicy.{name} must be more than 0 seconds")
        if self.max_body_bytes < 1 or self.max_redirects < 0 or self.per_host_concurrency < 1:
            raise ValueError(
                "FetchPolicy needs max_body_bytes ≥ 1, max_redirects ≥ 0, per_host_concurrency ≥ 1"
            )
        if self.min_host_gap < 0 or self.max_host_wait < 0:
            raise ValueError("FetchPolicy.min_host_gap and max_host_wait must not be negative")

    @classmethod
    def from_settings(cls, settings: FetchSettings, **overrides: Any) -> FetchPolicy:
        """The policy the ``[fetch]`` settings describe; ``overrides`` set the fields settings do not have."""
        values: dict[str, Any] = {
            "user_agent": settings.user_agent,
            "connect_timeout": settings.connect_timeout_seconds,
            "total_timeout": settings.total_timeout_seconds,
            "max_body_bytes": settings.max_response_bytes,
            "max_redirects": settings.max_redirects,
            "allow_private": settings.allow_private_addresses,
        }
        return cls(**(values | overrides))

    @property
    def address_rules(self) -> AddressRules:
        """The SSRF guard's rules for this policy."""
        return AddressRules(allow_private=self.allow_private, allowed_networks=self.allowed_networks)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One fetched resource: what the server said, and the validators to send next time."""

    status: int
    url: str  # the final URL, after redirects
    headers: Mapping[str, str]  # case-insensitive, read-only
    body: bytes | None  # None when not modified (304)
    etag: str | None  # send back as ``etag=`` on the next fetch
    last_modified: str | None  # send back as ``last_modified=``
    elapsed: float  # seconds, including redirects and politeness waits

    @property
    def not_modified(self) -> bool:
        """True when the server answered 304: nothing changed since the validators we sent."""
        return self.status == 304

    @property
    def content_type(self) -> str | None:
        """The media type without parameters, lower-case (``application/json``), None when not said."""
        value = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        return value or None


@dataclass(frozen=True, slots=True)
class _Answer:
    status: int
    headers: CIMultiDictProxy[str]
    body: bytes | None
    location: str | None  # set for a redirect to follow


class Fetcher:
    """Owns one aiohttp session; use ``async with Fetcher(policy) as fetcher``."""

    def __init__(self, policy: FetchPolicy | None = None, *, lookup: Lookup = system_lookup) -> None:
        self.policy = policy or FetchPolicy()
        self._rules = self.policy.address_rules
        self._lookup = lookup  # DNS, replaceable by a fake table in tests
        self._limiter = HostLimiter(self.policy.per_host_concurrency, self.policy.min_host_gap)
        self._timeout = aiohttp.ClientTimeout(
            total=self.policy.total_timeout, sock_connect=self.policy.connect_timeout
        )
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Self:
        """Open the session; its connector resolves names only through the SSRF guard."""
        connector = aiohttp.TCPConnector(
            resolver=GuardedResolver(self._rules, self._lookup), limit=100, ttl_dns_cache=60
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": self.policy.user_agent},
            auto_decompress=False,  # decoded here, within the cap (``bot.sources.encoding``)
            cookie_jar=aiohttp.DummyCookieJar(),  # no cookies carried from one source to another
            trust_env=False,  # no proxy from the environment: it would bypass the address checks
            timeout=self._timeout,
        )
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Close the session and its connections."""
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(
        self,
        url: str,
        *,
        method: str = "GET",
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """Fetch ``url`` (following redirects, each re-checked); a FetchError subclass says what failed."""
        if self._session is None:
            raise RuntimeError("use the Fetcher inside `async with Fetcher(policy) as fetcher:`")
        started = time.monotonic()
        target = check_url(url, self._rules)
        sent = CIMultiDict(headers or {})
        if etag:
            sent["If-None-Match"] = etag
        if last_modified:
            sent["If-Modified-Since"] = last_modified
        sent["Accept-Encoding"] = ACCEPT_ENCODING  # whatever the caller said: only what is decoded here
        for _ in range(self.policy.max_redirects + 1):
            answer = await self._send(self._session, method.upper(), target, json, sent)
            if answer.location is None:
                return self._result(target, answer, started, etag=etag, last_modified=last_modified)
            following = _redirect_target(target, answer.location, self._rules)
            if following.origin() != target.origin():
                sent = CIMultiDict((k, v) for k, v in sent.items() if k.lower() in CROSS_ORIGIN_HEADERS)
            if answer.status == 303 or (answer.status in (301, 302) and method.upper() == "POST"):
                method, json = "GET", None  # what browsers do, and what servers expect
            target = following
        raise TooManyRedirectsError(
            f"{redact_url(url)} redirected more than {self.policy.max_redirects} times; "
            "use the final address of the source instead",
            url=redact_url(url),
        )

    async def _send(
        self, session: aiohttp.ClientSession, method: str, target: URL, json: Any, headers: CIMultiDict[str]
    ) -> _Answer:
        """One request, in one of its host's slots."""
        host = target.host or ""
        shown = redact_url(target)
        async with self._limiter.slot(host, max_wait=self.policy.max_host_wait):
            try:
                async with session.request(
                    method, target, json=json, headers=headers, allow_redirects=False, timeout=self._timeout
                ) as response:
                    return await self._answer(host, shown, response)
            except FetchError:
                raise
            except TimeoutError:
                raise FetchTimeoutError(
                    f"{shown} did not answer within {self.policy.total_timeout:g} s "
                    f"(connect limit {self.policy.connect_timeout:g} s); it may be down or very slow",
                    url=shown,
                ) from None
            except aiohttp.ClientError as exc:
                raise FetchError(f"could not fetch {shown}: {_describe(exc)}", url=shown) from None

    async def _answer(self, host: str, shown: str, response: aiohttp.ClientResponse) -> _Answer:
        status = response.status
        if status in REDIRECT_STATUSES:
            location = response.headers.get("Location")
            if not location:
                raise HttpStatusError(
                    f"{shown} answered {status} (a redirect) without a Location", status=status, url=shown
                )
            return _Answer(status, response.headers, None, location)
        if status == 304:
            return _Answer(status, response.headers, None, None)
        if not 200 <= status < 300:
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if retry_after is not None and status in (429, 503):
                self._limiter.defer(host, retry_after)  # every source on this host waits, not just this one
            message = _status_message(shown, status, response.reason, retry_after)
            raise HttpStatusError(message, status=status, url=shown, retry_after=retry_after)
        body = await self._read_body(shown, response)
        return _Answer(status, response.headers, body, None)

    async def _read_body(self, shown: str, response: aiohttp.ClientResponse) -> bytes:
        """The body, decompressed as it arrives, read in chunks and abandoned as soon as it passes the cap.

        The cap counts the body after decompression, and the bytes on the wire too (a stream that never
        inflates to anything must end as well).
        """
        cap = self.policy.max_body_bytes
        coding = coding_of(response.headers.get("Content-Encoding"), shown)
        declared = response.content_length
        if declared is not None and declared > cap:
            detail = f"it announced {_size(declared)}" + (" compressed" if coding else "")
            raise TooLargeError(_too_large(shown, cap, detail), url=shown)
        inflater = Inflater(coding, shown) if coding is not None else None
        body = bytearray()
        received = 0
        try:
            async for chunk in response.content.iter_chunked(CHUNK_BYTES):
                received += len(chunk)
                body += chunk if inflater is None else inflater.feed(chunk, cap - len(body))
                if len(body) > cap or received > cap:
                    read = f"stopped reading after {_size(max(len(body), received))}"
                    raise TooLargeError(_too_large(shown, cap, read), url=shown)
        except aiohttp.ClientPayloadError as exc:
            raise FetchError(f"{shown} sent a broken body: {_describe(exc)}", url=shown) from None
        if inflater is not None:
            body += inflater.finish(cap - len(body))
            if len(body) > cap:
                read = f"stopped reading after {_size(len(body))}"
                raise TooLargeError(_too_large(shown, cap, read), url=shown)
        return bytes(body)

    def _result(
        self, target: URL, answer: _Answer, started: float, *, etag: str | None, last_modified: str | None
    ) -> FetchResult:
        headers = answer.headers
        if answer.status == 304:  # unchanged: the validators we sent stay valid unless the server renews them
            etag, last_modified = headers.get("ETag", etag), headers.get("Last-Modified", last_modified)
        else:
            etag, last_modified = headers.get("ETag"), headers.get("Last-Modified")
        result = FetchResult(
            status=answer.status,
            url=str(target),
            headers=headers,
            body=answer.body,
            etag=etag,
            last_modified=last_modified,
            elapsed=time.monotonic() - started,
        )
        logger.debug(
            "fetched",
            extra={
                "url": redact_url(target),
                "status": answer.status,
                "bytes": len(answer.body or b""),
                "elapsed": round(result.elapsed, 3),
            },
        )
        return result


def _redirect_target(current: URL, location: str, rules: AddressRules) -> URL:
    """The next hop, checked like the first one; a refused hop says it came from a redirect."""
    shown = redact_url(current)
    try:
        following = current.join(URL(location))
    except (ValueError, TypeError):
        raise BadUrlError(f"{shown} redirected to an invalid URL", url=shown) from None
    try:
        return check_url(following, rules)
    except (BadUrlError, BlockedAddressError) as exc:
        raise type(exc)(f"{shown} redirected to a refused URL: {exc}", url=exc.url) from None


def _status_message(shown: str, status: int, reason: str | None, retry_after: float | None) -> str:
    said = f"{status} {reason}".strip() if reason else str(status)
    if status == 429:
        advice = "too many requests; jobbot will slow down"
    elif status in (401, 403):
        advice = "access denied; the source may be private or need a token"
    elif status in (404, 410):
        advice = "not found; check the URL or whether the board still exists"
    elif status >= 500:
        advice = "the server failed; jobbot will try again later"
    else:
        advice = "the request was refused"
    wait = f" (it asked to wait {retry_after:.0f} s)" if retry_after is not None else ""
    return f"{shown} answered {said}: {advice}{wait}"


def _too_large(shown: str, cap: int, detail: str) -> str:
    return (
        f"{shown} answered with more than the {_size(cap)} limit ({detail}, counted after decompression); "
        "raise fetch.max_response_bytes if this source is trusted"
    )


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 100_000 else f"{count} bytes"


def _describe(exc: aiohttp.ClientError) -> str:
    """A person-readable cause that cannot leak a URL's query or a header (aiohttp's own text may)."""
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return "its TLS certificate or handshake is not valid"
    if isinstance(exc, aiohttp.ClientConnectorError):
        reason = exc.os_error.strerror or type(exc.os_error).__name__
        return f"cannot connect to {exc.host}:{exc.port} ({reason})"
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return "the server closed the connection before answering"
    if isinstance(exc, aiohttp.ClientPayloadError):
        return "the body was cut off or its compression could not be decoded"
    if isinstance(exc, aiohttp.InvalidURL):
        return "the URL is not valid"
    if isinstance(exc, aiohttp.ClientResponseError):
        return f"the server's answer could not be read (HTTP {exc.status})"
    return type(exc).__name__
