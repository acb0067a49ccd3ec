"""Fuzzed Slack payloads through the real Bolt app over HTTP, on a real command service and SQLite store.

Every signed request — a /jobs command with any text, a click with any action id and value, a modal
submission with any query and channel, an envelope of any shape — is answered (never a 5xx), and no
listener fails: a listener that raises is logged as "slack listener failed" and apologizes, which here is
a defect. The app is started once per module; each test then drains the background work its requests
started and reads the failures. Budgets are fixed and derandomized (JOBBOT_FUZZ_EXAMPLES scales them).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Iterator
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands import CommandService
from bot.ingest import Matcher, ingest
from bot.models import Posting
from bot.store.migrate import open_store
from bot.views.actions import Action, encode
from handlers.slack_modal import CHANNEL_ACTION, CHANNEL_BLOCK, MODAL_CALLBACK, QUERY_ACTION, QUERY_BLOCK
from tests.handlers.fuzzing import BUDGET, TEXT, AppThread, Failures
from tests.handlers.slack_app_harness import SIGNING_SECRET, TEAM, Sent, SlackHarness, running_slack_app

SlackThread = AppThread[SlackHarness]

ACTION_IDS = st.one_of(
    st.builds(lambda action, value: encode(action, value), st.sampled_from(list(Action)), TEXT),
    st.text(max_size=40),
    st.sampled_from([QUERY_ACTION, CHANNEL_ACTION, "jobbot:", "jobbot:page:", "jobbot:yes:pause:"]),
)
JSON = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(TEXT, inner, max_size=3)),
    max_leaves=8,
)


@pytest.fixture(scope="module")
def slack_app(tmp_path_factory) -> Iterator[SlackThread]:
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'slack.sqlite3'}")
    matcher = Matcher.from_store(engine)
    ingest(
        engine,
        matcher,
        [
            Posting(
                id=f"hand:fuzz:{n}",
                title=f"Marketing Intern {n}",
                company="Brindille",
                url=f"https://jobs.example.com/fuzz/{n}",
                location_text="Paris, France",
                text="Six-month internship in Paris.\n\nProfile\n- Fluent French.",
            )
            for n in range(12)
        ],
    )
    service = CommandService(engine, matcher)
    with AppThread(lambda: running_slack_app(service)) as app:
        app.harness.set_user("UADMIN", is_admin=True)
        yield app


@pytest.fixture
def failures(slack_app: SlackThread) -> Iterator[Failures]:
    with Failures("slack_bolt").listening() as handler:
        yield handler


async def _post(harness: SlackHarness, body: str, content_type: str) -> Sent:
    """A signed request whose body may hold what UTF-8 cannot (lone surrogates go out as their raw bytes)."""
    raw = body.encode("utf-8", "surrogatepass")
    timestamp = str(int(time.time()))
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": "v0=" + digest.hexdigest(),
    }
    async with harness.session.post(harness.url + "/slack/events", data=raw, headers=headers) as resp:
        return Sent(resp.status, await resp.text(errors="replace"), 0.0)


def _command(harness: SlackHarness, text: str, user: str, channel: str) -> str:
    form = {
        "team_id": TEAM, "team_domain": "fake", "channel_id": channel, "channel_name": "jobs",
        "user_id": user, "user_name": user.lower(), "command": "/jobs", "text": text, "api_app_id": "AFAKE",
        "response_url": harness.slack.response_url("r-fuzz"), "trigger_id": "trigger-fuzz",
    }  # fmt: skip
    return urlencode(form, encoding="utf-8", errors="surrogatepass")


def _settled(app: SlackThread, failures: Failures) -> None:
    app.drain(lambda: len(app.harness.slack.calls))
    assert failures.described() == []
    # ...and the app still answers a plain command afterwards.
    before = len(app.harness.slack.calls_to("response_url"))
    assert app.run(app.harness.command("help", response="after")).status == 200
    app.run(app.harness.until(lambda: len(app.harness.slack.calls_to("response_url")) > before))


def test_any_jobs_text_is_answered_without_a_listener_failing(slack_app, failures):
    @BUDGET
    @given(TEXT, st.sampled_from(["U1", "UADMIN"]), st.sampled_from(["C1", "D1"]))
    def one(text, user, channel):
        before = len(slack_app.harness.slack.calls_to("response_url"))
        body = _command(slack_app.harness, text, user, channel)
        sent = slack_app.run(_post(slack_app.harness, body, "application/x-www-form-urlencoded"))
        assert sent.status == 200, (text, sent.status, sent.body)
        # Every command is answered, at the latest through the response_url.
        if not sent.body:
            slack_app.run(
                slack_app.harness.until(
                    lambda: len(slack_app.harness.slack.calls_to("response_url")) > before
                )
            )

    one()
    _settled(slack_app, failures)


def test_any_click_is_acknowledged_without_a_listener_failing(slack_app, failures):
    @BUDGET
    @given(ACTION_IDS, TEXT, st.sampled_from(["message", "view"]))
    def one(action_id, value, container):
        payload = {
            "type": "block_actions",
            "team": {"id": TEAM, "domain": "fake"},
            "user": {"id": "U1", "team_id": TEAM},
            "api_app_id": "AFAKE",
            "trigger_id": "trigger-fuzz",
            "response_url": slack_app.harness.slack.response_url("r-click"),
            "actions": [
                {"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": "1"}
            ],
        }
        if container == "message":
            payload["container"] = {"type": "message", "channel_id": "C1", "message_ts": "1.000001"}
            payload["channel"] = {"id": "C1", "name": "jobs"}
        else:
            payload["container"] = {"type": "view", "view_id": "VHOME"}
            payload["view"] = {"id": "VHOME", "type": "home", "hash": "h"}
        body = "payload=" + quote(json.dumps(payload), encoding="utf-8", errors="surrogatepass")
        sent = slack_app.run(_post(slack_app.harness, body, "application/x-www-form-urlencoded"))
        # 404 is Bolt's answer to an action id no listener is registered for.
        assert sent.status in (200, 404), (action_id, value, sent.status, sent.body)

    one()
    _settled(slack_app, failures)


def test_any_modal_submission_is_answered_without_a_listener_failing(slack_app, failures):
    @BUDGET
    @given(TEXT, st.one_of(st.none(), st.text(max_size=12)), st.one_of(st.none(), TEXT))
    def one(query, channel, metadata):
        payload = {
            "type": "view_submission",
            "team": {"id": TEAM},
            "user": {"id": "UADMIN", "team_id": TEAM},
            "api_app_id": "AFAKE",
            "view": {
                "id": "VFUZZ",
                "type": "modal",
                "callback_id": MODAL_CALLBACK,
                "hash": "h",
                "private_metadata": metadata if metadata is not None else json.dumps({"origin": "shortcut"}),
                "state": {
                    "values": {
                        QUERY_BLOCK: {QUERY_ACTION: {"type": "plain_text_input", "value": query}},
                        CHANNEL_BLOCK: {CHANNEL_ACTION: {"selected_conversation": channel}},
                    }
                },
            },
        }
        body = "payload=" + quote(json.dumps(payload), encoding="utf-8", errors="surrogatepass")
        sent = slack_app.run(_post(slack_app.harness, body, "application/x-www-form-urlencoded"))
        assert sent.status == 200, (query, channel, sent.status, sent.body)

    one()
    _settled(slack_app, failures)


def test_any_signed_envelope_gets_an_answer_that_is_not_a_server_error(slack_app, failures):
    @BUDGET
    @given(
        st.one_of(
            JSON.map(lambda value: ("application/json", json.dumps(value))),
            JSON.map(lambda value: ("application/x-www-form-urlencoded", "payload=" + json.dumps(value))),
            TEXT.map(lambda text: ("application/x-www-form-urlencoded", text)),
            st.dictionaries(
                st.sampled_from(["type", "event", "team_id", "team", "user", "actions", "view", "command"]),
                JSON,
                max_size=5,
            ).map(lambda value: ("application/json", json.dumps(value))),
        )
    )
    def one(envelope):
        content_type, body = envelope
        sent = slack_app.run(_post(slack_app.harness, body, content_type))
        assert sent.status < 500, (body, sent.status, sent.body)

    one()
    _settled(slack_app, failures)
