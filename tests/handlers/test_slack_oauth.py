"""Add to Slack through the real Bolt app over HTTP, against the fake Slack on 127.0.0.1."""

import asyncio
import logging

import pytest
import yaml
from sqlalchemy import text

from bot.delivery.notifier import DeliveryError
from bot.logs import StructuredFormatter
from bot.models import Destination
from handlers.slack_install import BOT_SCOPES, REDIRECT_PATH
from handlers.slack_notifier import SlackNotifier
from tests.fakes.http_server import async_test
from tests.handlers.slack_app_harness import FakeCommands, card
from tests.handlers.slack_oauth_harness import CLIENT_ID, CLIENT_SECRET, STATE_COOKIE, running_oauth_app
from tests.handlers.test_slack_app_manifest import MANIFEST


def _states(engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT state FROM oauth_states")).scalars())


def _rows(engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return sorted(conn.execute(text("SELECT workspace, user_id FROM installations")).all())


def test_an_install_asks_for_the_manifest_bot_scopes():
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    assert list(BOT_SCOPES) == manifest["oauth_config"]["scopes"]["bot"]


def test_the_manifest_lines_to_uncomment_for_add_to_slack():
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    wanted = ("# redirect_urls:", "# - app_uninstalled", "# - tokens_revoked")
    assert sum(line.strip().startswith(wanted) for line in lines) == 3
    opened = "\n".join(
        line.replace("# ", "", 1) if line.strip().startswith(wanted) else line for line in lines
    )
    manifest = yaml.safe_load(opened)
    [redirect] = manifest["oauth_config"]["redirect_urls"]
    assert redirect.endswith(REDIRECT_PATH)
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert events == ["app_home_opened", "message.im", "app_uninstalled", "tokens_revoked"]


@async_test
async def test_the_install_round_trip_stores_the_token_encrypted(engine, caplog):
    caplog.set_level(logging.DEBUG)
    async with running_oauth_app(engine, FakeCommands()) as h:
        start, consent = await h.start_install("TA")
        # The install link: Slack's authorize page, for this app, with the bot scopes and a fresh state
        # that is both in the database and in the browser's cookie.
        assert start.location.startswith(h.slack.authorize_url + "?")
        assert start.query["client_id"] == CLIENT_ID
        assert start.query["scope"].split(",") == list(BOT_SCOPES)
        assert start.query["team"] == "TA"
        state = start.query["state"]
        assert start.cookie == f"{STATE_COOKIE}={state}"
        assert _states(engine) == [state]
        # Slack sends the browser back with a code and the same state.
        assert consent.location.startswith(f"{h.url}/slack/oauth_redirect?")
        assert consent.query["state"] == state
        done = await h.get(consent.location, cookie=start.cookie)
        assert done.status == 200, done.body

        [exchange] = h.slack.calls_to("oauth.v2.access")
        assert exchange.error is None and exchange.args["code"] == consent.query["code"]
        assert _states(engine) == []  # spent
        bot = await h.installations.async_find_bot(enterprise_id=None, team_id="TA")
        assert bot is not None and bot.bot_token in h.slack.tokens
        assert h.slack.workspaces["TA"] is not h.slack.workspace  # a workspace of its own
        with engine.connect() as conn:
            raw = "\n".join(str(row) for row in conn.execute(text("SELECT * FROM installations")))
        assert "TA" in raw and bot.bot_token not in raw and "xoxb-" not in raw
    # jobbot's own log lines never hold a secret; slack_sdk's debug lines do (the oauth.v2.access answer),
    # and the formatter every jobbot process logs through takes the token out.
    ours = [r for r in caplog.records if r.name.startswith(("bot.", "handlers."))]
    assert ours and not any(bot.bot_token in str(vars(r)) or CLIENT_SECRET in str(vars(r)) for r in ours)
    assert CLIENT_SECRET not in repr(h.oauth) and CLIENT_ID in repr(h.oauth)
    formatted = "\n".join(StructuredFormatter().format(record) for record in caplog.records)
    assert "oauth.v2.access" in formatted
    assert bot.bot_token not in formatted and CLIENT_SECRET not in formatted


@async_test
async def test_a_forged_missing_or_replayed_state_is_refused(engine):
    async with running_oauth_app(engine, FakeCommands()) as h:
        start, consent = await h.start_install("TA")
        code = consent.query["code"]
        redirect = f"{h.url}/slack/oauth_redirect"
        forged = "forged-state-value"
        attempts = [
            (f"{redirect}?code={code}&state={forged}", f"{STATE_COOKIE}={forged}"),  # never issued
            (f"{redirect}?code={code}", None),  # no state at all
            (consent.location, None),  # the real state, from another browser (no cookie)
            (consent.location, f"{STATE_COOKIE}={forged}"),  # the cookie does not match the URL
        ]
        for url, cookie in attempts:
            refused = await h.get(url, cookie=cookie)
            assert refused.status in (400, 401), (url, cookie, refused.status)
        assert h.slack.calls_to("oauth.v2.access") == []  # no code was ever exchanged
        assert await h.installations.async_find_bot(enterprise_id=None, team_id="TA") is None

        assert (await h.get(consent.location, cookie=start.cookie)).status == 200  # the real one still works
        replay = await h.get(consent.location, cookie=start.cookie)
        assert replay.status == 401  # a state is good once
        assert len(h.slack.calls_to("oauth.v2.access")) == 1


@async_test
async def test_an_install_slack_will_not_confirm_stores_nothing(engine):
    async with running_oauth_app(engine, FakeCommands()) as h:
        h.slack.register_app(CLIENT_ID, "another-secret", f"{h.url}/slack/oauth_redirect")  # a stale secret
        failed = await h.install("TA")
        assert failed.status == 401
        assert [c.error for c in h.slack.calls_to("oauth.v2.access")] == ["bad_client_secret"]
        assert _rows(engine) == []


@async_test
async def test_jobs_works_in_every_installed_workspace_with_its_own_token(engine):
    service = FakeCommands()
    async with running_oauth_app(engine, service) as h:
        for team in ("TA", "TB"):
            assert (await h.install(team)).status == 200
        token_of = {
            team: (await h.installations.async_find_bot(enterprise_id=None, team_id=team)).bot_token
            for team in ("TA", "TB")
        }
        assert token_of["TA"] != token_of["TB"]
        h.slack.workspaces["TB"].set_user("UB", is_admin=True)

        assert (await h.command("list", user="UA", team="TA", response="ra")).status == 200
        assert (await h.command("list", user="UB", team="TB", response="rb")).status == 200
        await h.responses(2)
        callers = {call[1].workspace: call[1] for call in service.calls}
        assert set(callers) == {"TA", "TB"}
        assert (callers["TA"].user_id, callers["TA"].is_admin) == ("UA", False)
        assert (callers["TB"].user_id, callers["TB"].is_admin) == ("UB", True)  # TB's directory, TB's admin
        lookups = {(c.args["user"], c.team) for c in h.slack.calls_to("users.info")}
        assert lookups == {("UA", "TA"), ("UB", "TB")}

        # A workspace that never installed jobbot gets nothing done, and is told to install the app.
        before = len(service.calls)
        assert (await h.command("list", user="UC", team="TC", response="rc")).status == 200
        [told] = [r for r in await h.responses(3) if r["name"] == "rc"]
        assert "reinstall" in told["text"] and len(service.calls) == before


@async_test
async def test_cards_go_out_with_each_workspace_token_and_never_another(engine):
    async with running_oauth_app(engine, FakeCommands()) as h:
        for team in ("TA", "TB"):
            await h.install(team)
        notifier = SlackNotifier(clients=h.workspaces)
        channel_a, channel_b = (Destination("slack", "channel", "C1", team) for team in ("TA", "TB"))
        ts_a = await notifier.send(channel_a, card("p1"), idempotency_key="k1")
        ts_b = await notifier.send(channel_b, card("p1"), idempotency_key="k2")
        ts_dm = await notifier.send(Destination("slack", "dm", "U7", "TB"), card("p2"), idempotency_key="k3")
        assert [m["ts"] for m in h.slack.workspaces["TA"].messages("C1")] == [ts_a]
        assert [m["ts"] for m in h.slack.workspaces["TB"].messages("C1")] == [ts_b]
        assert [m["ts"] for m in h.slack.workspaces["TB"].messages("DU7")] == [ts_dm]
        assert {(c.channel, c.team) for c in h.slack.posts()} == {("C1", "TA"), ("C1", "TB"), ("DU7", "TB")}
        assert await notifier.find_sent(channel_b, "k1") is None  # k1 is in TA's C1, not TB's

        with pytest.raises(DeliveryError) as raised:
            await notifier.send(Destination("slack", "channel", "C1", "TX"), card("p1"), idempotency_key="k4")
        assert raised.value.kind == "permanent" and raised.value.code == "not_installed"
        assert "not installed in Slack workspace TX" in str(raised.value)
        assert len(h.slack.posts()) == 3


async def _until(condition, timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


@async_test
async def test_uninstall_forgets_the_tokens_and_stops_delivery_there(engine):
    removed: list[str] = []
    async with running_oauth_app(engine, FakeCommands(), on_removed=removed.append) as h:
        for team in ("TA", "TB"):
            await h.install(team)
        notifier = SlackNotifier(clients=h.workspaces)
        channel_a, channel_b = (Destination("slack", "channel", "C1", team) for team in ("TA", "TB"))
        await notifier.send(channel_a, card("p1"), idempotency_key="k1")  # the token is cached now

        h.slack.revoke("TA")  # what Slack does to the tokens, then it tells the app
        sent = await h.event({"type": "app_uninstalled", "event_ts": "1.1"}, team="TA")
        assert sent.status == 200
        await _until(lambda: removed == ["TA"])
        assert await h.installations.async_find_bot(enterprise_id=None, team_id="TA") is None
        assert await h.installations.async_find_installation(enterprise_id=None, team_id="TA") is None
        with pytest.raises(DeliveryError) as raised:
            await notifier.send(channel_a, card("p2"), idempotency_key="k2")
        assert raised.value.code == "not_installed"  # from the store, not a stale cached token
        assert h.slack.calls_to("chat.postMessage")[-1].team == "TA"  # nothing more was tried there
        await notifier.send(channel_b, card("p2"), idempotency_key="k3")  # TB is untouched


@async_test
async def test_a_revoked_bot_token_stops_delivery_but_a_revoked_user_token_does_not(engine):
    removed: list[str] = []
    async with running_oauth_app(engine, FakeCommands(), on_removed=removed.append) as h:
        await h.install("TA")
        assert _rows(engine) == [("TA", ""), ("TA", "UINSTALLER")]
        await h.event({"type": "tokens_revoked", "tokens": {"oauth": ["UINSTALLER"]}}, team="TA")
        await _until(lambda: _rows(engine) == [("TA", "")])  # the user's token is gone, the bot's stays
        assert removed == []
        assert await h.installations.async_find_bot(enterprise_id=None, team_id="TA") is not None

        await h.event({"type": "tokens_revoked", "tokens": {"bot": ["UBTA"]}}, team="TA")
        await _until(lambda: removed == ["TA"])
        assert _rows(engine) == []
        with pytest.raises(DeliveryError):
            await SlackNotifier(clients=h.workspaces).send(
                Destination("slack", "channel", "C1", "TA"), card("p1"), idempotency_key="k1"
            )


@async_test
async def test_with_token_rotation_an_expiring_token_is_refreshed_before_a_card_goes_out(engine):
    async with running_oauth_app(engine, FakeCommands()) as h:
        h.slack.oauth.token_rotation = True
        h.slack.oauth.expires_in = 600  # inside the refresh window: the first use refreshes it
        await h.install("TA")
        installed = await h.installations.async_find_bot(enterprise_id=None, team_id="TA")
        assert installed.bot_refresh_token.startswith("xoxe-") and installed.bot_token_expires_at

        notifier = SlackNotifier(clients=h.workspaces)
        await notifier.send(Destination("slack", "channel", "C1", "TA"), card("p1"), idempotency_key="k1")
        refreshes = [c for c in h.slack.calls_to("oauth.v2.access") if c.args.get("grant_type")]
        assert [c.args["grant_type"] for c in refreshes] == ["refresh_token"]
        current = await h.installations.async_find_bot(enterprise_id=None, team_id="TA")
        assert current.bot_token != installed.bot_token  # the new token was saved, encrypted
        assert [c.team for c in h.slack.posts()] == ["TA"]
        with engine.connect() as conn:
            raw = "\n".join(str(row) for row in conn.execute(text("SELECT * FROM installations")))
        assert "xoxe-" not in raw and "xoxb-" not in raw
