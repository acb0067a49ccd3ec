"""The HTTP endpoint: signatures, stale requests, health, and the 3-second ack while work continues."""

import asyncio
import time

from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import FakeCommands, running_slack_app, sign, text_of


@async_test
async def test_a_signed_slash_command_is_acked_then_answered_through_the_response_url():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        sent = await slack.command("search Paris")
        assert sent.status == 200
        [response] = await slack.responses()
        assert response["response_type"] == "ephemeral"
        assert "ran `search Paris`" in text_of(response)
        assert [(name, text) for name, _, text in service.calls] == [("run", "search Paris")]


@async_test
async def test_a_bad_signature_is_rejected_and_nothing_runs():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        forged = sign("something else entirely")
        sent = await slack.command("subscribe Paris", headers=forged)
        assert sent.status == 401
        other_secret = sign("x", secret="not-our-secret")
        sent = await slack.command("subscribe Paris", headers=other_secret)
        assert sent.status == 401
        await asyncio.sleep(0.1)
        assert service.calls == []
        assert slack.slack.calls_to("response_url") == []


def test_a_rejected_request_is_logged_without_its_body(caplog):
    @async_test
    async def run():
        async with running_slack_app(FakeCommands()) as slack:
            forged = sign("something else entirely")
            sent = await slack.command("subscribe secret-words-typed-by-someone", headers=forged)
            assert sent.status == 401

    with caplog.at_level("INFO"):
        run()
    rejected = [r.getMessage() for r in caplog.records if "invalid signature" in r.getMessage()]
    assert len(rejected) == 1 and "x-slack-request-timestamp" in rejected[0]
    everything = "\n".join(r.getMessage() for r in caplog.records)
    assert "secret-words-typed-by-someone" not in everything and "response_url" not in everything


@async_test
async def test_a_request_older_than_five_minutes_is_rejected_even_when_correctly_signed():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        # sign exactly the body the harness will send, but six minutes ago
        from urllib.parse import urlencode

        body = urlencode({"command": "/jobs", "text": "list", "team_id": "T0FAKE", "user_id": "U1"})
        stale = sign(body, timestamp=int(time.time()) - 6 * 60)
        sent = await slack.post(body, content_type="application/x-www-form-urlencoded", headers=stale)
        assert sent.status == 401
        fresh = await slack.post(body, content_type="application/x-www-form-urlencoded", headers=sign(body))
        assert fresh.status == 200
        assert [text for _, _, text in service.calls] == ["list"]


@async_test
async def test_a_slow_service_still_gets_its_ack_within_three_seconds():
    service = FakeCommands(gate=asyncio.Event())
    async with running_slack_app(service) as slack:
        sent = await slack.command("search Madrid Spanish intern")
        assert sent.status == 200
        assert sent.seconds < 3.0  # Slack's limit; in practice a few milliseconds
        await slack.until(lambda: len(service.calls) == 1)
        assert slack.slack.calls_to("response_url") == []  # the work is still running after the ack
        service.gate.set()
        [response] = await slack.responses()
        assert "search Madrid Spanish intern" in text_of(response)


@async_test
async def test_the_ack_holds_while_the_service_sleeps_past_the_deadline():
    class Sleepy(FakeCommands):
        async def run(self, caller, text):
            await asyncio.sleep(3.2)
            return await super().run(caller, text)

    async with running_slack_app(Sleepy()) as slack:
        sent = await slack.command("list")
        assert sent.status == 200 and sent.seconds < 1.0
        [response] = await slack.responses(timeout=6)
        assert "ran `list`" in text_of(response)


@async_test
async def test_a_failing_service_gets_a_polite_message_and_the_app_keeps_serving(caplog):
    service = FakeCommands(fail=True)
    async with running_slack_app(service) as slack:
        sent = await slack.command("subscribe Paris + French")
        assert sent.status == 200
        [apology] = await slack.responses()
        assert "Sorry, something went wrong" in apology["text"]
        assert apology["response_type"] == "ephemeral"
        assert "fire" not in apology["text"]  # internals stay in the log
        service.fail = False
        await slack.command("list", response="r2")
        responses = await slack.responses(2)
        assert "ran `list`" in text_of(responses[1])
    failures = [r for r in caplog.records if r.getMessage() == "slack listener failed"]
    assert failures and failures[0].error == "RuntimeError"
    assert all("test-signing-secret" not in r.getMessage() for r in caplog.records)


@async_test
async def test_health_check_answers_without_a_signature():
    async with running_slack_app(FakeCommands()) as slack:
        resp = await slack.session.get(slack.url + "/healthz")
        assert resp.status == 200
        assert await resp.text() == "ok"


@async_test
async def test_url_verification_challenge_is_answered():
    import json

    async with running_slack_app(FakeCommands()) as slack:
        body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
        sent = await slack.post(body, content_type="application/json")
        assert sent.status == 200
        assert sent.json() == {"challenge": "abc123"}


@async_test
async def test_without_a_signing_secret_no_http_request_verifies_not_even_one_signed_with_an_empty_key():
    service = FakeCommands()
    async with running_slack_app(service, signing_secret=None) as slack:
        from urllib.parse import urlencode

        body = urlencode({"command": "/jobs", "text": "list", "team_id": "T0FAKE", "user_id": "U1"})
        sent = await slack.post(
            body, content_type="application/x-www-form-urlencoded", headers=sign(body, secret="")
        )
        assert sent.status == 401
        assert service.calls == []


@async_test
async def test_the_entities_slack_puts_in_command_text_are_undone():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        await slack.command("search company:AT&amp;T &lt;remote&gt;")
        await slack.responses()
        assert [text for _, _, text in service.calls] == ["search company:AT&T <remote>"]
