"""Managing sources: add from a URL (guarded, kind detected, no duplicates), health, remove, test once."""

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from bot.sources.admin import (
    DuplicateSourceError,
    NewSource,
    SourceAdminError,
    SourceInfo,
    UnknownSourceError,
    add_source_from_url,
    check_source,
    health_of,
    plan_source,
    remove_source,
    source_id_for,
    source_summary,
)
from bot.sources.fetch import FetchPolicy
from tests.fakes.http_server import FakeHttpServer, async_test

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LOCAL = FetchPolicy(allow_private=True, min_host_gap=0)
BOARD = json.dumps(
    {
        "jobs": [
            {"id": 1, "title": "Data Intern", "absolute_url": "https://x.example/1", "content": "Python."},
            {"id": 2, "title": "Sales Lead", "absolute_url": "https://x.example/2", "content": "Sell."},
            {"id": 3, "title": "Don't see what you're looking for?", "absolute_url": "https://x.example/3"},
        ],
        "meta": {"total": 3},
    }
)


class FakeRegistry:
    """Sources in a dict, refusing repeats by id or by kind and URL like the SQL store."""

    def __init__(self):
        self.sources: dict[str, SourceInfo] = {}

    def register(self, source: NewSource, *, now):
        for info in self.sources.values():
            if info.id == source.id or (info.kind, info.url) == (source.kind, source.url):
                raise DuplicateSourceError(
                    f"{source.kind} source {source.url} is already registered as {info.id!r}"
                )
        info = SourceInfo(source.id, source.kind, source.url, source.name, source.owner, source.settings, now)
        self.sources[source.id] = info
        return info

    def get(self, source_id):
        return self.sources.get(source_id)

    def all(self):
        return sorted(self.sources.values(), key=lambda info: info.id)

    def remove(self, source_id):
        return self.sources.pop(source_id, None) is not None


def test_a_well_known_board_gets_its_kind_and_a_readable_id():
    registry = FakeRegistry()
    info = add_source_from_url(registry, "  https://boards.greenhouse.io/acme  ", now=NOW, name="Acme")
    assert (info.id, info.kind, info.url, info.name) == (
        "greenhouse:acme",
        "greenhouse",
        "https://boards.greenhouse.io/acme",
        "Acme",
    )
    assert registry.get("greenhouse:acme").added_at == NOW


def test_the_same_board_twice_is_refused_saying_under_which_id():
    registry = FakeRegistry()
    add_source_from_url(registry, "https://jobs.lever.co/kiezkraft", now=NOW)
    with pytest.raises(DuplicateSourceError, match="lever:kiezkraft"):
        add_source_from_url(registry, "https://jobs.lever.co/kiezkraft", now=NOW)
    assert len(registry.all()) == 1


def test_a_feed_needs_its_kind_and_keeps_the_company():
    with pytest.raises(SourceAdminError, match="cannot tell what kind"):
        plan_source("https://careers.harbourline.example/jobs.rss")
    planned = plan_source(
        "https://careers.harbourline.example/jobs.rss", kind="feed", company=" Harbourline "
    )
    assert planned.kind == "feed" and planned.settings == {"company": "Harbourline"}
    assert planned.id.startswith("feed:") and planned.id == source_id_for("feed", planned.url)


def test_an_unknown_kind_is_refused_with_the_known_ones():
    with pytest.raises(SourceAdminError, match="greenhouse, lever"):
        plan_source("https://careers.example/jobs", kind="monster")


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://169.254.169.254/latest/meta-data", "link-local"),
        ("http://127.0.0.1:8080/feed.xml", "loopback"),
        ("http://10.1.2.3/jobs", "private network"),
        ("ftp://careers.example/jobs.xml", "only http"),
        ("https://user:secret@careers.example/jobs", "user name or password"),
    ],
)
def test_unsafe_urls_are_refused_before_anything_is_stored(url, why):
    registry = FakeRegistry()
    with pytest.raises(SourceAdminError, match=why):
        add_source_from_url(registry, url, kind="feed", now=NOW)
    assert registry.all() == []


def test_private_addresses_open_only_when_allowed_and_metadata_never():
    registry = FakeRegistry()
    info = add_source_from_url(
        registry, "http://127.0.0.1:8080/feed.xml", kind="feed", now=NOW, allow_private=True
    )
    assert info.url == "http://127.0.0.1:8080/feed.xml"
    with pytest.raises(SourceAdminError, match="link-local"):
        add_source_from_url(registry, "http://169.254.169.254/", kind="feed", now=NOW, allow_private=True)


def test_health_says_new_ok_failing_and_unhealthy():
    info = SourceInfo("feed:x", "feed", "https://x.example/feed")
    assert health_of(info) == "new"
    assert health_of(replace(info, last_ok_at=NOW)) == "ok"
    assert health_of(replace(info, last_ok_at=NOW, failures=2)) == "failing"
    assert health_of(replace(info, failures=5)) == "unhealthy"
    assert health_of(replace(info, failures=3), unhealthy_after=3) == "unhealthy"


def test_the_summary_shows_a_hold_only_while_it_lasts():
    info = SourceInfo(
        "feed:x", "feed", "https://x.example/feed", failures=2, last_error="x answered 503",
        next_poll_at=NOW + timedelta(minutes=4),
    )  # fmt: skip
    summary = source_summary(info, now=NOW)
    assert summary["health"] == "failing" and summary["last_error"] == "x answered 503"
    assert summary["next_poll"] == "2026-03-02T09:04:00+00:00"
    assert source_summary(info, now=NOW + timedelta(minutes=5))["next_poll"] is None
    json.dumps(summary)


def test_remove_forgets_the_source_and_an_unknown_id_says_where_to_look():
    registry = FakeRegistry()
    add_source_from_url(registry, "https://jobs.ashbyhq.com/lumenly", now=NOW)
    assert remove_source(registry, "ashby:lumenly").id == "ashby:lumenly"
    assert registry.all() == []
    with pytest.raises(UnknownSourceError, match="jobbot sources list"):
        remove_source(registry, "ashby:lumenly")


@async_test
async def test_checking_a_registered_source_reads_it_without_storing():
    registry = FakeRegistry()
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", BOARD, content_type="application/json")
        add_source_from_url(
            registry, server.url("/acme/jobs"), kind="greenhouse", now=NOW, allow_private=True
        )
        (info,) = registry.all()
        check = await check_source(registry, info.id, policy=LOCAL, now=NOW)
    assert check.ok and check.error is None
    assert (check.postings, check.skipped, check.complete) == (2, 1, True)  # the placeholder is left out
    assert check.titles == ("Data Intern", "Sales Lead")
    assert registry.get(info.id) == info  # nothing about the check was stored


@async_test
async def test_checking_a_url_that_fails_reports_the_error_instead_of_raising():
    async with FakeHttpServer() as server:
        server.respond("/down", "oops", status=500)
        server.respond("/broken", '{"jobs": [', content_type="application/json")
        down = await check_source(
            FakeRegistry(), server.url("/down"), kind="greenhouse", policy=LOCAL, now=NOW
        )
        broken = await check_source(
            FakeRegistry(), server.url("/broken"), kind="greenhouse", policy=LOCAL, now=NOW
        )
    assert not down.ok and "answered 500" in down.error
    assert not broken.ok and "not as a greenhouse source" in broken.error and "truncated" in broken.error


@async_test
async def test_checking_something_that_is_not_a_source_is_a_usage_error():
    with pytest.raises(UnknownSourceError):
        await check_source(FakeRegistry(), "greenhouse:nope", policy=LOCAL, now=NOW)
    with pytest.raises(SourceAdminError, match="loopback"):
        await check_source(
            FakeRegistry(), "http://127.0.0.1:1/feed", kind="feed", policy=FetchPolicy(), now=NOW
        )


@async_test
async def test_a_check_gives_up_after_its_timeout():
    async with FakeHttpServer() as server:
        server.slow("/slow", 5.0)
        check = await check_source(
            FakeRegistry(), server.url("/slow"), kind="feed", policy=LOCAL, now=NOW, timeout=0.2
        )
    assert not check.ok and "longer than 0.2 s" in check.error
