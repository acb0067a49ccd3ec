"""The SSRF guard: which URLs jobbot may fetch and which addresses it may connect to.

Sources are added by people in chat, so a URL may point anywhere: at the cloud metadata service
(169.254.169.254), at the bot's own admin ports, at the office network. ``check_url`` refuses bad URLs and
literal addresses before anything is sent; ``GuardedResolver`` is the connector's only DNS, so every
hostname (on every redirect hop) is resolved once, vetted, and the connection goes to exactly the vetted
address: no second lookup an attacker's DNS could answer differently (rebinding).

Any port is allowed: sources live on odd ports, and what protects internal services is the address check.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp.abc import AbstractResolver, ResolveResult
from yarl import URL

from bot.sources.errors import BadUrlError, BlockedAddressError, FetchError, redact_url

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
Lookup = Callable[[str, int, int], Awaitable[list[str]]]  # (host, port, family) -> addresses

SCHEMES = frozenset({"http", "https"})
MAX_URL_LENGTH = 8192
# The only ranges an operator may open (allow_private / allowed_networks): their own machines and LANs,
# including IPv6 site-local (fec0::/10: deprecated, but still routed inside some networks, and not in
# Python's list of non-global ranges).
PRIVATE_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "::1/128", "fc00::/7", "fec0::/10",
    )
)  # fmt: skip
CGNAT = ipaddress.ip_network("100.64.0.0/10")
# NAT64 (RFC 6052): a gateway forwards 64:ff9b::a.b.c.d to a.b.c.d, so it is judged as that IPv4 address.
# On an IPv6-only network with DNS64 every public host resolves there, so refusing it outright would
# refuse every source.
NAT64 = ipaddress.ip_network("64:ff9b::/96")
# Names that are loopback whatever DNS says (RFC 6761): refused before any lookup, trailing dot or not.
_LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback")
LOOPBACK = ipaddress.IPv4Address("127.0.0.1")
_HOSTNAME = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?")
_LEGACY_PART = re.compile(r"0[xX][0-9A-Fa-f]*|0[0-7]*|[1-9][0-9]*")


@dataclass(frozen=True, slots=True)
class AddressRules:
    """Which addresses may be reached: public ones always, private ones only when opened explicitly."""

    allow_private: bool = False  # loopback, RFC 1918 and IPv6 ULA, for self-hosted feeds and tests
    allowed_networks: tuple[IPNetwork, ...] = ()  # narrower than allow_private: just these private ranges

    def refusal(self, address: IPAddress) -> str | None:
        """Why ``address`` must not be reached (a phrase for a message), or None when it may."""
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return self.refusal(embedded)
        if any(address in net for net in PRIVATE_NETWORKS):
            if self.allow_private or any(address in net for net in self.allowed_networks):
                return None
            kind = "a loopback address" if address.is_loopback else "a private network address"
            return f"{kind} (set fetch.allow_private_addresses = true only for trusted self-hosted sources)"
        return _always_refused(address)


def _always_refused(address: IPAddress) -> str | None:
    """The reason no setting opens ``address``, or None for a public address."""
    if address.is_link_local:
        return "a link-local address (where cloud metadata services such as 169.254.169.254 live)"
    if address.is_multicast:
        return "a multicast address"
    if address.is_unspecified:
        return "an unspecified address"
    if address in CGNAT:
        return "a carrier-grade NAT address (100.64.0.0/10)"
    if address.is_reserved or not address.is_global:
        return "a reserved or non-public address"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to (::ffff:a.b.c.d, 6to4, NAT64), where packets really go."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.ipv4_mapped or address.sixtofour


def _bare_host(host: str) -> str:
    """``host`` without its IPv6 zone and its one trailing dot: ``localhost.`` is ``localhost``."""
    host = host.split("%")[0]
    return host[:-1] if host.endswith(".") and not host.endswith("..") else host


def named_address(host: str) -> IPAddress | None:
    """The address ``host`` stands for without asking DNS: a literal, or a name that is always loopback."""
    bare = _bare_host(host)
    lowered = bare.lower()
    if lowered in _LOOPBACK_NAMES or lowered.endswith(".localhost"):
        return LOOPBACK
    return literal_address(bare)


def literal_address(host: str) -> IPAddress | None:
    """The address a host names literally, including legacy IPv4 spellings (2130706433, 0x7f.1, 0177.1)."""
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    return _legacy_ipv4(host)


def _legacy_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Parse the forms inet_aton (and so getaddrinfo) accepts: 1-4 parts, each decimal, octal or hex."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4 or not all(_LEGACY_PART.fullmatch(p) for p in parts):
        return None
    values = [_legacy_number(p) for p in parts]
    *leading, last = values
    if any(v > 255 for v in leading) or last >= 256 ** (5 - len(parts)):
        return None
    number = last
    for index, value in enumerate(leading):
        number |= value << (8 * (3 - index))
    return ipaddress.IPv4Address(number)


def _legacy_number(part: str) -> int:
    if part[:2].lower() == "0x":
        return int(part[2:] or "0", 16)  # inet_aton reads a bare "0x" as zero
    return int(part, 8) if part.startswith("0") else int(part)


def check_url(url: str | URL, rules: AddressRules) -> URL:
    """``url`` parsed, if jobbot may fetch it; else BadUrlError or BlockedAddressError saying why."""
    raw = str(url)
    if len(raw) > MAX_URL_LENGTH:
        raise BadUrlError(f"the URL is longer than {MAX_URL_LENGTH} characters", url=redact_url(raw))
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in raw):
        raise BadUrlError(
            f"{redact_url(raw)} contains spaces or control characters; percent-encode them",
            url=redact_url(raw),
        )
    try:
        parsed = url if isinstance(url, URL) else URL(raw)
    except (ValueError, TypeError):
        raise BadUrlError(
            "this is not a valid URL (expected https://host/path)", url=redact_url(raw)
        ) from None
    shown = redact_url(parsed)
    if parsed.scheme not in SCHEMES:
        scheme = f"{parsed.scheme}:" if parsed.scheme else "a URL without a scheme"
        raise BadUrlError(f"only http:// and https:// URLs can be fetched, not {scheme}", url=shown)
    host = parsed.raw_host
    if not host:
        raise BadUrlError(f"the URL {raw[:80]!r} has no host name", url=shown)
    if parsed.raw_user is not None or parsed.raw_password is not None:
        raise BadUrlError(
            f"{shown} carries a user name or password; jobbot never sends credentials inside URLs", url=shown
        )
    address = named_address(host)
    if address is None and not _HOSTNAME.fullmatch(host):
        raise BadUrlError(f"{shown} has an invalid host name", url=shown)
    if address is not None:
        reason = rules.refusal(address)
        if reason is not None:
            raise BlockedAddressError(f"{shown} is {reason}; jobbot does not fetch from there", url=shown)
        literal = literal_address(_bare_host(host))
        if literal is not None and literal.version == 4 and str(literal) != host:
            # 2130706433, 0x7f.1, 127.0.0.1.: only a disguise needs those
            raise BadUrlError(f"{shown} spells an IP address oddly; write it as {literal}", url=shown)
    return parsed


async def system_lookup(host: str, port: int, family: int) -> list[str]:
    """The addresses the system resolver gives for ``host`` (one getaddrinfo call)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, family=family, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


class GuardedResolver(AbstractResolver):
    """The fetcher's DNS: one lookup per host, every answer vetted before the connector sees it."""

    def __init__(self, rules: AddressRules, lookup: Lookup = system_lookup) -> None:
        self._rules = rules
        self._lookup = lookup

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """Resolve ``host`` and return only vetted addresses; refuse the host if any answer is refused."""
        addresses = await self.vetted(host, port, family)
        return [
            ResolveResult(
                hostname=host,
                host=str(address),
                port=port,
                family=socket.AF_INET6 if address.version == 6 else socket.AF_INET,
                proto=0,
                flags=socket.AI_NUMERICHOST | socket.AI_NUMERICSERV,
            )
            for address in addresses
        ]

    async def vetted(self, host: str, port: int, family: int = socket.AF_UNSPEC) -> list[IPAddress]:
        """The addresses of ``host``, each allowed by the rules (BlockedAddressError otherwise)."""
        literal = named_address(host)
        if literal is not None:
            answers = [literal]
        else:
            try:
                found = await self._lookup(host, port, family)
            except OSError as exc:
                raise FetchError(
                    f"cannot find the host {host!r} ({exc.strerror or exc}); check the URL's spelling",
                    url=host,
                ) from None
            answers = list(dict.fromkeys(ipaddress.ip_address(a.split("%")[0]) for a in found))
            if not answers:
                raise FetchError(f"the host {host!r} has no addresses", url=host)
        for address in answers:
            reason = self._rules.refusal(address)
            if reason is not None:
                # one bad answer refuses the host: a name mixing public and internal addresses is an attack
                raise BlockedAddressError(
                    f"{host} resolves to {address}, {reason}; jobbot does not fetch from there", url=host
                )
        return answers

    async def close(self) -> None:
        """Nothing to release: lookups go through the event loop."""
