"""The composition root, end to end: a source polled over HTTP, matched, queued and delivered."""

import asyncio
import json
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import text

from bot.app import JobBot
from bot.commands import Caller
from bot.delivery.notifier import DeliveryError
from bot.models import Destination, Posting
from bot.settings import load_settings
from bot.store.deliveries import enqueue_delivery
from bot.store.notices import list_notices
from bot.store.outbox import StoreOutbox
from bot.store.postings import upsert_posting
from bot.store.preferences import owner_destination
from bot.store.sources import add_source, remove_source
from bot.store.subscriptions import list_subscriptions
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.fakes.notifier import FakeNotifier

CHANNEL = Destination("slack", "channel", "C1", "T1")


def _job(job_id: int, title: str, location: str, content: str) -> dict:
    return {
        "id": job_id,
        "title": title,
        "location": {"name": location},
        "absolute_url": f"https://job-boards.example.com/acme/jobs/{job_id}",
        "updated_at": "2026-11-01T09:00:00Z",
        "content": content,
    }


def _board(*jobs: dict) -> str:
    return json.dumps({"jobs": list(jobs), "meta": {"total": len(jobs)}})


OLD = _job(1, "Office Manager", "London, United Kingdom", "<p>Run our London office.</p>")
NEW = _job(2, "Marketing Intern", "Paris, France", "<p>Six-month internship. Fluent French required.</p>")


@pytest.fixture
def bot(tmp_path):
    settings = load_settings(env={"JOBBOT_DATA_DIR": str(tmp_path)}, config_path=None)
    settings = replace(settings, fetch=replace(settings.fetch, allow_private_addresses=True))
    notifier = FakeNotifier()
    jobbot = JobBot.create(settings, {"slack": notifier})
    yield jobbot, notifier
    jobbot.engine.dispose()


@async_test
async def test_a_new_posting_on_a_polled_source_reaches_the_subscribed_channel(bot):
    jobbot, notifier = bot
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", _board(OLD), content_type="application/json")
        add_source(jobbot.engine, id="greenhouse:acme", kind="greenhouse", url=server.url("/acme/jobs"))
        reply = await jobbot.service.handle_text(_admin(), "subscribe Paris + French")
        assert reply.ok
        async with jobbot.fetching():
            first = await jobbot.poll("greenhouse:acme")
        assert first.first_poll and first.queued == 0

        server.respond("/acme/jobs", _board(OLD, NEW), content_type="application/json")
        async with jobbot.fetching():
            second = await jobbot.poll("greenhouse:acme")
        assert second.queued == 1

    report = await jobbot.dispatcher.run_once()
    assert report.sent == 1
    [message] = notifier.to(CHANNEL)
    assert message.card.title == "Marketing Intern"
    assert message.card.query == "Paris + French"


@async_test
async def test_a_changed_posting_queues_an_edit_the_dispatcher_does(bot):
    jobbot, notifier = bot
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", _board(OLD), content_type="application/json")
        add_source(jobbot.engine, id="greenhouse:acme", kind="greenhouse", url=server.url("/acme/jobs"))
        await jobbot.service.handle_text(_admin(), "subscribe Paris + French")
        async with jobbot.fetching():
            await jobbot.poll("greenhouse:acme")
            server.respond("/acme/jobs", _board(OLD, NEW), content_type="application/json")
            await jobbot.poll("greenhouse:acme")
            assert (await jobbot.dispatcher.run_once()).sent == 1
            changed = {**NEW, "title": "Marketing Intern (6 months)"}
            server.respond("/acme/jobs", _board(OLD, changed), content_type="application/json")
            result = await jobbot.poll("greenhouse:acme")

    assert result.updated == ("greenhouse:acme:2",) and result.edits == 1
    assert notifier.edits == []  # queued for the dispatcher, not done by the poll
    assert (await jobbot.dispatcher.run_once()).edited == 1
    [(where, message_id, card)] = notifier.edits
    assert (where, message_id) == (CHANNEL, notifier.to(CHANNEL)[0].message_id)
    assert card.title == "Marketing Intern (6 months)"


@async_test
async def test_an_owner_is_told_when_their_source_keeps_failing_and_when_it_recovers(bot):
    jobbot, notifier = bot
    owner_dm = Destination("slack", "dm", "U_OWNER", "T1")
    async with FakeHttpServer() as server:
        server.respond("/broken", "not json", content_type="application/json")
        add_source(jobbot.engine, id="greenhouse:broken", kind="greenhouse", url=server.url("/broken"),
                   owner="slack:T1:U_OWNER")  # fmt: skip
        results = []
        for _ in range(6):
            # Each poll is forced past the backoff by moving the clock well beyond it.
            jobbot.clock = _later(jobbot.clock, hours=7)
            async with jobbot.fetching():
                results.append(await jobbot.poll("greenhouse:broken"))
        assert any(r.became_unhealthy for r in results)
        # Queued with the poll that made it unhealthy, not sent by it: the dispatcher sends it.
        [failing] = list_notices(jobbot.engine, destination_key=owner_dm.key)
        assert failing.state == "queued" and notifier.notices == []
        server.respond("/broken", _board(OLD), content_type="application/json")
        jobbot.clock = _later(jobbot.clock, hours=7)
        async with jobbot.fetching():
            assert (await jobbot.poll("greenhouse:broken")).recovered
    report = await jobbot.make_dispatcher(StoreOutbox(jobbot.engine)).run_once()
    assert report.notices == 2
    texts = [text for where, text in notifier.notices if where == owner_dm]
    assert len(texts) == 2
    assert "failed" in texts[0] and "greenhouse:broken" in texts[0]
    assert "works again" in texts[1]
    assert (await jobbot.make_dispatcher(StoreOutbox(jobbot.engine)).run_once()).notices == 0  # once


@async_test
async def test_a_destination_that_cannot_receive_is_paused_and_its_owner_told(bot):
    jobbot, notifier = bot
    await jobbot.service.handle_text(_admin(), "subscribe Paris")
    [sub] = list_subscriptions(jobbot.engine)
    upsert_posting(
        jobbot.engine, Posting(id="t:1", title="Intern", url="https://x.example/1"), now=jobbot.clock()
    )
    enqueue_delivery(jobbot.engine, destination=CHANNEL, posting_id="t:1", subscription_id=sub.id)
    notifier.fail(CHANNEL, DeliveryError("permanent", "gone", code="channel_not_found"))

    assert (await jobbot.dispatcher.run_once()).paused == 1
    assert (await jobbot.dispatcher.run_once()).notices == 1  # queued with the pause, sent after it
    [(where, text)] = notifier.notices
    assert where == Destination("slack", "dm", "U_ADMIN", "T1")
    assert "channel_not_found" in text and "/jobs resume" in text
    assert list_subscriptions(jobbot.engine)[0].paused


@async_test
async def test_a_removed_workspace_stops_matching_and_delivering_and_says_why(bot):
    jobbot, notifier = bot
    other = Caller("slack", "T2", "U_ADMIN", "C1", is_dm=False, is_admin=True, timezone="UTC")
    discord = Caller("discord", "T1", "U_ADMIN", "C1", is_dm=False, is_admin=True, timezone="UTC")
    for caller in (_admin(), other, discord):
        assert (await jobbot.service.handle_text(caller, "subscribe Paris + French")).ok
    await jobbot.service.handle_text(_admin(), "subscribe --dm Paris")
    async with FakeHttpServer() as server:
        server.respond("/acme/jobs", _board(OLD), content_type="application/json")
        add_source(jobbot.engine, id="greenhouse:acme", kind="greenhouse", url=server.url("/acme/jobs"))
        async with jobbot.fetching():
            await jobbot.poll("greenhouse:acme")
            server.respond("/acme/jobs", _board(OLD, NEW), content_type="application/json")
            assert (await jobbot.poll("greenhouse:acme")).queued == 4  # queued before the removal

            paused = jobbot.workspace_removed("slack", "T1", "jobbot was removed from this workspace")

            subs = {(s.destination.platform, s.destination.workspace, s.destination.kind): s
                    for s in list_subscriptions(jobbot.engine)}  # fmt: skip
            assert sorted(paused) == sorted(s.id for s in subs.values() if s.destination.platform == "slack"
                                            and s.destination.workspace == "T1")  # fmt: skip
            assert len(paused) == 2
            for key, sub in subs.items():
                removed = key[:2] == ("slack", "T1")
                assert sub.paused is removed
                assert sub.paused_reason == ("jobbot was removed from this workspace" if removed else None)
            assert set(jobbot.matcher.destinations) == {s.id for s in subs.values() if not s.paused}

            third = _job(3, "Data Intern", "Paris, France", "<p>Internship. Fluent French required.</p>")
            server.respond("/acme/jobs", _board(OLD, NEW, third), content_type="application/json")
            assert (await jobbot.poll("greenhouse:acme")).queued == 2  # T2 and Discord only
    await jobbot.dispatcher.run_once()
    # The cards queued for T1 before the removal were given up, not sent; T2 got both postings.
    assert {(d.platform, d.workspace) for d, _ in notifier.attempts} == {("slack", "T2")}
    assert len(notifier.attempts) == 2
    with jobbot.engine.connect() as conn:
        states = conn.execute(text("SELECT destination_key, state FROM deliveries")).all()
    assert {state for key, state in states if key.startswith("slack:T1:")} == {"failed"}


def test_sources_are_scheduled_and_unscheduled_with_the_store(bot):
    jobbot, _ = bot
    add_source(jobbot.engine, id="feed:a", kind="feed", url="https://a.example/feed.xml")
    add_source(jobbot.engine, id="feed:b", kind="feed", url="https://b.example/feed.xml")
    jobbot.sync_sources()
    assert jobbot.scheduler.source_ids() == ["feed:a", "feed:b"]
    remove_source(jobbot.engine, "feed:a")
    jobbot.sync_sources()
    assert jobbot.scheduler.source_ids() == ["feed:b"]


@async_test
async def test_run_stops_cleanly(bot):
    jobbot, _ = bot
    stop = asyncio.Event()
    task = asyncio.create_task(jobbot.run(stop))
    await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert not jobbot.scheduler.running


def test_owner_destination():
    assert owner_destination("slack:T1:U1") == Destination("slack", "dm", "U1", "T1")
    assert owner_destination("U1") is None
    assert owner_destination("demo") is None


def _admin():
    return Caller("slack", "T1", "U_ADMIN", "C1", is_dm=False, is_admin=True, timezone="UTC")


def _later(clock, hours):
    moment = clock() + timedelta(hours=hours)
    return lambda: moment
