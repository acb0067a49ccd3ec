"""Replies people act on, through the real Bolt app over HTTP and the real command service (issue 10)."""

import json

from bot.commands import CommandService
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.limits import DeliveryLimits
from bot.extract import extract_posting
from bot.store.migrate import open_store
from bot.store.outbox import StoreOutbox
from bot.store.postings import upsert_posting
from bot.store.preferences import owner_key, save_posting
from bot.store.subscriptions import list_subscriptions
from bot.views.actions import Action, decode
from handlers.slack_modal import CHANNEL_ACTION, CHANNEL_BLOCK, MODAL_CALLBACK, QUERY_ACTION, QUERY_BLOCK
from handlers.slack_notifier import SlackNotifier, make_client
from tests.bot.commands.conftest import NOW, POSTINGS, make_service
from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import TEAM, TOKEN, running_slack_app, text_of


def _service(tmp_path) -> tuple[CommandService, object]:
    from datetime import timedelta

    engine = open_store(f"sqlite:///{tmp_path / 'slack.sqlite3'}")
    for minute, item in enumerate(POSTINGS):
        upsert_posting(engine, extract_posting(item), now=NOW - timedelta(hours=1, minutes=-minute))
    return make_service(engine), engine


def buttons(response) -> list[tuple[Action, str]]:
    blocks = response.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    found = [e for b in blocks if b.get("type") == "actions" for e in b["elements"]]
    return [decode(e["action_id"]) for e in found if decode(e["action_id"])]


@async_test
async def test_saved_postings_page_by_their_buttons_and_say_page_n(tmp_path):
    service, engine = _service(tmp_path)
    for n in range(1, 8):
        save_posting(engine, owner_key("slack", TEAM, "U1"), f"test:p{n}", now=NOW)
    async with running_slack_app(service) as slack:
        await slack.command("saved", channel="DU1", channel_name="directmessage")
        [first] = await slack.responses()
        assert "next: `/jobs saved page 2`" in text_of(first)
        assert (Action.SAVED_PAGE, "2") in buttons(first)
        await slack.click(Action.SAVED_PAGE, "2", channel="DU1", response="r2")
        second = (await slack.responses(2))[1]
        assert second["replace_original"] in (True, "true")  # the page replaces the message clicked
        pages = [b for b in buttons(second) if b[0] is Action.SAVED_PAGE]
        assert pages == [(Action.SAVED_PAGE, "1")] and "page 2" in text_of(second)


@async_test
async def test_search_pages_by_button_and_by_the_typed_form(tmp_path):
    service, _ = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("search Paris + French")
        [first] = await slack.responses()
        assert "next: `/jobs search Paris + French page 2`" in text_of(first)
        await slack.command("search Paris + French --page 2", response="r2")  # an older spelling, still read
        typed = (await slack.responses(2))[1]
        await slack.click(Action.PAGE, "2:Paris + French", response="r3")
        clicked = (await slack.responses(3))[2]
        for second in (typed, clicked):
            assert "Result 6, newest first" in text_of(second) and "Marketing Intern" in text_of(second)


@async_test
async def test_the_form_says_a_subscriptions_warning_once_after_saving_it(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.interaction(
            {"type": "shortcut", "callback_id": "jobbot_new_subscription", "trigger_id": "t-1",
             "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM}, "api_app_id": "AFAKE"}
        )  # fmt: skip
        await slack.until(lambda: bool(slack.views))
        view_id = next(iter(slack.views))
        submission = {
            "type": "view_submission", "team": {"id": TEAM}, "user": {"id": "U1", "team_id": TEAM},
            "api_app_id": "AFAKE",
            "view": {
                "id": view_id, "type": "modal", "callback_id": MODAL_CALLBACK, "hash": "h",
                "private_metadata": json.dumps({"origin": "shortcut"}),
                "state": {"values": {
                    QUERY_BLOCK: {QUERY_ACTION: {"type": "plain_text_input", "value": "Tokyo + Japanese"}},
                    CHANNEL_BLOCK: {CHANNEL_ACTION: {"selected_conversation": None}},
                }},
            },
        }  # fmt: skip
        await slack.interaction(submission)
        await slack.until(lambda: "Subscribed" in json.dumps(slack.views[view_id], ensure_ascii=False))
        shown = json.dumps(slack.views[view_id], ensure_ascii=False)
        assert shown.count("Nothing among the latest 9 open postings matches this yet") == 1
    assert [s.query for s in list_subscriptions(engine)] == ["Tokyo + Japanese"]


@async_test
async def test_pause_with_no_id_asks_and_its_button_pauses_them_all(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        for n, query in enumerate(("Madrid", "Lyon"), start=1):
            await slack.command(f"me {query}", response=f"s{n}")
            await slack.responses(n)  # one after the other, as a person types them
        await slack.command("pause", response="r1", channel="DU1", channel_name="directmessage")
        asked = (await slack.responses(3))[2]
        assert "Which one?" in text_of(asked) and "`/jobs pause all`" in text_of(asked)
        assert (Action.PAUSE, "all") in buttons(asked)
        assert not any(s.paused for s in list_subscriptions(engine))  # nothing done before the answer
        await slack.click(Action.PAUSE, "all", channel="DU1", response="r2")
        done = (await slack.responses(4))[3]
        assert "Paused #1 `Madrid`, #2 `Lyon`" in text_of(done)
    assert all(s.paused for s in list_subscriptions(engine))


@async_test
async def test_unsubscribe_all_offers_a_button_behind_slacks_confirm_dialog(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("me Madrid", response="s1")
        await slack.responses(1)
        await slack.command("me Lyon", response="s2")
        await slack.responses(2)
        await slack.command("unsubscribe", response="r1", channel="DU1", channel_name="directmessage")
        asked = (await slack.responses(3))[2]
        blocks = asked["blocks"] if isinstance(asked["blocks"], list) else json.loads(asked["blocks"])
        [button] = [e for b in blocks if b["type"] == "actions" for e in b["elements"]]
        assert decode(button["action_id"]) == (Action.UNSUBSCRIBE, "all") and button["style"] == "danger"
        assert button["confirm"]["confirm"]["text"] == "Unsubscribe all"  # Slack asks before the click counts
        assert len(list_subscriptions(engine)) == 2
        await slack.click(Action.UNSUBSCRIBE, "all", response="r2", channel="DU1")
        await slack.responses(4)
    assert list_subscriptions(engine) == []


@async_test
async def test_edit_and_a_duplicate_by_meaning_through_slack(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        await slack.command("me Paris + French", response="s1")
        await slack.responses(1)
        await slack.command("me French + Paris", response="s2")
        _, again = await slack.responses(2)
        assert "this subscription already: #1" in text_of(again) and len(list_subscriptions(engine)) == 1
        await slack.command("edit 1 Lyon + Frnech", response="s3")
        asked = (await slack.responses(3))[2]
        assert (Action.EDIT, "1:Lyon + French") in buttons(asked)
        await slack.click(Action.EDIT, "1:Lyon + French", response="s4")
        changed = (await slack.responses(4))[3]
        assert "Changed #1" in text_of(changed)
        await slack.command("edit 1 Berlin + German", response="s5")
        await slack.responses(5)
    [sub] = list_subscriptions(engine)
    assert (sub.id, sub.query, sub.destination.key) == (1, "Berlin + German", f"slack:{TEAM}:dm:U1")


@async_test
async def test_test_posts_a_labelled_sample_card_to_the_channel_through_the_outbox(tmp_path):
    service, engine = _service(tmp_path)
    async with running_slack_app(service) as slack:
        slack.set_user("UADMIN", is_admin=True)
        await slack.command("test", user="UADMIN", channel="C1")
        [reply] = await slack.responses()
        assert "A test card is on its way to this channel" in text_of(reply)
        client = make_client(TOKEN, slack.slack.api_url)
        dispatcher = Dispatcher(
            StoreOutbox(engine), {"slack": SlackNotifier(client)}, limits=DeliveryLimits(), clock=lambda: NOW
        )
        assert (await dispatcher.run_once()).sent == 1
        [posted] = slack.slack.workspace.messages("C1")
        shown = json.dumps(posted["blocks"], ensure_ascii=False)
        assert posted["text"].startswith("Test: Marketing Intern (sample posting)")
        assert "*Test* · " in shown and "A test card from" in shown and "not a real posting" in shown
        assert '"actions"' not in shown  # no Save or Mute on a made-up posting
