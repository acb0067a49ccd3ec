import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.http_server import async_test
from tests.fakes.slack_api import (
    BOT_USER_ID,
    FakeSlackApi,
    Fault,
    fake_slack_process,
    posts_by_key,
    read_state,
)

TOKEN = "xoxb-fake-for-tests"
META = {"event_type": "jobbot_card", "event_payload": {"key": "jobbot-1"}}


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def client(fake, token=TOKEN):
    return AsyncWebClient(token=token, base_url=fake.api_url, retry_handlers=[])


async def error_of(call):
    with pytest.raises(SlackApiError) as caught:
        await call
    return caught.value.response


@async_test
async def test_checks_the_bearer_token():
    async with FakeSlackApi(token=TOKEN) as fake:
        assert (await client(fake).auth_test())["user_id"] == BOT_USER_ID
        assert (await error_of(client(fake, "xoxb-wrong").auth_test()))["error"] == "invalid_auth"
        assert (await error_of(AsyncWebClient(base_url=fake.api_url).auth_test()))["error"] == "not_authed"
        fake.tokens.discard(TOKEN)
        assert (await error_of(client(fake).chat_postMessage(channel="C1", text="x")))[
            "error"
        ] == "invalid_auth"
        assert fake.posts() == []


@async_test
async def test_takes_arguments_as_json_form_or_query():
    async with FakeSlackApi(token=TOKEN) as fake, aiohttp.ClientSession() as session:
        metadata = '{"event_type": "jobbot_card", "event_payload": {"key": "k-form"}}'
        form = {"token": TOKEN, "channel": "C1", "text": "from a form", "metadata": metadata}
        async with session.post(fake.api_url + "chat.postMessage", data=form) as response:
            assert (await response.json())["ok"] is True
        await client(fake).chat_postMessage(channel="C1", text="as json", metadata=META)
        history = await client(fake).conversations_history(
            channel="C1", include_all_metadata=True
        )  # GET query
        assert [m["text"] for m in history["messages"]] == ["as json", "from a form"]
        assert [c.key for c in fake.posts()] == ["k-form", "jobbot-1"]


@async_test
async def test_limits_each_channel_to_a_message_a_second_with_a_small_burst():
    clock = Clock()
    async with FakeSlackApi(token=TOKEN, burst=3, rate_per_second=1.0, clock=clock) as fake:
        slack = client(fake)
        for n in range(3):
            await slack.chat_postMessage(channel="C1", text=f"burst {n}")
        limited = await error_of(slack.chat_postMessage(channel="C1", text="too soon"))
        assert limited.status_code == 429 and limited["error"] == "ratelimited"
        assert limited.headers["Retry-After"] == "1"
        await slack.chat_postMessage(channel="C2", text="another channel is not held up")
        clock.now += 1.0
        await slack.chat_postMessage(channel="C1", text="a second later")
        assert (await error_of(slack.chat_postMessage(channel="C1", text="x"))).status_code == 429
        assert len(fake.workspace.messages("C1")) == 4
        assert [c.status for c in fake.calls_to("chat.postMessage")].count(429) == 2


@async_test
async def test_archived_and_missing_channels_and_unusable_dms():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = client(fake)
        fake.workspace.archive("C1")
        fake.workspace.remove_channel("C2")
        fake.workspace.set_user("U9", deleted=True)
        assert (await error_of(slack.chat_postMessage(channel="C1", text="x")))["error"] == "is_archived"
        assert (await error_of(slack.chat_postMessage(channel="C2", text="x")))[
            "error"
        ] == "channel_not_found"
        assert (await error_of(slack.conversations_history(channel="C2")))["error"] == "channel_not_found"
        assert (await error_of(slack.conversations_open(users="U9")))["error"] == "user_disabled"
        assert (await error_of(slack.conversations_open(users=BOT_USER_ID)))["error"] == "cannot_dm_bot"
        assert (await slack.conversations_open(users="U1"))["channel"]["id"] == "DU1"


@async_test
async def test_history_is_newest_first_paged_and_has_metadata_only_when_asked():
    async with FakeSlackApi(token=TOKEN, burst=100) as fake:
        slack = client(fake)
        for n in range(5):
            meta = {"event_type": "jobbot_card", "event_payload": {"key": f"k{n}"}}
            await slack.chat_postMessage(channel="C1", text=f"m{n}", metadata=meta)
        first = await slack.conversations_history(channel="C1", limit=2, include_all_metadata=True)
        assert [m["text"] for m in first["messages"]] == ["m4", "m3"]
        assert first["messages"][0]["metadata"]["event_payload"] == {"key": "k4"}
        assert first["has_more"] is True
        cursor = first["response_metadata"]["next_cursor"]
        rest = await slack.conversations_history(channel="C1", limit=10, cursor=cursor)
        assert [m["text"] for m in rest["messages"]] == ["m2", "m1", "m0"]
        assert rest["has_more"] is False and "metadata" not in rest["messages"][0]


@async_test
async def test_update_ephemeral_views_users_members_and_response_url():
    async with FakeSlackApi(token=TOKEN) as fake, aiohttp.ClientSession() as session:
        slack = client(fake)
        posted = await slack.chat_postMessage(channel="C1", text="open", metadata=META)
        await slack.chat_update(channel="C1", ts=posted["ts"], text="Closed", blocks=[])
        assert fake.workspace.messages("C1")[0]["text"] == "Closed"
        assert fake.workspace.messages("C1")[0]["metadata"] == META  # an edit keeps the metadata
        assert (await error_of(slack.chat_update(channel="C1", ts="1.2", text="x")))[
            "error"
        ] == "message_not_found"
        assert (await slack.chat_postEphemeral(channel="C1", user="U1", text="only you"))["message_ts"]
        fake.workspace.set_user("U2", is_admin=True, tz="Europe/Paris")
        assert (await slack.users_info(user="U1"))["user"]["is_admin"] is False
        assert (await slack.users_info(user="U2"))["user"]["tz"] == "Europe/Paris"
        fake.workspace.set_members("C1", ["U1", "U2"])
        assert (await slack.conversations_members(channel="C1"))["members"] == ["U1", "U2"]
        view = {"type": "modal", "title": {"type": "plain_text", "text": "New"}, "blocks": []}
        opened = await slack.views_open(trigger_id="t1", view=view)
        await slack.views_update(view_id=opened["view"]["id"], view={**view, "blocks": [{"type": "divider"}]})
        assert fake.workspace.views[opened["view"]["id"]]["blocks"] == [{"type": "divider"}]
        await slack.views_publish(user_id="U1", view={"type": "home", "blocks": []})
        assert (await error_of(slack.views_open(trigger_id="", view=view)))["error"] == "invalid_trigger_id"
        async with session.post(
            fake.response_url("abc"), json={"text": "hi", "response_type": "ephemeral"}
        ) as r:
            assert r.status == 200
        assert fake.calls_to("response_url")[0].args == {
            "text": "hi",
            "response_type": "ephemeral",
            "name": "abc",
        }


@async_test
async def test_refuses_messages_slack_would_refuse():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = client(fake)
        too_many = [{"type": "divider"}] * 51
        assert (await error_of(slack.chat_postMessage(channel="C1", blocks=too_many, text="x")))["error"] == (
            "invalid_blocks"
        )
        long_section = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]
        assert (await error_of(slack.chat_postMessage(channel="C1", blocks=long_section, text="x")))[
            "error"
        ] == ("invalid_blocks")
        with pytest.warns(UserWarning, match="text"):  # slack_sdk warns too
            assert (await error_of(slack.chat_postMessage(channel="C1", text="")))["error"] == "no_text"


@async_test
async def test_faults_fail_before_or_after_storing():
    async with FakeSlackApi(token=TOKEN) as fake:
        slack = client(fake)
        fake.fail_next("chat.postMessage", Fault(error="internal_error", status=500))
        assert (await error_of(slack.chat_postMessage(channel="C1", text="a"))).status_code == 500
        assert fake.workspace.messages("C1") == []
        fake.fail_next("chat.postMessage", Fault(error="fatal_error", store=True))
        assert (await error_of(slack.chat_postMessage(channel="C1", text="b")))["error"] == "fatal_error"
        assert [m["text"] for m in fake.workspace.messages("C1")] == ["b"]  # it happened all the same
        await slack.chat_postMessage(channel="C1", text="c")  # faults are used up


@async_test
async def test_state_file_records_calls_and_a_restart_keeps_the_messages(tmp_path):
    state = tmp_path / "calls.jsonl"
    async with FakeSlackApi(token=TOKEN, state_file=state) as fake:
        await client(fake).chat_postMessage(channel="C1", text="x", metadata=META)
    async with FakeSlackApi(token=TOKEN, state_file=state) as again:
        history = await client(again).conversations_history(channel="C1", include_all_metadata=True)
        assert history["messages"][0]["metadata"]["event_payload"]["key"] == "jobbot-1"
        await client(again).chat_postMessage(channel="C1", text="y", metadata=META)
    assert [r["method"] for r in read_state(state)] == [
        "chat.postMessage",
        "conversations.history",
        "chat.postMessage",
    ]
    assert posts_by_key(state) == {("C1", "jobbot-1"): 2}
    state.write_text(state.read_text() + '{"method": "chat.postMes')  # a line cut short by a kill
    assert len(read_state(state)) == 3


@async_test
async def test_runs_as_its_own_process(tmp_path):
    state = tmp_path / "calls.jsonl"
    with fake_slack_process(state, token=TOKEN) as url:
        slack = AsyncWebClient(token=TOKEN, base_url=url, retry_handlers=[])
        await slack.chat_postMessage(channel="C7", text="hello", metadata=META)
    assert posts_by_key(state) == {("C7", "jobbot-1"): 1}
