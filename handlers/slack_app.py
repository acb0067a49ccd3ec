"""The Slack app: a Bolt ``AsyncApp`` with every jobbot listener registered. Built, never started, here."""

from __future__ import annotations

import logging
import secrets

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.commands.port import CommandPort
from handlers import (
    slack_actions,
    slack_commands,
    slack_home,
    slack_install,
    slack_logging,
    slack_messages,
    slack_modal,
)
from handlers.slack_caller import CallerResolver
from handlers.slack_install import SlackOAuth
from handlers.slack_permissions import AdminPolicy, UserDirectory

logger = logging.getLogger(__name__)


def create_slack_app(
    service: CommandPort,
    *,
    signing_secret: str | None,
    token: str | None = None,
    client: AsyncWebClient | None = None,
    api_url: str | None = None,
    admin_policy: AdminPolicy | None = None,
    command: str = slack_commands.COMMAND,
    oauth: SlackOAuth | None = None,
) -> AsyncApp:
    """A Bolt app answering ``/jobs``, the card buttons, App Home and the subscription modal.

    ``client`` (or ``token`` and optionally ``api_url``, e.g. SLACK_API_URL) is the Web API client the
    listeners use; HTTP requests must be signed with ``signing_secret``. Socket Mode needs none: without
    one, every HTTP request is refused (an empty secret would let anyone sign).

    With ``oauth`` ("Add to Slack"), ``client`` must hold no token: Bolt finds each request's workspace
    installation and gives the listeners a client with that workspace's bot token.
    """
    if not signing_secret:
        signing_secret = secrets.token_hex(32)  # known to nobody: HTTP requests can never verify
    if client is None:
        client = AsyncWebClient(token=token, base_url=api_url) if api_url else AsyncWebClient(token=token)
    slack_logging.install()  # a rejected request's body never reaches the log
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        name="jobbot",
        logger=logging.getLogger("handlers.slack_app.bolt"),
        oauth_settings=oauth.settings() if oauth is not None else None,
    )
    directory = UserDirectory(clients=oauth.workspaces) if oauth is not None else UserDirectory(client)
    callers = CallerResolver(directory, admin_policy)
    if oauth is not None:
        slack_install.register(app, oauth)
    slack_commands.register(app, service, callers, command=command)
    slack_actions.register(app, service, callers)
    slack_home.register(app, service, callers)
    slack_modal.register(app, service, callers)
    slack_messages.register(app)
    app.error(_log_error)
    return app


async def _log_error(error: Exception) -> None:
    """Log what a listener let through (none should), without the request: it may hold tokens."""
    logger.error("unhandled error in a Slack listener", extra={"error": type(error).__name__}, exc_info=error)
