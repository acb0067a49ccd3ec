import dataclasses
from pathlib import Path

import pytest

from bot import settings as settings_module
from bot.settings import (
    DeliverySettings,
    FetchSettings,
    PollSettings,
    Settings,
    SettingsError,
    load_settings,
)

SECRETS = {
    "SLACK_BOT_TOKEN": "xoxb-1111-secret-bot",
    "SLACK_APP_TOKEN": "xapp-1-secret-app",
    "SLACK_SIGNING_SECRET": "8f14e45fceea167a5a36dedd4bea2543",
    "DISCORD_TOKEN": "MTIz.secret-discord.token",
    "DATABASE_URL": "postgresql+psycopg://jobbot:hunter2pw@db.internal:5432/jobbot",
    "SLACK_CLIENT_SECRET": "c0ffee-client-secret-value",
    "JOBBOT_TOKEN_KEY": "Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmE=",
}


@pytest.fixture
def no_repo_config(monkeypatch, tmp_path):
    """As when installed from a wheel: there is no config/jobbot.toml next to the package."""
    monkeypatch.setattr(settings_module, "REPO_CONFIG", tmp_path / "absent" / "jobbot.toml")


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "jobbot.toml"
    path.write_text(body, encoding="utf-8")
    return path


def test_built_in_defaults_without_any_config_file(no_repo_config, tmp_path):
    got = load_settings({"JOBBOT_DATA_DIR": str(tmp_path / "data")})
    assert got.config_path is None
    assert got.data_dir == tmp_path / "data"
    assert got.database_url == f"sqlite:///{tmp_path / 'data' / 'jobbot.sqlite3'}"
    assert (got.poll, got.fetch, got.delivery) == (PollSettings(), FetchSettings(), DeliverySettings())
    assert got.fetch.allow_private_addresses is False
    assert got.slack_bot_token is None and got.discord_token is None


def test_the_data_dir_defaults_to_the_users_data_directory(no_repo_config):
    got = load_settings({})
    assert got.data_dir.name == "jobbot"
    assert got.database_url.endswith("/jobbot/jobbot.sqlite3")


def test_the_shipped_config_file_matches_the_built_in_defaults():
    got = load_settings({}, config_path=settings_module.REPO_CONFIG)
    assert (got.poll, got.fetch, got.delivery, got.log_level) == (
        PollSettings(),
        FetchSettings(),
        DeliverySettings(),
        "INFO",
    )


def test_the_repo_config_is_used_when_nothing_else_is_named():
    assert load_settings({}).config_path == settings_module.REPO_CONFIG


def test_jobbot_config_names_the_file(tmp_path):
    path = _write(
        tmp_path,
        'log_level = "debug"\n[poll]\ninterval_minutes = 5\n'
        "[fetch]\nconnect_timeout_seconds = 3\nallow_private_addresses = true\nmax_redirects = 0\n",
    )
    got = load_settings({"JOBBOT_CONFIG": str(path)})
    assert got.config_path == path
    assert got.log_level == "DEBUG"
    assert got.poll.interval_minutes == 5
    assert got.fetch.connect_timeout_seconds == 3.0 and isinstance(got.fetch.connect_timeout_seconds, float)
    assert got.fetch.allow_private_addresses is True
    assert got.fetch.max_redirects == 0
    assert got.fetch.user_agent == FetchSettings().user_agent  # unset keys keep their defaults


def test_the_config_path_argument_wins_over_jobbot_config(tmp_path):
    path = _write(tmp_path, "[poll]\ninterval_minutes = 7\n")
    got = load_settings({"JOBBOT_CONFIG": str(tmp_path / "other.toml")}, config_path=path)
    assert got.poll.interval_minutes == 7


def test_a_missing_config_file_is_an_error_naming_where_it_came_from(tmp_path):
    with pytest.raises(SettingsError, match=r"JOBBOT_CONFIG names .*nowhere\.toml"):
        load_settings({"JOBBOT_CONFIG": str(tmp_path / "nowhere.toml")})


def test_secrets_and_environment_settings(no_repo_config, tmp_path):
    env = SECRETS | {"JOBBOT_DATA_DIR": str(tmp_path), "SLACK_API_URL": "http://127.0.0.1:8089/api/"}
    got = load_settings(env)
    assert got.slack_bot_token == SECRETS["SLACK_BOT_TOKEN"]
    assert got.slack_app_token == SECRETS["SLACK_APP_TOKEN"]
    assert got.slack_signing_secret == SECRETS["SLACK_SIGNING_SECRET"]
    assert got.discord_token == SECRETS["DISCORD_TOKEN"]
    assert got.database_url == SECRETS["DATABASE_URL"]
    assert got.slack_api_url == "http://127.0.0.1:8089/api/"
    assert got.slack_client_secret == SECRETS["SLACK_CLIENT_SECRET"]
    assert got.token_key == SECRETS["JOBBOT_TOKEN_KEY"]


def test_add_to_slack_settings(no_repo_config, tmp_path):
    env = {"JOBBOT_DATA_DIR": str(tmp_path), "SLACK_CLIENT_ID": "111.222",
           "SLACK_REDIRECT_URI": "https://jobbot.example.com/slack/oauth_redirect"}  # fmt: skip
    got = load_settings(env)
    assert got.slack_client_id == "111.222"
    assert got.slack_redirect_uri == "https://jobbot.example.com/slack/oauth_redirect"
    assert "slack_client_id='111.222'" in repr(got)  # an id, not a secret: shown, to help debugging
    with pytest.raises(SettingsError, match="SLACK_REDIRECT_URI must start with https://"):
        load_settings(env | {"SLACK_REDIRECT_URI": "jobbot.example.com/slack/oauth_redirect"})


def test_repr_and_str_never_show_a_secret(no_repo_config, tmp_path):
    got = load_settings(SECRETS | {"JOBBOT_DATA_DIR": str(tmp_path)})
    for shown in (repr(got), str(got), f"{got}", repr([got])):
        for secret in (*SECRETS.values(), "hunter2pw"):
            assert secret not in shown
    assert "slack_bot_token='***'" in repr(got)
    assert "slack_client_secret='***'" in repr(got) and "token_key='***'" in repr(got)
    assert "postgresql+psycopg://jobbot:***@db.internal:5432/jobbot" in repr(got)
    assert "discord_token=None" in repr(load_settings({"JOBBOT_DATA_DIR": str(tmp_path)}))


def test_empty_variables_count_as_unset(no_repo_config, tmp_path):
    got = load_settings({"DISCORD_TOKEN": "", "DATABASE_URL": "  ", "JOBBOT_DATA_DIR": str(tmp_path)})
    assert got.discord_token is None
    assert got.database_url.startswith("sqlite:///")


def test_settings_are_frozen(no_repo_config):
    got = load_settings({})
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.log_level = "DEBUG"  # type: ignore[misc]
    assert isinstance(got, Settings)


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("[poll]\ninterval_minutes = 0\n", "poll.interval_minutes must be at least 1"),
        ('[poll]\ninterval_minutes = "30"\n', "poll.interval_minutes must be a whole number"),
        ("[poll]\ninterval_minutes = 1.5\n", "poll.interval_minutes must be a whole number"),
        ('[fetch]\nallow_private_addresses = "no"\n', "fetch.allow_private_addresses must be true or false"),
        ("[fetch]\ntotal_timeout_seconds = -1\n", "fetch.total_timeout_seconds must be at least"),
        ("[fetch]\nmax_response_bytes = true\n", "fetch.max_response_bytes must be a whole number"),
        ('[fetch]\nuser_agent = ""\n', "fetch.user_agent must be a non-empty string"),
        ("[fetch]\ntimeout = 3\n", "unknown setting fetch.timeout"),
        ("[polling]\ninterval_minutes = 3\n", "unknown setting 'polling'"),
        ('log_level = "LOUD"\n', "log_level must be one of"),
        ("poll = 3\n", r"\[poll\] must be a table"),
        ('slack_bot_token = "xoxb-1"\n', "secrets come only from the environment"),
        ("[poll\n", "is not valid TOML"),
    ],
)
def test_invalid_config_values_name_the_key(tmp_path, body, named):
    with pytest.raises(SettingsError, match=named):
        load_settings({}, config_path=_write(tmp_path, body))


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DATABASE_URL": "jobbot.sqlite3"}, "DATABASE_URL must be a database URL"),
        ({"SLACK_API_URL": "127.0.0.1:8089"}, "SLACK_API_URL must start with http"),
        ({"JOBBOT_METRICS_PORT": "metrics"}, "JOBBOT_METRICS_PORT must be a port number"),
        ({"JOBBOT_METRICS_PORT": "70000"}, "JOBBOT_METRICS_PORT must be a port number"),
    ],
)
def test_invalid_environment_values_name_the_variable(no_repo_config, env, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(env)


def test_a_bad_database_url_is_reported_without_its_password(no_repo_config):
    with pytest.raises(SettingsError) as caught:
        load_settings({"DATABASE_URL": "postgres:/jobbot:hunter2pw@db/jobbot"})
    assert "DATABASE_URL" in str(caught.value)
    assert "hunter2pw" not in str(caught.value)


def test_the_metrics_server_is_off_and_on_loopback_unless_configured(no_repo_config):
    default = load_settings({})
    assert (default.metrics_port, default.metrics_host) == (None, "127.0.0.1")
    chosen = load_settings({"JOBBOT_METRICS_PORT": "9464", "JOBBOT_METRICS_HOST": "0.0.0.0"})
    assert (chosen.metrics_port, chosen.metrics_host) == (9464, "0.0.0.0")


def test_a_database_password_holding_at_signs_is_encoded_and_never_shown(no_repo_config):
    # Written unencoded, "p@ss/w:rd" would make the host "ss/w:rd@db…" and put half the password in every
    # connection error; encoded, it connects as meant, and every place that prints the URL hides it whole.
    from sqlalchemy.engine import make_url

    from bot.workers.conninfo import libpq_conninfo

    got = load_settings({"DATABASE_URL": "postgresql+psycopg://jobbot:p@ss/w:rd@db.internal:5432/jobs"})
    parsed = make_url(got.database_url)
    assert (parsed.username, parsed.password, parsed.host, parsed.database) == (
        "jobbot", "p@ss/w:rd", "db.internal", "jobs",
    )  # fmt: skip
    assert "password=p@ss/w:rd" in libpq_conninfo(got.database_url)
    shown = repr(got)
    assert "database_url='postgresql+psycopg://jobbot:***@db.internal:5432/jobs'" in shown
    assert "ss" not in shown.split("database_url=")[1].split(",")[0].replace("psycopg", "")
    assert settings_module.mask_url_password("postgresql://u:p@ss@db/jobs") == "postgresql://u:***@db/jobs"
    assert (
        settings_module.mask_url_password("sqlite:////var/lib/jobbot.sqlite3")
        == "sqlite:////var/lib/jobbot.sqlite3"
    )
    already = load_settings({"DATABASE_URL": "postgresql+psycopg://jobbot:p%40ss@db/jobs"})
    assert make_url(already.database_url).password == "p@ss"  # encoded once, not twice


def test_secret_values_are_every_secret_set_for_the_log_redactor(no_repo_config, tmp_path):
    got = load_settings(SECRETS | {"JOBBOT_TOKEN_KEY": "key-new-123456,key-old-654321"})
    values = set(got.secret_values())
    assert {"hunter2pw", "key-new-123456", "key-old-654321", SECRETS["SLACK_SIGNING_SECRET"]} <= values
    assert {SECRETS["SLACK_BOT_TOKEN"], SECRETS["DISCORD_TOKEN"], SECRETS["SLACK_CLIENT_SECRET"]} <= values
    assert load_settings({"JOBBOT_DATA_DIR": str(tmp_path)}).secret_values() == ()


def test_repr_masks_a_password_in_any_url_setting(no_repo_config):
    got = load_settings({"SLACK_API_URL": "https://jobbot:proxy-pw-123@proxy.internal/api/"})
    assert "proxy-pw-123" not in repr(got)
    assert "slack_api_url='https://jobbot:***@proxy.internal/api/'" in repr(got)
    assert got.slack_api_url == "https://jobbot:proxy-pw-123@proxy.internal/api/"  # used as given
