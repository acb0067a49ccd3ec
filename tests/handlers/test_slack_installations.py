"""The installation and OAuth state stores on SQLite and PostgreSQL, with tokens encrypted at rest."""

import time
from datetime import timedelta

import pytest
from cryptography.fernet import Fernet
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy import select, text

from bot.store.cipher import SecretsUnreadable, TokenCipher
from bot.store.installations import consume_state, issue_state
from bot.store.migrate import open_store
from bot.store.sql import utcnow
from bot.store.tables import installations
from handlers.slack_installations import SqlInstallationStore
from handlers.slack_oauth_states import SqlOAuthStateStore
from tests.fakes.http_server import async_test

KEY = Fernet.generate_key().decode()
CLIENT_ID = "111.222"


@pytest.fixture
def engine(store_url):
    engine = open_store(store_url)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine):
    return SqlInstallationStore(engine, TokenCipher(KEY), client_id=CLIENT_ID)


def installation(team="T1", user="U1", bot_token="xoxb-T1-secret", **extra) -> Installation:
    return Installation(
        app_id="A1",
        team_id=team,
        team_name=f"Team {team}",
        bot_token=bot_token,
        bot_id=f"B{team}",
        bot_user_id=f"UB{team}",
        bot_scopes="chat:write,commands",
        user_id=user,
        user_token=f"xoxp-{team}-{user}-secret",
        user_scopes="",
        incoming_webhook_url=f"https://hooks.slack.com/services/{team}/secret",
        token_type="bot",
        installed_at=time.time(),
        **extra,
    )


@async_test
async def test_a_saved_installation_comes_back_whole(store):
    await store.async_save(installation(bot_refresh_token="xoxe-1-refresh-secret", bot_token_expires_in=3600))
    found = await store.async_find_installation(enterprise_id=None, team_id="T1")
    assert found is not None
    assert (found.team_id, found.team_name, found.user_id) == ("T1", "Team T1", "U1")
    assert (found.bot_token, found.bot_id, found.bot_user_id) == ("xoxb-T1-secret", "BT1", "UBT1")
    assert found.bot_scopes == ["chat:write", "commands"]
    assert found.bot_refresh_token == "xoxe-1-refresh-secret"
    assert found.bot_token_expires_at == pytest.approx(time.time() + 3600, abs=5)
    assert found.user_token == "xoxp-T1-U1-secret"
    assert found.incoming_webhook_url.endswith("/secret")
    bot = await store.async_find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == "xoxb-T1-secret"
    assert await store.async_find_bot(enterprise_id=None, team_id="T2") is None
    assert await store.async_find_installation(enterprise_id=None, team_id="T2") is None


@async_test
async def test_no_token_is_stored_in_clear(store, engine):
    await store.async_save(installation(bot_refresh_token="xoxe-1-refresh-secret"))
    with engine.connect() as conn:
        raw = [" ".join(str(v) for v in row) for row in conn.execute(text("SELECT * FROM installations"))]
    assert len(raw) == 2  # the bot's row and the installing user's
    everything = "\n".join(raw)
    assert "T1" in everything and "BT1" in everything  # ids stay readable, for people and queries
    for secret in ("xoxb-", "xoxp-", "xoxe-", "secret", "hooks.slack.com"):
        assert secret not in everything


@async_test
async def test_workspaces_are_kept_apart_and_a_reinstall_replaces_the_token(store):
    await store.async_save(installation("T1"))
    await store.async_save(installation("T2", bot_token="xoxb-T2-secret"))
    await store.async_save(installation("T1", user="U9", bot_token="xoxb-T1-new"))
    t1 = await store.async_find_installation(enterprise_id=None, team_id="T1")
    assert (t1.user_id, t1.bot_token) == ("U9", "xoxb-T1-new")  # the newest installer, the newest bot
    by_u1 = await store.async_find_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert by_u1.user_token == "xoxp-T1-U1-secret" and by_u1.bot_token == "xoxb-T1-new"
    assert (await store.async_find_bot(enterprise_id=None, team_id="T2")).bot_token == "xoxb-T2-secret"


@async_test
async def test_deleting_the_bot_leaves_no_bot_token_anywhere(store, engine):
    await store.async_save(installation("T1"))
    await store.async_save(installation("T2", bot_token="xoxb-T2-secret"))
    await store.async_delete_bot(enterprise_id=None, team_id="T1")
    assert await store.async_find_bot(enterprise_id=None, team_id="T1") is None
    found = await store.async_find_installation(enterprise_id=None, team_id="T1")
    assert found.bot_token is None and found.user_token == "xoxp-T1-U1-secret"
    await store.async_delete_installation(enterprise_id=None, team_id="T1", user_id="U1")
    assert await store.async_find_installation(enterprise_id=None, team_id="T1") is None
    assert (await store.async_find_bot(enterprise_id=None, team_id="T2")).bot_token == "xoxb-T2-secret"


@async_test
async def test_delete_all_forgets_the_workspace_only(store, engine):
    await store.async_save(installation("T1"))
    await store.async_save(installation("T1", user="U2"))
    await store.async_save(installation("T2", bot_token="xoxb-T2-secret"))
    await store.async_delete_all(enterprise_id=None, team_id="T1")
    with engine.connect() as conn:
        left = sorted(conn.execute(select(installations.c.workspace, installations.c.user_id)).all())
    assert left == [("T2", ""), ("T2", "U1")]


@async_test
async def test_another_app_on_the_same_database_sees_nothing(store, engine):
    await store.async_save(installation("T1"))
    other = SqlInstallationStore(engine, TokenCipher(KEY), client_id="999.888")
    assert await other.async_find_bot(enterprise_id=None, team_id="T1") is None


@async_test
async def test_rotating_the_key_re_encrypts_every_row(store, engine):
    await store.async_save(installation("T1"))
    new_key = Fernet.generate_key().decode()
    rotating = SqlInstallationStore(engine, TokenCipher(f"{new_key},{KEY}"), client_id=CLIENT_ID)
    assert await rotating.async_find_bot(enterprise_id=None, team_id="T1") is not None
    assert rotating.reencrypt_all() == 2
    only_new = SqlInstallationStore(engine, TokenCipher(new_key), client_id=CLIENT_ID)
    assert (await only_new.async_find_bot(enterprise_id=None, team_id="T1")).bot_token == "xoxb-T1-secret"
    with pytest.raises(SecretsUnreadable):
        await store.async_find_bot(enterprise_id=None, team_id="T1")  # the old key alone no longer opens it


@async_test
async def test_a_state_is_good_once(engine):
    states = SqlOAuthStateStore(engine)
    state = await states.async_issue()
    other = await states.async_issue()
    assert len(state) >= 40 and state != other
    assert await states.async_consume(state) is True
    assert await states.async_consume(state) is False  # replayed
    assert await states.async_consume("forged-" + other) is False
    assert await states.async_consume("") is False
    assert await states.async_consume(other) is True


def test_an_expired_state_is_refused_and_swept(engine):
    now = utcnow()
    issue_state(engine, "old", ttl=timedelta(seconds=600), now=now - timedelta(seconds=601))
    assert consume_state(engine, "old", now=now) is False
    issue_state(engine, "new", ttl=timedelta(seconds=600), now=now)
    with engine.connect() as conn:
        assert list(conn.execute(text("SELECT state FROM oauth_states")).scalars()) == ["new"]
