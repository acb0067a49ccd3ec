"""What `jobbot serve` wires with "Add to Slack", end to end on 127.0.0.1: two workspaces install the app
through the OAuth flow, each subscribes a channel with a signed /jobs, a polled posting reaches both with
their own tokens; then one uninstalls, and only the other keeps getting cards."""

import asyncio
from dataclasses import replace

import aiohttp
from cryptography.fernet import Fernet

from bot.app import JobBot
from bot.settings import load_settings
from bot.store.sources import add_source
from bot.store.subscriptions import list_subscriptions
from handlers.fakes.slack_api import FakeSlackApi
from handlers.slack_attach import attach as attach_slack
from handlers.slack_install import AUTHORIZE_URL
from tests.fakes.http_server import FakeHttpServer, async_test
from tests.handlers.slack_app_harness import SIGNING_SECRET, SlackHarness
from tests.handlers.slack_oauth_harness import CLIENT_ID, CLIENT_SECRET, browse
from tests.test_run_end_to_end import PARIS_INTERN, _board, _free_port, _listening, _until

SECOND = PARIS_INTERN | {
    "id": 78,
    "title": "Sales Intern",
    "absolute_url": "https://job-boards.example.com/acme/jobs/78",
}


async def _install(session: aiohttp.ClientSession, url: str, slack: FakeSlackApi, team: str) -> None:
    start = await browse(session, f"{url}/slack/install?team={team}")
    assert start.location.startswith(AUTHORIZE_URL + "?")  # the real Slack page; the fake stands in for it
    consent = await browse(session, slack.authorize_url + start.location.removeprefix(AUTHORIZE_URL))
    done = await browse(session, consent.location, cookie=start.cookie)
    assert done.status == 200, done.body


def _posts(slack: FakeSlackApi, team: str) -> list[str]:
    return [call.channel for call in slack.calls_to("chat.postMessage") if call.team == team]


@async_test
async def test_two_workspaces_install_subscribe_and_get_their_cards_until_one_uninstalls(tmp_path):
    async with FakeSlackApi() as slack, FakeHttpServer() as boards:
        env = {
            "JOBBOT_DATA_DIR": str(tmp_path),
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": CLIENT_SECRET,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "JOBBOT_TOKEN_KEY": Fernet.generate_key().decode(),
            "SLACK_API_URL": slack.api_url,
        }
        settings = load_settings(env=env, config_path=None)
        settings = replace(settings, fetch=replace(settings.fetch, allow_private_addresses=True))
        bot = JobBot.create(settings)
        port = _free_port()
        serve = attach_slack(bot, port=port)
        assert serve is not None and "slack" in bot.notifiers
        url = f"http://127.0.0.1:{port}"
        slack.register_app(CLIENT_ID, CLIENT_SECRET, f"{url}/slack/oauth_redirect")
        boards.respond("/acme/jobs", _board(), content_type="application/json")
        add_source(bot.engine, id="greenhouse:acme", kind="greenhouse", url=boards.url("/acme/jobs"))

        stop = asyncio.Event()
        tasks = [asyncio.create_task(bot.run(stop)), asyncio.create_task(serve(stop))]
        try:
            async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as session:
                await _until(lambda: _listening(port))
                for team in ("TA", "TB"):
                    await _install(session, url, slack, team)
                    slack.workspaces[team].set_user(f"U{team}", is_admin=True)
                harness = SlackHarness(url, session, slack)
                for team in ("TA", "TB"):
                    sent = await harness.command(
                        "subscribe Paris + French",
                        user=f"U{team}",
                        channel="C_JOBS",
                        team=team,
                        response=team,
                    )
                    assert sent.status == 200
                await harness.responses(2)
                subs = list_subscriptions(bot.engine)
                assert sorted(s.destination.workspace for s in subs) == ["TA", "TB"]

                await _until(lambda: bot._fetcher is not None)
                await bot.poll("greenhouse:acme")  # baseline
                boards.respond("/acme/jobs", _board(PARIS_INTERN), content_type="application/json")
                assert (await bot.poll("greenhouse:acme")).queued == 2
                await _until(lambda: all(slack.workspaces[t].messages("C_JOBS") for t in ("TA", "TB")))
                for team in ("TA", "TB"):
                    [card] = slack.workspaces[team].messages("C_JOBS")
                    assert "Growth Intern" in card["text"]
                    assert _posts(slack, team) == ["C_JOBS"]  # with the workspace's own token

                slack.revoke("TA")
                assert (await harness.event({"type": "app_uninstalled"}, team="TA")).status == 200
                await _until(lambda: any(s.paused for s in list_subscriptions(bot.engine)))
                by_team = {s.destination.workspace: s for s in list_subscriptions(bot.engine)}
                assert (
                    by_team["TA"].paused
                    and "removed from this Slack workspace" in by_team["TA"].paused_reason
                )
                assert not by_team["TB"].paused

                boards.respond("/acme/jobs", _board(PARIS_INTERN, SECOND), content_type="application/json")
                assert (await bot.poll("greenhouse:acme")).queued == 1  # TA's subscription no longer matches
                await _until(lambda: len(slack.workspaces["TB"].messages("C_JOBS")) == 2)
                await asyncio.sleep(0.2)
                assert _posts(slack, "TA") == ["C_JOBS"]  # nothing more was even tried in TA
                assert [call.error for call in slack.calls if call.error == "token_revoked"] == []
        finally:
            stop.set()
            await asyncio.gather(*tasks)
            bot.engine.dispose()
