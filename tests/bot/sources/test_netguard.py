import ipaddress
import socket

import pytest

from bot.sources.errors import BadUrlError, BlockedAddressError, FetchError, redact_url
from bot.sources.netguard import AddressRules, GuardedResolver, check_url, literal_address
from tests.fakes.http_server import async_test

CLOSED = AddressRules()
PRIVATE_OPEN = AddressRules(allow_private=True)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.1",
        "::1",
        "fc00::1",
        "fd12:3456::1",
    ],
)
def test_private_and_loopback_are_refused_unless_opened(address):
    ip = ipaddress.ip_address(address)
    assert CLOSED.refusal(ip) is not None
    assert PRIVATE_OPEN.refusal(ip) is None


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("169.254.169.254", "link-local"),
        ("169.254.1.1", "link-local"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "carrier-grade NAT"),
        ("100.127.255.254", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("::", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("255.255.255.255", "reserved"),
        ("192.0.2.10", "non-public"),
        ("198.18.0.1", "non-public"),
        ("2001:db8::1", "non-public"),
        ("::ffff:169.254.169.254", "link-local"),
        ("::ffff:100.64.0.1", "carrier-grade NAT"),
    ],
)
def test_metadata_cgnat_multicast_and_reserved_stay_refused_even_with_allow_private(address, words):
    ip = ipaddress.ip_address(address)
    assert words in (CLOSED.refusal(ip) or "")
    assert words in (PRIVATE_OPEN.refusal(ip) or "")


@pytest.mark.parametrize("address", ["::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::1", "2002:a00:1::"])
def test_ipv6_forms_of_internal_ipv4_addresses_are_judged_as_the_ipv4_address(address):
    reason = CLOSED.refusal(ipaddress.ip_address(address)) or ""
    assert "loopback" in reason or "private network" in reason
    assert PRIVATE_OPEN.refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert CLOSED.refusal(ipaddress.ip_address(address)) is None


def test_allowed_networks_open_only_their_range_and_never_metadata():
    rules = AddressRules(
        allowed_networks=(ipaddress.ip_network("192.168.5.0/24"), ipaddress.ip_network("169.254.0.0/16"))
    )
    assert rules.refusal(ipaddress.ip_address("192.168.5.20")) is None
    assert rules.refusal(ipaddress.ip_address("192.168.6.20")) is not None
    assert rules.refusal(ipaddress.ip_address("127.0.0.1")) is not None
    assert "link-local" in rules.refusal(ipaddress.ip_address("169.254.169.254"))


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("2130706433", "127.0.0.1"),
        ("0x7f.1", "127.0.0.1"),
        ("0x7f000001", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"),
        ("127.1", "127.0.0.1"),
        ("10.1", "10.0.0.1"),
        ("1.2.3", "1.2.0.3"),
        ("0", "0.0.0.0"),
        ("::ffff:7f00:1", "::ffff:7f00:1"),
        ("example.com", None),
        ("256.1.1.1", None),
        ("08.1.1.1", None),
        ("1.2.3.4.5", None),
        ("4294967296", None),
    ],
)
def test_literal_address_reads_the_legacy_ipv4_spellings_getaddrinfo_accepts(host, expected):
    found = literal_address(host)
    assert (str(found) if found else None) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://2130706433/",
        "http://0x7f.1/",
        "http://0177.0.0.1:8080/admin",
        "http://127.1/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::1]:9000/",
        "http://10.0.0.1/",
        "http://0/",
        "https://169.254.169.254/latest/meta-data/",
    ],
)
def test_literal_internal_addresses_in_urls_are_blocked(url):
    with pytest.raises(BlockedAddressError) as caught:
        check_url(url, CLOSED)
    assert "jobbot does not fetch from there" in str(caught.value)


def test_metadata_address_is_blocked_even_when_private_addresses_are_allowed():
    with pytest.raises(BlockedAddressError, match="link-local"):
        check_url("http://169.254.169.254/latest/meta-data/", PRIVATE_OPEN)
    with pytest.raises(BlockedAddressError, match="link-local"):
        check_url("http://[::ffff:169.254.169.254]/", PRIVATE_OPEN)
    assert check_url("http://127.0.0.1:8080/feed", PRIVATE_OPEN).port == 8080


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.com/jobs.xml", "only http:// and https://"),
        ("file:///etc/passwd", "only http:// and https://"),
        ("javascript:alert(1)", "only http:// and https://"),
        ("gopher://example.com/", "only http:// and https://"),
        ("example.com/jobs", "only http:// and https://"),
        ("http:///jobs", "no host"),
        ("http://", "no host"),
        ("https://user:hunter2@example.com/feed", "user name or password"),
        ("https://token@example.com/feed", "user name or password"),
        ("http://exa mple.com/", "spaces or control characters"),
        ("http://example.com/\r\nX-Injected: 1", "spaces or control characters"),
        ("http://example.com:99999/", "not a valid URL"),
        ("http://bad_host!.com/", "invalid host name"),
        ("http://example.com/" + "a" * 9000, "longer than"),
    ],
)
def test_bad_urls_are_refused_with_a_reason(url, words):
    with pytest.raises(BadUrlError) as caught:
        check_url(url, PRIVATE_OPEN)
    assert words in str(caught.value)
    assert "hunter2" not in str(caught.value)
    assert caught.value.retryable is False


@pytest.mark.parametrize(
    "url",
    [
        "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
        "http://example.com:8443/feed.xml",
        "https://jobs.exämple.de/karriere",
        "https://EXAMPLE.com./rss",
    ],
)
def test_ordinary_public_urls_pass(url):
    assert check_url(url, CLOSED).scheme in ("http", "https")


def test_redact_url_drops_credentials_query_and_fragment():
    shown = redact_url("https://me:pw@api.example.com/v1/jobs?api_key=abc123#top")
    assert shown == "https://api.example.com/v1/jobs?…"
    assert redact_url("https://example.com/feed") == "https://example.com/feed"


class FakeDns:
    def __init__(self, table):
        self.table = table
        self.calls = []

    async def __call__(self, host, port, family):
        self.calls.append(host)
        if host not in self.table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return list(self.table[host])


@async_test
async def test_resolver_returns_vetted_public_addresses_for_the_connector():
    dns = FakeDns({"jobs.example.com": ["93.184.216.34", "2606:2800:220:1::1", "93.184.216.34"]})
    results = await GuardedResolver(CLOSED, dns).resolve("jobs.example.com", 443, socket.AF_UNSPEC)
    assert [(r["host"], r["port"], r["family"]) for r in results] == [
        ("93.184.216.34", 443, socket.AF_INET),
        ("2606:2800:220:1::1", 443, socket.AF_INET6),
    ]
    assert dns.calls == ["jobs.example.com"]


@async_test
async def test_resolver_refuses_a_name_if_any_answer_is_internal():
    dns = FakeDns(
        {"mixed.example.com": ["93.184.216.34", "10.0.0.7"], "meta.example.com": ["169.254.169.254"]}
    )
    resolver = GuardedResolver(PRIVATE_OPEN, dns)
    with pytest.raises(BlockedAddressError, match="link-local"):
        await resolver.resolve("meta.example.com", 80)
    with pytest.raises(BlockedAddressError, match=r"mixed\.example\.com resolves to 10\.0\.0\.7"):
        await GuardedResolver(CLOSED, dns).resolve("mixed.example.com", 80)


@async_test
async def test_resolver_vets_numeric_hosts_without_asking_dns():
    dns = FakeDns({})
    with pytest.raises(BlockedAddressError):
        await GuardedResolver(CLOSED, dns).resolve("2130706433", 80)
    assert dns.calls == []


@async_test
async def test_unknown_host_is_a_readable_fetch_error():
    with pytest.raises(FetchError, match=r"cannot find the host 'nowhere\.invalid'") as caught:
        await GuardedResolver(CLOSED, FakeDns({})).resolve("nowhere.invalid", 443)
    assert not isinstance(caught.value, BlockedAddressError)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost./",
        "http://LOCALHOST.:8080/admin",
        "http://admin.localhost./",
        "http://127.0.0.1./",
        "http://2130706433./",
        "http://0x7f.1./",
        "http://0177.0.0.1./",
        "http://[fec0::1]/",
        "http://[feff::1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://[64:ff9b::10.0.0.1]/",
        "http://[::ffff:7f00:1]/",
        "http://0./",
        "http://0.0.0.0:8080/",
    ],
)
def test_loopback_names_trailing_dots_site_local_and_nat64_forms_are_refused_before_any_lookup(url):
    with pytest.raises(BlockedAddressError, match="jobbot does not fetch from there"):
        check_url(url, CLOSED)


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("fec0::1", "private network"),
        ("64:ff9b::7f00:1", "loopback"),
        ("64:ff9b::a9fe:a9fe", "link-local"),
        ("::ffff:0:7f00:1", "non-public"),
        ("::127.0.0.1", "non-public"),
        ("64:ff9b:1::a9fe:a9fe", "non-public"),
    ],
)
def test_site_local_nat64_and_translated_forms_are_judged_as_what_they_reach(address, words):
    assert words in (CLOSED.refusal(ipaddress.ip_address(address)) or "")


def test_nat64_of_a_public_address_is_public_so_ipv6_only_networks_can_fetch():
    assert CLOSED.refusal(ipaddress.ip_address("64:ff9b::5db8:d822")) is None  # 93.184.216.34


def test_a_trailing_dot_on_a_public_literal_is_refused_as_an_odd_spelling():
    with pytest.raises(BadUrlError, match=r"write it as 8\.8\.8\.8"):
        check_url("http://8.8.8.8./", CLOSED)
    assert check_url("https://jobs.example.com./feed", CLOSED).host == "jobs.example.com."


@async_test
async def test_resolver_refuses_loopback_names_without_asking_dns():
    dns = FakeDns({"localhost.": ["93.184.216.34"], "localhost": ["93.184.216.34"]})  # a lying resolver
    for host in ("localhost.", "localhost", "LocalHost.", "db.localhost.", "127.0.0.1."):
        with pytest.raises(BlockedAddressError, match=r"127\.0\.0\.1, a loopback address"):
            await GuardedResolver(CLOSED, dns).resolve(host, 80)
    assert dns.calls == []
    opened = await GuardedResolver(PRIVATE_OPEN, dns).resolve("localhost.", 8080)
    assert [r["host"] for r in opened] == ["127.0.0.1"]
