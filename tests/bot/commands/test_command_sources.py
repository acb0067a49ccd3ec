import json

from bot.store.sources import get_source, list_sources
from tests.bot.commands.conftest import ADMIN_IN_CHANNEL, MEMBER_IN_CHANNEL
from tests.fakes.http_server import FakeHttpServer, async_test

GREENHOUSE_BOARD = {
    "jobs": [
        {
            "id": 4410021,
            "title": "Business Development Intern",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/4410021",
            "location": {"name": "Paris, France"},
            "updated_at": "2026-02-20T10:00:00-05:00",
            "content": "&lt;p&gt;Six-month internship in Paris. Fluent French required.&lt;/p&gt;",
        },
        {
            "id": 4410022,
            "title": "Account Executive (German)",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/4410022",
            "location": {"name": "Berlin, Germany"},
            "updated_at": "2026-02-21T10:00:00-05:00",
            "content": "&lt;p&gt;Sell to customers in the DACH region.&lt;/p&gt;",
        },
    ],
    "meta": {"total": 2},
}


@async_test
async def test_admin_adds_a_source_with_an_id_from_its_board(service, stocked):
    reply = await service.handle_text(
        ADMIN_IN_CHANNEL, "sources add <https://boards.greenhouse.io/acme> --no-check"
    )
    assert reply.ok and "Added source `greenhouse:acme` (greenhouse" in reply.text
    record = get_source(stocked, "greenhouse:acme")
    assert (
        record is not None
        and record.owner == "slack:T1:U_ADMIN"
        and record.url == "https://boards.greenhouse.io/acme"
    )
    again = await service.handle_text(
        ADMIN_IN_CHANNEL, "sources add https://boards.greenhouse.io/acme --no-check"
    )
    assert not again.ok and "already registered" in again.text


@async_test
async def test_sources_need_an_admin(service, stocked):
    for text in (
        "sources add https://boards.greenhouse.io/acme",
        "sources list",
        "sources remove x",
        "sources test x",
    ):
        reply = await service.handle_text(MEMBER_IN_CHANNEL, text)
        assert not reply.ok and reply.text.startswith("Only workspace admins can manage sources.")
    assert list_sources(stocked) == []


@async_test
async def test_unsafe_or_unknown_urls_are_refused_with_a_reason(service, stocked):
    metadata = await service.handle_text(
        ADMIN_IN_CHANNEL, "sources add http://169.254.169.254/latest --kind feed"
    )
    assert not metadata.ok and "link-local" in metadata.text
    ftp = await service.handle_text(ADMIN_IN_CHANNEL, "sources add ftp://example.com/jobs.xml --kind feed")
    assert not ftp.ok and "only http:// and https://" in ftp.text
    unknown = await service.handle_text(ADMIN_IN_CHANNEL, "sources add https://careers.example.com/jobs")
    assert not unknown.ok and "give the kind" in unknown.text
    bad_kind = await service.handle_text(
        ADMIN_IN_CHANNEL, "sources add https://careers.example.com/jobs --kind magic"
    )
    assert not bad_kind.ok and "not a source kind" in bad_kind.text
    assert list_sources(stocked) == []


@async_test
async def test_list_and_remove_sources(service, stocked):
    await service.handle_text(ADMIN_IN_CHANNEL, "sources add https://jobs.lever.co/brindille --no-check")
    listed = await service.handle_text(ADMIN_IN_CHANNEL, "sources list")
    assert [item.id for item in listed.items] == ["lever:brindille"]
    assert "healthy" in str(listed.items[0])
    removed = await service.handle_text(ADMIN_IN_CHANNEL, "sources remove lever:brindille")
    assert removed.ok and list_sources(stocked) == []
    missing = await service.handle_text(ADMIN_IN_CHANNEL, "sources remove lever:brindille")
    assert not missing.ok and "There is no source `lever:brindille`" in missing.text


@async_test
async def test_sources_test_fetches_and_shows_what_it_lists(service, stocked):
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", json.dumps(GREENHOUSE_BOARD), content_type="application/json")
        url = server.url("/acme/jobs")
        reply = await service.handle_text(ADMIN_IN_CHANNEL, f"sources test {url} --kind greenhouse")
        assert reply.ok, reply.text
        assert "works: 2 postings read." in reply.text
        assert "• `Business Development Intern`\n• `Account Executive (German)`" in reply.text
        await service.handle_text(ADMIN_IN_CHANNEL, f"sources add {url} --kind greenhouse")
        [record] = list_sources(stocked)
        by_id = await service.handle_text(ADMIN_IN_CHANNEL, f"sources test {record.id}")
        assert by_id.ok and "2 postings read" in by_id.text
    assert list_sources(stocked)[0].last_ok_at is None  # a test stores nothing


@async_test
async def test_sources_test_reports_a_failing_source(service):
    async with FakeHttpServer() as server:
        server.respond("/gone", "not here", status=404)
        server.respond("/html", "<html>hello</html>", content_type="text/html")
        gone = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources test {server.url('/gone')} --kind greenhouse"
        )
        assert not gone.ok and "does not work" in gone.text and "404" in gone.text
        wrong = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources test {server.url('/html')} --kind greenhouse"
        )
        assert not wrong.ok and "not as a greenhouse source" in wrong.text
    unknown = await service.handle_text(ADMIN_IN_CHANNEL, "sources test lever:nobody")
    assert not unknown.ok and "There is no source `lever:nobody`" in unknown.text


@async_test
async def test_a_url_secret_is_kept_in_the_store_and_masked_wherever_the_url_is_shown(service, stocked):
    url = "https://jobs.example.com/feed.xml?api_key=SECRET-123&department=sales"
    added = await service.handle_text(ADMIN_IN_CHANNEL, f"sources add {url} --kind feed --no-check")
    assert added.ok and "SECRET-123" not in added.text
    assert "api_key=***&department=sales" in added.text
    [record] = list_sources(stocked)
    assert record.url == url  # fetching needs the real key
    listed = await service.handle_text(ADMIN_IN_CHANNEL, "sources list")
    assert listed.items[0].url == "https://jobs.example.com/feed.xml?api_key=***&department=sales"
    refused = await service.handle_text(
        ADMIN_IN_CHANNEL, "sources add http://169.254.169.254/x?token=SECRET-456 --kind feed"
    )
    assert not refused.ok and "SECRET-456" not in refused.text and "token=***" in refused.text


@async_test
async def test_sources_add_fetches_the_source_first_and_adds_nothing_that_does_not_work(service, stocked):
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", json.dumps(GREENHOUSE_BOARD), content_type="application/json")
        server.respond("/down", "maintenance", status=503)
        down = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources add {server.url('/down')} --kind greenhouse"
        )
        assert not down.ok and "does not work" in down.text and "503" in down.text
        assert "Nothing was added" in down.text and "`--no-check`" in down.text
        assert list_sources(stocked) == []
        wrong_kind = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources add {server.url('/acme/jobs')} --kind lever"
        )
        assert not wrong_kind.ok and list_sources(stocked) == []

        good = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources add {server.url('/acme/jobs')} --kind greenhouse"
        )
        assert good.ok and "It lists 2 postings right now." in good.text
        anyway = await service.handle_text(
            ADMIN_IN_CHANNEL, f"sources add {server.url('/down')} --kind greenhouse --no-check"
        )
        assert anyway.ok and "sources test" in anyway.text  # not checked: it says how to check
    assert len(list_sources(stocked)) == 2
