"""Which Slack mode the environment asks for, and the refusals that say what to set."""

import asyncio

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.bot import Bot

from bot.app import ConfigurationError, JobBot, attach_senders
from bot.cli import main
from bot.models import Destination
from bot.settings import load_settings
from bot.store.cipher import TokenCipher
from bot.store.migrate import open_store
from handlers.slack_attach import attach
from handlers.slack_installations import SqlInstallationStore
from handlers.slack_notifier import SlackNotifier
from tests.fakes.http_server import async_test
from tests.fakes.slack_api import TEAM_ID, FakeSlackApi

WORKER_TOKEN = "xoxb-worker-test-secret"

KEY_COMMAND = "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
OAUTH = {
    "SLACK_CLIENT_ID": "1234.5678",
    "SLACK_CLIENT_SECRET": "attach-test-client-secret",
    "SLACK_SIGNING_SECRET": "attach-test-signing-secret",
    "JOBBOT_TOKEN_KEY": Fernet.generate_key().decode(),
}


@pytest.fixture
def make_bot(tmp_path):
    bots = []

    def make(env):
        bot = JobBot.create(load_settings(env={"JOBBOT_DATA_DIR": str(tmp_path), **env}, config_path=None))
        bots.append(bot)
        return bot

    yield make
    for bot in bots:
        bot.engine.dispose()


def test_nothing_set_means_no_slack(make_bot):
    bot = make_bot({})
    assert attach(bot) is None and "slack" not in bot.notifiers


def test_oauth_mode_serves_http_with_a_notifier_per_workspace(make_bot):
    bot = make_bot(OAUTH)
    assert attach(bot, port=0) is not None
    assert isinstance(bot.notifiers["slack"], SlackNotifier) and "slack" in bot.memberships


def test_single_workspace_mode_is_unchanged(make_bot):
    bot = make_bot({"SLACK_BOT_TOKEN": "xoxb-attach-test", "SLACK_APP_TOKEN": "xapp-attach-test"})
    assert attach(bot) is not None and "slack" in bot.notifiers


@pytest.mark.parametrize(
    ("env", "said"),
    [
        (OAUTH | {"SLACK_BOT_TOKEN": "xoxb-attach-test"}, "are both set; unset one of them"),
        ({k: v for k, v in OAUTH.items() if k != "SLACK_CLIENT_SECRET"}, "needs both SLACK_CLIENT_ID and"),
        ({k: v for k, v in OAUTH.items() if k != "SLACK_SIGNING_SECRET"}, "needs SLACK_SIGNING_SECRET"),
        ({k: v for k, v in OAUTH.items() if k != "JOBBOT_TOKEN_KEY"}, "JOBBOT_TOKEN_KEY is not set"),
        (OAUTH | {"JOBBOT_TOKEN_KEY": "too-short-to-be-a-key"}, "is not a Fernet key"),
    ],
)
def test_oauth_mode_refuses_to_start_half_configured(make_bot, env, said):
    bot = make_bot(env)
    with pytest.raises(ConfigurationError, match=said) as refused:
        attach(bot, port=0)
    message = str(refused.value)
    assert OAUTH["SLACK_CLIENT_SECRET"] not in message and "too-short-to-be-a-key" not in message
    if "JOBBOT_TOKEN_KEY" in said or "Fernet" in said:
        assert KEY_COMMAND in message
    assert "slack" not in bot.notifiers


@async_test
async def test_jobbot_slack_reencrypt_rotates_the_key(tmp_path, monkeypatch, capsys):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    env = {"JOBBOT_DATA_DIR": str(tmp_path), "SLACK_CLIENT_ID": OAUTH["SLACK_CLIENT_ID"]}
    engine = open_store(load_settings(env=env, config_path=None).database_url)
    try:
        store = SqlInstallationStore(engine, TokenCipher(old), client_id=OAUTH["SLACK_CLIENT_ID"])
        await store.async_save_bot(Bot(team_id="TA", bot_token="xoxb-rotate-me", bot_id="B", bot_user_id="U",
                                       installed_at=1_800_000_000.0))  # fmt: skip
        monkeypatch.delenv("DATABASE_URL", raising=False)  # the SQLite file in JOBBOT_DATA_DIR
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setenv("JOBBOT_TOKEN_KEY", f"{new},{old}")
        assert main(["slack", "reencrypt"]) == 0
        assert "re-encrypted 1 stored" in capsys.readouterr().out
        rotated = SqlInstallationStore(engine, TokenCipher(new), client_id=OAUTH["SLACK_CLIENT_ID"])
        assert (await rotated.async_find_bot(enterprise_id=None, team_id="TA")).bot_token == "xoxb-rotate-me"

        monkeypatch.delenv("JOBBOT_TOKEN_KEY")
        assert main(["slack", "reencrypt"]) == 2
        assert "JOBBOT_TOKEN_KEY is not set" in capsys.readouterr().err
    finally:
        engine.dispose()


@async_test
async def test_a_worker_posts_every_slack_call_on_one_kept_connection(make_bot):
    """Without a shared session slack_sdk opens a connection (a TLS handshake) per call."""
    async with FakeSlackApi(token=WORKER_TOKEN, burst=10) as fake:
        bot = make_bot({"SLACK_BOT_TOKEN": WORKER_TOKEN, "SLACK_API_URL": fake.api_url})
        [serve] = [s for s in attach_senders(bot) if s is not None]
        stop = asyncio.Event()
        serving = asyncio.create_task(serve(stop))
        slack = bot.notifiers["slack"]
        for n in range(4):
            await slack.notify(
                Destination("slack", "channel", "C100", TEAM_ID),
                f"notice {n}",
                idempotency_key=f"jobbot-notice-{n}",
            )
        dm = Destination("slack", "dm", "U200", TEAM_ID)
        await slack.notify(dm, "a DM opens its conversation first", idempotency_key="jobbot-notice-9")
        assert len(fake.calls_to("chat.postMessage")) == 5 and fake.calls_to("conversations.open")
        assert len(fake.connections) == 1
        session = slack._clients._client.session  # the shared session, open while the worker serves
        stop.set()
        await serving
        assert session is not None and session.closed
