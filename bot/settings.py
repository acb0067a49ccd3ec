"""The one settings object: secrets from the environment, everything else from config/jobbot.toml.

``load_settings()`` is called once by the composition root. The config file is, in order: the
``config_path`` argument, ``JOBBOT_CONFIG``, the repository's ``config/jobbot.toml`` when running from a
checkout, else the built-in defaults below (an installed package has no repository).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

logger = logging.getLogger(__name__)

DATABASE_FILE = "jobbot.sqlite3"
REPO_CONFIG = Path(__file__).resolve().parent.parent / "config" / "jobbot.toml"
SECRET_FIELDS = frozenset(
    {
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_client_secret",
        "token_key",
        "discord_token",
        "database_url",
    }
)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
URL_FIELDS = frozenset(
    {"database_url", "slack_api_url", "slack_redirect_uri", "discord_api_url", "discord_gateway_url"}
)


class SettingsError(ValueError):
    """A setting that cannot be used; the message names the key and says what is expected."""


@dataclass(frozen=True, slots=True)
class PollSettings:
    """How often sources are polled."""

    interval_minutes: int = 10


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """What the one HTTP fetcher may do."""

    user_agent: str = "jobbot/0.1 (job-posting alerts for Slack and Discord)"
    connect_timeout_seconds: float = 10.0
    total_timeout_seconds: float = 30.0
    max_response_bytes: int = 10_000_000
    max_redirects: int = field(default=5, metadata={"minimum": 0})
    allow_private_addresses: bool = False  # true only for tests and trusted intranet sources


@dataclass(frozen=True, slots=True)
class DeliverySettings:
    """How fast cards may be posted, and how hard to retry."""

    slack_messages_per_second_per_channel: float = 1.0
    discord_requests_per_second: float = 50.0
    max_attempts: int = 5
    retry_base_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """How ``jobbot worker`` processes share the work through the PostgreSQL queue (procrastinate)."""

    tick_seconds: int = field(
        default=10, metadata={"minimum": 1}
    )  # how often due sources and cards are queued
    deliver_budget_seconds: float = 60.0  # a deliver job hands its group on (queued again) after this long
    deliver_linger_seconds: float = 2.0  # work due sooner than this keeps a deliver job; later is scheduled
    heartbeat_seconds: float = 10.0  # how often a worker says it is alive
    stalled_after_seconds: float = 30.0  # a worker silent this long is dead: its jobs are retried
    delivery_lease_seconds: float = 120.0  # a card in flight this long with no receipt is checked and settled
    keep_finished_jobs_hours: int = field(default=24, metadata={"minimum": 0})  # failed jobs kept this long


@dataclass(frozen=True, slots=True, repr=False)
class Settings:
    """Everything jobbot is configured with, read once. ``repr`` never shows a secret."""

    data_dir: Path
    database_url: str  # DATABASE_URL, else a SQLite file in data_dir
    config_path: Path | None = None  # the file read, None = built-in defaults
    log_level: str = "INFO"
    poll: PollSettings = field(default_factory=PollSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)
    delivery: DeliverySettings = field(default_factory=DeliverySettings)
    workers: WorkerSettings = field(default_factory=WorkerSettings)
    slack_api_url: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_client_id: str | None = None  # SLACK_CLIENT_ID: with the secret, "Add to Slack" (many workspaces)
    slack_client_secret: str | None = None  # SLACK_CLIENT_SECRET
    slack_redirect_uri: str | None = None  # SLACK_REDIRECT_URI: when the app lists several redirect URLs
    token_key: str | None = None  # JOBBOT_TOKEN_KEY: Fernet key(s) encrypting stored tokens, newest first
    discord_token: str | None = None
    discord_api_url: str | None = None  # DISCORD_API_URL: another REST base (a proxy, a local fake)
    discord_gateway_url: str | None = None  # DISCORD_GATEWAY_URL: another gateway (with DISCORD_API_URL)
    discord_admin_role: str | None = None  # DISCORD_ADMIN_ROLE: a role (id or name) that counts as admin
    discord_shard_count: int | None = None  # DISCORD_SHARD_COUNT: shards in all (default: as Discord says)
    discord_shard_ids: tuple[int, ...] = ()  # DISCORD_SHARD_IDS: the shards this process runs, e.g. "0,1"
    metrics_port: int | None = None  # JOBBOT_METRICS_PORT: serve /metrics, /healthz, /readyz alone on it
    metrics_host: str = "127.0.0.1"  # JOBBOT_METRICS_HOST: where that server listens (loopback by default)

    def __repr__(self) -> str:
        """Show the settings with every secret masked (a database URL keeps all but its password)."""
        parts = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in URL_FIELDS and value is not None:  # a proxy URL may carry user:password@
                shown = repr(mask_url_password(value))
            elif f.name in SECRET_FIELDS:
                shown = "None" if value is None else "'***'"
            else:
                shown = repr(value)
            parts.append(f"{f.name}={shown}")
        return f"Settings({', '.join(parts)})"

    __str__ = __repr__

    def secret_values(self) -> tuple[str, ...]:
        """Every secret set, as configured (the database URL's password alone), for log redaction."""
        found = [getattr(self, name) for name in sorted(SECRET_FIELDS - {"database_url", "token_key"})]
        found += (self.token_key or "").split(",")  # JOBBOT_TOKEN_KEY=NEW,OLD: each key on its own
        password = url_password(self.database_url)
        found += [password, unquote(password)] if password else []
        return tuple(value.strip() for value in found if value and value.strip())


_SECTIONS: dict[str, type] = {
    "poll": PollSettings,
    "fetch": FetchSettings,
    "delivery": DeliverySettings,
    "workers": WorkerSettings,
}


def load_settings(env: Mapping[str, str] | None = None, config_path: Path | str | None = None) -> Settings:
    """Read the settings from ``env`` (default: the process environment) and the config file."""
    env = os.environ if env is None else env
    path = _config_path(env, config_path)
    data = _read_toml(path) if path is not None else {}
    data_dir = default_data_dir(env)
    database_url = quoted_url_password(_env(env, "DATABASE_URL") or sqlite_url(data_dir / DATABASE_FILE))
    if "://" not in database_url:
        raise SettingsError(
            "DATABASE_URL must be a database URL such as postgresql+psycopg://user@host/db "
            "or sqlite:////var/lib/jobbot/jobbot.sqlite3 (its value is not shown: it may hold a password)"
        )
    slack_api_url = _env(env, "SLACK_API_URL")
    if slack_api_url is not None and not re.match(r"https?://", slack_api_url):
        raise SettingsError(f"SLACK_API_URL must start with http:// or https://, got {slack_api_url!r}")
    slack_redirect_uri = _env(env, "SLACK_REDIRECT_URI")
    if slack_redirect_uri is not None and not re.match(r"https?://", slack_redirect_uri):
        raise SettingsError(f"SLACK_REDIRECT_URI must start with https://, got {slack_redirect_uri!r}")
    discord = _discord_settings(env)
    metrics_port = _port(env, "JOBBOT_METRICS_PORT")
    sections = {name: _section(name, cls, data.pop(name, {})) for name, cls in _SECTIONS.items()}
    log_level = data.pop("log_level", "INFO")
    if not isinstance(log_level, str) or log_level.upper() not in LOG_LEVELS:
        raise SettingsError(f"log_level must be one of {', '.join(LOG_LEVELS)}, got {log_level!r}")
    for key in sorted(data):
        if key.lower() in SECRET_FIELDS:
            raise SettingsError(
                f"{key} must not be in {path}: secrets come only from the environment ({key.upper()})"
            )
        raise SettingsError(f"unknown setting {key!r} in {path}; known: {_known()}")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        config_path=path,
        log_level=log_level.upper(),
        slack_api_url=slack_api_url,
        slack_bot_token=_env(env, "SLACK_BOT_TOKEN"),
        slack_app_token=_env(env, "SLACK_APP_TOKEN"),
        slack_signing_secret=_env(env, "SLACK_SIGNING_SECRET"),
        slack_client_id=_env(env, "SLACK_CLIENT_ID"),
        slack_client_secret=_env(env, "SLACK_CLIENT_SECRET"),
        slack_redirect_uri=slack_redirect_uri,
        token_key=_env(env, "JOBBOT_TOKEN_KEY"),
        discord_token=_env(env, "DISCORD_TOKEN"),
        metrics_port=metrics_port,
        metrics_host=_env(env, "JOBBOT_METRICS_HOST") or "127.0.0.1",
        **discord,
        **sections,
    )


def _port(env: Mapping[str, str], name: str) -> int | None:
    """A TCP port number from the environment, or None when unset."""
    value = _env(env, name)
    if value is None:
        return None
    if not value.isdigit() or not 1 <= int(value) <= 65535:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, got {value!r}")
    return int(value)


def _discord_settings(env: Mapping[str, str]) -> dict[str, Any]:
    """The Discord settings from the environment, checked."""
    api_url, gateway_url = _env(env, "DISCORD_API_URL"), _env(env, "DISCORD_GATEWAY_URL")
    if api_url is not None and not re.match(r"https?://", api_url):
        raise SettingsError(f"DISCORD_API_URL must start with http:// or https://, got {api_url!r}")
    if gateway_url is not None and not re.match(r"wss?://", gateway_url):
        raise SettingsError(f"DISCORD_GATEWAY_URL must start with ws:// or wss://, got {gateway_url!r}")
    count_text, ids_text = _env(env, "DISCORD_SHARD_COUNT"), _env(env, "DISCORD_SHARD_IDS") or ""
    if count_text is not None and not (count_text.isdigit() and int(count_text) >= 1):
        raise SettingsError(f"DISCORD_SHARD_COUNT must be a whole number of at least 1, got {count_text!r}")
    ids = [part.strip() for part in ids_text.split(",") if part.strip()]
    if not all(part.isdigit() for part in ids):
        raise SettingsError(f"DISCORD_SHARD_IDS must be shard numbers separated by commas, got {ids_text!r}")
    count = int(count_text) if count_text else None
    if ids and (count is None or any(int(i) >= count for i in ids)):
        raise SettingsError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT, and every id must be below it")
    return {
        "discord_api_url": api_url,
        "discord_gateway_url": gateway_url,
        "discord_admin_role": _env(env, "DISCORD_ADMIN_ROLE"),
        "discord_shard_count": count,
        "discord_shard_ids": tuple(int(i) for i in ids),
    }


def default_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """JOBBOT_DATA_DIR, else the user's data directory for jobbot (not created here)."""
    env = os.environ if env is None else env
    configured = _env(env, "JOBBOT_DATA_DIR")
    if configured is not None:
        return Path(configured).expanduser()
    import platformdirs  # only needed when no directory is configured

    return platformdirs.user_data_path("jobbot", appauthor=False)


def sqlite_url(path: Path) -> str:
    """Return the SQLAlchemy URL of a SQLite database file."""
    return f"sqlite:///{path}"


# A URL's user info: the user name, then (after the first ":") the password, up to the URL's last "@" —
# a password may hold "@" or "/" written unencoded, and must be hidden (or encoded) whole all the same.
_USERINFO = re.compile(
    r"^(?P<scheme>[A-Za-z][\w+.-]*://)(?P<user>[^:/@?#]*):(?P<password>.*)@(?P<rest>[^@]*)$", re.S
)


def mask_url_password(url: str) -> str:
    """``url`` with any password replaced by ***, for logs and reprs."""
    found = _USERINFO.match(url)
    if found is None:
        return url
    return f"{found['scheme']}{found['user']}:***@{found['rest']}"


def url_password(url: str) -> str | None:
    """The password in ``url`` as written (still percent-encoded, if it was), or None."""
    found = _USERINFO.match(url)
    return found["password"] if found else None


def quoted_url_password(url: str) -> str:
    """``url`` with an unencoded ``@``, ``/``, ``:`` etc. in its password percent-encoded.

    ``postgresql://jobbot:p@ss@db/jobs`` would otherwise be read as host ``ss@db`` (a failed connection, and
    part of the password in every error message); already-encoded ``%XX`` stays as it is.
    """
    found = _USERINFO.match(url)
    if found is None:
        return url
    password = quote(found["password"], safe="%!$&'()*+,;=-._~")
    return f"{found['scheme']}{found['user']}:{password}@{found['rest']}"


def _env(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    return value or None  # an empty variable means "not set", as shells and .env files use it


def _config_path(env: Mapping[str, str], explicit: Path | str | None) -> Path | None:
    if explicit is not None:
        return _existing(Path(explicit), "the config_path argument")
    configured = _env(env, "JOBBOT_CONFIG")
    if configured is not None:
        return _existing(Path(configured).expanduser(), "JOBBOT_CONFIG")
    return REPO_CONFIG if REPO_CONFIG.is_file() else None


def _existing(path: Path, named_by: str) -> Path:
    if not path.is_file():
        raise SettingsError(f"{named_by} names {str(path)!r}, which is not a readable file")
    return path


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise SettingsError(f"cannot read {path}: {exc.strerror or exc}") from None


def _section(name: str, cls: type, values: Any) -> Any:
    if not isinstance(values, dict):
        raise SettingsError(f"[{name}] must be a table of settings, got {values!r}")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    checked = {}
    for key, value in values.items():
        if key not in fields:
            raise SettingsError(f"unknown setting {name}.{key}; known: {', '.join(fields)}")
        checked[key] = _checked(f"{name}.{key}", fields[key], value)
    return cls(**checked)


def _checked(key: str, spec: dataclasses.Field[Any], value: object) -> object:
    """``value`` if it fits the field (its default's type is the expected type), else SettingsError."""
    default = spec.default
    if isinstance(default, bool):  # before int: a bool is an int
        if not isinstance(value, bool):
            raise SettingsError(f"{key} must be true or false, got {value!r}")
        return value
    if isinstance(default, int | float):
        whole = isinstance(default, int)
        if isinstance(value, bool) or not isinstance(value, int if whole else int | float):
            raise SettingsError(f"{key} must be {'a whole number' if whole else 'a number'}, got {value!r}")
        minimum = spec.metadata.get("minimum", 1 if whole else 0.001)
        if value < minimum:
            raise SettingsError(f"{key} must be at least {minimum}, got {value!r}")
        return value if whole else float(value)
    if not isinstance(value, str) or not value.strip():
        raise SettingsError(f"{key} must be a non-empty string, got {value!r}")
    return value


def _known() -> str:
    return ", ".join(["log_level", *(f"[{name}]" for name in _SECTIONS)])
