"""Add to Slack: Bolt's OAuth flow on jobbot's database, and what happens when a workspace removes the app.

GET /slack/install hands out a one-time state (in a cookie and in the database) and redirects to Slack's
authorize page; Slack sends the person back to /slack/oauth_redirect with a code and the state, which
Bolt checks before it exchanges the code (oauth.v2.access) and saves the bot token, encrypted. Requests are
then authorized per workspace from the installation store. ``app_uninstalled`` and a revoked bot token
delete the tokens and hand the workspace to ``on_removed`` (which pauses its subscriptions).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings

from handlers.slack_installations import SqlInstallationStore
from handlers.slack_oauth_states import SqlOAuthStateStore
from handlers.slack_workspaces import InstalledWorkspaces

logger = logging.getLogger(__name__)

INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"
AUTHORIZE_URL = "https://slack.com/oauth/v2/authorize"
# The bot scopes of config/slack-manifest.yml (a test keeps them equal): what an install asks for.
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "im:write", "users:read", "channels:read",
              "groups:read", "channels:history", "groups:history", "im:history")  # fmt: skip
REMOVED_REASON = (
    "jobbot was removed from this Slack workspace; once it is added again (Add to Slack), "
    "`/jobs resume` starts this subscription again"
)

OnRemoved = Callable[[str], Awaitable[object] | object]
"""Called with the team id of a workspace jobbot can no longer post in."""


@dataclass(frozen=True, slots=True)
class SlackOAuth:
    """What OAuth mode needs: the app's credentials, the stores, and who to tell about an uninstall."""

    client_id: str
    client_secret: str
    installations: SqlInstallationStore
    states: SqlOAuthStateStore
    workspaces: InstalledWorkspaces
    on_removed: OnRemoved | None = None
    redirect_uri: str | None = None  # SLACK_REDIRECT_URI: needed when the app lists several redirect URLs
    authorize_url: str = AUTHORIZE_URL  # another authorize page (the fake Slack's, in tests)

    def __repr__(self) -> str:
        """Never the client secret."""
        return f"SlackOAuth(client_id={self.client_id!r}, redirect_uri={self.redirect_uri!r})"

    def settings(self) -> AsyncOAuthSettings:
        """Bolt's OAuth settings: bot scopes only, state checked against the database and a cookie."""
        return AsyncOAuthSettings(
            client_id=self.client_id,
            client_secret=self.client_secret,
            scopes=list(BOT_SCOPES),
            user_scopes=[],
            redirect_uri=self.redirect_uri,
            install_path=INSTALL_PATH,
            redirect_uri_path=REDIRECT_PATH,
            install_page_rendering_enabled=False,  # straight to Slack: the link is the "Add to Slack" button
            authorization_url=self.authorize_url,
            installation_store=self.installations,
            installation_store_bot_only=True,  # jobbot acts as its bot only; it asks for no user scopes
            state_store=self.states,
            state_expiration_seconds=self.states.expiration_seconds,
            logger=logging.getLogger("handlers.slack_install.bolt"),
        )


def register(app: AsyncApp, oauth: SlackOAuth) -> None:
    """Forget a workspace's tokens when it uninstalls jobbot or revokes them, and pause its subscriptions."""

    @app.event("app_uninstalled")
    async def uninstalled(context: AsyncBoltContext) -> None:
        team = context.team_id or ""
        try:
            await oauth.installations.async_delete_all(enterprise_id=context.enterprise_id, team_id=team)
        except Exception:  # the event is not resent: log loudly, delivery fails on its own anyway
            logger.exception("could not delete a slack installation", extra={"team": team})
        await _removed(oauth, team)

    @app.event("tokens_revoked")
    async def revoked(event: dict[str, Any], context: AsyncBoltContext) -> None:
        team = context.team_id or ""
        tokens = event.get("tokens") or {}
        try:
            for user_id in tokens.get("oauth") or ():
                await oauth.installations.async_delete_installation(
                    enterprise_id=context.enterprise_id, team_id=team, user_id=user_id
                )
            if tokens.get("bot"):
                await oauth.installations.async_delete_bot(enterprise_id=context.enterprise_id, team_id=team)
        except Exception:
            logger.exception("could not delete revoked slack tokens", extra={"team": team})
        if tokens.get("bot"):  # a user token going says nothing about delivery: only the bot posts
            await _removed(oauth, team)


async def _removed(oauth: SlackOAuth, team: str) -> None:
    oauth.workspaces.forget(team)
    logger.warning("jobbot removed from a slack workspace", extra={"team": team})
    if oauth.on_removed is None or not team:
        return
    try:
        outcome = oauth.on_removed(team)
        if inspect.isawaitable(outcome):
            await outcome
    except Exception:
        logger.exception("pausing a removed workspace failed", extra={"team": team})
