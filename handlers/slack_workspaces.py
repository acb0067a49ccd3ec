"""Each installed workspace's own Web API client ("Add to Slack" mode; see ``handlers.slack_clients``).

The workspace's bot token comes from the installation store, kept for a minute so a fan-out does not read
and decrypt it per card; a workspace with no installation raises ``WorkspaceNotInstalled`` and never falls
back to another workspace's token.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from handlers.slack_clients import SharedSession, WorkspaceNotInstalled, make_client
from handlers.slack_installations import SqlInstallationStore

logger = logging.getLogger(__name__)

TOKEN_CACHE_SECONDS = 60.0  # after an uninstall seen by another process, at most this long to notice
REFRESH_MINUTES_BEFORE_EXPIRY = 120  # Bolt's default for token rotation


class InstalledWorkspaces:
    """Each workspace's client from its installation, cached for ``ttl`` seconds; tokens refreshed if due."""

    def __init__(
        self,
        store: SqlInstallationStore,
        *,
        api_url: str | None = None,
        shared: SharedSession | None = None,
        rotator: AsyncTokenRotator | None = None,
        ttl: float = TOKEN_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``rotator`` refreshes expiring bot tokens (Slack's token rotation); None when it is off.

        ``shared``: the process's session, which every workspace's client uses (None: one per call).
        """
        self._store = store
        self._api_url = api_url
        self._shared = shared
        self._rotator = rotator
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, AsyncWebClient]] = {}
        store.on_change(self.forget)  # installed again, refreshed, uninstalled: read the store next time

    async def client_for(self, team_id: str) -> AsyncWebClient:
        """The client with ``team_id``'s bot token; WorkspaceNotInstalled when there is none."""
        now = self._clock()
        cached = self._cache.get(team_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        bot = await self._store.find_workspace_bot(team_id) if team_id else None
        if bot is None:
            self._cache.pop(team_id, None)
            raise WorkspaceNotInstalled(team_id)
        bot = await self._refreshed(bot)
        client = make_client(bot.bot_token, self._api_url, shared=self._shared)
        self._cache[team_id] = (now + self._ttl, client)
        return client

    def forget(self, team_id: str) -> None:
        """The next ``client_for(team_id)`` reads the store again."""
        self._cache.pop(team_id, None)

    async def _refreshed(self, bot: Bot) -> Bot:
        """``bot`` with a fresh token when rotation is on and the token expires soon (the new one saved)."""
        if self._rotator is None or not bot.bot_refresh_token:
            return bot
        # Refresh well before expiry: a cached client is used for up to ``ttl`` seconds after this.
        ahead = REFRESH_MINUTES_BEFORE_EXPIRY + int(self._ttl // 60) + 1
        try:
            rotate = self._rotator.perform_bot_token_rotation
            refreshed = await rotate(bot=bot, minutes_before_expiration=ahead)
        except Exception as exc:  # the old token may still work; Slack will say when it does not
            failure = {"team": bot.team_id, "error": type(exc).__name__}
            logger.warning("slack token refresh failed", extra=failure)
            return bot
        if refreshed is None:
            return bot
        await self._store.async_save_bot(refreshed)
        logger.info("slack bot token refreshed", extra={"team": bot.team_id})
        return refreshed
