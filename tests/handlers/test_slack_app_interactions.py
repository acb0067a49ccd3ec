"""Buttons, App Home and the subscription modal, through the real Bolt app over HTTP (small fake service)."""

import asyncio
import json

from bot.views.actions import Action, decode, encode
from handlers.slack_modal import (
    CHANNEL_ACTION,
    CHANNEL_BLOCK,
    MODAL_CALLBACK,
    QUERY_ACTION,
    QUERY_BLOCK,
    SHORTCUT_NEW_SUBSCRIPTION,
)
from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import TEAM, FakeCommands, running_slack_app, subscription


@async_test
async def test_save_button_calls_the_service_and_confirms_ephemerally():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        sent = await slack.click(Action.SAVE, "ashby:acme:1", channel="C9")
        assert sent.status == 200
        [response] = await slack.responses()
        assert response["response_type"] == "ephemeral"
        assert response["replace_original"] in (False, "false")  # the card itself stays
        assert "Saved ashby:acme:1." in response["text"]
        [(name, caller, value)] = service.calls
        assert (name, value) == ("save", "ashby:acme:1")
        assert (caller.workspace, caller.user_id, caller.channel_id, caller.is_dm) == (
            TEAM,
            "U1",
            "C9",
            False,
        )


@async_test
async def test_not_interested_and_mute_company_reach_their_service_methods():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        await slack.click(Action.HIDE, "p7")
        await slack.click(Action.MUTE, "p7", response="r2")
        responses = await slack.responses(2)
        assert {name: value for name, _, value in service.calls} == {
            "hide_similar": "p7",
            "mute_company": "p7",
        }
        assert any("Muted the company of p7." in r["text"] for r in responses)


@async_test
async def test_buttons_on_cards_posted_by_older_versions_still_work():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        await slack.click("jobbot_save", "p1")
        await slack.click("jobbot_mute_company", "Acme & Co", response="r2")  # it carried the name
        responses = await slack.responses(2)
        assert [(name, value) for name, _, value in service.calls] == [
            ("save", "p1"),
            ("mute_company", "Acme & Co"),
        ]
        assert any("Muted Acme &amp; Co." in r["text"] for r in responses)  # escaped like any text


@async_test
async def test_open_button_is_only_acknowledged():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        sent = await slack.click(Action.OPEN, "p1")
        assert sent.status == 200
        assert service.calls == []


@async_test
async def test_a_click_in_a_dm_builds_a_dm_caller_with_admin_and_timezone_from_users_info():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        slack.set_user("UADMIN", is_admin=True, tz="Europe/Paris")
        await slack.click(Action.SAVE, "p1", user="UADMIN", channel="DUADMIN")
        await slack.click(Action.SAVE, "p2", user="UADMIN", channel="DUADMIN", response="r2")
        await slack.responses(2)
        callers = [caller for _, caller, _ in service.calls]
        assert all(c.is_dm and c.is_admin and c.timezone == "Europe/Paris" for c in callers)
        assert len(slack.slack.calls_to("users.info")) == 1  # cached between clicks


@async_test
async def test_app_home_opened_publishes_the_users_subscriptions_and_saved_postings():
    service = FakeCommands(
        subscriptions=[subscription(4, "Paris + French"), subscription(5, "Milan", paused=True)]
    )
    async with running_slack_app(service) as slack:
        sent = await slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
        assert sent.status == 200
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))
        [publish] = slack.slack.calls_to("views.publish")
        assert publish.args["user_id"] == "U1"
        view = (
            json.loads(publish.args["view"])
            if isinstance(publish.args["view"], str)
            else publish.args["view"]
        )
        assert view["type"] == "home"
        shown = json.dumps(view, ensure_ascii=False)
        assert "Paris + French" in shown and "Saved Analyst" in shown
        ids = [e["action_id"] for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
        actions = [decode(i) for i in ids]
        assert actions.count((Action.UNSUBSCRIBE, "4")) == actions.count((Action.UNSUBSCRIBE, "5")) == 1
        assert (Action.PAUSE, "4") in actions and (Action.RESUME, "5") in actions


@async_test
async def test_the_messages_tab_opening_publishes_nothing():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        await slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "messages"})
        await slack.event({"type": "app_home_opened", "user": "U2", "channel": "DU2", "tab": "home"})
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))
        assert [c.args["user_id"] for c in slack.slack.calls_to("views.publish")] == ["U2"]


@async_test
async def test_home_pause_button_runs_pause_and_republishes_home_with_what_happened():
    service = FakeCommands(subscriptions=[subscription(4, "Paris + French")])
    async with running_slack_app(service) as slack:
        await slack.interaction(_home_click(Action.PAUSE, "4"))
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))
        assert [(n, t) for n, _, t in service.calls if n == "run"] == [("run", "pause 4")]
        [publish] = slack.slack.calls_to("views.publish")
        assert "ran `pause 4`" in json.dumps(publish.args["view"])


@async_test
async def test_shortcut_opens_the_modal_and_typing_updates_the_preview():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        sent = await slack.interaction(
            {"type": "shortcut", "callback_id": SHORTCUT_NEW_SUBSCRIPTION, "trigger_id": "t-1",
             "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM}, "api_app_id": "AFAKE"}
        )  # fmt: skip
        assert sent.status == 200
        await slack.until(lambda: bool(slack.slack.calls_to("views.open")))
        [view_id] = slack.views
        await slack.interaction(_typing(view_id, "Paris + French"))
        await slack.until(lambda: bool(slack.slack.calls_to("views.update")))
        assert ("preview", "Paris + French") in [(n, t) for n, _, t in service.calls]
        updated = json.dumps(slack.views[view_id], ensure_ascii=False)
        assert "I read `Paris + French` as location Paris (FR)" in updated
        assert "Marketing Intern" in updated  # what matches now


@async_test
async def test_home_button_opens_the_same_modal():
    async with running_slack_app(FakeCommands()) as slack:
        await slack.interaction(_home_click(Action.NEW_SUBSCRIPTION, ""))
        await slack.until(lambda: bool(slack.slack.calls_to("views.open")))
        [view] = slack.views.values()
        assert view["callback_id"] == MODAL_CALLBACK
        assert json.loads(view["private_metadata"]) == {"origin": "home"}


@async_test
async def test_modal_submit_subscribes_in_dms_or_in_the_chosen_channel():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        view_id = await _open_modal(slack)
        sent = await slack.interaction(_submit(view_id, "Paris + French", channel=None))
        assert sent.status == 200
        assert sent.json()["response_action"] == "update"  # "Creating…" while the service works
        # the form previewed the reading live, so the submission is not asked about again
        await slack.until(
            lambda: any(t == "subscribe --dm --anyway Paris + French" for _, _, t in service.calls)
        )
        await slack.until(lambda: "ran `subscribe --dm" in json.dumps(slack.views[view_id]))

        await slack.interaction(_submit(view_id, "Milan", channel="C42"))
        await slack.until(lambda: any(t == "subscribe --anyway Milan" for _, _, t in service.calls))
        caller = next(c for n, c, t in service.calls if t == "subscribe --anyway Milan")
        assert (caller.channel_id, caller.is_dm) == ("C42", False)


@async_test
async def test_modal_submit_without_a_query_shows_an_error_on_the_field():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        view_id = await _open_modal(slack)
        sent = await slack.interaction(_submit(view_id, "   ", channel=None))
        assert sent.json() == {
            "response_action": "errors",
            "errors": {QUERY_BLOCK: "Type what you are looking for first."},
        }
        assert service.calls == []


async def _open_modal(slack) -> str:
    await slack.interaction(_home_click(Action.NEW_SUBSCRIPTION, ""))
    await slack.until(lambda: bool(slack.views))
    return next(iter(slack.views))


def _home_click(action: Action, value: str) -> dict:
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U1", "team_id": TEAM},
        "api_app_id": "AFAKE",
        "container": {"type": "view", "view_id": "VHOME"},
        "view": {"id": "VHOME", "type": "home", "hash": "h1"},
        "trigger_id": "t-2",
        "actions": [
            {
                "type": "button",
                "action_id": encode(action, value),
                "block_id": "b",
                "value": value,
                "action_ts": "1",
            }
        ],
    }


def _typing(view_id: str, text: str) -> dict:
    return {
        "type": "block_actions",
        "team": {"id": TEAM},
        "user": {"id": "U1", "team_id": TEAM},
        "api_app_id": "AFAKE",
        "container": {"type": "view", "view_id": view_id},
        "view": {"id": view_id, "type": "modal", "hash": "h2", "callback_id": MODAL_CALLBACK,
                 "private_metadata": json.dumps({"origin": "shortcut"})},
        "trigger_id": "t-3",
        "actions": [{"type": "plain_text_input", "action_id": QUERY_ACTION, "block_id": QUERY_BLOCK,
                     "value": text, "action_ts": "2"}],
    }  # fmt: skip


def _submit(view_id: str, query: str, channel: str | None) -> dict:
    return {
        "type": "view_submission",
        "team": {"id": TEAM},
        "user": {"id": "U1", "team_id": TEAM},
        "api_app_id": "AFAKE",
        "trigger_id": "t-4",
        "view": {
            "id": view_id,
            "type": "modal",
            "callback_id": MODAL_CALLBACK,
            "hash": "h3",
            "private_metadata": json.dumps({"origin": "shortcut"}),
            "state": {
                "values": {
                    QUERY_BLOCK: {QUERY_ACTION: {"type": "plain_text_input", "value": query}},
                    CHANNEL_BLOCK: {
                        CHANNEL_ACTION: {"type": "conversations_select", "selected_conversation": channel}
                    },
                }
            },
        },
    }


@async_test
async def test_a_home_that_cannot_be_built_shows_an_apology_instead():
    class Broken(FakeCommands):
        async def home(self, caller):
            raise RuntimeError("store down")

    async with running_slack_app(Broken()) as slack:
        await slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))
        [publish] = slack.slack.calls_to("views.publish")
        assert "Sorry, something went wrong" in json.dumps(publish.args["view"])
        assert "store down" not in json.dumps(publish.args["view"])


@async_test
async def test_a_page_button_replaces_the_results_with_the_next_page():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        await slack.click(Action.PAGE, "2:Paris + French")
        [response] = await slack.responses()
        assert response["replace_original"] in (True, "true")  # the same message shows the next page
        assert [(name, text) for name, _, text in service.calls] == [("run", "search Paris + French page 2")]


@async_test
async def test_a_plain_message_in_the_apps_dm_gets_a_pointer_to_help_once_and_bots_get_nothing():
    service = FakeCommands()
    async with running_slack_app(service) as slack:
        typed = {"type": "message", "channel_type": "im", "channel": "DU1", "user": "U1", "text": "hello?"}
        await slack.event(typed)
        await slack.until(lambda: bool(slack.slack.calls_to("chat.postMessage")))
        await slack.event({**typed, "text": "anyone?"})  # again soon after: no second hint
        await slack.event({**typed, "user": "U2", "channel": "DU2", "bot_id": "B1"})  # a bot
        await slack.event({**typed, "user": "U3", "channel": "DU3", "subtype": "message_changed"})  # an edit
        await slack.event({**typed, "user": "U4", "channel": "C1", "channel_type": "channel"})  # a channel
        await asyncio.sleep(0.2)
        [hint] = slack.slack.calls_to("chat.postMessage")
        assert hint.args["channel"] == "DU1" and "`/jobs help`" in hint.args["text"]
        assert service.calls == []
