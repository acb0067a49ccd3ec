"""What `jobbot serve` wires, end to end on 127.0.0.1: a signed /jobs command subscribes a channel, a polled
source publishes a matching posting, and the card arrives in the (fake) Slack channel, once."""

import asyncio
import json
import socket
from dataclasses import replace

import aiohttp

from bot.app import JobBot
from bot.settings import load_settings
from bot.store.sources import add_source
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_attach import attach as attach_slack
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.slack_app_harness import SIGNING_SECRET, TOKEN, SlackHarness

PARIS_INTERN = {
    "id": 77,
    "title": "Growth Intern",
    "location": {"name": "Paris, France"},
    "absolute_url": "https://job-boards.example.com/acme/jobs/77",
    "updated_at": "2026-11-01T09:00:00Z",
    "content": "&lt;p&gt;Six-month internship in Paris. Fluent French required.&lt;/p&gt;",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _board(*jobs):
    return json.dumps({"jobs": list(jobs), "meta": {"total": len(jobs)}})


async def _until(condition, timeout=10.0):
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.05)


@async_test
async def test_subscribe_in_slack_then_a_polled_posting_arrives_in_the_channel(tmp_path):
    async with FakeSlackApi(token=TOKEN) as slack, FakeHttpServer() as boards:
        slack.workspace.set_user("U_ADMIN", is_admin=True, tz="Europe/Paris")
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "SLACK_BOT_TOKEN": TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.api_url,
        }
        settings = load_settings(env=env, config_path=None)
        settings = replace(settings, fetch=replace(settings.fetch, allow_private_addresses=True))
        bot = JobBot.create(settings)
        port = _free_port()
        serve = attach_slack(bot, port=port)
        assert serve is not None and "slack" in bot.notifiers

        boards.respond("/acme/jobs", _board(), content_type="application/json")
        add_source(bot.engine, id="greenhouse:acme", kind="greenhouse", url=boards.url("/acme/jobs"))

        stop = asyncio.Event()
        tasks = [asyncio.create_task(bot.run(stop)), asyncio.create_task(serve(stop))]
        try:
            async with aiohttp.ClientSession() as session:
                harness = SlackHarness(f"http://127.0.0.1:{port}", session, slack)
                await _until(lambda: _listening(port))
                sent = await harness.command("subscribe Paris + French", user="U_ADMIN", channel="C_JOBS")
                assert sent.status == 200
                [reply] = await harness.responses(1)
                assert "Paris" in json.dumps(reply)

            await _until(lambda: bot._fetcher is not None)
            first = await bot.poll("greenhouse:acme")  # baseline: nothing listed yet
            assert first.first_poll
            boards.respond("/acme/jobs", _board(PARIS_INTERN), content_type="application/json")
            second = await bot.poll("greenhouse:acme")
            assert second.queued == 1

            await _until(lambda: slack.workspace.messages("C_JOBS"))
            [message] = slack.workspace.messages("C_JOBS")
            assert "Growth Intern" in message["text"]
            assert message["metadata"]["event_type"] == "jobbot_card"
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            bot.engine.dispose()


def _listening(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
