"""Bolt's installation store on jobbot's own database, every token encrypted (``bot.store.cipher``).

Each workspace has a bot row (its bot token: what jobbot posts with) and one row per installing user (a user
token, if the app ever asks for user scopes). Only ids, names, scopes and expiry times are stored in clear;
tokens, refresh tokens and incoming-webhook URLs are in the encrypted ``secrets`` column.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from sqlalchemy.engine import Engine

from bot.store import installations as rows
from bot.store.cipher import TokenCipher

logger = logging.getLogger(__name__)

PLATFORM = "slack"
BOT_SECRETS = ("bot_token", "bot_refresh_token")
USER_SECRETS = ("user_token", "user_refresh_token", "incoming_webhook_url")  # a webhook URL can post
BOT_DETAILS = ("app_id", "enterprise_id", "enterprise_name", "team_id", "team_name", "bot_id", "bot_user_id",
               "bot_scopes", "bot_token_expires_at", "is_enterprise_install", "custom_values")  # fmt: skip
USER_DETAILS = ("app_id", "enterprise_id", "enterprise_name", "enterprise_url", "team_id", "team_name",
                "user_id", "user_scopes", "user_token_expires_at", "incoming_webhook_channel",
                "incoming_webhook_channel_id", "incoming_webhook_configuration_url", "is_enterprise_install",
                "token_type", "custom_values")  # fmt: skip
_BOT_IN_INSTALLATION = (*BOT_SECRETS, "bot_id", "bot_user_id", "bot_scopes", "bot_token_expires_at")


class SqlInstallationStore(AsyncInstallationStore):
    """``AsyncInstallationStore`` for one Slack app (``client_id``) on the store's engine."""

    def __init__(self, engine: Engine, cipher: TokenCipher, *, client_id: str) -> None:
        self._engine = engine
        self._cipher = cipher
        self._client_id = client_id
        self._watchers: list[Callable[[str], None]] = []

    def on_change(self, watcher: Callable[[str], None]) -> None:
        """Call ``watcher(team_id)`` whenever a workspace's bot is saved or deleted (caches of tokens)."""
        self._watchers.append(watcher)

    @property
    def logger(self) -> logging.Logger:
        """The logger Bolt reports through."""
        return logger

    async def async_save(self, installation: Installation) -> None:
        """Store who installed (user row) and, when a bot token came with it, the workspace's bot."""
        if installation.bot_token:
            await self.async_save_bot(installation.to_bot())
        key = self._key(installation.enterprise_id, installation.team_id, installation.is_enterprise_install)
        self._save(key, installation.user_id, installation, USER_DETAILS, USER_SECRETS)

    async def async_save_bot(self, bot: Bot) -> None:
        """Store (or replace, after a reinstall or a token refresh) the workspace's bot and its token."""
        key = self._key(bot.enterprise_id, bot.team_id, bot.is_enterprise_install)
        self._save(key, rows.BOT, bot, BOT_DETAILS, BOT_SECRETS)
        logger.info("slack bot saved", extra={"team": bot.team_id, "enterprise": bot.enterprise_id})
        self._changed(bot.team_id)

    async def async_find_bot(
        self, *, enterprise_id: str | None, team_id: str | None, is_enterprise_install: bool | None = False
    ) -> Bot | None:
        """The workspace's bot with its token, or None when jobbot is not installed there."""
        found = self._find(self._key(enterprise_id, team_id, is_enterprise_install), rows.BOT)
        if found is None or not found[1].get("bot_token"):
            return None
        details, secrets, installed_at = found
        return Bot(**details, **secrets, installed_at=installed_at)  # type: ignore[arg-type]

    async def find_workspace_bot(self, team_id: str) -> Bot | None:
        """The bot of workspace ``team_id`` whatever org it is in: deliveries know only the team id."""
        key = rows.InstallKey(PLATFORM, self._client_id, "", team_id)
        found = self._find(key, rows.BOT, any_enterprise=True)
        if found is None or not found[1].get("bot_token"):
            return None
        details, secrets, installed_at = found
        return Bot(**details, **secrets, installed_at=installed_at)  # type: ignore[arg-type]

    async def async_find_installation(
        self,
        *,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None = None,
        is_enterprise_install: bool | None = False,
    ) -> Installation | None:
        """The installation by ``user_id`` (else the workspace's newest), with the bot's current token."""
        key = self._key(enterprise_id, team_id, is_enterprise_install)
        found = self._find(key, user_id, latest_user=user_id is None)
        if found is None:
            return None
        details, secrets, installed_at = found
        bot = await self.async_find_bot(
            enterprise_id=enterprise_id, team_id=team_id, is_enterprise_install=is_enterprise_install
        )
        # The bot row is the truth about the bot (it may have been refreshed, or deleted, since).
        bot_fields = {name: getattr(bot, name) for name in _BOT_IN_INSTALLATION} if bot else {}
        return Installation(**details, **secrets, **bot_fields, installed_at=installed_at)  # type: ignore[arg-type]

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget the workspace's bot token (tokens revoked, or the app uninstalled)."""
        self._delete(enterprise_id, team_id, bot=True, users=False)

    async def async_delete_installation(
        self, *, enterprise_id: str | None, team_id: str | None, user_id: str | None = None
    ) -> None:
        """Forget one installing user's tokens, or every user's in the workspace when ``user_id`` is None."""
        self._delete(enterprise_id, team_id, bot=False, users=user_id if user_id is not None else True)

    async def async_delete_all(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        """Forget everything about the workspace, in one transaction (the app was uninstalled)."""
        self._delete(enterprise_id, team_id, bot=True, users=True)

    def reencrypt_all(self) -> int:
        """Re-encrypt every row with the first key of JOBBOT_TOKEN_KEY; returns how many rows changed."""
        changed = 0
        for key, old in rows.all_installation_secrets(self._engine, PLATFORM):
            changed += rows.replace_secrets(self._engine, key, old, self._cipher.rotate(old))
        return changed

    # ---- rows

    def _key(self, enterprise_id: str | None, team_id: str | None, org_wide: bool | None) -> rows.InstallKey:
        # An org-wide install belongs to the org, not to the workspace a request happened to come from.
        workspace = "" if org_wide else (team_id or "")
        return rows.InstallKey(PLATFORM, self._client_id, enterprise_id or "", workspace)

    def _save(
        self,
        key: rows.InstallKey,
        user_id: str,
        source: Installation | Bot,
        details: tuple[str, ...],
        secrets: tuple[str, ...],
    ) -> None:
        row = rows.InstallRow(
            rows.InstallKey(key.platform, key.app, key.enterprise, key.workspace, user_id or ""),
            datetime.fromtimestamp(source.installed_at, UTC),
            {name: getattr(source, name) for name in details},
            self._cipher.encrypt({name: getattr(source, name) for name in secrets}),
        )
        rows.save_installation(self._engine, row)

    def _find(
        self,
        key: rows.InstallKey,
        user_id: str | None,
        *,
        latest_user: bool = False,
        any_enterprise: bool = False,
    ) -> tuple[dict[str, Any], dict[str, Any], datetime] | None:
        wanted = rows.InstallKey(key.platform, key.app, key.enterprise, key.workspace, user_id or "")
        found = rows.find_installation(
            self._engine, wanted, latest_user=latest_user, any_enterprise=any_enterprise
        )
        if found is None:
            return None
        return dict(found.details), self._cipher.decrypt(found.secrets), found.installed_at

    def _delete(
        self, enterprise_id: str | None, team_id: str | None, *, bot: bool, users: bool | str
    ) -> None:
        key = self._key(enterprise_id, team_id, org_wide=team_id is None)
        deleted = rows.delete_installations(self._engine, key, bot=bot, users=users)
        logger.info(
            "slack installation deleted",
            extra={"team": team_id, "enterprise": enterprise_id, "bot": bot, "rows": deleted},
        )
        if bot:
            self._changed(team_id)

    def _changed(self, team_id: str | None) -> None:
        for watcher in self._watchers:
            watcher(team_id or "")
