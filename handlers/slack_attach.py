"""Slack wired into a running jobbot: its notifier, membership lookup, and the app in Socket Mode or HTTP.

One workspace: SLACK_BOT_TOKEN. Many workspaces ("Add to Slack"): SLACK_CLIENT_ID and SLACK_CLIENT_SECRET,
with JOBBOT_TOKEN_KEY to encrypt the tokens each install brings; always over HTTP, since installs are web
pages. Setting both is refused: which token would a card go out with?
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from slack_sdk.oauth.token_rotation.async_rotator import AsyncTokenRotator
from slack_sdk.web.async_client import AsyncWebClient

from bot.app import DEFAULT_HTTP_PORT, ConfigurationError, Serve
from bot.settings import Settings
from bot.store.cipher import TokenCipher, TokenKeyError
from bot.store.migrate import open_store
from handlers.slack_app import create_slack_app
from handlers.slack_clients import SharedSession, make_client
from handlers.slack_install import REMOVED_REASON, SlackOAuth
from handlers.slack_installations import SqlInstallationStore
from handlers.slack_membership import SlackMembership
from handlers.slack_notifier import SlackNotifier
from handlers.slack_oauth_states import SqlOAuthStateStore
from handlers.slack_server import LOOPBACK, run_http, run_socket_mode
from handlers.slack_workspaces import InstalledWorkspaces

if TYPE_CHECKING:
    from bot.app import JobBot


def attach(bot: JobBot, *, port: int | None = None, host: str | None = None) -> Serve | None:
    """Wire Slack in when SLACK_BOT_TOKEN, or SLACK_CLIENT_ID and SLACK_CLIENT_SECRET, are set (else None).

    Socket Mode when SLACK_APP_TOKEN is set and no port is asked for; otherwise HTTP on ``host:port``
    (127.0.0.1:3000 by default: a reverse proxy with TLS in front, or ``--host 0.0.0.0`` where the platform
    routes to the process), which needs SLACK_SIGNING_SECRET so that every request can be verified.
    """
    settings = bot.settings
    if settings.slack_client_id or settings.slack_client_secret:
        return attach_oauth(bot, port=port, host=host)
    shared = SharedSession()
    client = attach_notifier(bot, shared)
    if client is None:
        return None
    app = create_slack_app(bot.service, signing_secret=settings.slack_signing_secret, client=client)
    app_token = settings.slack_app_token
    if app_token and port is None:
        return _closing(shared, lambda stop: run_socket_mode(app, app_token, stop=stop))
    _need_signing_secret(bot, otherwise="; or set SLACK_APP_TOKEN to use Socket Mode")
    return _closing(
        shared,
        lambda stop: run_http(app, port or DEFAULT_HTTP_PORT, host=host or LOOPBACK, stop=stop, ops=bot.ops),
    )


def attach_sender(bot: JobBot) -> Serve | None:
    """Wire in Slack's notifier only (``jobbot worker``); what it returns closes its connections at stop."""
    shared = SharedSession()
    if attach_notifier(bot, shared) is None:
        return None
    return _closing(shared, lambda stop: stop.wait())


def _closing(shared: SharedSession, serve: Serve) -> Serve:
    """``serve``, then the shared session's connections closed however it ended."""

    async def serving(stop: asyncio.Event) -> None:
        try:
            await serve(stop)
        finally:
            await shared.close()

    return serving


def attach_oauth(bot: JobBot, *, port: int | None = None, host: str | None = None) -> Serve:
    """Many workspaces: /slack/install and /slack/oauth_redirect beside /slack/events; a token each."""
    settings = bot.settings
    if settings.slack_bot_token:
        raise ConfigurationError(
            "SLACK_BOT_TOKEN (one workspace) and SLACK_CLIENT_ID/SLACK_CLIENT_SECRET (Add to Slack, many "
            "workspaces) are both set; unset one of them"
        )
    client_id, client_secret = settings.slack_client_id, settings.slack_client_secret
    if not client_id or not client_secret:
        raise ConfigurationError(
            "Add to Slack needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the app's Basic Information "
            "page, App Credentials)"
        )
    _need_signing_secret(bot, otherwise="")
    shared = SharedSession()
    installations, workspaces, api = _installed_workspaces(bot, shared)
    oauth = SlackOAuth(
        client_id=client_id,
        client_secret=client_secret,
        installations=installations,
        states=SqlOAuthStateStore(bot.engine),
        workspaces=workspaces,
        on_removed=lambda team: bot.workspace_removed("slack", team, REMOVED_REASON),
        redirect_uri=settings.slack_redirect_uri,
    )
    bot.notifiers["slack"] = SlackNotifier(clients=workspaces)
    bot.memberships["slack"] = SlackMembership(clients=workspaces)
    app = create_slack_app(bot.service, signing_secret=settings.slack_signing_secret, client=api, oauth=oauth)
    return _closing(
        shared,
        lambda stop: run_http(app, port or DEFAULT_HTTP_PORT, host=host or LOOPBACK, stop=stop, ops=bot.ops),
    )


def reencrypt_tokens(settings: Settings) -> int:
    """Re-encrypt every stored Slack token with the first key of JOBBOT_TOKEN_KEY; returns the rows changed.

    Rotation: put the new key first (``new,old``), restart, run this, then drop the old key.
    """
    if not settings.slack_client_id:
        raise ConfigurationError(
            "SLACK_CLIENT_ID is not set: there is no Add to Slack installation to re-encrypt"
        )
    try:
        cipher = TokenCipher(settings.token_key)
    except TokenKeyError as exc:
        raise ConfigurationError(str(exc)) from None
    engine = open_store(settings.database_url)
    try:
        return SqlInstallationStore(engine, cipher, client_id=settings.slack_client_id).reencrypt_all()
    finally:
        engine.dispose()


def _need_signing_secret(bot: JobBot, *, otherwise: str) -> None:
    if not bot.settings.slack_signing_secret:
        raise ConfigurationError(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (on the app's Basic Information page) to verify "
            f"requests{otherwise}"
        )


def attach_notifier(bot: JobBot, shared: SharedSession) -> AsyncWebClient | None:
    """Wire in Slack's notifier and membership lookup, their clients on ``shared``; no app, no port.

    One workspace (SLACK_BOT_TOKEN): its client. Many (SLACK_CLIENT_ID): each card goes out with its
    workspace's stored token, as in ``attach_oauth``. None when neither is set.
    """
    settings = bot.settings
    if settings.slack_client_id:
        _, workspaces, api = _installed_workspaces(bot, shared)
        bot.notifiers["slack"] = SlackNotifier(clients=workspaces)
        bot.memberships["slack"] = SlackMembership(clients=workspaces)
        return api
    if not settings.slack_bot_token:
        return None
    client = make_client(settings.slack_bot_token, settings.slack_api_url, shared=shared)
    bot.notifiers["slack"] = SlackNotifier(client)
    bot.memberships["slack"] = SlackMembership(client)
    return client


def _installed_workspaces(
    bot: JobBot, shared: SharedSession
) -> tuple[SqlInstallationStore, InstalledWorkspaces, AsyncWebClient]:
    """The installation store, the per-workspace clients over it, and a token-less Web API client."""
    settings = bot.settings
    client_id, client_secret = settings.slack_client_id, settings.slack_client_secret
    if not client_id or not client_secret:
        raise ConfigurationError(
            "Add to Slack needs both SLACK_CLIENT_ID and SLACK_CLIENT_SECRET (the app's Basic Information "
            "page, App Credentials)"
        )
    try:
        cipher = TokenCipher(settings.token_key)
    except TokenKeyError as exc:
        raise ConfigurationError(f"Add to Slack stores each workspace's token encrypted: {exc}") from None
    installations = SqlInstallationStore(bot.engine, cipher, client_id=client_id)
    api = make_client(
        None, settings.slack_api_url, shared=shared
    )  # each request brings its workspace's token
    rotator = AsyncTokenRotator(client_id=client_id, client_secret=client_secret, client=api)
    workspaces = InstalledWorkspaces(
        installations, api_url=settings.slack_api_url, shared=shared, rotator=rotator
    )
    return installations, workspaces, api
