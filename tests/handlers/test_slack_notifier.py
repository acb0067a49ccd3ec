import asyncio
import logging
import socket
from dataclasses import replace

import aiohttp
import pytest

from bot.cards import Card
from bot.delivery.notifier import DeliveryError, DigestCard, Notifier, listening_on_wire
from bot.models import Destination
from handlers.slack_notifier import SlackNotifier, make_client
from tests.fakes.http_server import async_test
from tests.fakes.slack_api import BOT_USER_ID, FakeSlackApi, Fault

TOKEN = "xoxb-notifier-test-secret"
CHANNEL = Destination("slack", "channel", "C100", "T1")
DM = Destination("slack", "dm", "U200", "T1")
CARD = Card(
    posting_id="greenhouse:acme:1",
    title="Data Intern",
    url="https://jobs.example.com/1",
    company="Acme",
    locations=("Lyon, France",),
    workplace="On-site",
    employment="Internship",
    start=None,
    required_languages=("French",),
    preferred_languages=(),
    job_code=None,
    why=("📍 Lyon",),
    query="Lyon",
)


def notifier(fake, *, timeout=5, token=TOKEN):
    return SlackNotifier(make_client(token, fake.api_url, timeout=timeout))


async def failure(call):
    with pytest.raises(DeliveryError) as caught:
        await call
    return caught.value


def test_is_a_notifier():
    slack: Notifier = SlackNotifier(make_client(TOKEN, "http://127.0.0.1:1/api/"))  # checked by type checkers
    assert slack.platform == "slack"


@async_test
async def test_posts_a_card_with_its_key_in_metadata():
    async with FakeSlackApi(token=TOKEN) as fake:
        ts = await notifier(fake).send(CHANNEL, CARD, idempotency_key="jobbot-7")
        [message] = fake.workspace.messages("C100")
        assert message["ts"] == ts
        assert message["metadata"] == {"event_type": "jobbot_card", "event_payload": {"key": "jobbot-7"}}
        assert message["text"] == "Data Intern at Acme (Lyon, France)"
        assert [b["type"] for b in message["blocks"]] == ["section", "section", "context", "actions"]
        [call] = fake.calls_to("chat.postMessage")
        assert call.args["unfurl_links"] is False and call.args["unfurl_media"] is False


@async_test
async def test_says_when_each_post_left_before_slack_answers():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake)
        seen_by_slack: list[int] = []  # posts the fake had handled when each request left
        with listening_on_wire(lambda: seen_by_slack.append(len(fake.calls_to("chat.postMessage")))):
            await slack.send(DM, CARD, idempotency_key="jobbot-1")  # conversations.open first: not a post
            await slack.send(DM, replace(CARD, posting_id="p2"), idempotency_key="jobbot-2")
        assert seen_by_slack == [0, 1]
        await slack.send(DM, replace(CARD, posting_id="p3"), idempotency_key="jobbot-3")  # nobody listens
        assert seen_by_slack == [0, 1]


@async_test
async def test_posts_on_a_shared_session_read_answers_as_slack_sdk_does():
    async with FakeSlackApi(token=TOKEN, burst=1) as fake, aiohttp.ClientSession() as session:
        slack = SlackNotifier(make_client(TOKEN, fake.api_url, session=session, timeout=1))
        left: list[int] = []
        with listening_on_wire(lambda: left.append(len(fake.calls_to("chat.postMessage")))):
            ts = await slack.send(CHANNEL, CARD, idempotency_key="jobbot-7")
        assert left == [0]
        [message] = fake.workspace.messages("C100")
        assert message["ts"] == ts and message["text"] == "Data Intern at Acme (Lyon, France)"
        assert message["metadata"] == {"event_type": "jobbot_card", "event_payload": {"key": "jobbot-7"}}
        limited = await failure(slack.send(CHANNEL, CARD, idempotency_key="jobbot-8"))
        assert (limited.kind, limited.code, limited.retry_after) == ("rate_limited", "ratelimited", 1.0)
        fake.workspace.archive("C1")
        archived = await failure(slack.send(Destination("slack", "channel", "C1"), CARD, idempotency_key="k"))
        assert (archived.kind, archived.code) == ("permanent", "is_archived")
        other = Destination("slack", "channel", "C2")
        fake.fail_next("chat.postMessage", Fault(error="internal_error", status=500))
        assert (await failure(slack.send(other, CARD, idempotency_key="k"))).code == "internal_error"
        fake.fail_next("chat.postMessage", Fault(store=True, disconnect=True))
        dropped = await failure(slack.send(other, CARD, idempotency_key="jobbot-dropped"))
        assert (dropped.kind, dropped.code) == ("unknown", "connection_lost")
        fake.fail_next("chat.postMessage", Fault(store=True, delay=3))
        slow = await failure(slack.send(Destination("slack", "channel", "C3"), CARD, idempotency_key="k"))
        assert (slow.kind, slow.code) == ("unknown", "timeout")  # the client's timeout, not the session's
        wrong = SlackNotifier(make_client("xoxb-wrong-secret", fake.api_url, session=session))
        refused = await failure(wrong.send(other, CARD, idempotency_key="k"))
        assert (refused.kind, refused.code) == ("unavailable", "invalid_auth")  # the token, not the channel
        assert "xoxb-wrong-secret" not in str(refused) and "xoxb-wrong-secret" not in repr(refused.args)


@async_test
async def test_dms_open_the_conversation_once():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake)
        await slack.send(DM, CARD, idempotency_key="jobbot-1")
        await slack.send(DM, replace(CARD, posting_id="p2"), idempotency_key="jobbot-2")
        assert len(fake.calls_to("conversations.open")) == 1
        assert len(fake.workspace.messages("DU200")) == 2


@async_test
async def test_posts_a_digest():
    async with FakeSlackApi(token=TOKEN) as fake:
        digest = DigestCard("2 new postings for `Lyon`", (CARD, replace(CARD, posting_id="p2")), more=3)
        await notifier(fake).send(CHANNEL, digest, idempotency_key="jobbot-9")
        [message] = fake.workspace.messages("C100")
        assert message["text"] == "2 new postings for `Lyon`"
        assert message["blocks"][-1]["elements"][0]["text"] == "…and 3 more matching postings"


@async_test
async def test_edit_replaces_the_card():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake)
        ts = await slack.send(DM, CARD, idempotency_key="jobbot-1")
        await slack.edit(DM, ts, replace(CARD, status="Closed"))
        [message] = fake.workspace.messages("DU200")
        assert message["text"].startswith("Closed: ")
        assert "actions" not in [b["type"] for b in message["blocks"]]
        assert message["metadata"]["event_payload"]["key"] == "jobbot-1"


@async_test
async def test_find_sent_looks_back_through_history_pages():
    async with FakeSlackApi(token=TOKEN) as fake:
        fake.workspace.restore_message("C100", "100.000001", "jobbot-old")
        for n in range(450):  # other messages posted since, some without metadata
            fake.workspace.restore_message("C100", f"200.{n:06d}", f"jobbot-x{n}" if n % 2 else None)
        assert await notifier(fake).find_sent(CHANNEL, "jobbot-old") == "100.000001"
        assert len(fake.calls_to("conversations.history")) == 3
        shallow = SlackNotifier(make_client(TOKEN, fake.api_url), history_pages=1)
        assert await shallow.find_sent(CHANNEL, "jobbot-old") is None


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@async_test
async def test_one_history_read_answers_many_questions_until_a_send_or_time_passes():
    async with FakeSlackApi(token=TOKEN) as fake:
        for n in range(20):
            fake.workspace.restore_message("C100", f"200.{n:06d}", f"jobbot-{n}")
        clock = Clock()
        slack = SlackNotifier(make_client(TOKEN, fake.api_url), clock=clock)
        reads = fake.calls_to
        # After a crash: many rows of one channel in doubt, asked about at once.
        found = await asyncio.gather(*(slack.find_sent(CHANNEL, f"jobbot-{n}") for n in range(25)))
        assert found == [f"200.{n:06d}" for n in range(20)] + [None] * 5
        assert len(reads("conversations.history")) == 1
        # A post to the channel makes the read stale: the next question reads again.
        await slack.send(CHANNEL, CARD, idempotency_key="jobbot-new")
        assert await slack.find_sent(CHANNEL, "jobbot-new") is not None
        assert len(reads("conversations.history")) == 2
        # So does time.
        fake.workspace.restore_message("C100", "300.000001", "jobbot-late")
        assert await slack.find_sent(CHANNEL, "jobbot-late") is None
        clock.now += 10
        assert await slack.find_sent(CHANNEL, "jobbot-late") == "300.000001"
        assert len(reads("conversations.history")) == 3


@async_test
async def test_a_post_during_a_history_read_makes_that_read_stale():
    async with FakeSlackApi(token=TOKEN, latency=0.3) as fake:
        slack = notifier(fake)
        reading = asyncio.create_task(slack.find_sent(CHANNEL, "jobbot-other"))
        await asyncio.sleep(0.1)  # the read has started; now a post lands before it returns
        await slack.send(CHANNEL, CARD, idempotency_key="jobbot-racing")
        assert await reading is None
        assert await slack.find_sent(CHANNEL, "jobbot-racing") is not None


@async_test
async def test_rate_limit_carries_retry_after():
    async with FakeSlackApi(token=TOKEN, burst=1) as fake:
        slack = notifier(fake)
        await slack.send(CHANNEL, CARD, idempotency_key="jobbot-1")
        error = await failure(slack.send(CHANNEL, CARD, idempotency_key="jobbot-2"))
        assert (error.kind, error.code, error.retry_after) == ("rate_limited", "ratelimited", 1.0)


@async_test
async def test_destinations_that_cannot_receive_are_permanent():
    async with FakeSlackApi(token=TOKEN) as fake:
        fake.workspace.archive("C1")
        fake.workspace.remove_channel("C2")
        fake.workspace.set_user("U3", deleted=True)
        slack = notifier(fake)
        cases = {
            Destination("slack", "channel", "C1"): "is_archived",
            Destination("slack", "channel", "C2"): "channel_not_found",
            Destination("slack", "dm", "U3"): "user_disabled",
            Destination("slack", "dm", BOT_USER_ID): "cannot_dm_bot",
        }
        for destination, code in cases.items():
            error = await failure(slack.send(destination, CARD, idempotency_key="k"))
            assert (error.kind, error.code) == ("permanent", code)
        fake.fail_next("chat.postMessage", Fault(error="not_in_channel"))
        assert (await failure(slack.send(CHANNEL, CARD, idempotency_key="k"))).kind == "permanent"
        # A refused token is no fault of the channel: its cards wait for a good token.
        revoked = await failure(notifier(fake, token="xoxb-revoked").send(CHANNEL, CARD, idempotency_key="k"))
        assert (revoked.kind, revoked.code, revoked.retry_after) == ("unavailable", "invalid_auth", 600.0)


@async_test
async def test_server_errors_are_transient_or_an_outage_and_never_pause_the_destination():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake)
        for fault, kind, code in [
            (Fault(error="internal_error", status=500), "transient", "internal_error"),
            (
                Fault(error="invalid_blocks"),
                "transient",
                "invalid_blocks",
            ),  # about this card, not the channel
            # Slack down: no fault of the card, so it waits the outage out instead of being given up.
            (Fault(error="service_unavailable", status=503), "unavailable", "service_unavailable"),
            (Fault(error="bad_gateway", status=502), "unavailable", "bad_gateway"),
            (Fault(error="gateway_timeout", status=504), "unavailable", "gateway_timeout"),
        ]:
            fake.fail_next("chat.postMessage", fault)
            error = await failure(slack.send(CHANNEL, CARD, idempotency_key="k"))
            assert (error.kind, error.code) == (kind, code)


@async_test
async def test_an_answer_lost_after_sending_is_unknown_and_find_sent_settles_it():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake, timeout=1)
        fake.fail_next("chat.postMessage", Fault(store=True, delay=3))
        error = await failure(slack.send(CHANNEL, CARD, idempotency_key="jobbot-slow"))
        assert (error.kind, error.code) == ("unknown", "timeout")
        fake.fail_next("chat.postMessage", Fault(store=True, disconnect=True))
        error = await failure(slack.send(DM, CARD, idempotency_key="jobbot-dropped"))
        assert (error.kind, error.code) == ("unknown", "connection_lost")
        fake.fail_next("chat.postMessage", Fault(error="fatal_error", store=True))
        assert (await failure(slack.send(CHANNEL, CARD, idempotency_key="jobbot-fatal"))).kind == "unknown"
        assert await slack.find_sent(CHANNEL, "jobbot-slow") is not None
        assert await slack.find_sent(DM, "jobbot-dropped") is not None
        assert await slack.find_sent(CHANNEL, "jobbot-fatal") is not None


@async_test
async def test_a_slow_edit_or_read_is_only_an_outage_never_in_doubt():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake, timeout=1)
        fake.fail_next("conversations.history", Fault(delay=3))
        assert (await failure(slack.find_sent(CHANNEL, "k"))).kind == "unavailable"


@async_test
async def test_slack_unreachable_is_an_outage():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    slack = SlackNotifier(make_client(TOKEN, f"http://127.0.0.1:{port}/api/"))
    error = await failure(slack.send(CHANNEL, CARD, idempotency_key="k"))
    assert (error.kind, error.code) == ("unavailable", "unreachable")


@async_test
async def test_the_token_never_appears_in_errors_or_logs(caplog):
    caplog.set_level(logging.DEBUG)
    async with FakeSlackApi(token="xoxb-the-right-one") as fake:
        slack = notifier(fake)
        errors = [await failure(slack.send(CHANNEL, CARD, idempotency_key="k"))]
        fake.fail_next("chat.postMessage", Fault(error="internal_error", status=500))
        errors.append(
            await failure(notifier(fake, token="xoxb-the-right-one").send(CHANNEL, CARD, idempotency_key="k"))
        )
    for error in errors:
        assert TOKEN not in str(error) and TOKEN not in repr(error.args)
    assert TOKEN not in caplog.text and "xoxb-the-right-one" not in caplog.text


def test_make_client_honours_slack_api_url(monkeypatch):
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9999/api")
    assert make_client(TOKEN).base_url == "http://127.0.0.1:9999/api/"
    assert make_client(TOKEN, "http://127.0.0.1:8888/x/").base_url == "http://127.0.0.1:8888/x/"
    monkeypatch.delenv("SLACK_API_URL")
    assert make_client(TOKEN).base_url == "https://slack.com/api/"
    assert make_client(TOKEN).retry_handlers == []  # every retry goes through the dispatcher


@async_test
async def test_a_notice_goes_to_the_owners_dm_and_cannot_ping():
    async with FakeSlackApi(token=TOKEN) as fake:
        await notifier(fake).notify(
            DM, "Source `x` failed: server said <!channel> & @here", idempotency_key="jobbot-notice-1"
        )
        [message] = fake.workspace.messages("DU200")
        assert "<!channel>" not in message["text"] and "&lt;!channel&gt; &amp;" in message["text"]
        assert "@here" not in message["text"]


@async_test
async def test_a_notice_carries_its_key_like_a_card_and_is_found_after_a_lost_answer():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = notifier(fake)
        ts = await slack.notify(DM, "Source `x` works again.", idempotency_key="jobbot-notice-1")
        [message] = fake.workspace.messages("DU200")
        assert message["ts"] == ts
        assert message["metadata"] == {
            "event_type": "jobbot_notice",
            "event_payload": {"key": "jobbot-notice-1"},
        }
        fake.fail_next("chat.postMessage", Fault(store=True, disconnect=True))
        lost = await failure(slack.notify(DM, "Source `y` failed.", idempotency_key="jobbot-notice-2"))
        assert lost.kind == "unknown"
        restarted = notifier(fake)  # after a crash: only Slack's history knows
        assert await restarted.find_sent(DM, "jobbot-notice-1") == ts
        assert await restarted.find_sent(DM, "jobbot-notice-2") == fake.workspace.messages("DU200")[1]["ts"]
        assert await restarted.find_sent(DM, "jobbot-notice-3") is None


@async_test
async def test_a_notice_to_someone_whose_dm_cannot_be_opened_is_refused_for_good():
    async with FakeSlackApi(token=TOKEN) as fake:
        fake.workspace.set_user("U200", deleted=True)
        error = await failure(notifier(fake).notify(DM, "paused", idempotency_key="jobbot-notice-4"))
        assert (error.kind, error.code) == ("permanent", "user_disabled")
        assert fake.posts() == []
