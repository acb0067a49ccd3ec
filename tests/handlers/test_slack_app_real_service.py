"""The Slack app end to end: signed requests → Bolt → the real CommandService on a real SQLite store."""

import json

from bot.commands import CommandService
from bot.ingest import Matcher, ingest
from bot.models import Posting
from bot.store.migrate import open_store
from bot.store.subscriptions import list_subscriptions
from bot.views.actions import Action, encode
from handlers.slack_modal import CHANNEL_ACTION, CHANNEL_BLOCK, MODAL_CALLBACK, QUERY_ACTION, QUERY_BLOCK
from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import TEAM, running_slack_app, text_of

CITIES = ["Paris", "Lyon", "Paris", "Paris", "Bordeaux", "Paris", "Paris", "Paris", "Paris"]


def _postings() -> list[Posting]:
    postings = [
        Posting(
            id=f"hand:brindille:{n}",
            title=f"Marketing Intern {n}",
            company="Brindille",
            url=f"https://jobs.example.com/brindille/{n}",
            location_text=f"{city}, France",
            text=f"Six-month internship in our {city} office.\n\nProfile\n- Fluent French and good English.",
        )
        for n, city in enumerate(CITIES)
    ]
    postings.append(
        Posting(
            id="hand:lagoon:milan",
            title="Sales Intern (Italian speaker)",
            company="Lagoon Foods",
            url="https://jobs.example.com/lagoon/milan",
            location_text="Milan, Italy",
            text="Internship in Milan.\n\nRequirements\n- Native Italian and fluent English.",
        )
    )
    return postings


def _service(tmp_path) -> tuple[CommandService, object]:
    engine = open_store(f"sqlite:///{tmp_path / 'slack.sqlite3'}")
    matcher = Matcher.from_store(engine)
    ingest(engine, matcher, _postings())
    return CommandService(engine, matcher), engine


@async_test
async def test_subscribe_in_a_channel_echoes_how_the_query_was_understood(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        slack.set_user("UADMIN", is_admin=True)
        sent = await slack.command("subscribe Paris + French", user="UADMIN", channel="C1")
        assert sent.status == 200
        [response] = await slack.responses()
        shown = text_of(response)
        assert "Paris" in shown and "French" in shown
        assert "understood" in shown.lower()
        assert response["response_type"] == "ephemeral"
    [sub] = list_subscriptions(engine)
    assert (sub.query, sub.owner, sub.destination.key) == (
        "Paris + French",
        "UADMIN",
        f"slack:{TEAM}:channel:C1",
    )


@async_test
async def test_a_member_who_is_not_an_admin_is_told_why_a_channel_subscription_is_refused(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("subscribe Paris + French", user="U2", channel="C1")
        [response] = await slack.responses()
        assert "Only workspace admins can subscribe a channel" in response["text"]
        assert "/jobs me" in response["text"]
        await slack.command("me Milan + Italian", user="U2", channel="C1", response="r2")
        await slack.responses(2)
    [sub] = list_subscriptions(engine)
    assert (sub.query, sub.destination.kind, sub.destination.target) == ("Milan + Italian", "dm", "U2")


@async_test
async def test_a_subscribe_typed_in_a_dm_goes_to_the_callers_dms(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("subscribe Lyon", user="U3", channel="DU3", channel_name="directmessage")
        await slack.responses()
    [sub] = list_subscriptions(engine)
    assert sub.destination.key == f"slack:{TEAM}:dm:U3"


@async_test
async def test_search_is_paged(tmp_path):
    service, _ = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("search Paris + French")
        [first] = await slack.responses()
        assert "page 2" in first["text"]  # tells how to get more
        first_blocks = json.dumps(first["blocks"])
        await slack.command("search Paris + French page 2", response="r2")
        second = (await slack.responses(2))[1]
        second_blocks = json.dumps(second["blocks"])
    paris = {f"hand:brindille:{n}" for n, city in enumerate(CITIES) if city == "Paris"}
    on_first = {pid for pid in paris if f'"{pid}"' in first_blocks}
    on_second = {pid for pid in paris if f'"{pid}"' in second_blocks}
    assert len(on_first) == 5 and on_second == paris - on_first
    assert "Lyon" not in first_blocks + second_blocks


@async_test
async def test_save_button_stores_the_posting_and_app_home_shows_it(tmp_path):
    service, _ = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("me Milan")
        await slack.click(Action.SAVE, "hand:lagoon:milan", channel="DU1", response="r2")
        responses = await slack.responses(2)
        assert responses[1]["response_type"] == "ephemeral"
        assert "Sales Intern" in text_of(responses[1]) or "Saved" in text_of(responses[1])

        await slack.event({"type": "app_home_opened", "user": "U1", "channel": "DU1", "tab": "home"})
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))
        home = json.dumps(slack.slack.calls_to("views.publish")[0].args["view"], ensure_ascii=False)
        assert "Milan" in home and "Sales Intern (Italian speaker)" in home


@async_test
async def test_modal_submit_creates_a_subscription_and_home_unsubscribe_removes_it(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.interaction(
            {"type": "shortcut", "callback_id": "jobbot_new_subscription", "trigger_id": "t-1",
             "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM}, "api_app_id": "AFAKE"}
        )  # fmt: skip
        await slack.until(lambda: bool(slack.views))
        view_id = next(iter(slack.views))
        submission = {
            "type": "view_submission",
            "team": {"id": TEAM},
            "user": {"id": "U1", "team_id": TEAM},
            "api_app_id": "AFAKE",
            "view": {
                "id": view_id, "type": "modal", "callback_id": MODAL_CALLBACK, "hash": "h",
                "private_metadata": json.dumps({"origin": "home"}),
                "state": {"values": {
                    QUERY_BLOCK: {QUERY_ACTION: {"type": "plain_text_input", "value": "Milan + Italian"}},
                    CHANNEL_BLOCK: {CHANNEL_ACTION: {"selected_conversation": None}},
                }},
            },
        }  # fmt: skip
        sent = await slack.interaction(submission)
        assert sent.status == 200
        await slack.until(lambda: bool(slack.slack.calls_to("views.publish")))  # Home refreshed after
        [sub] = list_subscriptions(engine)
        assert (sub.query, sub.destination.kind) == ("Milan + Italian", "dm")
        assert "Milan" in json.dumps(slack.views[view_id], ensure_ascii=False)

        click = {
            "type": "block_actions", "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM},
            "api_app_id": "AFAKE", "container": {"type": "view", "view_id": "VHOME"},
            "view": {"id": "VHOME", "type": "home", "hash": "h"}, "trigger_id": "t-2",
            "actions": [{"type": "button", "action_id": encode(Action.UNSUBSCRIBE, str(sub.id)),
                         "block_id": "b", "value": str(sub.id), "action_ts": "1"}],
        }  # fmt: skip
        await slack.interaction(click)
        await slack.until(lambda: len(slack.slack.calls_to("views.publish")) == 2)
    assert list_subscriptions(engine) == []


@async_test
async def test_help_and_an_unknown_subcommand_both_answer(tmp_path):
    service, _ = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("help")
        await slack.command("frobnicate", response="r2")
        help_reply, unknown = await slack.responses(2)
        assert "subscribe" in help_reply["text"]
        assert unknown["response_type"] == "ephemeral" and unknown["text"]
